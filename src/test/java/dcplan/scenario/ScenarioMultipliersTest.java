package dcplan.scenario;

import dcplan.model.Eligibility;
import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dcplan.scenario.ScenarioTestSupport.diff;
import static dcplan.scenario.ScenarioTestSupport.fullDemand;
import static dcplan.scenario.ScenarioTestSupport.scenario;
import static dcplan.scenario.ScenarioTestSupport.shipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Relative changes (multipliers) and region overrides, in {@link ScenarioResolverTest}'s style:
 * the resolved model is compared with the base field by field and must differ in exactly what
 * the scenario names, by exactly the factor it names; the demand is never touched.
 */
class ScenarioMultipliersTest {
    @TempDir
    Path dir;

    private final PlanningModel base = shipped();
    private final List<DemandCell> demand = fullDemand(base);

    private ScenarioResolver.Resolved resolve(String body) throws Exception {
        Scenario s = ScenarioLoader.load(scenario(dir, body), base);
        ScenarioResolver.Resolved r = ScenarioResolver.resolve(base, demand, s);
        assertEquals(demand, r.demand(), "no multiplier here touches demand");
        return r;
    }

    private Chip chip(PlanningModel m, String id) {
        return m.chip(id).orElseThrow();
    }

    private Site site(PlanningModel m, String id) {
        return m.site(id).orElseThrow();
    }

    @Test
    void serverPriceMultiplierChangesOnlyThatChipsPrice() throws Exception {
        var r = resolve("chips:\n  nvidia-h200: {server_price_multiplier: 1.2}\n");
        assertEquals(Set.of("chips/nvidia-h200/serverPriceUsd"), diff(base, r.model()));
        assertEquals(290000 * 1.2, chip(r.model(), "nvidia-h200").serverPriceUsd(), 0.0);
        assertEquals(List.of("chip nvidia-h200: server_price_usd 290000 -> 348000 USD (x1.2)"), r.changes());
    }

    @Test
    void aValueAppliesBeforeItsMultiplier() throws Exception {
        var r = resolve("chips:\n  ppu: {server_price_usd: 100000, server_price_multiplier: 1.1}\n");
        assertEquals(Set.of("chips/ppu/serverPriceUsd"), diff(base, r.model()));
        assertEquals(100000 * 1.1, chip(r.model(), "ppu").serverPriceUsd(), 0.0);
    }

    @Test
    void allChipsMultipliesEveryChipAndTimesAChipsOwnFactor() throws Exception {
        var r = resolve("chips:\n  all: {server_price_multiplier: 1.1}\n  ppu: {server_price_multiplier: 1.2}\n");
        assertEquals(Set.of("chips/ppu/serverPriceUsd", "chips/nvidia-h20/serverPriceUsd", "chips/nvidia-h200/serverPriceUsd"),
                diff(base, r.model()));
        assertEquals(83000 * 1.2 * 1.1, chip(r.model(), "ppu").serverPriceUsd(), 1e-9);
        assertEquals(167000 * 1.1, chip(r.model(), "nvidia-h20").serverPriceUsd(), 1e-9);
        assertEquals(290000 * 1.1, chip(r.model(), "nvidia-h200").serverPriceUsd(), 1e-9);
        assertTrue(r.changes().contains("chip ppu: server_price_usd 83000 -> 109560 USD (x1.2, x1.1 for all chips)"),
                r.changes().toString());
    }

    @Test
    void throughputMultiplierAsANumberScalesEveryWorkloadOfThatChip() throws Exception {
        var r = resolve("chips:\n  ppu: {throughput_multiplier: 0.9}\n");
        Chip was = chip(base, "ppu");
        Chip now = chip(r.model(), "ppu");
        Set<String> expected = new TreeSet<>();
        for (String w : was.throughputIps().keySet()) {
            expected.add("chips/ppu/throughputIps/" + w);
            assertEquals(was.throughput(w) * 0.9, now.throughput(w), 0.0, w);
        }
        assertEquals(expected, diff(base, r.model()));
        assertEquals(1, r.changes().size(), r.changes().toString());
        assertTrue(r.changes().get(0).startsWith("chip ppu: throughput_ips embedding 1620 -> 1458 (x0.9), "), r.changes().get(0));
        assertTrue(r.changes().get(0).contains("llm-chat 16.7 -> 15.03 (x0.9)"), r.changes().get(0));
    }

    @Test
    void throughputMultiplierAsAMapScalesOnlyTheNamedWorkloads() throws Exception {
        var r = resolve("chips:\n  nvidia-h200: {throughput_multiplier: {llm-chat: 0.5}}\n");
        assertEquals(Set.of("chips/nvidia-h200/throughputIps/llm-chat"), diff(base, r.model()));
        assertEquals(36.5 * 0.5, chip(r.model(), "nvidia-h200").throughput("llm-chat"), 0.0);
    }

