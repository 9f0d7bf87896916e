package dcplan.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcplan.cli.Main;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dcplan.scenario.ScenarioTestSupport.MODELS;
import static dcplan.scenario.ScenarioTestSupport.SCENARIOS;
import static dcplan.scenario.ScenarioTestSupport.shipped;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dcplan plan --scenario FILE} end to end on the shipped model and a tiny demand table. */
class PlanScenarioCliTest {
    @TempDir
    Path dir;

    /** Small demand for every region, workload and quarter 2026Q1..2028Q4 of the shipped model. */
    private Path tinyDemand(PlanningModel m) throws Exception {
        List<DemandCell> cells = new ArrayList<>();
        for (var r : m.regions()) {
            for (var w : m.workloads()) {
                double peak = switch (w.id()) {
                    case "llm-chat" -> 40;
                    case "llm-batch" -> 20;
                    case "embedding" -> 2000;
                    default -> 5000;
                };
                for (Quarter q : m.quarters()) {
                    cells.add(new DemandCell(r.id(), w.id(), q, peak, 0.6 * peak));
                }
            }
        }
        Path csv = dir.resolve("demand.csv");
        DemandTable.writeCsv(cells, csv);
        return csv;
    }

    private record Run(int exit, String stderr) {
    }

    private static Run run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            System.err.print(captured.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void planWithAScenarioRecordsItsNameFileResolvedModelAndChanges() throws Exception {
        PlanningModel base = shipped();
        Path demand = tinyDemand(base);
        Path scenarioFile = SCENARIOS.resolve("brazil-demand-surge.yaml");
        Path out = dir.resolve("run");
        Run r = run("plan", "--models", MODELS.toString(), "--demand", demand.toString(), "--scenario", scenarioFile.toString(),
                "--time-limit", "3s", "--lp-time-limit", "20s", "--polish-time-limit", "20s", "--out", out.toString());
        assertEquals(0, r.exit(), r.stderr());

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("brazil-demand-surge", summary.get("scenario").asText());
        assertArrayEquals(Files.readAllBytes(scenarioFile), Files.readAllBytes(out.resolve("inputs/scenario.yaml")));

        Scenario s = ScenarioLoader.load(scenarioFile, base);
        var resolved = ScenarioResolver.resolve(base, DemandTable.readCsv(demand), s);
        assertEquals(resolved.model(), ModelLoader.load(out.resolve("inputs/resolved")), "the resolved model, loadable again");
        assertEquals(base, ModelLoader.load(out.resolve("inputs/models")), "the base model as read");
        assertEquals(resolved.demand(), DemandTable.readCsv(out.resolve("demand.csv")), "the plan was made for the resolved demand");

        String log = Files.readString(out.resolve("log.txt"));
        assertTrue(log.contains("scenario brazil-demand-surge (" + scenarioFile + "), changes from the base model:"), log);
        for (String change : resolved.changes()) {
            assertTrue(log.contains("  " + change + "\n"), change + " in\n" + log);
            assertTrue(r.stderr().contains(change), "printed: " + change);
        }
    }

    @Test
    void quantileOrRhoChangeIsRefusedWithAGivenDemandTable() throws Exception {
        Path demand = tinyDemand(shipped());
        Path scenarioFile = SCENARIOS.resolve("high-service-level.yaml");
        Path out = dir.resolve("run");
        Run r = run("plan", "--models", MODELS.toString(), "--demand", demand.toString(), "--scenario", scenarioFile.toString(),
                "--time-limit", "3s", "--out", out.toString());
        assertEquals(2, r.exit(), r.stderr());
        assertTrue(r.stderr().contains(scenarioFile + ": policy: planning_quantile / rho reach demand only through the forecast "
                + "roll-up (--forecasts); a given demand table is used as it is: plan this scenario with --forecasts"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void badScenarioFileIsBadInputNamingTheFile() throws Exception {
        Path demand = tinyDemand(shipped());
        Path bad = ScenarioTestSupport.scenario(dir, "chips: {nvidia-h100: {server_price_usd: 1}}\n");
        Path out = dir.resolve("run");
        Run r = run("plan", "--models", MODELS.toString(), "--demand", demand.toString(), "--scenario", bad.toString(),
                "--out", out.toString());
        assertEquals(2, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("dcplan: " + bad + ": chips.nvidia-h100: unknown chip 'nvidia-h100', did you mean 'nvidia-h200'? (valid: all, nvidia-h20, "
                + "nvidia-h200, ppu)"), r.stderr());
        assertFalse(Files.exists(out));
    }
}
