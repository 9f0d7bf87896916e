package dcplan.hedge;

import dcplan.model.InputException;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskFileLoaderTest {

    @Test
    void theShippedRiskFileBuildsThreeFutures() {
        RiskSet risk = RiskFileLoader.load(Path.of("models/risks/export-controls.yaml"));
        assertEquals("export-controls", risk.name());
        assertEquals(Quarter.parse("2026Q3"), risk.decisionQuarter());
        assertEquals(List.of("base", "nvidia-ban-abroad", "domestic-chip-delay"),
                risk.members().stream().map(RiskSet.Member::name).toList());
        assertNull(risk.members().get(0).scenarioFile());
        assertEquals(1.0, risk.members().stream().mapToDouble(RiskSet.Member::probability).sum(), 1e-12);
        PlanningModel base = ModelLoader.load(Path.of("models"));
        HedgeInstance instance = HedgeInstances.build(risk, base, List.of(), null);
        assertEquals(3, instance.cases().size());
        assertEquals("base", instance.centralCase().name());
        assertTrue(instance.cases().get(1).model().chip("nvidia-h200").orElseThrow().isBannedIn("FR", Quarter.parse("2026Q3")));
    }

    @Test
    void defaultsAreTheFileNameAndTheFirstFuture(@TempDir Path dir) throws IOException {
        Path f = write(dir, "my-risk.yaml", "risk:\n  decision_quarter: 2027Q1\n  scenarios:\n"
                + "    - {name: a, probability: 0.25}\n    - {name: b, probability: 0.75}\n");
        RiskSet risk = RiskFileLoader.load(f);
        assertEquals("my-risk", risk.name());
        assertEquals("a", risk.central());
    }

    @Test
    void badInputNamesTheFileAndTheKey(@TempDir Path dir) throws IOException {
        assertProblem(dir, "    - {name: a, probability: 0.5}\n    - {name: b, probability: 0.4}\n", "probabilities must sum to 1");
        assertProblem(dir, "    - {name: a, probability: 1.0}\n    - {name: b, probability: 0}\n", "scenarios[1].probability", "greater than 0");
        assertProblem(dir, "    - {name: a, probability: 0.5}\n    - {name: a, probability: 0.5}\n", "duplicate scenario name 'a'");
        assertProblem(dir, "    - {name: a, probability: 1, scenario: nowhere.yaml}\n", "scenarios[0].scenario", "scenario file not found");
        assertProblem(dir, "    - {name: a, probabilty: 1}\n", "unknown key 'probabilty'", "did you mean 'probability'?");
        Path f = write(dir, "central.yaml", "risk:\n  decision_quarter: 2027Q1\n  central: bse\n  scenarios:\n"
                + "    - {name: base, probability: 1}\n");
        InputException e = assertThrows(InputException.class, () -> RiskFileLoader.load(f));
        assertTrue(e.getMessage().contains("risk.central: unknown scenario 'bse', did you mean 'base'?"), e.getMessage());
        Path late = write(dir, "late.yaml", "risk:\n  decision_quarter: 2031Q1\n  scenarios:\n    - {name: base, probability: 1}\n");
        InputException outside = assertThrows(InputException.class, () ->
                HedgeInstances.build(RiskFileLoader.load(late), ModelLoader.load(Path.of("models")), List.of(), null));
        assertTrue(outside.getMessage().contains("late.yaml: risk.decision_quarter: 2031Q1 is outside the horizon"), outside.getMessage());
    }

    private static void assertProblem(Path dir, String scenarios, String... fragments) throws IOException {
        Path f = write(dir, "bad.yaml", "risk:\n  decision_quarter: 2027Q1\n  scenarios:\n" + scenarios);
        InputException e = assertThrows(InputException.class, () -> RiskFileLoader.load(f));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), fragment + " missing in: " + e.getMessage());
        }
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
