package dcplan.sweep;

import dcplan.cli.Main;
import dcplan.forecast.Spark;
import dcplan.model.DemandCell;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Plan;
import dcplan.plan.PlanFiles;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep on a local[2] session shared by the class: reproducibility, fixed-plan evaluation, the CLI. */
class SweepJobTest {
    static SparkSession spark;
    @TempDir
    static Path tmp;
    static Path models;
    static Path rollUp;
    static Path rollUpTriple;
    static PlanningModel model;

    @BeforeAll
    static void start() throws Exception {
        spark = Spark.session("local[2]", "dcplan sweep tests");
        models = SweepFixture.writeModel(tmp.resolve("models"));
        rollUp = SweepFixture.writeRollUp(tmp.resolve("demand-1"), 1.0);
        rollUpTriple = SweepFixture.writeRollUp(tmp.resolve("demand-3x"), 3.0);
        model = ModelLoader.load(models);
    }

    static SweepInputs inputs(Path rollUpFolder, Map<String, String> plan) throws Exception {
        return SweepFixture.sampleInputs(models, rollUpFolder, plan);
    }

    static List<SweepCase> samples(int n) {
        return SweepFixture.samples(n);
    }

    /** What the cluster test compares against: same seeds and step limits give the same tables. */
    @Test
    void eightSamplesTwiceGiveIdenticalResultTables() throws Exception {
        SweepInputs inputs = inputs(rollUp, null);
        List<SweepResult> first = SweepJob.run(spark, inputs, samples(8));
        List<SweepResult> second = SweepJob.run(spark, inputs, samples(8));
        assertEquals(8, first.size());
        for (SweepResult r : first) {
            assertEquals(null, r.error(), r.toString());
            assertTrue(r.feasible(), r.toString());
            assertEquals(6, r.builds().size()); // 2 sites x 2 chips + 2 sites
        }
        assertEquals(first.stream().map(SweepResult::withoutTiming).toList(),
                second.stream().map(SweepResult::withoutTiming).toList());
        // The samples differ (it is not one case eight times) ...
        assertTrue(first.stream().map(SweepResult::totalCostUsd).distinct().count() > 1);
        // ... and a case solved outside Spark is the same as inside: partitioning changes nothing.
        assertEquals(first.get(3).withoutTiming(), SweepTask.run(inputs, samples(8).get(3)).withoutTiming());

        // The written tables, read back, are the same as well (solve_seconds aside).
        SweepJob.write(spark, first, Map.of("run", 1), tmp.resolve("sweep-a").toString());
        SweepJob.write(spark, second, Map.of("run", 2), tmp.resolve("sweep-b").toString());
        assertEquals(table("sweep-a", "results.parquet"), table("sweep-b", "results.parquet"));
        assertEquals(table("sweep-a", "builds.parquet"), table("sweep-b", "builds.parquet"));
        assertEquals(Files.readString(tmp.resolve("sweep-a/builds.csv")), Files.readString(tmp.resolve("sweep-b/builds.csv")));
        for (String f : List.of("results.csv", "sweep.md", "sweep.json")) {
            assertTrue(Files.isRegularFile(tmp.resolve("sweep-a").resolve(f)), f);
        }
    }

    static List<Row> table(String sweep, String name) {
        return spark.read().parquet(tmp.resolve(sweep).resolve(name).toString()).drop("solve_seconds")
                .orderBy("case_id").collectAsList();
    }

    /**
     * Upper bound on what a plan can serve of a sample: per quarter the least of the demand and
     * the servers' capacity u * I * throughput (every site may serve both regions), in
     * inferences (every sampled cell has avg / peak = 0.5 / 3 by the fixture's design).
     */
    static double servable(Plan plan, List<DemandCell> demand) {
        Map<Quarter, Double> peak = new HashMap<>();
        demand.forEach(d -> peak.merge(d.quarter(), d.peakIps(), Double::sum));
        Map<Quarter, Double> capacity = new HashMap<>();
        plan.installed().forEach((k, n) -> capacity.merge(k.quarter(),
                0.8 * n * model.chip(k.chip()).orElseThrow().throughput("chat"), Double::sum));
        double out = 0;
        for (Quarter q : model.quarters()) {
            out += Math.min(peak.getOrDefault(q, 0.0), capacity.getOrDefault(q, 0.0)) * SweepFixture.AVG_PER_MU / 3 * Quarter.SECONDS;
        }
        return out;
    }

