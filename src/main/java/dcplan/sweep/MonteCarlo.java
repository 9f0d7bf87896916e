package dcplan.sweep;

import dcplan.forecast.NormalQuantile;
import dcplan.model.DemandCell;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Monte Carlo demand: one realisation of every demand cell, drawn from the roll-up's
 * distribution ({@link DemandDistribution}). A realisation, not a quantile: the planner is asked
 * to serve what might actually arrive.
 *
 * <h2>How correlation is modelled</h2>
 * One common factor per sample. For a sample, draw {@code z_common ~ N(0,1)} once; for every
 * (region, workload, month) draw {@code z_idio ~ N(0,1)} independently and use
 * <pre>
 *   z          = sqrt(rho) * z_common + sqrt(1 - rho) * z_idio
 *   month peak = max(0, mu + sigma * z)          (mu = sum p50, sigma from S1, S2 and rho)
 *   quarter peak_ips = max of its three months' peaks
 *   month avg  = avg * (month peak / mu)           (avg unchanged when mu = 0)
 *   quarter avg_ips  = sum of its three months' avg / 3   (0 when the quarter's peak is 0)
 * </pre>
 * Each month's z is standard normal, so its peak has exactly the roll-up's marginal
 * N(mu, sigma^2) before the clamp at 0; any two months (of the same or different cells) have
 * correlation {@code rho}. Why: {@code rho} is the forecasters' correlation, the one the
 * roll-up already uses inside a cell to turn the rows' sigmas into the cell's sigma; the
 * sweep applies the same number between cells, so a planner who sets {@code rho = 1} gets
 * demand that is high or low everywhere at once, and {@code rho = 0} gets cells that err
 * independently. One factor needs nothing beyond mu and sigma per cell, which is what the
 * roll-up keeps. Averages move with their month's peak (a month running 20 % above its
 * median is taken to be 20 % busier on average too), so cost per inference stays comparable.
 *
 * <h2>Determinism</h2>
 * Sample {@code i} of seed {@code s} depends only on (s, i) and the distribution: its own
 * {@link SplittableRandom} seeded from a mix of both, normals by inverting the CDF
 * ({@link NormalQuantile}, written out, so the same on every JVM), cells drawn in the
 * distribution's sorted order, three months each (empty months draw too, so a cell's draws do
 * not depend on which months have rows). How the cases are partitioned over Spark tasks
 * changes nothing.
 */
public final class MonteCarlo {
    private MonteCarlo() {
    }

    /** Sample {@code sampleIndex} (0, 1, ...) of {@code seed}: one demand cell per distribution cell. */
    public static List<DemandCell> sample(DemandDistribution distribution, double rho, long seed, long sampleIndex) {
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be within [0, 1], got " + rho);
        }
        SplittableRandom rng = random(seed, sampleIndex);
        double common = Math.sqrt(rho);
        double own = Math.sqrt(1 - rho);
        double zCommon = normal(rng);
        List<DemandCell> out = new ArrayList<>(distribution.cells().size());
        for (DemandDistribution.Cell cell : distribution.cells()) {
            double peak = 0;
            double avgSum = 0;
            for (DemandDistribution.Month m : cell.months()) {
                double z = common * zCommon + own * normal(rng);
                double monthPeak = Math.max(0.0, m.mu() + m.sigma() * z);
                peak = Math.max(peak, monthPeak);
                avgSum += m.mu() > 0 ? m.avg() * (monthPeak / m.mu()) : m.avg();
            }
            double avg = peak > 0 ? avgSum / 3.0 : 0.0;
            out.add(new DemandCell(cell.region(), cell.workload(), cell.quarter(), peak, avg));
        }
        return out;
    }

    /**
     * The stream of one sample. Seeds are mixed (Stafford's variant 13, the mixer inside
     * SplittableRandom) so that neighbouring (seed, index) pairs start far apart: seeding with
     * {@code seed + index} would give streams that are the same sequence shifted by one.
     */
    static SplittableRandom random(long seed, long sampleIndex) {
        return new SplittableRandom(mix(mix(seed) + 0x9E3779B97F4A7C15L * (sampleIndex + 1)));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal by inverting the CDF at a uniform strictly inside (0, 1). */
    static double normal(SplittableRandom rng) {
        double u = ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
        return NormalQuantile.z(u);
    }
}
