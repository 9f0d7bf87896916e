package dcplan.forecast;

import dcplan.cli.Main;
import dcplan.cluster.SparkCluster;
import dcplan.cluster.SparkClusterExtension;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roll-up on a real standalone cluster (master and two workers, separate JVMs, executors
 * started by the workers) against the same roll-up in local mode on the same files.
 *
 * <p>Equality: the cells, the row counts and the reject counts must be identical; each double
 * within 1e-12 relative. Not bitwise: Spark sums the partial sums of a group in the order the
 * shuffle blocks arrive, which depends on task timing (and in local mode too from run to run),
 * and floating-point addition is not associative. Seen: differences up to 8e-16 relative
 * (a few ulps) between runs with different partitioning; 1e-12 leaves room for long sums and
 * still catches any real difference (a row more or less moves a cell by about 1e-5).
 */
@Tag("cluster")
@ExtendWith(SparkClusterExtension.class)
class ClusterRollupTest {
    static final long ROWS = 300_000;
    /** Shuffle partitions on the cluster: 2 per executor core, as local mode uses. */
    static final int PARTITIONS = 4;

    @TempDir
    static Path tmp;
    static SparkCluster cluster;
    static PlanningModel model;
    static Path models;
    static Path forecasts;
    static AggregateJob.Result local;
    static List<DemandCell> localCsv;

    @BeforeAll
    static void generateAndRollUpLocally(SparkCluster c) throws Exception {
        cluster = c;
        // One SparkContext per JVM: whatever session an earlier test class left is stopped, and
        // local mode gets a fresh local[2] (ForecastTestSupport recreates it for later classes).
        SparkCluster.stopSparkSessions();
        SparkSession spark = ForecastTestSupport.spark();
        models = ForecastTestSupport.writeModel(tmp.resolve("models"));
        model = ModelLoader.load(models);
        forecasts = tmp.resolve("forecasts");
        new ForecastGenerator(model, 11, true).generate(spark, ROWS, 8).write().parquet(forecasts.toString());
        local = AggregateJob.run(spark, forecasts.toString(), model, 0.9, 0.3, tmp.resolve("demand-local").toString());
        localCsv = DemandTable.readCsv(tmp.resolve("demand-local").resolve(AggregateJob.DEMAND_CSV));
        spark.stop();
    }

    @AfterAll
    static void stopSession() {
        SparkCluster.stopSparkSessions();
    }

    @Test
    void clusterIsAMasterAndTwoWorkerJvms() {
        String status = cluster.status();
        assertTrue(status.contains("workers registered with the master: 2 of 2"), status);
        List<Long> pids = cluster.daemonPids();
        assertEquals(3, pids.size(), status);
        assertFalse(pids.contains(ProcessHandle.current().pid()));
    }

