package dcplan.sweep;

import dcplan.model.DemandCell;
import dcplan.model.Quarter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Monte Carlo draws: deterministic, correlated as rho says, centred on mu. Fixed seeds: nothing can flake. */
class MonteCarloTest {
    static final List<Quarter> HORIZON = Quarter.range(Quarter.parse("2026Q1"), Quarter.parse("2026Q4"));

    /** n cells (regions r0..), each with only its quarter's first month: mu 1e6, given sigma (so no clamp at 0). */
    static DemandDistribution cells(int n, double mu, double sigma, double rho) {
        List<DemandDistribution.Cell> out = new ArrayList<>();
        DemandDistribution.Month empty = new DemandDistribution.Month(0, 0, 0);
        for (int i = 0; i < n; i++) {
            out.add(new DemandDistribution.Cell(String.format("r%02d", i), "chat", Quarter.parse("2026Q1"),
                    List.of(new DemandDistribution.Month(mu, sigma, mu / 2), empty, empty)));
        }
        return new DemandDistribution(rho, out);
    }

    static double z(DemandCell c, double mu, double sigma) {
        return (c.peakIps() - mu) / sigma;
    }

    @Test
    void sameSeedAndIndexGiveTheSameSampleWhateverWasDrawnBefore() {
        DemandDistribution d = DemandDistribution.of(SweepFixture.stats(1.0), 0.3, HORIZON);
        List<DemandCell> first = MonteCarlo.sample(d, 0.3, 42, 5);
        for (int i = 0; i < 5; i++) {
            MonteCarlo.sample(d, 0.3, 42, i); // as another task would, before it
        }
        assertEquals(first, MonteCarlo.sample(d, 0.3, 42, 5));
        assertNotEquals(first, MonteCarlo.sample(d, 0.3, 42, 6));
        assertNotEquals(first, MonteCarlo.sample(d, 0.3, 43, 5));
        assertEquals(d.cells().size(), first.size());
    }

    @Test
    void withRhoOneEveryCellDrawsTheSameZ() {
        DemandDistribution d = cells(6, 1e6, 1e4, 1.0);
        for (long s = 0; s < 20; s++) {
            List<DemandCell> sample = MonteCarlo.sample(d, 1.0, 9, s);
            double z0 = z(sample.get(0), 1e6, 1e4);
            for (DemandCell c : sample) {
                assertEquals(z0, z(c, 1e6, 1e4), 1e-9, "sample " + s + " " + c.region());
            }
        }
    }

    static double correlation(DemandDistribution d, double rho, int draws) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int s = 0; s < draws; s++) {
            List<DemandCell> sample = MonteCarlo.sample(d, rho, 2026, s);
            double x = z(sample.get(0), 1e6, 1e4);
            double y = z(sample.get(1), 1e6, 1e4);
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        double n = draws;
        return (sxy / n - sx / n * sy / n) / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
    }

    /** 4000 draws: the standard error of a correlation is about 0.016; the tolerance is 0.05 (and the seed fixed). */
    @Test
    void withRhoZeroCellsAreIndependent() {
        double r = correlation(cells(2, 1e6, 1e4, 0.0), 0.0, 4000);
        assertEquals(0.0, r, 0.05, "sample correlation " + r);
    }

    @Test
    void betweenCellsTheCorrelationIsRho() {
        double r = correlation(cells(2, 1e6, 1e4, 0.6), 0.6, 4000);
        assertEquals(0.6, r, 0.05, "sample correlation " + r);
    }

    /** Mean of 4000 draws of N(1000, 100^2): standard error 1.6; tolerance 8. */
    @Test
    void theMeanOfManySamplesApproachesMu() {
        DemandDistribution d = cells(3, 1000, 100, 0.3);
        double[] sum = new double[3];
        int n = 4000;
        for (int s = 0; s < n; s++) {
            List<DemandCell> sample = MonteCarlo.sample(d, 0.3, 11, s);
            for (int i = 0; i < 3; i++) {
                sum[i] += sample.get(i).peakIps();
            }
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(1000, sum[i] / n, 8, "cell " + i);
        }
    }

    @Test
    void averagesMoveWithTheirMonthsPeakAndNothingIsNegative() {
        DemandDistribution d = cells(4, 100, 400, 0.5); // sigma >> mu: many draws clamp at 0
        int zeros = 0;
        for (int s = 0; s < 200; s++) {
            for (DemandCell c : MonteCarlo.sample(d, 0.5, 3, s)) {
                assertTrue(c.peakIps() >= 0 && c.avgIps() >= 0, c.toString());
                // one month with rows: avg = (mu / 2) * (peak / mu) / 3
                assertEquals(c.peakIps() / 6, c.avgIps(), 1e-9 * (1 + c.peakIps()));
                zeros += c.peakIps() == 0 ? 1 : 0;
            }
        }
        assertTrue(zeros > 0, "some draws clamp at 0");
    }

    @Test
    void sigmaIsTheRollUpsFormulaAndQuarterPeakIsTheMaxOfItsMonths() {
        List<DemandDistribution.MonthStats> stats = List.of(
                new DemandDistribution.MonthStats("n", "chat", java.time.LocalDate.of(2026, 1, 1), 100, 30, 500, 60, 2),
                new DemandDistribution.MonthStats("n", "chat", java.time.LocalDate.of(2026, 3, 1), 200, 0, 0, 90, 1));
        DemandDistribution d = DemandDistribution.of(stats, 0.25, HORIZON);
        DemandDistribution.Cell cell = d.cells().get(0);
        assertEquals(Math.sqrt(0.75 * 500 + 0.25 * 900), cell.months().get(0).sigma(), 1e-12);
        assertEquals(0.0, cell.months().get(1).mu()); // February has no rows
        DemandCell s = MonteCarlo.sample(d, 0.25, 1, 0).get(0);
        // March has sigma 0: its peak is exactly 200, its avg 90; the quarter's peak is at least that
        assertTrue(s.peakIps() >= 200, s.toString());
    }

    @Test
    void statsCsvRoundTrips() {
        List<DemandDistribution.MonthStats> stats = SweepFixture.stats(1.0);
        assertEquals(stats, DemandDistribution.parseStatsCsv(DemandDistribution.statsCsv(stats), "test"));
    }
}
