package dcplan.scenario;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dcplan.scenario.ScenarioTestSupport.diff;
import static dcplan.scenario.ScenarioTestSupport.fullDemand;
import static dcplan.scenario.ScenarioTestSupport.scenario;
import static dcplan.scenario.ScenarioTestSupport.shipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per kind of override, on the shipped model and a full demand table: the resolved
 * model and demand are compared with the base field by field, and must differ in exactly what
 * the scenario names, by exactly the amount it names.
 */
class ScenarioResolverTest {
    @TempDir
    Path dir;

    private final PlanningModel base = shipped();
    private final List<DemandCell> demand = fullDemand(base);

    private ScenarioResolver.Resolved resolve(String body) throws Exception {
        Scenario s = ScenarioLoader.load(scenario(dir, body), base);
        return ScenarioResolver.resolve(base, demand, s);
    }

    private static Quarter q(String text) {
        return Quarter.parse(text);
    }

    @Test
    void demandMultiplierChangesOnlyItsCellsByExactlyItsFactor() throws Exception {
        var r = resolve("demand:\n  - {regions: [brazil], workloads: [llm-chat], from: 2027Q1, multiplier: 1.4}\n");
        assertEquals(Set.of(), diff(base, r.model()), "the model is untouched");
        assertEquals(demand.size(), r.demand().size());
        int changed = 0;
        for (int i = 0; i < demand.size(); i++) {
            DemandCell b = demand.get(i);
            DemandCell a = r.demand().get(i);
            assertEquals(List.of(b.region(), b.workload(), b.quarter()), List.of(a.region(), a.workload(), a.quarter()));
            boolean named = b.region().equals("brazil") && b.workload().equals("llm-chat") && !b.quarter().isBefore(q("2027Q1"));
            double factor = named ? 1.4 : 1.0;
            assertEquals(b.peakIps() * factor, a.peakIps(), 0.0, a.toString());
            assertEquals(b.avgIps() * factor, a.avgIps(), 0.0, a.toString());
            changed += named ? 1 : 0;
        }
        assertEquals(8, changed, "2027Q1..2028Q4");
        assertTrue(r.changes().get(0).startsWith("demand x1.4 for brazil / llm-chat / 2027Q1..2028Q4: 8 cells"), r.changes().toString());
    }

    @Test
    void demandRulesWithoutRegionsOrWorkloadsMatchAllAndOverlappingRulesMultiply() throws Exception {
        var r = resolve("demand:\n"
                + "  - {from: 2028Q4, to: 2028Q4, multiplier: 0.5}\n"
                + "  - {regions: france, workloads: [recsys, embedding], to: 2028Q4, multiplier: 3}\n");
        for (int i = 0; i < demand.size(); i++) {
            DemandCell b = demand.get(i);
            double factor = (b.quarter().equals(q("2028Q4")) ? 0.5 : 1.0)
                    * (b.region().equals("france") && Set.of("recsys", "embedding").contains(b.workload()) ? 3.0 : 1.0);
            assertEquals(b.peakIps() * factor, r.demand().get(i).peakIps(), 1e-9);
            assertEquals(b.avgIps() * factor, r.demand().get(i).avgIps(), 1e-9);
        }
        assertEquals(2, r.changes().size(), r.changes().toString());
        assertTrue(r.changes().get(0).contains("every region / every workload / 2028Q4..2028Q4: 20 cells"), r.changes().get(0));
    }

    @Test
    void chipPriceChangesOnlyThatChipsPrice() throws Exception {
        var r = resolve("chips:\n  nvidia-h200: {server_price_usd: 320000}\n");
        assertEquals(Set.of("chips/nvidia-h200/serverPriceUsd"), diff(base, r.model()));
        assertEquals(320000, r.model().chip("nvidia-h200").orElseThrow().serverPriceUsd());
        assertEquals(demand, r.demand());
        assertEquals(List.of("chip nvidia-h200: server_price_usd 290000 -> 320000 USD"), r.changes());
    }

    @Test
    void chipThroughputChangesOnlyTheNamedWorkloads() throws Exception {
        var r = resolve("chips:\n  ppu: {throughput_ips: {llm-chat: 12.5, recsys: 0}}\n");
        assertEquals(Set.of("chips/ppu/throughputIps/llm-chat", "chips/ppu/throughputIps/recsys"), diff(base, r.model()));
        Chip ppu = r.model().chip("ppu").orElseThrow();
        assertEquals(12.5, ppu.throughput("llm-chat"));
        assertEquals(0.0, ppu.throughput("recsys"));
        assertEquals(base.chip("ppu").orElseThrow().throughput("embedding"), ppu.throughput("embedding"));
        assertTrue(r.changes().get(1).contains("can no longer serve recsys"), r.changes().toString());
    }