    /** dcplan aggregate --master spark://... : the CLI path, as bin/dcplan runs it. */
    @Test
    void aggregateOnTheClusterGivesTheLocalTable() throws Exception {
        Path out = tmp.resolve("demand-cluster");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream was = System.out;
        System.setProperty("spark.sql.shuffle.partitions", String.valueOf(PARTITIONS));
        int exit;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            exit = Main.run("aggregate", "--forecasts", forecasts.toString(), "--models", models.toString(),
                    "--out", out.toString(), "--master", cluster.masterUrl(), "--quantile", "0.9", "--rho", "0.3");
        } finally {
            System.setOut(was);
            System.clearProperty("spark.sql.shuffle.partitions");
        }
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        // The counts, as printed: rows read, restated, rejected by reason, accepted, cells.
        assertEquals(local.summary().strip(), printed.substring(0, printed.indexOf("quantile")).strip());
        assertSameDemand(localCsv, DemandTable.readCsv(out.resolve(AggregateJob.DEMAND_CSV)));
        // The rejected rows, by reason, read back independently (DuckDB).
        assertEquals(rejectedByReason(tmp.resolve("demand-local")), rejectedByReason(out));
        // The executors ran the job and fetched dcplan's classes (target/classes packed as a jar).
        try (var files = Files.walk(cluster.dir())) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("dcplan-classes-.*\\.jar")),
                    "no executor fetched the application jar under " + cluster.dir());
        }
    }

    /**
     * kill -9 of an executor JVM while a stage of the roll-up runs: Spark reruns the lost tasks
     * (and the lost shuffle output) on the executor the worker starts in its place; the result
     * is the same table.
     */
    @Test
    void rollUpSurvivesAKilledExecutor() throws Exception {
        SparkCluster.stopSparkSessions();
        System.setProperty("spark.sql.shuffle.partitions", "16");
        SparkSession spark;
        try {
            spark = Spark.session(cluster.masterUrl(), "dcplan cluster fault test");
        } finally {
            System.clearProperty("spark.sql.shuffle.partitions");
        }
        AtomicInteger removed = new AtomicInteger();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
                removed.incrementAndGet();
            }
        });
        String appId = spark.sparkContext().applicationId();
        CompletableFuture<AggregateJob.Result> job = CompletableFuture.supplyAsync(
                () -> AggregateJob.rollUp(spark, forecasts.toString(), model, 0.9, 0.3));

        // Wait for a stage of several tasks with some done and some running on the executors.
        SparkCluster.Executor victim = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (victim == null && System.nanoTime() < deadline && !job.isDone()) {
            List<SparkCluster.Executor> executors = SparkCluster.executors(appId);
            if (executors.size() == SparkClusterExtension.WORKERS && stageMidway(spark)) {
                victim = executors.get(0);
                SparkCluster.kill9(victim.pid());
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(victim != null, "no running stage seen to kill an executor in (job done: " + job.isDone() + ")");
        assertFalse(job.isDone(), "the job finished before the kill");
        // The executors got Spark's Java 17 flags from SparkContext.
        assertTrue(victim.commandLine().contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), victim.commandLine());

        AggregateJob.Result onCluster = job.get(240, TimeUnit.SECONDS);
        long killed = victim.pid();
        assertFalse(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(removed.get() >= 1, "the driver never saw an executor go");
        assertEquals(local.rowsRead(), onCluster.rowsRead());
        assertEquals(local.restated(), onCluster.restated());
        assertEquals(local.rejectedByReason(), onCluster.rejectedByReason());
        assertEquals(local.accepted(), onCluster.accepted());
        assertSameDemand(local.demand(), onCluster.demand());
        spark.stop();
    }

    /** A stage with more than one task, at least one finished and one running. */
    private static boolean stageMidway(SparkSession spark) {
        for (int id : spark.sparkContext().statusTracker().getActiveStageIds()) {
            scala.Option<SparkStageInfo> info = spark.sparkContext().statusTracker().getStageInfo(id);
            if (info.isDefined() && info.get().numTasks() > 1 && info.get().numCompletedTasks() > 0
                    && info.get().numActiveTasks() > 0) {
                return true;
            }
        }
        return false;
    }

    static void assertSameDemand(List<DemandCell> expected, List<DemandCell> actual) {
        Map<String, DemandCell> e = byKey(expected);
        Map<String, DemandCell> a = byKey(actual);
        assertEquals(e.keySet(), a.keySet());
        for (String k : e.keySet()) {
            assertRelative(e.get(k).peakIps(), a.get(k).peakIps(), k + " peak");
            assertRelative(e.get(k).avgIps(), a.get(k).avgIps(), k + " avg");
        }
    }

    private static Map<String, DemandCell> byKey(List<DemandCell> cells) {
        Map<String, DemandCell> m = new TreeMap<>();
        cells.forEach(c -> m.put(c.region() + "/" + c.workload() + "/" + c.quarter(), c));
        assertEquals(cells.size(), m.size(), "duplicate cells");
        return m;
    }

    private static void assertRelative(double expected, double actual, String what) {
        double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
        assertTrue(Math.abs(expected - actual) / scale <= 1e-12, what + ": local " + expected + " cluster " + actual);
    }

    private static Map<String, Long> rejectedByReason(Path demandDir) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet r = c.createStatement().executeQuery("select reason, count(*) from read_parquet('"
                     + demandDir.resolve(AggregateJob.REJECTED) + "/*.parquet') group by reason order by reason")) {
            while (r.next()) {
                counts.put(r.getString(1), r.getLong(2));
            }
        }
        return counts;
    }
}
