package dcplan.hedge;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a batch's slot-seconds go, from Spark's own task records (a listener, so the product's
 * code is not touched): for a batch of wall W on E executors, E x W = time before an executor's
 * first task + its tasks' runs (solves, and Spark's deserialisation and result serialisation
 * around them) + gaps between its tasks (the driver's round trip: result fetched, next task
 * sent) + idle at the end while the last tasks of the other slots run (stragglers). What is not
 * a run does not halve on two slots.
 */
final class SlotProfile extends SparkListener {
    private record Task(String executor, long launch, long finish, long runMs, long resultBytes, long cpuNs, long gcMs) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long jobStart;
    private long jobEnd;
    private int jobsEnded;

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        jobStart = start.time();
        tasks.clear();
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        TaskInfo i = end.taskInfo();
        long run = end.taskMetrics() == null ? 0 : end.taskMetrics().executorRunTime();
        long bytes = end.taskMetrics() == null ? 0 : end.taskMetrics().resultSize();
        long cpu = end.taskMetrics() == null ? 0 : end.taskMetrics().executorCpuTime();
        long gc = end.taskMetrics() == null ? 0 : end.taskMetrics().jvmGCTime();
        tasks.add(new Task(i.executorId(), i.launchTime(), i.finishTime(), run, bytes, cpu, gc));
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        jobEnd = end.time();
        jobsEnded++;
        notifyAll();
    }

    /** Jobs ended so far: the caller waits for one more after a batch ({@link #awaitJobs}). */
    synchronized int jobsEnded() {
        return jobsEnded;
    }

    /** Waits (at most 10 s: the listener bus is asynchronous) until {@code count} jobs have ended. */
    synchronized void awaitJobs(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (jobsEnded < count && System.currentTimeMillis() < deadline) {
            wait(100);
        }
    }

    /**
     * The last job's slot-seconds, one line: head, runs (executor run time; of it the task
     * threads' own CPU and the JVM's GC pauses meanwhile, Spark's {@code executorCpuTime} and
     * {@code jvmGCTime}: the rest of a run is its thread off the CPU, e.g. while the JIT compiler
     * has the executor's one core), gaps, tail idle.
     */
    synchronized String lastJob() {
        Map<String, List<Task>> byExecutor = new TreeMap<>();
        tasks.forEach(t -> byExecutor.computeIfAbsent(t.executor(), k -> new ArrayList<>()).add(t));
        long head = 0;
        long busy = 0;
        long run = 0;
        long gaps = 0;
        long tail = 0;
        long bytes = tasks.stream().mapToLong(Task::resultBytes).sum();
        long cpuNs = tasks.stream().mapToLong(Task::cpuNs).sum();
        long gcMs = tasks.stream().mapToLong(Task::gcMs).sum();
        for (List<Task> on : byExecutor.values()) {
            on.sort((a, b) -> Long.compare(a.launch(), b.launch()));
            head += on.get(0).launch() - jobStart;
            tail += jobEnd - on.get(on.size() - 1).finish();
            for (int k = 0; k < on.size(); k++) {
                Task t = on.get(k);
                busy += t.finish() - t.launch();
                run += t.runMs();
                if (k > 0) {
                    gaps += Math.max(0, t.launch() - on.get(k - 1).finish());
                }
            }
        }
        return String.format(Locale.ROOT, "%d Spark tasks on %d executors, job %.2f s; slot-seconds: head %.2f,"
                        + " tasks %.2f (run %.2f, Spark's around them %.2f), gaps between tasks %.2f, tail idle %.2f;"
                        + " results %.1f MB; the runs: task threads' CPU %.2f, GC %.2f, neither %.2f",
                tasks.size(), byExecutor.size(), (jobEnd - jobStart) / 1e3, head / 1e3, busy / 1e3, run / 1e3,
                (busy - run) / 1e3, gaps / 1e3, tail / 1e3, bytes / 1e6, cpuNs / 1e9, gcMs / 1e3,
                (run - gcMs) / 1e3 - cpuNs / 1e9);
    }
}
