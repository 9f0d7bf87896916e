package dcplan.scenario;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dcplan.scenario.ScenarioTestSupport.SCENARIOS;
import static dcplan.scenario.ScenarioTestSupport.diff;
import static dcplan.scenario.ScenarioTestSupport.fullDemand;
import static dcplan.scenario.ScenarioTestSupport.shipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenarios in models/scenarios load and resolve against the shipped model, and do what their names say. */
class ShippedScenariosTest {
    private final PlanningModel base = shipped();
    private final List<DemandCell> demand = fullDemand(base);

    private ScenarioResolver.Resolved resolve(String name) {
        Scenario s = ScenarioLoader.load(SCENARIOS.resolve(name + ".yaml"), base);
        assertEquals(name, s.name(), "a scenario's name is its file name");
        return ScenarioResolver.resolve(base, demand, s);
    }

    @Test
    void everyShippedScenarioLoadsResolvesAndExplainsItself() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SCENARIOS)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        Set<String> names = new TreeSet<>();
        for (Path f : files) {
            Scenario s = ScenarioLoader.load(f, base);
            names.add(s.name());
            assertEquals(f.getFileName().toString(), s.name() + ".yaml");
            assertTrue(s.description().length() > 400, f + ": the description gives the reasoning and sources");
            assertTrue(s.description().contains("figures.md") || s.description().contains("models/README.md"), f + ": cites its sources");
            var r = ScenarioResolver.resolve(base, demand, s);
            assertFalse(r.changes().isEmpty());
            assertFalse(r.changes().contains("no changes from the base model"), f.toString());
            assertTrue(Files.readString(SCENARIOS.resolve("README.md")).contains("`" + f.getFileName() + "`"),
                    f + " is listed in models/scenarios/README.md");
        }
        assertTrue(names.containsAll(Set.of("nvidia-ban-chinese-parent-abroad", "brazil-demand-surge", "domestic-chip-supply-delay",
                "france-power-price-rise", "budget-cut-25pct")), names.toString());
    }

    @Test
    void nvidiaBanCoversEveryNonChineseSiteFrom2026Q3AndLeavesChinaAndThePpuAlone() {
        var r = resolve("nvidia-ban-chinese-parent-abroad");
        assertEquals(Set.of("chips/nvidia-h20/bannedJurisdictions", "chips/nvidia-h200/bannedJurisdictions"), diff(base, r.model()));
        for (Chip c : r.model().chips()) {
            for (Site s : r.model().sites()) {
                for (Quarter q : r.model().quarters()) {
                    boolean expected = c.vendor().equals("nvidia") && !s.jurisdiction().equals("CN") && !q.isBefore(Quarter.parse("2026Q3"));
                    assertEquals(expected, c.isBannedIn(s.jurisdiction(), q), c.id() + " at " + s.id() + " in " + q);
                }
            }
        }
        assertEquals(demand, r.demand());
    }

    @Test
    void brazilSurgeChangesOnlyBrazilianDemand() {
        var r = resolve("brazil-demand-surge");
        assertEquals(Set.of(), diff(base, r.model()));
        for (int i = 0; i < demand.size(); i++) {
            DemandCell b = demand.get(i);
            DemandCell a = r.demand().get(i);
            int year = b.quarter().year();
            boolean started = !b.quarter().isBefore(Quarter.parse("2026Q3"));
            double factor = !b.region().equals("brazil") || !started ? 1.0 : switch (b.workload()) {
                case "llm-chat", "embedding" -> year == 2026 ? 1.3 : year == 2027 ? 1.6 : 2.0;
                case "recsys" -> 1.2;
                case "llm-batch" -> year >= 2027 ? 1.5 : 1.0;
                default -> throw new AssertionError(b.workload());
            };
            assertEquals(b.peakIps() * factor, a.peakIps(), 1e-9, a.toString());
            assertEquals(b.avgIps() * factor, a.avgIps(), 1e-9, a.toString());
        }
    }

    @Test
    void domesticDelayShiftsThePpuRampTwoQuarters() {
        var r = resolve("domestic-chip-supply-delay");
        assertTrue(diff(base, r.model()).stream().allMatch(p -> p.startsWith("chips/ppu/supply/")));
        Chip.Supply before = base.chip("ppu").orElseThrow().supply();
        Chip.Supply after = r.model().chip("ppu").orElseThrow().supply();
        List<Quarter> qs = base.quarters();
        for (int i = 0; i < qs.size(); i++) {
            long expected = i < 2 ? 500 : before.in(qs.get(i - 2));
            assertEquals(expected, after.in(qs.get(i)), qs.get(i).toString());
        }
        assertEquals(23000, qs.stream().mapToLong(after::in).sum());
    }

    @Test
    void francePowerPriceRiseChangesOnlyParisPrice() {
        var r = resolve("france-power-price-rise");
        assertEquals(Set.of("sites/paris/electricityUsdPerMwh"), diff(base, r.model()));
        assertEquals(120.0, r.model().site("paris").orElseThrow().electricityUsdPerMwh());
    }

    @Test
    void budgetCutIs25PercentEveryYear() {
        var r = resolve("budget-cut-25pct");
        assertEquals(Set.of("policy/annualCapexBudgetUsd/2026", "policy/annualCapexBudgetUsd/2027", "policy/annualCapexBudgetUsd/2028"),
                diff(base, r.model()));
        assertEquals(List.of(1.2e9, 1.35e9, 1.65e9), List.of(r.model().policy().budgetUsd(2026), r.model().policy().budgetUsd(2027),
                r.model().policy().budgetUsd(2028)));
    }

    @Test
    void highServiceLevelNeedsTheRollUp() {
        var r = resolve("high-service-level");
        assertEquals(Set.of("policy/planningQuantile", "policy/targetUtilization"), diff(base, r.model()));
        assertTrue(ScenarioLoader.load(SCENARIOS.resolve("high-service-level.yaml"), base).changesRollUp());
    }
}
