package dcplan.hedge;

import dcplan.model.DemandCell;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.solver.lp.LpResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link FutureTask}, inside a Spark task or in this JVM: no Spark, no files beyond a
 * private temporary folder. A failure becomes an outcome with its error, so the driver can name
 * the future that failed.
 */
public final class FutureSolve {
    private FutureSolve() {
    }

    public static FutureOutcome run(FutureTask task) {
        return runAll(List.of(task).iterator()).get(0);
    }

    /**
     * The tasks of one Spark partition (or of a local batch), in order. A model is read once for
     * consecutive tasks that ship the same YAML (a Monte Carlo batch ships one model): reading it
     * (temporary files, YAML, checks) took about as long as one future's LP. A solve does not
     * change its model, so each task gets the model it would have read itself.
     */
    public static List<FutureOutcome> runAll(Iterator<FutureTask> tasks) {
        List<FutureOutcome> out = new ArrayList<>();
        Map<String, String> readFrom = null;
        PlanningModel read = null;
        while (tasks.hasNext()) {
            FutureTask task = tasks.next();
            long start = System.nanoTime();
            try {
                if (read == null || !task.modelYaml().equals(readFrom)) {
                    read = null; // a model that fails to read is read again (and fails) for the next task
                    read = task.model();
                    readFrom = task.modelYaml();
                }
                out.add(solve(task, read, start));
            } catch (RuntimeException e) {
                String message = e instanceof InputException bad ? String.join("; ", bad.problems()) : e.toString();
                out.add(FutureOutcome.failed(task, message, seconds(start)));
            }
        }
        return out;
    }

    private static FutureOutcome solve(FutureTask task, PlanningModel model, long start) {
        List<DemandCell> demand = task.demandCells();
        Commitments held = task.commitments();
        return switch (task.kind()) {
            case PLAN -> planned(task, model, held, start);
            case LP, LP_FIGURES -> relaxed(task, model, demand, held, start);
        };
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

    /**
     * The LP relaxation holding the commitments: its own unmet volume and cost (servers
     * fractional), and its plan unless the task asked for the figures only.
     */
    private static FutureOutcome relaxed(FutureTask task, PlanningModel model, List<DemandCell> demand,
                                         Commitments held, long start) {
        LpResult r = CommitmentEvaluator.relaxation(model, demand, held, task.lpMs() > 0 ? Duration.ofMillis(task.lpMs()) : null);
        if (!r.status().hasSolution()) {
            return FutureOutcome.failed(task, "LP relaxation " + r.status() + " " + r.message(), seconds(start));
        }
        return FutureOutcome.of(task, task.kind() == FutureTask.Kind.LP_FIGURES ? null : r.plan(), r.unmetInferences(),
                r.totalCostUsd(), "LP relaxation " + r.status(), seconds(start));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
