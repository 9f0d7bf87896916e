package dcplan.hedge;

import dcplan.sweep.SweepJob;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * One Spark task per future ({@code parallelize(tasks, tasks.size())}, as the sweep does): the
 * tasks carry their inputs as text and rows, the executors get the solver's jars and natives
 * from {@link SweepJob#shipSolverLibraries}, and the outcomes (a plan's rows each) are collected
 * on the driver. A task is a whole solve, seconds to minutes, so one per partition keeps every
 * core busy until the last few.
 */
public final class SparkFutureExecutor implements FutureExecutor {
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
        return FutureExecutor.inOrder(jsc.parallelize(tasks, tasks.size()).map(FutureSolve::run).collect());
    }
}
