package dcplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dcplan rerun RUN}: a step-limited plan (with a scenario whose demand multipliers are
 * already in the run's demand.csv) made again from its run folder alone gives identical plan
 * tables; the settings a rerun needs are in summary.json and log.txt; edited inputs and run
 * folders without settings are bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RerunCommandTest {
    static final List<String> TABLES = List.of("flows.csv", "servers.csv", "facility.csv", "unmet.csv");
    static final ObjectMapper JSON = new ObjectMapper();

    Path tmp;
    Path run;
    Path again;
    CliTestSupport.Run first;
    CliTestSupport.Run rerun;

    @BeforeAll
    void planThenRerun(@TempDir Path dir) {
        tmp = dir;
        Path models = CliTestSupport.copyModels(tmp.resolve("models"));
        Path demand = CliTestSupport.writeDemand(tmp.resolve("demand.csv"), List.of("brazil", "france"),
                List.of("llm-chat", "embedding"));
        run = tmp.resolve("runs/surge");
        first = CliTestSupport.run("plan", "--models", models.toString(), "--demand", demand.toString(),
                "--scenario", WhatIfFixture.SCENARIO, "--steps", "300", "--seed", "7", "--lp-time-limit", "20s",
                "--polish-time-limit", "20s", "--gap", "0.002", "--bound-time-limit", "7s", "--unimproved-limit", "3s",
                "--out", run.toString());
        again = tmp.resolve("runs/surge-again");
        rerun = CliTestSupport.run("rerun", run.toString(), "--out", again.toString());
    }

    @Test
    void theRerunWritesANewRunFolderWithIdenticalPlanTables() throws IOException {
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(0, rerun.exitCode(), rerun.stderr());
        assertEquals(again.toString(), rerun.lastStdoutLine());
        for (String table : TABLES) {
            assertArrayEquals(Files.readAllBytes(run.resolve("plan").resolve(table)),
                    Files.readAllBytes(again.resolve("plan").resolve(table)), table);
        }
        assertTrue(rerun.stderr().contains("plan tables identical to " + run + "'s"), rerun.stderr());
        assertEquals(Files.readString(run.resolve("demand.csv")), Files.readString(again.resolve("demand.csv")),
                "the scenario's multipliers are not applied a second time");
        assertEquals(Files.readString(run.resolve("inputs/scenario.yaml")), Files.readString(again.resolve("inputs/scenario.yaml")));
    }

    @Test
    void summaryJsonRecordsTheSettingsAndTheVersion() throws IOException {
        JsonNode s = JSON.readTree(run.resolve("summary.json").toFile()).get("settings");
        assertEquals(Version.current(), s.get("dcplan_version").asText());
        assertFalse(Version.current().equals("unknown"), "the version comes from the pom");
        assertEquals("plan", s.get("command").asText());
        assertEquals(7, s.get("seed").asLong());
        assertEquals(300, s.get("steps").asLong());
        assertTrue(s.get("time_limit_seconds").isNull(), "--steps without --time-limit: no time limit applies");
        assertEquals(20.0, s.get("lp_time_limit_seconds").asDouble());
        assertEquals(20.0, s.get("polish_time_limit_seconds").asDouble());
        assertEquals(0.002, s.get("gap").asDouble());
        assertEquals(7.0, s.get("bound_time_limit_seconds").asDouble());
        assertEquals(3.0, s.get("unimproved_limit_seconds").asDouble(), "recorded, though --steps leaves it unused");
        JsonNode r = JSON.readTree(again.resolve("summary.json").toFile()).get("settings");
        for (String key : SolveSettings.KEYS) {
            assertEquals(s.get(key), r.get(key), "the rerun solves with the run's " + key);
        }
        assertEquals(run.toAbsolutePath().normalize().toString(), r.get("rerun_of").asText());
        assertEquals(s.get("demand"), r.get("demand"), "what the first run recorded is kept");
        assertEquals(JSON.readTree(run.resolve("summary.json").toFile()).get("inputs_sha256"),
                JSON.readTree(again.resolve("summary.json").toFile()).get("inputs_sha256"));
    }

    @Test
    void logTxtRecordsTheSettingsAndTheVersion() throws IOException {
        String log = Files.readString(run.resolve("log.txt"));
        assertTrue(log.contains("dcplan " + Version.current() + " plan: seed 7, 300 steps"), log);
        assertTrue(log.contains("LP relaxation limit 20.0 s, LP polish limit 20.0 s"), log);
    }

    /** A warm-started what-if is made again from its baseline's plan, recorded in its settings. */
    @Test
    void aWhatIfIsMadeAgainFromItsBaseline() throws IOException {
        Path whatIf = tmp.resolve("runs/budget-cut");
        CliTestSupport.Run w = CliTestSupport.run("whatif", "--baseline", run.toString(), "--scenario",
                "models/scenarios/budget-cut-25pct.yaml", "--steps", "200", "--lp-time-limit", "20s",
                "--polish-time-limit", "20s", "--out", whatIf.toString());
        assertEquals(0, w.exitCode(), w.stderr());
        JsonNode s = JSON.readTree(whatIf.resolve("summary.json").toFile()).get("settings");
        assertEquals("whatif", s.get("command").asText());
        assertEquals(run.toAbsolutePath().normalize().toString(), s.get("baseline").asText());
        assertFalse(s.get("cold").asBoolean());
        Path whatIfAgain = tmp.resolve("runs/budget-cut-again");
        CliTestSupport.Run r = CliTestSupport.run("rerun", whatIf.toString(), "--out", whatIfAgain.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("warm start: "), r.stderr());
        for (String table : TABLES) {
            assertArrayEquals(Files.readAllBytes(whatIf.resolve("plan").resolve(table)),
                    Files.readAllBytes(whatIfAgain.resolve("plan").resolve(table)), table);
        }
        assertTrue(Files.isRegularFile(whatIfAgain.resolve("diff.html")), "the diff against the baseline again");
        // contract v2: how the what-if was made (decided_until) is recorded and made again the same way
        assertEquals("2026Q1", s.get("decided_until").asText());
        assertFalse(s.get("replan_all").asBoolean());
        JsonNode again = JSON.readTree(whatIfAgain.resolve("summary.json").toFile());
        assertEquals("held", again.get("what_if").get("mode").asText());
        assertEquals("2026Q1", again.get("decided_until").asText());
    }

    @Test
    void editedInputsAreRefused() throws IOException {
        Path copy = tmp.resolve("runs/edited");
        copyTree(run, copy);
        String demand = Files.readString(copy.resolve("demand.csv"));
        Files.writeString(copy.resolve("demand.csv"), demand.replaceFirst("\n(brazil,[^,]+,[^,]+,)\\d", "\n$19"));
        Path out = tmp.resolve("runs/edited-again");
        CliTestSupport.Run r = CliTestSupport.run("rerun", copy.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.stderrLines().size(), r.stderr());
        assertTrue(r.stderr().contains("inputs_sha256"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void aRunFolderWithoutSettingsIsRefused() throws IOException {
        Path copy = tmp.resolve("runs/old");
        copyTree(run, copy);
        JsonNode summary = JSON.readTree(copy.resolve("summary.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) summary).remove("settings");
        JSON.writeValue(copy.resolve("summary.json").toFile(), summary);
        Path out = tmp.resolve("runs/old-again");
        CliTestSupport.Run r = CliTestSupport.run("rerun", copy.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.stderrLines().size(), r.stderr());
        assertTrue(r.stderr().contains(copy.resolve("summary.json") + ": settings"), r.stderr());
        assertFalse(Files.exists(out));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        }
    }
}
