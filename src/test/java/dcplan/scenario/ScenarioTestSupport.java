package dcplan.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dcplan.model.DemandCell;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The shipped model, a full demand table for it, scenario files from text, and a model diff. */
final class ScenarioTestSupport {
    static final Path MODELS = Path.of("models");
    static final Path SCENARIOS = MODELS.resolve("scenarios");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new SimpleModule("quarter").addSerializer(Quarter.class, ToStringSerializer.instance))
            .build();

    private ScenarioTestSupport() {
    }

    static PlanningModel shipped() {
        return ModelLoader.load(MODELS);
    }

    /** Every (region, workload, quarter) of the model, with distinct values (peak 100 + i, avg 60 % of it). */
    static List<DemandCell> fullDemand(PlanningModel m) {
        List<DemandCell> out = new ArrayList<>();
        int i = 0;
        for (var r : m.regions()) {
            for (var w : m.workloads()) {
                for (Quarter q : m.quarters()) {
                    double peak = 100 + i++;
                    out.add(new DemandCell(r.id(), w.id(), q, peak, 0.6 * peak));
                }
            }
        }
        return out;
    }

    /** Writes a scenario file named {@code fileName} into {@code dir}. */
    static Path file(Path dir, String fileName, String yaml) throws IOException {
        Path f = dir.resolve(fileName);
        Files.writeString(f, yaml);
        return f;
    }

    /** A scenario file holding a valid name and description, then {@code body}. */
    static Path scenario(Path dir, String body) throws IOException {
        return file(dir, "what-if.yaml", "name: what-if\ndescription: a test scenario\n" + body);
    }

    /**
     * Every field where two models differ, as paths over their record components, list elements
     * named by id: "chips/nvidia-h200/serverPriceUsd", "sites/bangkok" (added or removed),
     * "policy/annualCapexBudgetUsd/2027". Independent of ModelWriter: every component of every
     * record is compared.
     */
    static Set<String> diff(PlanningModel a, PlanningModel b) {
        Set<String> out = new TreeSet<>();
        diff(JSON.valueToTree(a), JSON.valueToTree(b), "", out);
        return out;
    }

    private static void diff(JsonNode a, JsonNode b, String path, Set<String> out) {
        if (a == null || b == null) {
            out.add(path);
        } else if (a.isObject() && b.isObject()) {
            Set<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(a.get(k), b.get(k), join(path, k), out);
            }
        } else if (a.isArray() && b.isArray() && byId(a) && byId(b)) {
            Set<String> ids = new TreeSet<>();
            a.forEach(e -> ids.add(e.get("id").asText()));
            b.forEach(e -> ids.add(e.get("id").asText()));
            for (String id : ids) {
                diff(find(a, id), find(b, id), join(path, id), out);
            }
        } else if (!a.equals(b)) {
            out.add(path);
        }
    }

    private static boolean byId(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isObject() || !e.has("id")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode find(JsonNode array, String id) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            if (e.get("id").asText().equals(id)) {
                return e;
            }
        }
        return null;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }
}
