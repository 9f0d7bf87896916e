package dcplan.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's figures on a result set small enough to work out by hand. */
class SweepReportTest {

    static SweepResult row(String id, double usdPerM, double unmet, long xAtA, double mwAtA) {
        return new SweepResult(id, "sample", id, 1, 0, true, 1000, unmet, 10 * usdPerM, usdPerM, 1, 2, 3, 1.5, "", null,
                List.of(new SweepResult.Build("a", "x", xAtA, 0), new SweepResult.Build("a", "y", 0, 0),
                        new SweepResult.Build("a", "", 0, mwAtA)));
    }

    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        // sorted 1, 2, 3, 4, 10: P10 at h = 0.4 -> 1.4; P50 at h = 2 -> 3; P90 at h = 3.6 -> 4 + 0.6 * 6 = 7.6
        double[] v = {1, 2, 3, 4, 10};
        assertEquals(1.4, SweepReport.percentile(v, 0.1), 1e-12);
        assertEquals(3.0, SweepReport.percentile(v, 0.5), 1e-12);
        assertEquals(7.6, SweepReport.percentile(v, 0.9), 1e-12);
        assertEquals(5.0, SweepReport.percentile(new double[]{5}, 0.9), 0);
        assertTrue(Double.isNaN(SweepReport.percentile(new double[0], 0.5)));
    }

    @Test
    void reportOfFiveCasesAndAFailure() {
        List<SweepResult> rows = List.of(
                row("c0", 4, 0, 0, 0), row("c1", 1, 100, 10, 0.5), row("c2", 10, 300, 20, 0),
                row("c3", 2, 0, 30, 1.0), row("c4", 3, 200, 0, 0),
                new SweepResult("c5", "sample", "c5", 1, 5, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, 0.1, "", "boom", List.of()));
        SweepReport r = SweepReport.of(rows, Map.of("seed", 1));
        assertEquals(6, r.cases());
        assertEquals(1, r.errors());
        assertEquals(5, r.feasible());
        assertEquals(5, r.usdPerMillion().n());
        assertEquals(1.4, r.usdPerMillion().p10(), 1e-12);
        assertEquals(3.0, r.usdPerMillion().p50(), 1e-12);
        assertEquals(7.6, r.usdPerMillion().p90(), 1e-12);
        // unmet sorted 0, 0, 100, 200, 300: P10 0, P50 100, P90 at h = 3.6 -> 200 + 0.6 * 100 = 260
        assertEquals(0.0, r.unmetInferences().p10(), 1e-12);
        assertEquals(100.0, r.unmetInferences().p50(), 1e-12);
        assertEquals(260.0, r.unmetInferences().p90(), 1e-12);
        // (a, x) built in 3 of 5 cases; servers 0, 0, 10, 20, 30: P10 0, P50 10, P90 26; (a, y) never: not listed
        assertEquals(1, r.investments().size());
        SweepReport.Investment ax = r.investments().get(0);
        assertEquals(3, ax.casesBuilt());
        assertEquals(0.6, ax.builtShare(), 1e-12);
        assertEquals(0.0, ax.serversAdded().p10(), 1e-12);
        assertEquals(10.0, ax.serversAdded().p50(), 1e-12);
        assertEquals(26.0, ax.serversAdded().p90(), 1e-12);
        // site a expands in 2 of 5; MW 0, 0, 0, 0.5, 1.0: P90 at h = 3.6 -> 0.5 + 0.6 * 0.5 = 0.8
        assertEquals(0.4, r.facilities().get(0).builtShare(), 1e-12);
        assertEquals(0.8, r.facilities().get(0).itMwAdded().p90(), 1e-12);
        assertTrue(r.markdown().contains("| a | x | 3 | 60 % | 0 | 10 | 26 |"), r.markdown());
        assertTrue(r.json().contains("\"failed\" : 1"), r.json());
        assertTrue(r.errorLines().get(0).contains("boom"));
    }

    static SweepResult builds(String id, String kind, long servers, long fewServers, double mw, double dustMw) {
        return new SweepResult(id, kind, id, 1, 0, true, 1000, 0, 10, 1, 1, 2, 3, 1.5, "", null,
                List.of(new SweepResult.Build("a", "x", servers, 0), new SweepResult.Build("a", "y", fewServers, 0),
                        new SweepResult.Build("a", "", 0, mw), new SweepResult.Build("b", "", 0, dustMw)));
    }

    @Test
    void smallAdditionsAreNotBuildsAndRobustNeedsTheShare() {
        // (a, x): 8 servers (the minimum) in 4 of 5 cases, 7 in the fifth: built in 4, 80 %: robust.
        // (a, y): 3 servers in every case: under the minimum, never built, not listed.
        // site a: 0.1 MW (the minimum) in 3 of 5, 0.05 in the others: built in 3, 60 %: not robust.
        // site b: 0.0044 MW in every case (LP dust): never built, not listed.
        List<SweepResult> rows = List.of(builds("c0", "sample", 8, 3, 0.1, 0.0044),
                builds("c1", "sample", 20, 3, 0.5, 0.0044), builds("c2", "sample", 8, 3, 0.1, 0.0044),
                builds("c3", "sample", 9, 3, 0.05, 0.0044), builds("c4", "sample", 7, 3, 0.05, 0.0044));
        SweepReport r = SweepReport.of(rows, Map.of());
        assertEquals(List.of("a/x"), r.investments().stream().map(i -> i.site() + "/" + i.chip()).toList());
        SweepReport.Investment ax = r.investments().get(0);
        assertEquals(4, ax.casesBuilt());
        assertTrue(ax.robust());
        assertEquals(1, r.facilities().size());
        assertEquals(3, r.facilities().get(0).casesBuilt());
        assertFalse(r.facilities().get(0).robust());
        String md = r.markdown();
        assertTrue(md.contains("| a | x | 4 | 80 % | 7 | 8 | 16 | yes |"), md);
        assertTrue(md.contains("| a | 3 | 60 % | 0.05 | 0.10 | 0.34 |  |"), md);
        assertTrue(md.contains("at least 8 servers") && md.contains("at least 0.1 MW") && md.contains("at least 80 %"), md);
        assertTrue(r.json().contains("\"robust_min_share\" : 0.8"), r.json());
        assertTrue(r.json().contains("\"robust\" : true"), r.json());
    }

    @Test
    void fewSamplesAreWarnedAbout() {
        List<SweepResult> five = new java.util.ArrayList<>();
        List<SweepResult> twenty = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SweepResult row = builds("c" + i, "sample", 10, 0, 0, 0);
            twenty.add(row);
            if (i < 5) {
                five.add(row);
            }
        }
        // n = 5: h = 0.1 * 4 = 0.4, P10 between the 1st and 2nd lowest.
        SweepReport small = SweepReport.of(five, Map.of());
        assertEquals(1, small.warnings().size(), small.warnings().toString());
        assertTrue(small.warnings().get(0).contains("Only 5 cases: P10 lies between the 1st and 2nd lowest"),
                small.warnings().get(0));
        assertTrue(small.markdown().contains("> **Warning.** Only 5 cases"), small.markdown());
        // n = 19: h = 1.8, between the 2nd and 3rd.
        SweepReport nineteen = SweepReport.of(twenty.subList(0, 19), Map.of());
        assertTrue(nineteen.warnings().get(0).contains("between the 2nd and 3rd lowest"), nineteen.warnings().toString());
        assertEquals(List.of(), SweepReport.of(twenty, Map.of()).warnings());
    }

    @Test
    void samplesExplainTheirPercentilesAndPointToTheRiskView() {
        List<SweepResult> rows = List.of(builds("c0", "sample", 10, 0, 0, 0), builds("c1", "sample", 10, 0, 0, 0));
        String md = SweepReport.of(rows, Map.of()).markdown();
        assertTrue(md.contains("## Reading these figures"), md);
        assertTrue(md.contains("every cell at its quantile together is a more extreme future"), md);
        assertTrue(md.contains("perfect foresight"), md);
        assertTrue(md.contains("--plan RUN"), md);
        // Scenarios are not samples: no small-sample warning, a different one.
        List<SweepResult> scenarios = List.of(builds("c0", "scenario", 10, 0, 0, 0));
        SweepReport sr = SweepReport.of(scenarios, Map.of());
        assertEquals(1, sr.warnings().size());
        assertTrue(sr.warnings().get(0).contains("scenarios, not samples"), sr.warnings().toString());
        assertFalse(sr.markdown().contains("## Reading these figures"), sr.markdown());
    }
}
