package dcplan.cli;

import dcplan.sweep.SweepFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dcplan hedge} with a monte_carlo risk file on the sweep's tiny model, its futures as Spark tasks. */
class HedgeMonteCarloCommandTest {
    @TempDir
    static Path tmp;
    static Path models;
    static Path rollUp;

    @BeforeAll
    static void write() throws Exception {
        models = SweepFixture.writeModel(tmp.resolve("models"));
        rollUp = SweepFixture.writeRollUp(tmp.resolve("demand-1"), 1.0);
    }

    static Path risk(String name, String body) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, "risk:\n  decision_quarter: 2026Q3\n" + body);
        return f;
    }

    @Test
    void samplesBecomeFuturesPlannedAsSparkTasks() throws Exception {
        Path out = tmp.resolve("hedged");
        CliTestSupport.Run r = CliTestSupport.run("hedge", "--models", models.toString(), "--demand", rollUp.toString(),
                "--risk", risk("mc", "  monte_carlo: {samples: 3, seed: 7}\n").toString(), "--steps", "100",
                "--seed", "7", "--master", "local[2]", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("hedging 3 futures (sample-001 0.333"), r.stderr());
        assertTrue(r.stderr().contains("solves in Spark tasks on local[2]"), r.stderr());
        for (String s : new String[]{"sample-001", "sample-002", "sample-003"}) {
            assertTrue(Files.isRegularFile(out.resolve("scenarios").resolve(s).resolve("summary.json")), s);
        }
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"hedged\""));
        assertTrue(Files.isRegularFile(out.resolve("commitments.csv")));
    }

    @Test
    void samplesNeedTheRollUpsSpread() throws Exception {
        Path out = tmp.resolve("plain");
        CliTestSupport.Run r = CliTestSupport.run("hedge", "--models", models.toString(), "--demand",
                rollUp.resolve("demand.csv").toString(), "--risk", risk("plain", "  monte_carlo: {samples: 3}\n").toString(),
                "--steps", "10", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.stderrLines().size(), r.stderr());
        assertTrue(r.stderr().contains("plain.yaml: risk.monte_carlo draws from the roll-up's spread"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void samplesAndListedScenariosAreNotMixed() throws Exception {
        Path out = tmp.resolve("mixed");
        CliTestSupport.Run r = CliTestSupport.run("hedge", "--models", models.toString(), "--demand", rollUp.toString(),
                "--risk", risk("mixed", "  scenarios:\n    - {name: base, probability: 1}\n  monte_carlo: {samples: 3}\n")
                        .toString(), "--steps", "10", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("mixed.yaml: risk.scenarios and risk.monte_carlo cannot be mixed"), r.stderr());
        assertFalse(Files.exists(out));
    }
}