    @Test
    void supplyMultiplierScalesEveryQuarterToWholeServers() throws Exception {
        var r = resolve("chips:\n  ppu: {supply_multiplier: 0.7}\n");
        Set<String> d = diff(base, r.model());
        assertTrue(!d.isEmpty() && d.stream().allMatch(p -> p.startsWith("chips/ppu/supply/")), d.toString());
        Chip.Supply before = chip(base, "ppu").supply();
        Chip.Supply after = chip(r.model(), "ppu").supply();
        for (Quarter q : base.quarters()) {
            // 1000 -> 700, 1500 -> 1050, 2000 -> 1400, 2500 -> 1750 (2500 x 0.7 is 1749.9999999999998 in doubles).
            assertEquals(Math.round(before.in(q) * 0.7), after.in(q), q.toString());
        }
        assertEquals(1750, after.in(Quarter.parse("2028Q4")));
        assertTrue(r.changes().get(0).contains("supply x0.7 in every quarter") && r.changes().get(0).contains("27,000 -> 18,900"),
                r.changes().toString());
    }

    @Test
    void electricityPriceMultiplierChangesOnlyThatSitesPrice() throws Exception {
        var r = resolve("sites:\n  paris: {electricity_price_multiplier: 1.6}\n");
        assertEquals(Set.of("sites/paris/electricityUsdPerMwh"), diff(base, r.model()));
        assertEquals(75 * 1.6, site(r.model(), "paris").electricityUsdPerMwh(), 0.0);
        assertEquals(List.of("site paris: electricity_usd_per_mwh 75 -> 120 USD/MWh (x1.6)"), r.changes());
    }

    @Test
    void expansionPriceMultiplierChangesOnlyThatSitesExpansionPrice() throws Exception {
        var r = resolve("sites:\n  johor: {expansion_price_multiplier: 1.25}\n");
        assertEquals(Set.of("sites/johor/expansionUsdPerMw"), diff(base, r.model()));
        assertEquals(8780000 * 1.25, site(r.model(), "johor").expansionUsdPerMw(), 0.0);
    }

    @Test
    void allSitesMultipliesEveryBaseSiteButNotAnAddedOne() throws Exception {
        var r = resolve("sites:\n  all: {electricity_price_multiplier: 1.2}\n  add:\n"
                + "    - {id: marseille, name: Marseille, country: FR, jurisdiction: FR, latency_ms: {france: 12}, "
                + "max_it_mw: 40, expansion_usd_per_mw: 10500000, electricity_usd_per_mwh: 80, pue: 1.3}\n");
        Set<String> expected = new TreeSet<>();
        for (Site s : base.sites()) {
            expected.add("sites/" + s.id() + "/electricityUsdPerMwh");
            assertEquals(s.electricityUsdPerMwh() * 1.2, site(r.model(), s.id()).electricityUsdPerMwh(), 0.0, s.id());
        }
        expected.add("sites/marseille");
        assertEquals(expected, diff(base, r.model()));
        assertEquals(80, site(r.model(), "marseille").electricityUsdPerMwh(), 0.0);
    }

    @Test
    void budgetScaleIsTheBudgetMultiplier() throws Exception {
        var r = resolve("budget: {scale: 1.5}\n");
        assertEquals(Set.of("policy/annualCapexBudgetUsd/2026", "policy/annualCapexBudgetUsd/2027",
                "policy/annualCapexBudgetUsd/2028"), diff(base, r.model()));
        assertEquals(base.policy().budgetUsd(2027) * 1.5, r.model().policy().budgetUsd(2027), 0.0);
    }

    @Test
    void regionResidencyOverrideChangesOnlyThatRegionsResidency() throws Exception {
        var r = resolve("regions:\n  china: {residency: [CN, SG]}\n");
        assertEquals(Set.of("regions/china/residency"), diff(base, r.model()));
        Region china = r.model().regions().stream().filter(x -> x.id().equals("china")).findFirst().orElseThrow();
        assertEquals(List.of("CN", "SG"), china.residency());
        assertEquals(List.of("region china: residency [CN] -> [CN, SG]"), r.changes());
        var anywhere = resolve("regions:\n  france: {residency: []}\n");
        assertEquals(Set.of("regions/france/residency"), diff(base, anywhere.model()));
        assertEquals(List.of("region france: residency [FR, DE] -> [] (anywhere)"), anywhere.changes());
    }

