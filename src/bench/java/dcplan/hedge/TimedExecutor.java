package dcplan.hedge;

import java.util.List;
import java.util.Locale;

/**
 * A {@link FutureExecutor} that prints, for every batch, its task count, wall seconds, the sum and
 * the longest of its tasks' own seconds (on stderr), and adds up the batches' wall time: the rest
 * of a decomposition's wall time is the driver's serial part (tasks built, candidates, plans
 * evaluated), which no number of executors shortens.
 */
final class TimedExecutor implements FutureExecutor {
    private final FutureExecutor inner;
    private double batchSeconds;

    TimedExecutor(FutureExecutor inner) {
        this.inner = inner;
    }

    @Override
    public List<FutureOutcome> run(List<FutureTask> tasks) {
        long t0 = System.nanoTime();
        List<FutureOutcome> out = inner.run(tasks);
        double wall = (System.nanoTime() - t0) / 1e9;
        batchSeconds += wall;
        double sum = out.stream().mapToDouble(FutureOutcome::seconds).sum();
        double max = out.stream().mapToDouble(FutureOutcome::seconds).max().orElse(0);
        System.err.printf(Locale.ROOT, "bench hedge: batch of %d %s tasks: wall %.1f s, tasks' own %.1f s in all,"
                        + " longest %.2f s%n", tasks.size(), tasks.isEmpty() ? "-" : tasks.get(0).kind(), wall, sum, max);
        return out;
    }

    /** The batches' wall seconds since the last call, and starts counting again. */
    double takeBatchSeconds() {
        double s = batchSeconds;
        batchSeconds = 0;
        return s;
    }
}