    @Test
    void chipSupplyFromAQuarterSetsThatQuarterOnwardAndKeepsTheEarlierOnes() throws Exception {
        var r = resolve("chips:\n  nvidia-h200:\n    supply: {from: 2027Q1, per_quarter: 800}\n");
        Set<String> d = diff(base, r.model());
        assertFalse(d.isEmpty());
        assertTrue(d.stream().allMatch(p -> p.startsWith("chips/nvidia-h200/supply/")), d.toString());
        Chip.Supply before = base.chip("nvidia-h200").orElseThrow().supply();
        Chip.Supply after = r.model().chip("nvidia-h200").orElseThrow().supply();
        for (Quarter quarter : base.quarters()) {
            assertEquals(quarter.isBefore(q("2027Q1")) ? before.in(quarter) : 800, after.in(quarter), quarter.toString());
        }
        assertTrue(r.changes().get(0).contains("800 from 2027Q1") && r.changes().get(0).contains("17,700 -> 12,100"),
                r.changes().toString());
    }

    @Test
    void supplyStepsApplyInTurn() throws Exception {
        var r = resolve("chips:\n  ppu:\n    supply: [{from: 2026Q1, per_quarter: 500}, {from: 2026Q3, per_quarter: 0}, "
                + "{from: 2027Q1, per_quarter: 3000}]\n");
        Chip.Supply after = r.model().chip("ppu").orElseThrow().supply();
        for (Quarter quarter : base.quarters()) {
            long expected = quarter.isBefore(q("2026Q3")) ? 500 : quarter.isBefore(q("2027Q1")) ? 0 : 3000;
            assertEquals(expected, after.in(quarter), quarter.toString());
        }
        assertTrue(diff(base, r.model()).stream().allMatch(p -> p.startsWith("chips/ppu/supply/")));
    }

    @Test
    void banAddsBansInTheNamedJurisdictionsFromTheQuarterOnly() throws Exception {
        var r = resolve("chips:\n  nvidia-h200:\n    ban: [{jurisdiction: SG, from: 2026Q3}, {jurisdictions: [BR, FR]}]\n");
        assertEquals(Set.of("chips/nvidia-h200/bannedJurisdictions"), diff(base, r.model()));
        Chip h200 = r.model().chip("nvidia-h200").orElseThrow();
        assertEquals(List.of(new Chip.Ban("SG", q("2026Q3")), new Chip.Ban("BR", null), new Chip.Ban("FR", null)),
                h200.bannedJurisdictions());
        Chip was = base.chip("nvidia-h200").orElseThrow();
        for (Site s : base.sites()) {
            for (Quarter quarter : base.quarters()) {
                boolean expected = switch (s.jurisdiction()) {
                    case "SG" -> !quarter.isBefore(q("2026Q3"));
                    case "BR", "FR" -> true;
                    default -> was.isBannedIn(s.jurisdiction(), quarter);
                };
                assertEquals(expected, h200.isBannedIn(s.jurisdiction(), quarter), s.id() + " " + quarter);
            }
        }
    }

    @Test
    void siteFieldChangesChangeOnlyThoseFieldsOfThatSite() throws Exception {
        var r = resolve("sites:\n  paris: {electricity_usd_per_mwh: 110, max_it_mw: 60, expansion_usd_per_mw: 12000000, "
                + "expansion_ready: 2027Q3}\n");
        assertEquals(Set.of("sites/paris/electricityUsdPerMwh", "sites/paris/maxItMw", "sites/paris/expansionUsdPerMw",
                "sites/paris/expansionReady"), diff(base, r.model()));
        Site paris = r.model().site("paris").orElseThrow();
        assertEquals(List.of(110.0, 60.0, 12000000.0), List.of(paris.electricityUsdPerMwh(), paris.maxItMw(), paris.expansionUsdPerMw()));
        assertEquals(q("2027Q3"), paris.expansionReady());
        assertEquals(List.of("site paris: max_it_mw 100 -> 60 MW", "site paris: electricity_usd_per_mwh 75 -> 110 USD/MWh",
                "site paris: expansion_usd_per_mw 10810000 -> 12000000 USD/MW", "site paris: expansion_ready 2027Q1 -> 2027Q3"),
                r.changes());
    }

