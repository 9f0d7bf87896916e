package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpStatus;
import dcplan.solver.lp.LpWindow;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Relax-and-fix over windows of quarters, for instances too large for the whole MIP: the MIP
 * of the contract with whole servers and phases only in the first window (the rest relaxed),
 * then its decisions there pinned and the next window made integer, and so on to the last
 * window, whose solve is then a plan with every quarter whole. Each step is the full model
 * ({@link PlanLinearProgram#solve} with an {@link LpWindow}): supply, power, phases, the
 * cash-timed budget and commitments hold in every step, and the relaxed later quarters keep the
 * early decisions from starving them (buying ahead for a later supply cap or budget shows in the
 * relaxation). Each step maximises served first, given what is pinned.
 */
final class RelaxAndFix {

    /** Quarters per window: a year, the budget's period. */
    static final int WINDOW_QUARTERS = 4;

    private RelaxAndFix() {
    }

    /**
     * The last step's result (a plan with whole servers and phases in every quarter), or null
     * when a step found no solution, or a step before the last found only its served phase's
     * plan (not minimising cost) in its time. The last window's served-phase plan (status
     * {@link LpStatus#FEASIBLE}) is returned: no window after it is pinned to it, so it is a whole
     * plan, and it may serve more than every other candidate (long mixed v2 #2 at 30 s, before the
     * rounding's repairs alternated: where its last window ran out of time, its plan was the one
     * written, 0.013 % of the demand unmet; 11-35 % in the five other runs, forty-fourth session); its caller trims what it bought at any price. {@code limit} is shared evenly by the windows.
     */
    static LpResult solve(PlanningModel model, List<DemandCell> demand, Duration limit, Commitments commitments) {
        return solve(model, demand, limit, commitments, PlanLinearProgram::solve);
    }

    /** One window's solve: {@link PlanLinearProgram#solve}, or a test's stand-in for a window that ran out of time. */
    @FunctionalInterface
    interface WindowSolve {
        LpResult solve(PlanningModel model, List<DemandCell> demand, LpOptions options);
    }

    /** {@link #solve(PlanningModel, List, Duration, Commitments)} with each window solved by {@code windowSolve}. */
    static LpResult solve(PlanningModel model, List<DemandCell> demand, Duration limit, Commitments commitments,
                          WindowSolve windowSolve) {
        int nq = model.quarters().size();
        int windows = (nq + WINDOW_QUARTERS - 1) / WINDOW_QUARTERS;
        Duration step = limit.dividedBy(Math.max(1, windows));
        Map<Plan.SiteChipQuarter, Double> servers = new HashMap<>();
        Map<Plan.SiteQuarter, Double> mw = new HashMap<>();
        LpResult last = null;
        for (int from = 0; from < nq; from += WINDOW_QUARTERS) {
            int to = Math.min(nq, from + WINDOW_QUARTERS);
            LpOptions options = LpOptions.integer().withTimeLimit(step).withCommitments(commitments)
                    .withFixedMw(mw).withWindow(new LpWindow(from, to, servers));
            last = windowSolve.solve(model, demand, options);
            if (Deadline.LOG_STEPS) {
                System.err.printf(Locale.ROOT, "[dcplan] planning step: relax-and-fix, quarters %d-%d of %d: %s in %.1f s of its %.1f s%n",
                        from + 1, to, nq, last.status(), last.solveSeconds(), step.toMillis() / 1000.0);
            }
            boolean lastWindow = to == nq;
            if (!last.status().hasSolution() || (last.status() == LpStatus.FEASIBLE && !lastWindow)) {
                // FEASIBLE: the cost phase found no plan in time and the step returned the served
                // phase's, whose servers are bought at any price; pinning them made a medium
                // supply-bound plan 62 % dearer than the relaxation
                return null;
            }
            pin(model, last, from, to, servers, mw);
        }
        return last;
    }

    /** Adds the step's servers and MW of quarters {@code [from, to)} to the pinned ones. */
    private static void pin(PlanningModel model, LpResult step, int from, int to,
                            Map<Plan.SiteChipQuarter, Double> servers, Map<Plan.SiteQuarter, Double> mw) {
        for (int q = from; q < to; q++) {
            Quarter quarter = model.quarters().get(q);
            for (Site site : model.sites()) {
                for (Chip chip : model.chips()) {
                    Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(site.id(), chip.id(), quarter);
                    // I absent from installedExact is 0; an inactive pair's pin is ignored (no variable)
                    servers.put(key, (double) Math.round(step.installedExact().getOrDefault(key, 0.0)));
                }
                // M absent is 0 (existing 0, nothing built); a site without M variables ignores its pin
                Plan.SiteQuarter sq = new Plan.SiteQuarter(site.id(), quarter);
                mw.put(sq, step.itMwExact().getOrDefault(sq, 0.0));
            }
        }
    }
}
