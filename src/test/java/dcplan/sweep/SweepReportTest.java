package dcplan.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
