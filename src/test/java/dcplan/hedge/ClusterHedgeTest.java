package dcplan.hedge;

import dcplan.cluster.SparkCluster;
import dcplan.cluster.SparkClusterExtension;
import dcplan.forecast.Spark;
import dcplan.model.PlanningModel;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decomposition of a 4-future Monte Carlo hedge of the tiny model (step-limited, the LPs far
 * inside their limits) in local mode and on a real standalone cluster (master and two 1-core
 * workers, separate JVMs): the same shared commitments and the same plans, doubles bit for bit,
 * every future's figures the same. As in ClusterSweepTest, each task is a whole solve with no
 * reduction across tasks, so the same arithmetic runs whichever process runs it.
 */
@Tag("cluster")
@ExtendWith(SparkClusterExtension.class)
class ClusterHedgeTest {
    static final int FUTURES = 4;
    @TempDir
    static Path tmp;
    static SparkCluster cluster;
    static HedgeInstance instance;
    static HedgedPlan local;

    @BeforeAll
    static void hedgeLocally(SparkCluster c) throws Exception {
        cluster = c;
        PlanningModel model = HedgeFixture.model(tmp.resolve("models"));
        instance = HedgeFixture.instance(model, FUTURES, 7);
        SparkCluster.stopSparkSessions();
        SparkSession spark = Spark.session("local[2]", "dcplan hedge tests");
        local = solve(spark);
        SparkCluster.stopSparkSessions();
    }

    @AfterAll
    static void stopSessions() {
        SparkCluster.stopSparkSessions();
    }

    static HedgedPlan solve(SparkSession spark) {
        SparkFutureExecutor executor = new SparkFutureExecutor(spark);
        return new DecompositionHedge(executor, new SparkCaseRunner(executor)).solve(instance, HedgeFixture.SETTINGS);
    }

    @Test
    void theClusterGivesTheLocalHedgedPlan() throws Exception {
        SparkSession spark = Spark.session(cluster.masterUrl(), "dcplan cluster hedge test");
        try {
            awaitExecutors(spark, SparkClusterExtension.WORKERS);
            Set<String> used = ConcurrentHashMap.newKeySet();
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd e) {
                    if (e.taskInfo().successful()) {
                        used.add(e.taskInfo().executorId());
                    }
                }
            });
            HedgedPlan onCluster = solve(spark);
            assertEquals(local.shared(), onCluster.shared());
            assertEquals(local.expectedCostBoundUsd(), onCluster.expectedCostBoundUsd());
            assertEquals(local.plans(), onCluster.plans(), "plans and their evaluations, exactly");
            assertFalse(used.contains("driver"), used.toString());
            assertEquals(SparkClusterExtension.WORKERS, new TreeSet<>(used).size(), "tasks ran on " + used);
        } finally {
            spark.stop();
            SparkCluster.stopSparkSessions();
        }
    }

    @Test
    void theExecutorsCollectGarbageWithTheThroughputCollector() throws Exception {
        SparkSession spark = Spark.session(cluster.masterUrl(), "dcplan cluster hedge test");
        try {
            awaitExecutors(spark, SparkClusterExtension.WORKERS);
            List<SparkCluster.Executor> executors = SparkCluster.executors(spark.sparkContext().applicationId());
            assertEquals(SparkClusterExtension.WORKERS, executors.size(), executors.toString());
            // a 1-core, 1 GB worker's executor would otherwise get the Serial collector (Spark.EXECUTOR_GC)
            executors.forEach(e -> assertTrue(e.commandLine().contains(" -XX:+UseParallelGC "), e.commandLine()));
        } finally {
            spark.stop();
            SparkCluster.stopSparkSessions();
        }
    }

    private static void awaitExecutors(SparkSession spark, int executors) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < executors + 1) {
            assertTrue(System.nanoTime() < deadline, "executors did not register in 120 s");
            Thread.sleep(100);
        }
    }
}
