package dcplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcplan.cluster.SparkCluster;
import dcplan.cluster.SparkClusterExtension;
import dcplan.cluster.SparkSubmit;
import dcplan.forecast.AggregateJob;
import dcplan.forecast.ForecastGenerator;
import dcplan.forecast.Spark;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product as planners submit it: target/dcplan-VERSION-spark.jar (built by {@code mvn
 * package}) run by Spark's SparkSubmit on the standalone cluster, in client and in cluster
 * deploy mode (the driver then runs on a worker). {@code plan} reads the roll-up's
 * demand.parquet on the executors, solves with OR-Tools from the jar (natives included) and
 * draws the report with JFreeChart from the jar; with the same seed and steps its plan tables
 * are byte for byte a local run's. {@code aggregate} gives the local roll-up's counts and cells
 * (doubles within 1e-12 relative: shuffle order, see ClusterRollupTest).
 */
@Tag("cluster")
@ExtendWith(SparkClusterExtension.class)
class ClusterSubmitTest {
    static final long ROWS = 20_000;
    static final List<String> TABLES = List.of("flows.csv", "servers.csv", "facility.csv", "unmet.csv");
    static final List<String> PLAN_OPTIONS = List.of("--steps", "200", "--seed", "3", "--chunks", "2",
            "--lp-time-limit", "300s", "--polish-time-limit", "300s");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static SparkCluster cluster;
    static Path jar;
    static Path models;
    static Path forecasts;
    static Path rollUp;
    static String rollUpCounts;
    static Path localPlan;

    @BeforeAll
    static void buildTheJarAndRunLocally(SparkCluster c) throws IOException {
        cluster = c;
        jar = SparkSubmit.sparkJar();
        SparkCluster.stopSparkSessions();
        SparkSession spark = Spark.session("local[2]", "dcplan submit test");
        models = CliTestSupport.copyModels(tmp.resolve("models"));
        forecasts = tmp.resolve("forecasts");
        new ForecastGenerator(ModelLoader.load(models), 5, true).generate(spark, ROWS, 2).write()
                .parquet(forecasts.toString());
        // the local runs, as bin/dcplan makes them (on the running local session)
        rollUp = tmp.resolve("rollup-local");
        CliTestSupport.Run agg = CliTestSupport.run("aggregate", "--forecasts", forecasts.toString(), "--models",
                models.toString(), "--out", rollUp.toString());
        assertEquals(0, agg.exitCode(), agg.stderr());
        rollUpCounts = counts(agg.stdout());
        localPlan = tmp.resolve("plan-local");
        CliTestSupport.Run plan = CliTestSupport.run(planArgs(localPlan).toArray(String[]::new));
        assertEquals(0, plan.exitCode(), plan.stderr());
        SparkCluster.stopSparkSessions();
    }

    @AfterAll
    static void stopSessions() {
        SparkCluster.stopSparkSessions();
    }

    @Test
    void planInClientModeGivesTheLocalPlanTables() throws IOException {
        Path out = tmp.resolve("plan-client");
        SparkSubmit.Result r = SparkSubmit.submit(submitArgs("client", planArgs(out)), 1200);
        assertEquals(0, r.exitCode(), tail(r.stderr()));
        assertEquals(out.toString(), r.lastStdoutLine(), "the run folder is the last line printed");
        assertSamePlan(out);
    }

    @Test
    void planInClusterModeGivesTheLocalPlanTables() throws IOException {
        Path out = tmp.resolve("plan-cluster");
        SparkSubmit.Result r = SparkSubmit.submit(submitArgs("cluster", planArgs(out)), 1200);
        assertEquals(0, r.exitCode(), tail(r.stderr()));
        Path driver = finishedDriver();
        assertEquals(out.toString(), lastLine(driver.resolve("stdout")), "the driver ran on a worker: " + driver);
        assertSamePlan(out);
    }

    @Test
    void aggregateInClientAndClusterModeGivesTheLocalRollUp() throws IOException {
        for (String mode : List.of("client", "cluster")) {
            Path out = tmp.resolve("rollup-" + mode);
            List<String> args = List.of("aggregate", "--forecasts", forecasts.toString(), "--models", models.toString(),
                    "--out", out.toString());
            SparkSubmit.Result r = SparkSubmit.submit(submitArgs(mode, args), 900);
            assertEquals(0, r.exitCode(), mode + ": " + tail(r.stderr()));
            String printed = mode.equals("client") ? r.stdout() : Files.readString(finishedDriver().resolve("stdout"));
            assertEquals(rollUpCounts, counts(printed), mode + ": the counts printed");
            assertSameDemand(DemandTable.readCsv(rollUp.resolve(AggregateJob.DEMAND_CSV)),
                    DemandTable.readCsv(out.resolve(AggregateJob.DEMAND_CSV)), mode);
        }
    }

