package dcplan.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelWriterTest {

    @Test
    void shippedModelWrittenAndLoadedBackIsEqual(@TempDir Path dir) throws Exception {
        PlanningModel shipped = ModelLoader.load(Path.of("models"));
        ModelWriter.write(shipped, dir, "resolved model of scenario base");
        assertEquals(shipped, ModelLoader.load(dir));
    }

    @Test
    void everyOptionalFormAndAwkwardValueRoundTrips(@TempDir Path dir) throws Exception {
        Map<Integer, Double> budgets = new LinkedHashMap<>();
        budgets.put(2027, 1.2e9);
        budgets.put(2026, 1234567.89);
        PlanningModel model = new PlanningModel(
                List.of(new Region("nordics", "Nordics: Norway, yes", List.of("NO", "SE"), List.of("NO"), Map.of("chat", 35.5)),
                        new Region("anywhere", "true", List.of("ON"), List.of(), Map.of())),
                List.of(new Workload("chat", 100.0), new Workload("batch", null), new Workload("summaries", null, 1000.0)),
                List.of(new Site("oslo", "Oslo # north", "NO", "NO", Map.of("nordics", 4.0), 1.5, 20.25, 1.1e7,
                                Quarter.parse("2026Q3"), 0.0001, 1.08, Map.of("gpu", 12)),
                        new Site("null", "012", "ON", "ON", Map.of(), 0, 0, 0, null, 50, 1.0, Map.of())),
                List.of(new Chip("gpu", "yes", true, 299999.5, 10.2, 0.35, 24, Map.of("chat", 36.5, "batch", 1e-3),
                                new Chip.Supply(1500L, Map.of(Quarter.parse("2026Q1"), 0L)),
                                List.of(new Chip.Ban("CN", null), new Chip.Ban("NO", Quarter.parse("2026Q4")))),
                        new Chip("free", "off", false, 0, 6.2, 0.4, 20, Map.of("chat", 16.7), Chip.Supply.UNLIMITED, List.of()),
                        new Chip("late", "v", false, 1, 1, 0, 1, Map.of("chat", 1.0), new Chip.Supply(null, Map.of(Quarter.parse("2026Q2"), 7L)), List.of())),
                new Policy(Quarter.parse("2026Q1"), Quarter.parse("2027Q4"), 0.975, 0.0, 1.0, budgets, 60));
        assertTrue(ModelValidator.validate(model, "test").isEmpty(), ModelValidator.validate(model, "test").toString());
        ModelWriter.write(model, dir, "header line 1\nline 2");
        assertEquals(model, ModelLoader.load(dir));
        String policy = Files.readString(dir.resolve("policy.yaml"));
        assertTrue(policy.startsWith("# header line 1\n# line 2\n"), policy);
        assertTrue(policy.contains("1200000000"), "money as a plain integer: " + policy);
        assertFalse(policy.contains("E9") || policy.contains("e9"), policy);
    }

    @Test
    void writesTheFiveFilesOfAModelFolder() {
        PlanningModel shipped = ModelLoader.load(Path.of("models"));
        Map<String, String> files = ModelWriter.toYaml(shipped, null);
        assertEquals(ModelLoader.FILES.stream().map(f -> f + ".yaml").toList(), List.copyOf(files.keySet()));
        assertTrue(files.get("sites.yaml").contains("expansion_ready: 2026Q4"), files.get("sites.yaml"));
    }
}
