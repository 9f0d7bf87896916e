package dcplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dcplan hedge} end to end on the shipped risk file with a small demand table. */
class HedgeCommandTest {

    @Test
    void writesTheHedgedRunFolderAndPrintsItsPathLast(@TempDir Path tmp) throws Exception {
        Path demand = CliTestSupport.writeDemand(tmp.resolve("demand.csv"), List.of("brazil", "france"), List.of("llm-chat"));
        Path out = tmp.resolve("hedge");
        CliTestSupport.Run r = CliTestSupport.run("hedge", "--models", "models", "--demand", demand.toString(),
                "--risk", "models/risks/export-controls.yaml", "--steps", "300", "--lp-time-limit", "5s",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(out.toString(), r.lastStdoutLine());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.get("hedged").asBoolean());
        assertEquals("2026Q3", s.get("decided_until").asText());
        assertEquals(3, s.get("scenarios").size());
        for (JsonNode f : s.get("scenarios")) {
            Path folder = out.resolve(f.get("folder").asText());
            assertTrue(Files.isRegularFile(folder.resolve("plan/servers.csv")), folder.toString());
            assertEquals("2026Q3", f.get("summary").get("decided_until").asText());
            assertTrue(f.get("summary").get("feasible").asBoolean(), f.get("name").asText());
        }
        assertTrue(s.get("evpi").get("cost_usd").isNumber());
        assertTrue(Files.isRegularFile(out.resolve("inputs/scenarios/nvidia-ban-chinese-parent-abroad.yaml")));
        assertTrue(Files.readString(out.resolve("commitments.csv")).startsWith("kind,site,chip,quarter,added,mw\n"));
        assertTrue(r.stderr().contains("EVPI") && r.stderr().contains("VSS"), r.stderr());
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("What to do now") && report.contains("EVPI"), "the hedged report is written");
    }
}
