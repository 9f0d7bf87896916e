package dcplan.hedge;

import dcplan.model.DemandCell;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.solver.lp.LpResult;

import java.time.Duration;
import java.util.List;

/**
 * Runs one {@link FutureTask}, inside a Spark task or in this JVM: no Spark, no files beyond a
 * private temporary folder. A failure becomes an outcome with its error, so the driver can name
 * the future that failed.
 */
public final class FutureSolve {
    private FutureSolve() {
    }

    public static FutureOutcome run(FutureTask task) {
        long start = System.nanoTime();
        try {
            PlanningModel model = task.model();
            List<DemandCell> demand = task.demandCells();
            Commitments held = task.commitments();
            return switch (task.kind()) {
                case PLAN -> planned(task, model, held, start);
                case LP -> relaxed(task, model, demand, held, start);
            };
        } catch (RuntimeException e) {
            String message = e instanceof InputException bad ? String.join("; ", bad.problems()) : e.toString();
            return FutureOutcome.failed(task, message, seconds(start));
        }
    }

    /**
     * The future planned by {@link LocalCaseRunner} alone (the planner holding the commitments, as
     * {@code dcplan whatif} does): the same code as a local run, so the same plan for a
     * step-limited search. Its evaluation is the driver's to redo.
     */
    private static FutureOutcome planned(FutureTask task, PlanningModel model, Commitments held, long start) {
        CasePlan p = new LocalCaseRunner().plan(List.of(task.future(model)), List.of(held), task.settings()).get(0);
        return FutureOutcome.of(task, p.plan(), p.evaluation().unmetInferences(), p.evaluation().totalCostUsd(), "",
                seconds(start));
    }

    /** The LP relaxation holding the commitments: its own unmet volume and cost (servers fractional). */
    private static FutureOutcome relaxed(FutureTask task, PlanningModel model, List<DemandCell> demand,
                                         Commitments held, long start) {
        LpResult r = CommitmentEvaluator.relaxation(model, demand, held, task.lpMs() > 0 ? Duration.ofMillis(task.lpMs()) : null);
        if (!r.status().hasSolution()) {
            return FutureOutcome.failed(task, "LP relaxation " + r.status() + " " + r.message(), seconds(start));
        }
        return FutureOutcome.of(task, r.plan(), r.unmetInferences(), r.totalCostUsd(), "LP relaxation " + r.status(),
                seconds(start));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
