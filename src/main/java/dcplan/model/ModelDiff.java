package dcplan.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where two models differ, in the terms of the model files: "sites.yaml: sites.paris.max_it_mw:
 * 100 vs 120". Both are written as {@link ModelWriter#trees} and compared key by key; list
 * entries with an {@code id} are matched by it (so a site added, removed or moved is named by
 * its id), other lists compare as a whole.
 */
public final class ModelDiff {
    private ModelDiff() {
    }

    /** Every difference, {@code a}'s value first; empty when the models are the same. */
    public static List<String> differences(PlanningModel a, PlanningModel b) {
        List<String> out = new ArrayList<>();
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> ta = ModelWriter.trees(a);
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> tb = ModelWriter.trees(b);
        for (String file : ta.keySet()) {
            diff(ta.get(file), tb.get(file), file + ".yaml: ", "", out);
        }
        return out;
    }

    private static void diff(JsonNode a, JsonNode b, String file, String path, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(a.get(k), b.get(k), file, path.isEmpty() ? k : path + "." + k, out);
            }
        } else if (a != null && b != null && byId(a) != null && byId(b) != null) {
            Map<String, JsonNode> ia = byId(a);
            Map<String, JsonNode> ib = byId(b);
            Set<String> ids = new LinkedHashSet<>(ia.keySet());
            ids.addAll(ib.keySet());
            int before = out.size();
            for (String id : ids) {
                diff(ia.get(id), ib.get(id), file, path + "." + id, out);
            }
            if (out.size() == before && !List.copyOf(ia.keySet()).equals(List.copyOf(ib.keySet()))) {
                out.add(file + path + ": the same entries in another order");
            }
        } else if (!same(a, b)) {
            out.add(file + path + ": " + text(a) + " vs " + text(b));
        }
    }

    /** A list whose entries all have a distinct {@code id}, by id in list order; else null. */
    private static Map<String, JsonNode> byId(JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            return null;
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            if (!e.isObject() || !e.has("id") || out.put(e.get("id").asText(), e) != null) {
                return null;
            }
        }
        return out;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        return a.equals(b);
    }

    private static String text(JsonNode n) {
        return n == null ? "(absent)" : n.toString();
    }
}
