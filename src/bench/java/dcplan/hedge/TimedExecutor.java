package dcplan.hedge;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link FutureExecutor} that prints, for every batch, its task count, wall seconds, the sum and
 * the longest of its tasks' own seconds (on stderr), and adds up the batches' wall time: the rest
 * of a decomposition's wall time is the driver's serial part (tasks built, candidates, plans
 * evaluated), which no number of executors shortens. With a {@link SlotProfile} (Spark), also
 * where the batch's slot-seconds went: Spark's start, the tasks, the gaps between them, the idle
 * tail.
 */
final class TimedExecutor implements FutureExecutor {
    private final FutureExecutor inner;
    private final SlotProfile profile;
    private double batchSeconds;
    /** Each future's mean LP seconds in the last LP batch, to compare with its planner solve's. */
    private Map<String, Double> lpSeconds = Map.of();
    /** The driver's threads' CPU when the last batch ended: what the driver did between batches. */
    private Map<String, Double> betweenFrom;

    TimedExecutor(FutureExecutor inner, SlotProfile profile) {
        this.inner = inner;
        this.profile = profile;
    }

    @Override
    public List<FutureOutcome> run(List<FutureTask> tasks) {
        if (betweenFrom != null) {
            System.err.println("bench hedge:   the driver's CPU s by thread since the last batch: "
                    + DriverThreads.difference(betweenFrom, DriverThreads.take()));
        }
        int jobs = profile == null ? 0 : profile.jobsEnded();
        long t0 = System.nanoTime();
        long cpu0 = driverCpuNanos();
        var threads0 = DriverThreads.take();
        List<FutureOutcome> out = inner.run(tasks);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (driverCpuNanos() - cpu0) / 1e9;
        var threads1 = DriverThreads.take();
        batchSeconds += wall;
        double sum = out.stream().mapToDouble(FutureOutcome::seconds).sum();
        double max = out.stream().mapToDouble(FutureOutcome::seconds).max().orElse(0);
        System.err.printf(Locale.ROOT, "bench hedge: batch of %d %s tasks: wall %.1f s, tasks' own %.1f s in all,"
                        + " longest %.2f s; the driver's JVM used %.1f s of CPU meanwhile%n", tasks.size(),
                tasks.isEmpty() ? "-" : tasks.get(0).kind(), wall, sum, max, cpu);
        System.err.println("bench hedge:   the driver's CPU s by thread: " + DriverThreads.difference(threads0, threads1));
        betweenFrom = threads1;
        if (profile != null && !tasks.isEmpty()) {
            try {
                profile.awaitJobs(jobs + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.err.println("bench hedge:   " + profile.lastJob());
        }
        if (!tasks.isEmpty() && tasks.get(0).kind().lp()) {
            lpSeconds = meanSeconds(out);
        } else if (!tasks.isEmpty()) {
            System.err.printf(Locale.ROOT, "bench hedge:   planner seconds against the future's LP seconds:"
                    + " correlation %.2f; first handed out %s, last %s%n", correlation(out), out.stream()
                    .filter(o -> o.index() == tasks.get(0).index()).findFirst().map(o -> f(o.seconds())).orElse("?"),
                    out.stream().filter(o -> o.index() == tasks.get(tasks.size() - 1).index()).findFirst()
                            .map(o -> f(o.seconds())).orElse("?"));
        }
        return out;
    }

    /** This JVM's CPU time (every thread: Spark's scheduler, results fetched and read, GC, JIT). */
    static long driverCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<String, Double> meanSeconds(List<FutureOutcome> out) {
        Map<String, double[]> sums = new HashMap<>();
        out.forEach(o -> {
            double[] s = sums.computeIfAbsent(o.name(), k -> new double[2]);
            s[0] += o.seconds();
            s[1]++;
        });
        Map<String, Double> mean = new HashMap<>();
        sums.forEach((k, s) -> mean.put(k, s[0] / s[1]));
        return mean;
    }

    /** Pearson's r between each outcome's seconds and its future's mean LP seconds (NaN without them). */
    private double correlation(List<FutureOutcome> out) {
        List<FutureOutcome> known = out.stream().filter(o -> lpSeconds.containsKey(o.name())).toList();
        double n = known.size();
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (FutureOutcome o : known) {
            double x = lpSeconds.get(o.name());
            double y = o.seconds();
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    }

    private static String f(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    /** The batches' wall seconds since the last {@link #takeBatchSeconds}. */
    double batchSeconds() {
        return batchSeconds;
    }

    /** The batches' wall seconds since the last call, and starts counting again. */
    double takeBatchSeconds() {
        if (betweenFrom != null) {
            System.err.println("bench hedge:   the driver's CPU s by thread after the last batch: "
                    + DriverThreads.difference(betweenFrom, DriverThreads.take()));
            betweenFrom = null;
        }
        double s = batchSeconds;
        batchSeconds = 0;
        return s;
    }
}
