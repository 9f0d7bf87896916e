package dcplan.solver.lp;

import dcplan.plan.Plan;

import java.util.Map;

/**
 * The outcome of a {@link PlanLinearProgram} solve.
 *
 * @param plan                flows (avgIps = flow * avg / peak), installed servers rounded to the
 *                            nearest integer (exact for the MIP and for dispatch polish), MW built
 * @param installedExact      I[s,c,q] as the solver returned it, every (s, c, q) with I > 0
 *                            (fractional for the relaxed LP); the costs are computed from these
 * @param itMwExact           M[s,q] as the solver returned it, every (s, q) with M > 0
 * @param servedInferences    sum of flow_avg * 2190 * 3600 over the horizon
 * @param unmetInferences     sum of (peak - served) * avg / peak * 2190 * 3600, every demand cell
 * @param maxServedInferences phase 1's optimum (the most any plan can serve in this model; for
 *                            dispatch polish, with the given servers); NaN when phase 1 was not run
 * @param cost                total cost split in the three terms, constants included, computed
 *                            from {@code installedExact}, {@code itMwExact} and the flows
 * @param status              how the solve ended
 * @param provenOptimal       true when both phases ended OPTIMAL
 * @param timeLimitHit        true when the time limit stopped a phase
 * @param solveSeconds        wall-clock seconds, building and both phases
 * @param message             a human-readable note (which phase failed, fallbacks taken), or ""
 * @param lowerBoundUsd       a proven lower bound on the total cost of every plan that keeps the
 *                            solve's commitments and serves at least what phase 2 was asked to
 *                            serve; NaN when the solve proved none
 * @param lowerBoundKind      which bound {@code lowerBoundUsd} is: {@link #LP_RELAXATION},
 *                            {@link #MIP_DUAL_BOUND} or {@link #PHASES_WHOLE_BOUND}; "" without one
 * @param servedBoundInferences a proven upper bound on what any plan of the model (with the
 *                            solve's commitments) serves: phase 1's optimum for the relaxation,
 *                            its solver's dual bound for the MIP (valid whether or not phase 1
 *                            closed its gap); NaN when phase 1 proved none or was restricted (a
 *                            window, MW fixed, servers given)
 */
public record LpResult(Plan plan, Map<Plan.SiteChipQuarter, Double> installedExact,
                       Map<Plan.SiteQuarter, Double> itMwExact, double servedInferences,
                       double unmetInferences, double maxServedInferences, CostBreakdown cost,
                       LpStatus status, boolean provenOptimal, boolean timeLimitHit,
                       double solveSeconds, String message, double lowerBoundUsd, String lowerBoundKind,
                       double servedBoundInferences) {

    /** The relaxation's optimal cost: servers, phases and MW continuous. */
    public static final String LP_RELAXATION = "LP relaxation";
    /** The MIP's dual bound as its solver proved it (servers and phases whole), valid whether or not it closed the gap. */
    public static final String MIP_DUAL_BOUND = "MIP dual bound";
    /**
     * The dual bound of the MIP with its servers continuous and its phases whole ({@link PhasesFirst}'s
     * step 1): a relaxation of the MIP, so a bound on it, valid whether or not it closed its gap.
     */
    public static final String PHASES_WHOLE_BOUND = "MIP dual bound, phases whole and servers continuous";

    public LpResult {
        installedExact = installedExact == null ? Map.of() : Map.copyOf(installedExact);
        itMwExact = itMwExact == null ? Map.of() : Map.copyOf(itMwExact);
        lowerBoundKind = Double.isNaN(lowerBoundUsd) || lowerBoundKind == null ? "" : lowerBoundKind;
    }

    /** A result without a served bound ({@link #servedBoundInferences} NaN). */
    public LpResult(Plan plan, Map<Plan.SiteChipQuarter, Double> installedExact,
                    Map<Plan.SiteQuarter, Double> itMwExact, double servedInferences,
                    double unmetInferences, double maxServedInferences, CostBreakdown cost,
                    LpStatus status, boolean provenOptimal, boolean timeLimitHit,
                    double solveSeconds, String message, double lowerBoundUsd, String lowerBoundKind) {
        this(plan, installedExact, itMwExact, servedInferences, unmetInferences, maxServedInferences, cost, status,
                provenOptimal, timeLimitHit, solveSeconds, message, lowerBoundUsd, lowerBoundKind, Double.NaN);
    }

    /** A result without a bound. */
    public LpResult(Plan plan, Map<Plan.SiteChipQuarter, Double> installedExact,
                    Map<Plan.SiteQuarter, Double> itMwExact, double servedInferences,
                    double unmetInferences, double maxServedInferences, CostBreakdown cost,
                    LpStatus status, boolean provenOptimal, boolean timeLimitHit,
                    double solveSeconds, String message) {
        this(plan, installedExact, itMwExact, servedInferences, unmetInferences, maxServedInferences, cost, status,
                provenOptimal, timeLimitHit, solveSeconds, message, Double.NaN, "");
    }

    /** The same result with a proven lower bound of the given kind. */
    public LpResult withLowerBound(double usd, String kind) {
        return new LpResult(plan, installedExact, itMwExact, servedInferences, unmetInferences, maxServedInferences,
                cost, status, provenOptimal, timeLimitHit, solveSeconds, message, usd, kind, servedBoundInferences);
    }

    /** The same result with a proven upper bound on what any plan serves ({@link #servedBoundInferences}). */
    public LpResult withServedBound(double inferences) {
        return new LpResult(plan, installedExact, itMwExact, servedInferences, unmetInferences, maxServedInferences,
                cost, status, provenOptimal, timeLimitHit, solveSeconds, message, lowerBoundUsd, lowerBoundKind, inferences);
    }

    /** Whether a lower bound was proven ({@link #lowerBoundUsd} is a number). */
    public boolean hasLowerBound() {
        return !Double.isNaN(lowerBoundUsd);
    }

    public double totalCostUsd() {
        return cost == null ? Double.NaN : cost.totalUsd();
    }
}
