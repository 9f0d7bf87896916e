package dcplan.plan;

/**
 * What counts as noise in a plan and its reports, in one place. The files keep full precision
 * (plan/*.csv, summary.json); these thresholds decide only what a person is shown and what the
 * planner's last step tidies away. Documented for planners in docs/solver.md ("Crumbs") and
 * docs/architecture.md.
 *
 * <ul>
 *   <li><b>Round-off</b> ({@link #ROUND_OFF}): a figure below a millionth of the whole it belongs
 *   to (unmet inferences against the demand volume, a region's unmet against its demand, a change
 *   against the larger of its two sides) is what the LP solvers' tolerances leave behind, and is
 *   shown as 0 / no change. The LP solvers' feasibility tolerances are about 1e-7; the evaluator's
 *   "short" flag uses the same millionth ({@link Sizing#SHORT_SHARE}).</li>
 *   <li><b>Crumb flows</b> ({@link #MIN_FLOW_IPS}, {@link #MIN_FLOW_SHARE}): a flow carrying less
 *   than 100 ips and less than 1 % of its demand cell's peak. The planner merges each into its
 *   cell's other flows where their servers have room ({@code PlanTrimming.mergedCrumbs}); a flow
 *   that is 1 % of its cell is a real part of the routing, whatever its size.</li>
 *   <li><b>Crumb MW</b> ({@link #MIN_MW_INCREMENT}): a facility increment under 0.05 MW (50 kW,
 *   about five H200 servers), which the planner avoids where other sites' idle capacity can take
 *   the few servers' load that tipped the site over its MW ({@code PlanTrimming.withoutMwCrumb}).</li>
 *   <li><b>Binding limits</b> are reported only for what the plan uses: a chip's supply only when the
 *   plan buys that chip, power only where servers draw ({@code dcplan.plan.evaluation.BindingLimits}).</li>
 * </ul>
 */
public final class ReportThresholds {
    /** Share of the whole under which a figure is round-off, shown as 0. */
    public static final double ROUND_OFF = 1e-6;
    /** Peak ips under which a flow may be a crumb (see {@link #isCrumbFlow}). */
    public static final double MIN_FLOW_IPS = 100.0;
    /** Share of its cell's peak under which a flow may be a crumb (see {@link #isCrumbFlow}). */
    public static final double MIN_FLOW_SHARE = 0.01;
    /** MW increments (M[s,q] - M[s,q-1]) under this are crumbs. */
    public static final double MIN_MW_INCREMENT = 0.05;

    private ReportThresholds() {
    }

    /** {@code value} as shown: 0 when it is round-off of {@code whole} (below a millionth of it). */
    public static double shown(double value, double whole) {
        return isRoundOff(value, whole) ? 0.0 : value;
    }

    /** Whether {@code value} is below a millionth of {@code whole} in magnitude. */
    public static boolean isRoundOff(double value, double whole) {
        return Math.abs(value) < ROUND_OFF * Math.abs(whole);
    }

    /**
     * Whether two figures differ by more than round-off of the larger: a change between two
     * figures that are both round-off of {@code whole} is no change either.
     */
    public static boolean changed(double before, double after, double whole) {
        if (isRoundOff(before, whole) && isRoundOff(after, whole)) {
            return false;
        }
        return Math.abs(after - before) > ROUND_OFF * Math.max(Math.abs(before), Math.abs(after));
    }

    /** A flow of {@code peakIps} in a demand cell of {@code cellPeakIps} is a crumb: under 100 ips and 1 % of the cell. */
    public static boolean isCrumbFlow(double peakIps, double cellPeakIps) {
        return peakIps < MIN_FLOW_IPS && peakIps < MIN_FLOW_SHARE * cellPeakIps;
    }

    /** A facility increment of {@code addedMw} (> 0) is a crumb. */
    public static boolean isCrumbMw(double addedMw) {
        return addedMw > 0 && addedMw < MIN_MW_INCREMENT;
    }
}