    @Test
    void addedSiteIsAppendedAsWritten() throws Exception {
        var r = resolve("sites:\n  add:\n    - {id: marseille, name: Marseille, country: FR, jurisdiction: FR, "
                + "latency_ms: {france: 12}, max_it_mw: 40, expansion_usd_per_mw: 10500000, expansion_ready: 2027Q4, "
                + "electricity_usd_per_mwh: 80, pue: 1.3}\n");
        assertEquals(Set.of("sites/marseille"), diff(base, r.model()));
        assertEquals(new Site("marseille", "Marseille", "FR", "FR", Map.of("france", 12.0), 0, 40, 10500000, q("2027Q4"), 80, 1.3,
                Map.of()), r.model().sites().get(r.model().sites().size() - 1));
        assertEquals(base.sites(), r.model().sites().subList(0, base.sites().size()));
    }

    @Test
    void removedSiteLeavesWithItsExistingServersAndTheChangeSaysSo() throws Exception {
        var r = resolve("sites:\n  remove: [hangzhou, bangkok]\n");
        assertEquals(Set.of("sites/hangzhou", "sites/bangkok"), diff(base, r.model()));
        assertTrue(r.model().site("hangzhou").isEmpty());
        assertEquals(2, r.changes().size(), r.changes().toString());
        assertTrue(r.changes().stream().anyMatch(c -> c.startsWith("site hangzhou removed with what is built there: 30 MW and "
                + "3000 nvidia-h20 existing servers leave the plan")), r.changes().toString());
        assertTrue(r.changes().stream().anyMatch(c -> c.startsWith("site bangkok removed with what is built there: 4 MW leave")),
                r.changes().toString());
    }

    @Test
    void budgetScaleScalesEveryYearAndNothingElse() throws Exception {
        var r = resolve("budget: {scale: 0.75}\n");
        assertEquals(Set.of("policy/annualCapexBudgetUsd/2026", "policy/annualCapexBudgetUsd/2027",
                "policy/annualCapexBudgetUsd/2028"), diff(base, r.model()));
        for (int year = 2026; year <= 2028; year++) {
            assertEquals(base.policy().budgetUsd(year) * 0.75, r.model().policy().budgetUsd(year), 0.0);
        }
        assertEquals("budget 2026: 1,600,000,000 -> 1,200,000,000 USD (x0.75)", r.changes().get(0));
    }

    @Test
    void budgetPerYearSetsThatYearOnlyAndScaleSkipsIt() throws Exception {
        var r = resolve("budget: {2027: 1000000000, scale: 2}\n");
        assertEquals(1e9, r.model().policy().budgetUsd(2027));
        assertEquals(3.2e9, r.model().policy().budgetUsd(2026));
        assertEquals(4.4e9, r.model().policy().budgetUsd(2028));
        var only = resolve("budget: {2027: 1000000000}\n");
        assertEquals(Set.of("policy/annualCapexBudgetUsd/2027"), diff(base, only.model()));
    }

    @Test
    void policyChangesOnlyTheNamedFieldsAndSaysQuantileAndRhoNeedTheRollUp() throws Exception {
        var r = resolve("policy: {planning_quantile: 0.95, rho: 0.5, target_utilization: 0.75}\n");
        assertEquals(Set.of("policy/planningQuantile", "policy/rho", "policy/targetUtilization"), diff(base, r.model()));
        assertEquals(List.of(0.95, 0.5, 0.75), List.of(r.model().policy().planningQuantile(), r.model().policy().rho(),
                r.model().policy().targetUtilization()));
        assertEquals(demand, r.demand(), "a given demand table cannot be re-quantiled");
        assertTrue(r.changes().stream().anyMatch(c -> c.contains(ScenarioResolver.ROLL_UP_ONLY)), r.changes().toString());

        var u = resolve("policy: {target_utilization: 0.7}\n");
        assertEquals(Set.of("policy/targetUtilization"), diff(base, u.model()));
        assertTrue(u.changes().stream().noneMatch(c -> c.contains(ScenarioResolver.ROLL_UP_ONLY)), u.changes().toString());
        assertFalse(ScenarioLoader.load(scenario(dir, "policy: {target_utilization: 0.7}\n"), base).changesRollUp());
    }

    @Test
    void emptyScenarioResolvesToTheBaseAndTheInputsAreNotChanged() throws Exception {
        List<DemandCell> copy = List.copyOf(demand);
        var r = resolve("");
        assertEquals(base, r.model());
        assertEquals(demand, r.demand());
        assertEquals(List.of("no changes from the base model"), r.changes());
        var s = resolve("demand: [{multiplier: 2}]\nchips: {ppu: {server_price_usd: 1}}\n");
        assertNotEquals(base, s.model());
        assertEquals(copy, demand, "resolve is pure");
        assertEquals(shipped(), base, "resolve is pure");
    }
}
