package dcplan.plan;

import dcplan.model.Site;

/**
 * Capacity (constraint 2) and the least capacity that carries given flows, in one place, with
 * one tolerance policy. Every caller (the score's derived servers, the LP's rounding, the
 * repairs, the evaluator) sizes servers and MW through these methods.
 *
 * <h2>Tolerances</h2>
 * Two different things are forgiven, each by its own named constant:
 * <ul>
 *   <li><b>float round-off</b> in sums of flows, MW and money: {@code a <= b} holds when
 *   {@code a <= b + 1e-9 * max(|a|, |b|) + 1e-9} ({@link #leq}). The evaluator judges every
 *   continuous limit this way; integer quantities (servers, supply) are compared exactly.</li>
 *   <li><b>LP noise</b>: a solver's 12.0000001 servers are 12, not 13. Values within
 *   {@link #LP_INTEGRALITY} above an integer round down to it ({@link #wholeServers}); the LP
 *   solvers' own feasibility tolerances are about 1e-7.</li>
 *   <li><b>a shortfall</b>: a demand cell is short only when more than {@link #SHORT_SHARE} of
 *   its peak is unmet.</li>
 * </ul>
 */
public final class Sizing {
    /** Relative float round-off allowed in {@link #leq}. */
    public static final double REL_TOL = 1e-9;
    /** Absolute float round-off allowed in {@link #leq}. */
    public static final double ABS_TOL = 1e-9;
    /** A fractional server count within this above an integer is that integer (LP noise). */
    public static final double LP_INTEGRALITY = 1e-6;
    /**
     * Share of a demand cell's peak that must be unmet for the cell (and its region) to count as
     * short: LP round-off of about 1e-9 is not a shortage (unmet volumes stay exact).
     */
    public static final double SHORT_SHARE = 1e-6;
    /** Flows clipped to capacity stay this share under it, so round-off never puts them over. */
    public static final double CLIP_MARGIN = 1e-12;

    private Sizing() {
    }

    /** {@code a <= b} up to a relative 1e-9 plus an absolute 1e-9; false when either is NaN. */
    public static boolean leq(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return false;
        }
        if (b == Double.POSITIVE_INFINITY || a == Double.NEGATIVE_INFINITY) {
            return true;
        }
        return a <= b + REL_TOL * Math.max(Math.abs(a), Math.abs(b)) + ABS_TOL;
    }

    /** Servers kept busy by {@code ips} of a workload on a chip of that throughput (0 throughput: none). */
    public static double busyServers(double ips, double throughput) {
        return throughput > 0 ? ips / throughput : 0.0;
    }

    /** What {@code installed} servers carry at target utilisation, in busy servers: {@code u * I}. */
    public static double capacity(double targetUtilization, double installed) {
        return targetUtilization * installed;
    }

    /** Constraint 2 for one (s, c, q): {@code sum flow / throughput <= u * I}, up to round-off. */
    public static boolean fits(double busyAtPeak, double targetUtilization, double installed) {
        return leq(busyAtPeak, capacity(targetUtilization, installed));
    }

    /**
     * Servers needed at target utilisation for a peak load of {@code busyAtPeak} busy servers,
     * fractional: {@code load / u}. The only place the target utilisation divides.
     */
    public static double serversNeeded(double busyAtPeak, double targetUtilization) {
        return busyAtPeak / targetUtilization;
    }

    /**
     * The fewest whole servers covering {@code busyAtPeak} at target utilisation, never below
     * {@code atLeast}; round-off ({@link #ABS_TOL}) does not buy a server.
     */
    public static int fewestServers(double busyAtPeak, double targetUtilization, int atLeast) {
        return Math.max(atLeast, (int) Math.ceil(serversNeeded(busyAtPeak, targetUtilization) - ABS_TOL));
    }

    /** A fractional server count (an LP's) as whole servers: up, except within LP noise of an integer. */
    public static int wholeServers(double servers) {
        return (int) Math.ceil(servers - LP_INTEGRALITY);
    }

    /**
     * The least IT MW that powers {@code serverKw} kW of servers, never below {@code existingMw},
     * MW being continuous (a version-1 site, or an LP's relaxation). For a site that may have
     * phases use {@link #fewestMw(double, Site)}.
     */
    public static double fewestMw(double serverKw, double existingMw) {
        return Math.max(existingMw, serverKw / 1000.0);
    }

    /**
     * The least IT MW a plan may build at {@code site} to power {@code serverKw} kW of servers:
     * never below {@code existing_it_mw}; with {@code phase_mw}, the existing MW plus the fewest
     * whole phases that cover the load ({@code existing + k * phase_mw}, k rounded UP, a load
     * within round-off ({@link #leq}) of a phase boundary buying no further phase). Without phases
     * it is exactly {@code fewestMw(serverKw, existing_it_mw)}. The result may exceed
     * {@code max_it_mw} ({@link Site#usableMaxItMw}): checking the ceiling is the caller's.
     */
    public static double fewestMw(double serverKw, Site site) {
        double existing = site.existingItMw();
        Double phase = site.phaseMw();
        double need = serverKw / 1000.0;
        if (phase == null || need <= existing) {
            return fewestMw(serverKw, existing);
        }
        long k = (long) Math.ceil((need - existing) / phase);
        if (k > 0 && leq(need, existing + (k - 1) * phase)) {
            k--;
        }
        return existing + k * phase;
    }

    /**
     * As {@link #fewestMw(double, Site)}, never below {@code atLeastMw} (e.g. the previous
     * quarter's MW, M being non-decreasing). {@code atLeastMw} should itself be whole phases
     * above the existing MW ({@link #isWholePhases}); then so is the result.
     */
    public static double fewestMw(double serverKw, Site site, double atLeastMw) {
        return Math.max(atLeastMw, fewestMw(serverKw, site));
    }

    /**
     * Whether {@code mw - existing_it_mw} is a whole number of the site's {@code phase_mw}, up to
     * round-off ({@link #leq} both ways against the nearest whole phase); always true for a site
     * without phases. The phases rule of the evaluator.
     */
    public static boolean isWholePhases(Site site, double mw) {
        Double phase = site.phaseMw();
        if (phase == null) {
            return true;
        }
        double nearest = site.existingItMw() + Math.rint((mw - site.existingItMw()) / phase) * phase;
        return leq(mw, nearest) && leq(nearest, mw);
    }

    /**
     * The factor that brings flows needing {@code busyAtPeak} servers within what
     * {@code installed} servers carry: 1 when they fit, else a hair under the exact ratio.
     */
    public static double clipFactor(double busyAtPeak, double targetUtilization, double installed) {
        double cap = capacity(targetUtilization, installed);
        return busyAtPeak > cap ? cap / busyAtPeak * (1 - CLIP_MARGIN) : 1.0;
    }
}