    @Test
    void fixedPlanServesNoMoreThanItsCapacityAndReportsUnmetWhenDemandTriples() throws Exception {
        Path run = tmp.resolve("run-base");
        Cli plan = cli("plan", "--models", models.toString(), "--demand", rollUp.resolve("demand.csv").toString(),
                "--steps", "500", "--lp-time-limit", "10s", "--polish-time-limit", "10s", "--out", run.toString());
        assertEquals(0, plan.code(), plan.err());
        Plan held = PlanFiles.read(run);
        for (Path demandFolder : List.of(rollUp, rollUpTriple)) {
            Path out = tmp.resolve("eval-" + demandFolder.getFileName());
            Cli sweep = cli("sweep", "--models", models.toString(), "--demand", demandFolder.toString(), "--samples", "8",
                    "--seed", "7", "--plan", run.toString(), "--polish-time-limit", "10s", "--out", out.toString());
            assertEquals(0, sweep.code(), sweep.err());
            assertEquals(out.toString(), sweep.out().strip().lines().reduce((a, b) -> b).orElseThrow());
            DemandDistribution d = DemandDistribution.of(DemandDistribution.parseStatsCsv(
                    Files.readString(demandFolder.resolve("demand_stats.csv")), "stats"), SweepFixture.RHO, model.quarters());
            List<Row> rows = spark.read().parquet(out.resolve("results.parquet").toString()).orderBy("case_id").collectAsList();
            assertEquals(8, rows.size());
            for (Row r : rows) {
                String at = demandFolder.getFileName() + " " + r.getAs("case_id");
                assertEquals("fixed-plan-eval", r.getAs("kind"));
                assertTrue((Boolean) r.getAs("feasible"), at);
                List<DemandCell> sample = MonteCarlo.sample(d, SweepFixture.RHO, 7, (Long) r.getAs("sample_index"));
                double bound = servable(held, sample);
                double served = r.getAs("served_inferences");
                double unmet = r.getAs("unmet_inferences");
                assertTrue(served <= bound * (1 + 1e-9), at + ": served " + served + " > capacity " + bound);
                // the LP re-split serves all it can: the bound is reached
                assertEquals(bound, served, 1e-6 * bound, at);
                if (demandFolder == rollUpTriple) {
                    assertTrue(unmet > 0.2 * (served + unmet), at + ": unmet " + unmet + " of " + (served + unmet));
                }
            }
            // The plan's builds are held in every case: the report says so instead of ranking them.
            String md = Files.readString(out.resolve("sweep.md"));
            assertTrue(md.contains("holds the given plan's servers"), md);
        }
    }

    @Test
    void samplesFromAPlainDemandCsvAreRefusedInOneLine() {
        Path out = tmp.resolve("refused");
        Cli r = cli("sweep", "--models", models.toString(), "--demand", rollUp.resolve("demand.csv").toString(),
                "--samples", "2", "--steps", "10", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("dcplan:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains("roll-up folder"), lines.get(0));
        assertFalse(Files.exists(out));
    }

    @Test
    void cliSweepWritesTheFolderAndRefusesToWriteOverIt() throws Exception {
        Path out = tmp.resolve("cli-sweep");
        Cli r = cli("sweep", "--models", models.toString(), "--demand", rollUp.toString(), "--samples", "2",
                "--seed", "3", "--steps", "200", "--lp-time-limit", "10s", "--polish-time-limit", "10s", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("USD per M inferences"), r.err());
        assertEquals(3, Files.readAllLines(out.resolve("results.csv")).size()); // header + 2
        assertEquals(1 + 2 * 6, Files.readAllLines(out.resolve("builds.csv")).size());
        assertTrue(Files.readString(out.resolve("sweep.json")).contains("\"investments\""));
        Cli again = cli("sweep", "--models", models.toString(), "--demand", rollUp.toString(), "--samples", "2",
                "--steps", "10", "--out", out.toString());
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void scenarioCasesRunThroughAnApplier() throws Exception {
        // A stand-in for dcplan.scenario: "demand_scale: F" multiplies the demand.
        ScenarioApplier scale = (yaml, name, base, demand) -> {
            double f = Double.parseDouble(yaml.replace("demand_scale:", "").trim());
            return new ScenarioApplier.CaseDemandAndModel(base, demand.stream().map(c -> new DemandCell(c.region(),
                    c.workload(), c.quarter(), c.peakIps() * f, c.avgIps() * f)).toList(), "demand x" + f);
        };
        SweepInputs inputs = new SweepInputs(SweepInputs.readModelTexts(models),
                Files.readString(rollUp.resolve("demand.csv")), null, SweepFixture.RHO, 7, null, 10_000, 10_000, 0, scale);
        List<SweepResult> results = SweepJob.run(spark, inputs, List.of(
                SweepCase.scenario(0, "base", "demand_scale: 1.0", 1, 300L, null),
                SweepCase.scenario(1, "double", "demand_scale: 2.0", 1, 300L, null)));
        assertEquals(List.of("base", "double"), results.stream().map(SweepResult::name).toList());
        results.forEach(r -> assertEquals(null, r.error(), r.toString()));
        assertTrue(results.get(1).servedInferences() > 1.5 * results.get(0).servedInferences());
        assertTrue(results.get(1).note().startsWith("demand x2.0"), results.get(1).note());
    }

    record Cli(int code, String out, String err) {
    }

    static Cli cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
