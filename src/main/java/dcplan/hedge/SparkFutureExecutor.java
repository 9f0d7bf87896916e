package dcplan.hedge;

import dcplan.sweep.SweepJob;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * The futures' solves as Spark tasks (as the sweep does): the tasks carry their inputs as text
 * and rows, the executors get the solver's jars and natives from
 * {@link SweepJob#shipSolverLibraries}, and the outcomes (a plan's rows each) are collected on
 * the driver. A planner solve (seconds) is a Spark task of its own, so every slot stays busy
 * until the last few; LP solves (tenths of a second) go several to a Spark task
 * ({@link #slices}), where Spark's own cost per task and a model read per task weighed as much
 * as the LP.
 */
public final class SparkFutureExecutor implements FutureExecutor {
    /** Spark tasks per slot for a batch of LP solves: few enough to share the model read, enough that the slots end together. */
    static final int LP_SLICES_PER_SLOT = 8;

    private final SparkSession spark;

    public SparkFutureExecutor(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public List<FutureOutcome> run(List<FutureTask> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        SweepJob.shipSolverLibraries(spark);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return FutureExecutor.inOrder(jsc.parallelize(tasks, slices(tasks, jsc.defaultParallelism()))
                .mapPartitions(part -> FutureSolve.runAll(part).iterator()).collect());
    }

    /**
     * How many Spark tasks the batch is cut into (contiguous runs of it): one per task when any is
     * a planner solve; else {@link #LP_SLICES_PER_SLOT} per slot, at most one per task.
     */
    static int slices(List<FutureTask> tasks, int slots) {
        if (tasks.stream().anyMatch(t -> !t.kind().lp())) {
            return tasks.size();
        }
        return Math.min(tasks.size(), Math.max(1, slots) * LP_SLICES_PER_SLOT);
    }
}