    /** Plan tables byte for byte the local run's; OR-Tools and JFreeChart came with the jar. */
    static void assertSamePlan(Path out) throws IOException {
        for (String table : TABLES) {
            assertArrayEquals(Files.readAllBytes(localPlan.resolve("plan").resolve(table)),
                    Files.readAllBytes(out.resolve("plan").resolve(table)), table);
        }
        JsonNode settings = JSON.readTree(out.resolve("summary.json").toFile()).get("settings");
        assertTrue(settings.get("lp_solvers").asText().startsWith("OR-Tools GLOP / OR-Tools SCIP"),
                "OR-Tools' natives load from the jar: " + settings.get("lp_solvers"));
        assertTrue(Files.size(out.resolve("report.html")) > 10_000, "report.html drawn");
        assertFalse(Files.exists(out.resolve("report-error.txt")), "no report error");
        assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"), "JFreeChart's charts as inline SVG");
    }

    static List<String> planArgs(Path out) {
        List<String> args = new ArrayList<>(List.of("plan", "--models", models.toString(), "--demand",
                rollUp.resolve("demand.parquet").toString()));
        args.addAll(PLAN_OPTIONS);
        args.addAll(List.of("--out", out.toString()));
        return args;
    }

    /**
     * spark-submit's options, then the jar and the dcplan command. In cluster deploy mode the
     * worker starts the driver without Spark's Java 17 module flags (a standalone gap: the
     * launcher adds them to the JVMs it starts itself, SparkContext to the executors), so they
     * are given as the driver's extraJavaOptions, as docs/cluster.md says to.
     */
    static List<String> submitArgs(String deployMode, List<String> command) {
        List<String> args = new ArrayList<>(List.of("--master", cluster.masterUrl(), "--deploy-mode", deployMode,
                "--conf", "spark.standalone.submit.waitAppCompletion=true",
                "--conf", "spark.sql.shuffle.partitions=4",
                "--driver-memory", "1g", "--executor-memory", "512m"));
        if (deployMode.equals("cluster")) {
            args.addAll(List.of("--conf", "spark.driver.extraJavaOptions=" + SparkSubmit.javaModuleFlags()));
        }
        args.addAll(List.of("--class", "dcplan.cli.Main", jar.toString()));
        args.addAll(command);
        return args;
    }

    /**
     * The work folder of the driver started last on any worker (cluster deploy mode), after
     * checking that the master saw it finish (exit 0): spark-submit's exit code does not say.
     */
    static Path finishedDriver() throws IOException {
        Path driver = newestDriver();
        String id = driver.getFileName().toString();
        assertEquals("FINISHED", cluster.driverState(id), id + " did not finish; its stderr:\n"
                + tail(Files.readString(driver.resolve("stderr"))));
        return driver;
    }

    static Path newestDriver() throws IOException {
        List<Path> drivers = new ArrayList<>();
        for (int w = 1; w <= cluster.workers(); w++) {
            Path work = cluster.dir().resolve("worker-" + w + "/work");
            if (Files.isDirectory(work)) {
                try (Stream<Path> dirs = Files.list(work)) {
                    dirs.filter(d -> d.getFileName().toString().startsWith("driver-")).forEach(drivers::add);
                }
            }
        }
        return drivers.stream().max(Comparator.comparing(d -> d.getFileName().toString()))
                .orElseThrow(() -> new AssertionError("no driver folder under " + cluster.dir()));
    }

    /** The roll-up's counts as printed, without the timing line. */
    static String counts(String printed) {
        int end = printed.indexOf("quantile ");
        return (end < 0 ? printed : printed.substring(0, end)).strip();
    }

    static void assertSameDemand(List<DemandCell> expected, List<DemandCell> actual, String mode) {
        assertEquals(expected.size(), actual.size(), mode + ": cells");
        for (int i = 0; i < expected.size(); i++) {
            DemandCell e = expected.get(i);
            DemandCell a = actual.get(i);
            assertEquals(List.of(e.region(), e.workload(), e.quarter()), List.of(a.region(), a.workload(), a.quarter()), mode);
            assertEquals(e.peakIps(), a.peakIps(), 1e-12 * Math.abs(e.peakIps()), mode + ": peak of " + e);
            assertEquals(e.avgIps(), a.avgIps(), 1e-12 * Math.abs(e.avgIps()), mode + ": avg of " + e);
        }
    }

    static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
