package dcplan.sweep;

import dcplan.cluster.SparkCluster;
import dcplan.cluster.SparkClusterExtension;
import dcplan.forecast.Spark;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reproducible Monte Carlo sweep of {@link SweepJobTest#eightSamplesTwiceGiveIdenticalResultTables}
 * (tiny model, 8 samples, seed 7, 500 steps, no time limit) in local[2] and on a real standalone
 * cluster (master and two 1-core, 1 GB workers, separate JVMs; the executors load the solver's
 * jars that {@link SweepJob#shipSolverLibraries} adds to the context).
 *
 * <p>Equality is exact: every column of every result and build row, doubles bit for bit, except
 * {@code solve_seconds} (wall time). Each case is one whole solve in one task, with no reduction
 * across tasks (unlike the roll-up's shuffled sums), OptaPlanner in REPRODUCIBLE mode stops on a
 * step count, and the LPs (OR-Tools on both sides) finish far inside their time limits: the
 * same arithmetic in the same order on the same JVM and natives, whichever process runs it.
 */
@Tag("cluster")
@ExtendWith(SparkClusterExtension.class)
class ClusterSweepTest {
    static final int CASES = 8;
    static final Map<String, Object> SETTINGS = Map.of("seed", SweepFixture.SEED, "termination", SweepFixture.STEPS + " steps");

    @TempDir
    static Path tmp;
    static SparkCluster cluster;
    static Path models;
    static SweepInputs inputs;
    static List<SweepResult> local;

    @BeforeAll
    static void sweepLocally(SparkCluster c) throws Exception {
        cluster = c;
        models = SweepFixture.writeModel(tmp.resolve("models"));
        Path rollUp = SweepFixture.writeRollUp(tmp.resolve("demand-1"), 1.0);
        inputs = SweepFixture.sampleInputs(models, rollUp, null);
        // One SparkContext per JVM: whatever an earlier class left is stopped; local[2] as SweepJobTest.
        SparkCluster.stopSparkSessions();
        SparkSession spark = Spark.session("local[2]", "dcplan sweep tests");
        local = SweepJob.run(spark, inputs, SweepFixture.samples(CASES));
        SweepJob.write(spark, local, SETTINGS, tmp.resolve("sweep-local").toString());
        SparkCluster.stopSparkSessions();
    }

    @AfterAll
    static void stopSessions() {
        // Later classes get a fresh local session from Spark.session(...).getOrCreate().
        SparkCluster.stopSparkSessions();
    }

    @Test
    void eightSamplesOnTheClusterGiveTheLocalResultTables() throws Exception {
        assertEquals(CASES, local.size());
        for (SweepResult r : local) {
            assertNull(r.error(), r.toString());
            assertTrue(r.feasible(), r.toString());
            assertEquals(6, r.builds().size(), r.toString());
        }
        assertTrue(local.stream().map(SweepResult::totalCostUsd).distinct().count() > 1, "the samples differ");

        SparkSession spark = Spark.session(cluster.masterUrl(), "dcplan cluster sweep test");
        try {
            String appId = spark.sparkContext().applicationId();
            awaitExecutors(spark, SparkClusterExtension.WORKERS);
            Map<Long, String> taskExecutor = new ConcurrentHashMap<>();
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd e) {
                    if (e.taskInfo().successful()) {
                        taskExecutor.put(e.taskInfo().taskId(), e.taskInfo().executorId());
                    }
                }
            });

            // The solver's jars go to the executors as separate files (found through Surefire's class path).
            List<String> shipped = SweepJob.shipSolverLibraries(spark).stream().map(p -> p.getFileName().toString()).toList();
            for (String lib : List.of("optaplanner-core-impl-", "optaplanner-constraint-streams-bavet-", "ojalgo-",
                    "ortools-java-", "ortools-linux-x86-64-", "jna-", "commons-csv-")) {
                assertTrue(shipped.stream().anyMatch(n -> n.startsWith(lib)), lib + " not shipped: " + shipped);
            }
            assertTrue(SweepJob.shipSolverLibraries(spark).isEmpty(), "jars added twice");

            List<SweepResult> onCluster = SweepJob.run(spark, inputs, SweepFixture.samples(CASES));
            List<SparkCluster.Executor> executors = SparkCluster.executors(appId);

            // Every case, every column, exactly; only the wall time may differ.
            assertEquals(withoutTiming(local), withoutTiming(onCluster));
            onCluster.forEach(r -> assertTrue(r.solveSeconds() > 0, r.toString()));

            // The 8 tasks ran on the cluster's executors (not the driver), on both of them.
            assertEquals(CASES, taskExecutor.size(), taskExecutor.toString());
            Set<String> used = new TreeSet<>(taskExecutor.values());
            assertFalse(used.contains("driver"), used.toString());
            assertEquals(SparkClusterExtension.WORKERS, used.size(), "tasks ran on " + used);
            // ... which are JVMs of their own, started by the workers for this application.
            assertEquals(SparkClusterExtension.WORKERS, executors.size(), executors.toString());
            executors.forEach(x -> assertTrue(x.pid() != ProcessHandle.current().pid()));
            assertTrue(fetched(appId, "ortools-linux-x86-64-"), "no executor of " + appId + " fetched OR-Tools' natives");
            assertTrue(fetched(appId, "optaplanner-core-impl-"), "no executor of " + appId + " fetched OptaPlanner");

            // The written tables, read back: identical (results without solve_seconds).
            SweepJob.write(spark, onCluster, SETTINGS, tmp.resolve("sweep-cluster").toString());
            assertEquals(table(spark, "sweep-local", "results.parquet"), table(spark, "sweep-cluster", "results.parquet"));
            assertEquals(table(spark, "sweep-local", "builds.parquet"), table(spark, "sweep-cluster", "builds.parquet"));
            assertEquals(csvWithoutSolveSeconds("sweep-local"), csvWithoutSolveSeconds("sweep-cluster"));
            for (String f : List.of("builds.csv", "sweep.md", "sweep.json")) {
                assertEquals(Files.readString(tmp.resolve("sweep-local").resolve(f)),
                        Files.readString(tmp.resolve("sweep-cluster").resolve(f)), f);
            }
        } finally {
            spark.stop();
            SparkCluster.stopSparkSessions();
        }
    }

    private static List<SweepResult> withoutTiming(List<SweepResult> results) {
        return results.stream().map(SweepResult::withoutTiming).toList();
    }

    /** Executors register after the session starts; the driver is one of the executor infos. */
    private static void awaitExecutors(SparkSession spark, int executors) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < executors + 1) {
            assertTrue(System.nanoTime() < deadline, "executors did not register in 120 s");
            Thread.sleep(100);
        }
    }

    /** Whether an executor of {@code appId} fetched a jar named {@code prefix...} into its work folder. */
    private static boolean fetched(String appId, String prefix) throws Exception {
        try (var files = Files.walk(cluster.dir())) {
            return files.anyMatch(f -> f.toString().contains("/" + appId + "/")
                    && f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".jar"));
        }
    }

    private static List<Row> table(SparkSession spark, String sweep, String name) {
        return spark.read().parquet(tmp.resolve(sweep).resolve(name).toString()).drop("solve_seconds")
                .orderBy("case_id").collectAsList();
    }

    private static List<List<String>> csvWithoutSolveSeconds(String sweep) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Reader in = new StringReader(Files.readString(tmp.resolve(sweep).resolve("results.csv")))) {
            List<CSVRecord> records = CSVFormat.DEFAULT.parse(in).getRecords();
            int skip = records.get(0).toList().indexOf("solve_seconds");
            assertTrue(skip >= 0, "results.csv has no solve_seconds column");
            for (CSVRecord r : records) {
                List<String> values = new ArrayList<>(r.toList());
                values.remove(skip);
                rows.add(values);
            }
        }
        assertEquals(CASES + 1, rows.size());
        return rows;
    }
}