    @Test
    void regionLatencyOverrideSetsThatWorkloadsSloOnly() throws Exception {
        var r = resolve("regions:\n  brazil: {latency_slo_ms: {llm-chat: 200}}\n  china: {latency_slo_ms: {llm-chat: 80}}\n");
        assertEquals(Set.of("regions/brazil/latencySloMs/llm-chat", "regions/china/latencySloMs/llm-chat"), diff(base, r.model()));
        assertEquals(200.0, Eligibility.slo(region(r.model(), "brazil"), workload(r.model(), "llm-chat")));
        assertEquals(80.0, Eligibility.slo(region(r.model(), "china"), workload(r.model(), "llm-chat")));
        assertEquals(List.of("region brazil: latency_slo_ms.llm-chat 100 ms (the workload's) -> 200 ms",
                "region china: latency_slo_ms.llm-chat 60 ms -> 80 ms"), r.changes());
    }

    private static Region region(PlanningModel m, String id) {
        return m.regions().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    private static dcplan.model.Workload workload(PlanningModel m, String id) {
        return m.workloads().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    private List<String> problems(String body) throws Exception {
        Path f = scenario(dir, body);
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(f, base));
        e.problems().forEach(p -> assertTrue(p.startsWith(f + ":"), p));
        return e.problems();
    }

    @Test
    void badMultipliersAndOverridesAreReportedWithTheValidKeys() throws Exception {
        assertEquals(List.of(dir.resolve("what-if.yaml") + ": chips.ppu.server_price_multiplier: must not be negative, got -1"),
                problems("chips:\n  ppu: {server_price_multiplier: -1}\n"));
        // all takes multipliers only
        List<String> p = problems("chips:\n  all: {server_price_usd: 1}\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).endsWith("chips.all: unknown key 'server_price_usd' (valid: server_price_multiplier, "
                + "supply_multiplier, throughput_multiplier)"), p.get(0));
        p = problems("sites:\n  all: {max_it_mw: 1}\n");
        assertTrue(p.get(0).endsWith("sites.all: unknown key 'max_it_mw' (valid: electricity_price_multiplier, "
                + "expansion_price_multiplier)"), p.get(0));
        p = problems("chips:\n  ppu: {throughput_multiplier: {vision: 2}}\n");
        assertTrue(p.get(0).endsWith("chips.ppu.throughput_multiplier.vision: unknown workload 'vision' (valid: embedding, "
                + "llm-batch, llm-chat, recsys; or one number for every workload)"), p.get(0));
        p = problems("regions:\n  chile: {residency: [CL]}\n");
        assertTrue(p.get(0).endsWith("regions.chile: unknown region 'chile' (valid: brazil, china, france, sea-mainland, "
                + "sea-maritime)"), p.get(0));
        p = problems("regions:\n  china: {residency: [XX], slo: 3}\n");
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.endsWith("regions.china: unknown key 'slo', did you mean 'latency_slo_ms'? (valid: latency_slo_ms, residency)")),
                p.toString());
        assertTrue(p.stream().anyMatch(x -> x.endsWith("regions.china.residency: unknown jurisdiction 'XX': no site is there "
                + "(valid: BR, CN, DE, FR, ID, MY, SG, TH; [] = anywhere)")), p.toString());
        p = problems("regions:\n  china: {latency_slo_ms: {llm-chat: 0}}\n");
        assertTrue(p.get(0).endsWith("regions.china.latency_slo_ms.llm-chat: must be above 0 ms (no site could serve the region)"),
                p.get(0));
    }

    @Test
    void aResidencyMayNameTheJurisdictionOfAnAddedSite() throws Exception {
        var r = resolve("sites:\n  add:\n    - {id: santiago, name: Santiago, country: CL, jurisdiction: CL, "
                + "latency_ms: {brazil: 60}, max_it_mw: 40, expansion_usd_per_mw: 9000000, electricity_usd_per_mwh: 90, "
                + "pue: 1.3}\nregions:\n  brazil: {residency: [BR, CL]}\n");
        assertEquals(List.of("BR", "CL"), region(r.model(), "brazil").residency());
        assertEquals(Set.of("sites/santiago", "regions/brazil/residency"), diff(base, r.model()));
    }

    /** Every YAML example in models/scenarios/README.md loads against the shipped model. */
    @Test
    void theReadmeExamplesLoad() throws Exception {
        String readme = java.nio.file.Files.readString(ScenarioTestSupport.SCENARIOS.resolve("README.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```yaml\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(readme);
        int n = 0;
        while (m.find()) {
            Path f = ScenarioTestSupport.file(dir, "example-" + n++ + ".yaml", m.group(1));
            Scenario s = ScenarioLoader.load(f, base);
            assertTrue(!ScenarioResolver.resolve(base, demand, s).changes().isEmpty());
        }
        assertTrue(n >= 2, "examples found: " + n);
    }
}
