package dcplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.PlanFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dcplan plan} end to end through {@link Main#run}: a copy of the repo's models/ and a
 * modest demand table for all its regions and workloads, 2026Q1..2028Q4 (240 cells). One plan
 * run (5 s of search) is shared by the run-folder and summary tests; the bad-input tests stop
 * before any search.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanCommandTest {
    Path models;
    Path demand;
    Path runFolder;
    CliTestSupport.Run run;

    @BeforeAll
    void planOnce(@TempDir Path tmp) {
        models = CliTestSupport.copyModels(tmp.resolve("models"));
        demand = CliTestSupport.writeDemand(tmp.resolve("demand.csv"));
        runFolder = tmp.resolve("runs/base");
        run = CliTestSupport.run("plan", "--models", models.toString(), "--demand", demand.toString(),
                "--time-limit", "5s", "--seed", "1", "--chunks", "8", "--lp-time-limit", "30s",
                "--polish-time-limit", "30s", "--out", runFolder.toString());
    }

    @Test
    void exitsZeroAndPrintsTheRunFolderAsTheLastStdoutLine() {
        assertEquals(0, run.exitCode(), "exit code; stderr:\n" + run.stderr());
        assertEquals(runFolder.toString(), run.lastStdoutLine(), "last stdout line; stdout:\n" + run.stdout());
    }

    @Test
    void runFolderHoldsEveryFileOfTheSpec() {
        assertEquals(0, run.exitCode(), run.stderr());
        for (String f : List.of("plan/flows.csv", "plan/servers.csv", "plan/facility.csv", "plan/unmet.csv",
                "summary.json", "demand.csv", "log.txt")) {
            assertTrue(Files.isRegularFile(runFolder.resolve(f)), f + " missing in " + runFolder);
        }
        for (String name : ModelLoader.FILES) {
            Path copy = runFolder.resolve("inputs/models/" + name + ".yaml");
            assertTrue(Files.isRegularFile(copy), copy + " missing");
        }
    }

    @Test
    void inputModelsInTheRunFolderAreTheFilesGiven() throws IOException {
        for (String name : ModelLoader.FILES) {
            assertEquals(Files.readString(models.resolve(name + ".yaml")),
                    Files.readString(runFolder.resolve("inputs/models/" + name + ".yaml")), name + ".yaml");
        }
    }

    /**
     * SummaryRecompute: the plan read back from the run folder's files alone, evaluated by the
     * independent {@link PlanEvaluator}, gives every number of summary.json (to 1e-9 relative),
     * and the three cost terms add up to the total.
     */
    @Test
    void summaryNumbersEqualARecomputationFromThePlanFiles() throws IOException {
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode s = new ObjectMapper().readTree(runFolder.resolve("summary.json").toFile());
        PlanningModel model = ModelLoader.load(runFolder.resolve("inputs/models"));
        List<DemandCell> cells = DemandTable.readCsv(runFolder.resolve("demand.csv"));
        Plan plan = PlanFiles.read(runFolder);
        Evaluation ev = PlanEvaluator.evaluate(model, cells, plan);

        assertEquals(ev.feasible(), s.get("feasible").asBoolean(), "feasible");
        assertTrue(ev.feasible(), "recomputed plan feasible: " + ev.violations());
        assertClose(ev.servedInferences(), s.get("served_inferences").asDouble(), "served_inferences");
        assertClose(ev.unmetInferences(), s.get("unmet_inferences").asDouble(), "unmet_inferences");
        assertClose(ev.totalCostUsd(), s.get("total_cost_usd").asDouble(), "total_cost_usd");
        JsonNode terms = s.get("cost_usd");
        assertClose(ev.cost().serverCapexAmortized(), terms.get("server_capex_amortized").asDouble(), "server_capex_amortized");
        assertClose(ev.cost().facilityCapexAmortized(), terms.get("facility_capex_amortized").asDouble(), "facility_capex_amortized");
        assertClose(ev.cost().energy(), terms.get("energy").asDouble(), "energy");
        assertClose(ev.usdPerMillionInferences(), s.get("usd_per_million_inferences").asDouble(), "usd_per_million_inferences");

        double sum = terms.get("server_capex_amortized").asDouble() + terms.get("facility_capex_amortized").asDouble()
                + terms.get("energy").asDouble();
        assertClose(s.get("total_cost_usd").asDouble(), sum, "three terms add up to total_cost_usd");
        // and per million: total / served x 1e6
        assertClose(s.get("total_cost_usd").asDouble() / s.get("served_inferences").asDouble() * 1e6,
                s.get("usd_per_million_inferences").asDouble(), "usd_per_million = total / served x 1e6");
        assertTrue(s.get("served_inferences").asDouble() > 0, "something is served");
    }

    static void assertClose(double expected, double actual, String what) {
        double tol = 1e-9 * Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
        assertEquals(expected, actual, tol, what);
    }

    /** Bad input: exit 2, problems on stderr, no run folder. These stop before any search. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_METHOD)
    class BadInput {
        @TempDir
        Path dir;

        @Test
        void existingOutFolderIsRefusedWithOneStderrLineNamingIt() throws IOException {
            Path out = Files.createDirectories(dir.resolve("already-here"));
            Path marker = Files.writeString(out.resolve("keep.txt"), "earlier run");
            CliTestSupport.Run r = CliTestSupport.run("plan", "--models", models.toString(), "--demand", demand.toString(),
                    "--time-limit", "1s", "--out", out.toString());
            assertEquals(2, r.exitCode(), "exit code; stderr:\n" + r.stderr());
            assertEquals(1, r.stderrLines().size(), "exactly one stderr line, got:\n" + r.stderr());
            assertTrue(r.stderrLines().get(0).contains(out.toString()), "names the folder: " + r.stderr());
            assertEquals("earlier run", Files.readString(marker), "the earlier run is untouched");
        }

        @Test
        void demandWithAnUnknownRegionIsRefusedNamingTheFileAndTheRegion() throws IOException {
            Path bad = dir.resolve("bad-demand.csv");
            Files.write(bad, List.of("region,workload,quarter,peak_ips,avg_ips",
                    "brazil,llm-chat,2026Q1,1000,500",
                    "atlantis,llm-chat,2026Q1,1000,500"));
            Path out = dir.resolve("run");
            CliTestSupport.Run r = CliTestSupport.run("plan", "--models", models.toString(), "--demand", bad.toString(),
                    "--time-limit", "1s", "--out", out.toString());
            assertEquals(2, r.exitCode(), "exit code; stderr:\n" + r.stderr());
            assertTrue(r.stderrLines().stream().anyMatch(l -> l.contains(bad.toString()) && l.contains("atlantis")),
                    "a stderr line names the file and the region:\n" + r.stderr());
            assertFalse(Files.exists(out), "no run folder is written");
        }

        @Test
        void modelFolderProblemsAreAllReportedAtOnce() {
            Path broken = CliTestSupport.copyModels(dir.resolve("broken-models"));
            CliTestSupport.edit(broken, "chips.yaml", "server_price_usd: 83000", "server_price_usd: -83000");
            CliTestSupport.edit(broken, "sites.yaml", "latency_ms: {brazil: 20, france: 193}",
                    "latency_ms: {brazil: 20, france: 193, atlantis: 50}");
            CliTestSupport.Run r = CliTestSupport.run("plan", "--models", broken.toString(), "--demand", demand.toString(),
                    "--time-limit", "1s", "--out", dir.resolve("run").toString());
            assertEquals(2, r.exitCode(), "exit code; stderr:\n" + r.stderr());
            List<String> lines = r.stderrLines();
            assertTrue(lines.stream().anyMatch(l -> l.contains("chips.yaml") && l.contains("(ppu)")
                            && l.contains("server_price_usd") && l.contains("negative")),
                    "the negative price is reported with file and key:\n" + r.stderr());
            assertTrue(lines.stream().anyMatch(l -> l.contains("sites.yaml") && l.contains("(sao-paulo)")
                            && l.contains("latency_ms") && l.contains("atlantis")),
                    "the unknown region is reported with file and key:\n" + r.stderr());
            assertFalse(r.stderr().contains("Exception"), "no stack trace without --verbose:\n" + r.stderr());
        }
    }
}
