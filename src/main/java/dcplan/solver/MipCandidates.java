package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starting plans from the exact MIP of the contract ({@link PlanLinearProgram#solve} with
 * {@link LpOptions#integer()}: OR-Tools SCIP), or from relax-and-fix over windows of quarters
 * ({@link RelaxAndFix}) on larger instances, named candidates the planner judges with the
 * others. On the hard instances of issue 11 (limits that bind) the search's plan and the rounded
 * relaxation were 0.3-10 % above the optimum that SCIP proves on tiny and small instances within
 * seconds, and the rounding could break a tight year's budget: the MIP's incumbent is a plan that
 * already keeps every limit, whole servers and phases, commitments and the cash-timed budget.
 *
 * <p>The whole MIP runs where SCIP finds an incumbent within a useful time: at most
 * {@link #FULL_MIP_DECISIONS} server decisions (site, chip, quarter); up to
 * {@link #MAX_SERVER_DECISIONS}, relax-and-fix instead; beyond, nothing (see docs/solver.md for
 * the measurement). Either gets {@link #BUDGET_SHARE} of the planner's time budget.
 */
final class MipCandidates {

    /**
     * The largest instance given to the whole MIP, in (site, chip, quarter) server decisions: the
     * small size of the benchmark (5 x 3 x 8 = 120) and the sample (9 x 3 x 12 = 324) fit; medium
     * (12 x 4 x 12 = 576) does not: SCIP found no cost-phase incumbent in 15 s on any medium
     * flavor, seed 1 (load average 15 on 2 cores), only the costly plan of its served phase.
     */
    static final int FULL_MIP_DECISIONS = 400;

    /** The largest instance given to relax-and-fix: medium fits, large (40 x 5 x 12 = 2,400) too. */
    static final int MAX_SERVER_DECISIONS = 3_000;

    /** The share of the planner's time budget the MIP may take (both of its phases). */
    static final double BUDGET_SHARE = 0.5;

    /** The MIP gets at least this long: SCIP proves a tiny instance within it even on a busy machine. */
    static final Duration MIN_TIME = Duration.ofSeconds(5);

    private MipCandidates() {
    }

    /**
     * The MIP's plan, as the solver returned it, with its flows re-split over its servers by the
     * LP (for a plan that already serves the most, the re-split only moves flows to cheaper
     * energy) and trimmed; empty when the instance is too large, the budget is none or the MIP
     * found no plan. {@code budget} is the planner's time budget (the search's time limit).
     */
    static Map<String, Plan> of(PlanningModel model, List<DemandCell> demand, Duration budget, Duration polish,
                                HeldLevels held, Commitments commitments) {
        Map<String, Plan> plans = new LinkedHashMap<>();
        Duration limit = timeFor(model, budget);
        if (limit == null) {
            return plans;
        }
        boolean whole = serverDecisions(model) <= FULL_MIP_DECISIONS;
        LpResult mip = whole
                ? PlanLinearProgram.solve(model, demand, LpOptions.integer().withTimeLimit(limit).withCommitments(commitments))
                : RelaxAndFix.solve(model, demand, limit, commitments);
        if (mip == null || !mip.status().hasSolution()) {
            return plans;
        }
        String name = whole ? "MIP (SCIP, " + (mip.provenOptimal() ? "proven optimal" : "incumbent at its time limit") + ")"
                : "relax-and-fix MIP (SCIP, windows of " + RelaxAndFix.WINDOW_QUARTERS + " quarters)";
        plans.put(name, mip.plan());
        LpResult split = PlanLinearProgram.polishDispatch(model, demand, mip.plan(),
                LpOptions.relaxed().withTimeLimit(polish));
        if (split.status().hasSolution()) {
            plans.put(name + ", LP re-split", split.plan());
            plans.put(name + ", LP re-split, trimmed", PlanTrimming.trimmed(model, split.plan(), held));
        }
        return plans;
    }

    /** The MIP's time limit: a share of the budget, at least {@link #MIN_TIME}; null when it is not to run. */
    static Duration timeFor(PlanningModel model, Duration budget) {
        if (budget == null || budget.isZero() || budget.isNegative() || serverDecisions(model) > MAX_SERVER_DECISIONS) {
            return null;
        }
        Duration share = Duration.ofMillis(Math.round(budget.toMillis() * BUDGET_SHARE));
        return share.compareTo(MIN_TIME) < 0 ? MIN_TIME : share;
    }

    /** Sites x chips x quarters: the number of I[s,c,q] the MIP may have to branch on. */
    static long serverDecisions(PlanningModel model) {
        return (long) model.sites().size() * model.chips().size() * model.quarters().size();
    }
}
