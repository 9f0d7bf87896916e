package dcplan.scenario;

import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dcplan.scenario.ScenarioTestSupport.SCENARIOS;
import static dcplan.scenario.ScenarioTestSupport.diff;
import static dcplan.scenario.ScenarioTestSupport.fullDemand;
import static dcplan.scenario.ScenarioTestSupport.scenario;
import static dcplan.scenario.ScenarioTestSupport.shipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario keys of the contract's version 2: a site's build_quarters and phase_mw, a chip's
 * order_lead_quarters, an added site's own, and decided_until (with the what-if's default when
 * it is absent: the first quarter the scenario changes anything).
 */
class ScenarioLeadTimesTest {
    @TempDir
    Path dir;

    private final PlanningModel base = shipped();

    private ScenarioResolver.Resolved resolve(String body) throws Exception {
        Scenario s = ScenarioLoader.load(scenario(dir, body), base);
        return ScenarioResolver.resolve(base, fullDemand(base), s);
    }

    private List<String> problems(String body) throws Exception {
        Path file = scenario(dir, body);
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(file, base));
        e.problems().forEach(p -> assertTrue(p.startsWith(file + ":"), "names the file: " + p));
        return e.problems();
    }

    private Quarter decidedUntil(String body) throws Exception {
        return DecidedUntil.of(ScenarioLoader.load(scenario(dir, body), base), base).quarter();
    }

    @Test
    void leadTimeChangesChangeExactlyThoseFields() throws Exception {
        var r = resolve("chips:\n  nvidia-h200: {order_lead_quarters: 3}\n"
                + "sites:\n  paris: {build_quarters: 6, phase_mw: 46}\n  johor: {phase_mw: 15}\n");
        assertEquals(Set.of("chips/nvidia-h200/orderLeadQuarters", "sites/paris/buildQuarters", "sites/paris/phaseMw",
                "sites/johor/phaseMw"), diff(base, r.model()));
        assertEquals(3, r.model().chip("nvidia-h200").orElseThrow().orderLeadQuarters());
        Site paris = r.model().site("paris").orElseThrow();
        assertEquals(6, paris.buildQuarters());
        assertEquals(46.0, paris.phaseMw());
        assertTrue(r.changes().contains("chip nvidia-h200: order_lead_quarters 1 -> 3"), r.changes().toString());
        assertTrue(r.changes().contains("site paris: build_quarters 4 -> 6"), r.changes().toString());
        assertTrue(r.changes().contains("site paris: phase_mw 23 -> 46 MW"), r.changes().toString());
    }

    @Test
    void otherSiteAndChipChangesKeepTheBaseLeadTimes() throws Exception {
        var r = resolve("chips:\n  ppu: {server_price_usd: 90000, ban: [{jurisdiction: CN, from: 2027Q1}]}\n"
                + "sites:\n  paris: {max_it_mw: 54, expansion_ready: 2027Q3}\n");
        assertEquals(2, r.model().chip("ppu").orElseThrow().orderLeadQuarters());
        assertEquals(4, r.model().site("paris").orElseThrow().buildQuarters());
        assertEquals(23.0, r.model().site("paris").orElseThrow().phaseMw());
    }

    @Test
    void anAddedSiteKeepsItsOwnLeadTimes() throws Exception {
        var r = resolve("sites:\n  add:\n    - {id: marseille, name: Marseille, country: FR, jurisdiction: FR, "
                + "latency_ms: {france: 12}, existing_it_mw: 0, max_it_mw: 40, expansion_usd_per_mw: 10500000, "
                + "expansion_ready: 2027Q4, build_quarters: 5, phase_mw: 20, electricity_usd_per_mwh: 80, pue: 1.3}\n");
        Site marseille = r.model().site("marseille").orElseThrow();
        assertEquals(5, marseille.buildQuarters());
        assertEquals(20.0, marseille.phaseMw());
    }

    @Test
    void badLeadTimesNameTheFileAndTheKey() throws Exception {
        List<String> p = problems("chips:\n  ppu: {order_lead_quarters: 1.5}\nsites:\n  paris: {build_quarters: -2}\n"
                + "  johor: {phase_mw: 0}\n");
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).endsWith("what-if.yaml: chips.ppu.order_lead_quarters: must be a whole number, got 1.5"), p.get(0));
        assertTrue(p.get(1).endsWith("what-if.yaml: sites.paris.build_quarters: must not be negative, got -2"), p.get(1));
        assertTrue(p.get(2).endsWith("what-if.yaml: sites.johor.phase_mw: must be above 0 MW (leave it out for MW added "
                + "continuously)"), p.get(2));
    }

    @Test
    void aPhaseThatDoesNotFitIsRefusedAfterResolving() throws Exception {
        List<String> p = problems("sites:\n  frankfurt: {phase_mw: 20}\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("after applying the scenario") && p.get(0).contains("frankfurt")
                && p.get(0).contains("phase_mw"), p.get(0));
    }

    @Test
    void decidedUntilIsReadAndMustLieWithinTheHorizon() throws Exception {
        Scenario s = ScenarioLoader.load(scenario(dir, "decided_until: 2027Q2\nbudget: {scale: 0.5}\n"), base);
        assertEquals(Quarter.parse("2027Q2"), s.decidedUntil());
        assertEquals(Quarter.parse("2027Q2"), DecidedUntil.of(s, base).quarter(), "the scenario's own quarter wins");
        List<String> p = problems("decided_until: 2030Q1\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).endsWith("what-if.yaml: decided_until: 2030Q1 is outside the horizon 2026Q1..2028Q4"), p.get(0));
        assertNull(ScenarioLoader.load(scenario(dir, "budget: {scale: 0.5}\n"), base).decidedUntil());
    }

    @Test
    void withoutDecidedUntilTheWhatIfIsMadeAtTheFirstQuarterTheScenarioChanges() throws Exception {
        assertEquals(Quarter.parse("2027Q1"), decidedUntil("chips:\n  nvidia-h200: {ban: [{jurisdiction: FR, from: 2027Q3}, "
                + "{jurisdiction: BR, from: 2027Q1}], supply: {from: 2027Q2, per_quarter: 10}}\n"));
        assertEquals(Quarter.parse("2026Q3"), decidedUntil("demand:\n  - {regions: [brazil], from: 2026Q3, multiplier: 2}\n"));
        assertEquals(Quarter.parse("2027Q1"), decidedUntil("budget: {2028: 1000, 2027: 2000}\n"));
        assertEquals(Quarter.parse("2027Q1"), decidedUntil("sites:\n  paris: {expansion_ready: 2027Q4}\n"),
                "a delay changes the plan from the old ready quarter on");
        assertEquals(Quarter.parse("2026Q1"), decidedUntil("chips:\n  ppu: {server_price_usd: 90000}\n"
                        + "  nvidia-h200: {ban: [{jurisdiction: FR, from: 2027Q3}]}\n"),
                "a price has no quarter of its own: the horizon's first");
        assertEquals(Quarter.parse("2026Q1"), decidedUntil("chips:\n  ppu: {ban: [CN]}\n"), "a ban without from");
        assertEquals(Quarter.parse("2026Q1"), decidedUntil("sites:\n  paris: {build_quarters: 6}\n"));
    }

    @Test
    void theShippedScenariosAreMadeWhereTheirNewsArrives() throws Exception {
        Map<String, String> expected = Map.of(
                "nvidia-ban-chinese-parent-abroad.yaml", "2026Q3",
                "brazil-demand-surge.yaml", "2026Q3",
                "budget-cut-25pct.yaml", "2026Q1");
        for (var e : expected.entrySet()) {
            Path file = SCENARIOS.resolve(e.getKey());
            assertTrue(Files.isRegularFile(file), file.toString());
            Scenario s = ScenarioLoader.load(file, base);
            assertEquals(Quarter.parse(e.getValue()), DecidedUntil.of(s, base).quarter(), e.getKey());
        }
    }
}
