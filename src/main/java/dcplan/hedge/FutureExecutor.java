package dcplan.hedge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where {@link FutureTask}s run: {@link #LOCAL} one after another in this JVM, or
 * {@link SparkFutureExecutor} as Spark tasks. Both run {@link FutureSolve#runAll}, so a task
 * gives the same outcome wherever it runs (for step-limited searches and LPs without a time
 * limit that stops them). Outcomes come back in task order.
 */
@FunctionalInterface
public interface FutureExecutor {
    List<FutureOutcome> run(List<FutureTask> tasks);

    FutureExecutor LOCAL = tasks -> FutureSolve.runAll(tasks.iterator());

    /** The outcomes sorted by task index (Spark's collect keeps partition order; this does not rely on it). */
    static List<FutureOutcome> inOrder(List<FutureOutcome> outcomes) {
        List<FutureOutcome> out = new ArrayList<>(outcomes);
        out.sort(Comparator.comparingInt(FutureOutcome::index));
        return out;
    }

    /** Fails with every failed future's line when any failed. */
    static List<FutureOutcome> requireAll(List<FutureOutcome> outcomes) {
        List<String> errors = outcomes.stream().filter(FutureOutcome::failed).map(FutureOutcome::error).toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() + " of " + outcomes.size() + " futures failed: "
                    + String.join("; ", errors));
        }
        return outcomes;
    }
}
