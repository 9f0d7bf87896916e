package dcplan.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YAML/JSON node with its location ("sites.yaml: sites[3] (paris).max_it_mw"), so that every
 * problem names the file and the key. Readers never throw: they record a problem and return a
 * neutral value, so that a folder's problems are all reported at once.
 */
public final class Node {
    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?\\d+,\\d+");
    private static final Pattern THOUSANDS = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    private final JsonNode json;
    private final String where;
    private final List<String> problems;
    /** For a child from {@link #get}: its parent's problem prefix and its key; else null. */
    private final String parentAt;
    private final String key;

    public Node(JsonNode json, String where, List<String> problems) {
        this(json, where, problems, null, null);
    }

    private Node(JsonNode json, String where, List<String> problems, String parentAt, String key) {
        this.json = json;
        this.where = where;
        this.problems = problems;
        this.parentAt = parentAt;
        this.key = key;
    }

    public String where() {
        return where;
    }

    public boolean has(String key) {
        return json != null && json.has(key) && !json.get(key).isNull();
    }

    /** The child at key; its location reads "file.yaml: sites[2] (paris).max_it_mw". */
    public Node get(String key) {
        String sep = where.endsWith(":") ? " " : ".";
        return new Node(json == null ? null : json.get(key), where + sep + key, problems, at(), key);
    }

    public Node relabel(String newWhere) {
        return new Node(json, newWhere, problems, parentAt, key);
    }

    public boolean isMissing() {
        return json == null || json.isNull() || json.isMissingNode();
    }

    public JsonNode json() {
        return json;
    }

    public void problem(String message) {
        problems.add(at() + message);
    }

    /**
     * Records that this required key is missing, unless its parent's {@link #onlyKeys} already
     * reported a misspelling of it ("unknown key 'peu', did you mean 'pue'?"): one mistake, one line.
     */
    public void missing() {
        if (parentAt != null) {
            String unknownKey = parentAt + "unknown key '";
            String meant = "did you mean '" + key + "'?";
            if (problems.stream().anyMatch(p -> p.startsWith(unknownKey) && p.contains(meant))) {
                return;
            }
        }
        problem("missing");
    }

    /** "file.yaml: key: " for a key, "file.yaml: " for a document root (whose location ends with ':'). */
    private String at() {
        return where.endsWith(":") ? where + " " : where + ": ";
    }

    /** Records a problem for every key not in {@code allowed}, listing the valid ones (and the likely one). */
    public void onlyKeys(Set<String> allowed) {
        if (json == null || !json.isObject()) {
            return;
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(at() + DidYouMean.unknown("key", key, allowed));
            }
        }
    }

    public String text(String key) {
        Node n = get(key);
        if (n.isMissing()) {
            n.missing();
            return "";
        }
        if (!n.json.isValueNode()) {
            n.problem("must be a text value");
            return "";
        }
        return n.json.asText();
    }

    public String optionalText(String key) {
        Node n = get(key);
        return n.isMissing() ? null : n.json.asText();
    }

    /**
     * A number >= 0 (money, MW, kW, ms, ...); a missing key gives {@code fallback} or a problem.
     * A value already reported as a problem reads as NaN: every later range check is false for
     * NaN, so one mistake is reported once, not again by each check downstream.
     */
    public double nonNegative(String key, Double fallback) {
        Node n = get(key);
        if (n.isMissing()) {
            if (fallback == null) {
                n.missing();
                return Double.NaN;
            }
            return fallback;
        }
        return n.asNonNegative();
    }

    /** A number >= 0, or NaN after recording a problem. */
    public double asNonNegative() {
        double v = asNumber();
        if (v < 0) {
            problem("must not be negative, got " + json.asText());
            return Double.NaN;
        }
        return v;
    }

    /** A finite number, or NaN after recording a problem. */
    public double asNumber() {
        if (json == null || !(json.isNumber() || json.isTextual())) {
            problem("must be a number");
            return Double.NaN;
        }
        try {
            double v = json.isNumber() ? json.asDouble() : Double.parseDouble(json.asText().trim());
            if (!Double.isFinite(v)) {
                problem("must be a finite number, got " + json.asText());
                return Double.NaN;
            }
            return v;
        } catch (NumberFormatException e) {
            problem("must be a number, got '" + json.asText() + "'" + numberHint(json.asText().trim()));
            return Double.NaN;
        }
    }

    /** What a number written with commas most likely meant: "1,4" is 1.4, "8,800,000" is 8800000. */
    static String numberHint(String text) {
        if (THOUSANDS.matcher(text).matches() && !DECIMAL_COMMA.matcher(text).matches()) {
            return " (write " + text.replace(",", "") + ": numbers take no thousands separators)";
        }
        if (DECIMAL_COMMA.matcher(text).matches()) {
            String dot = text.replace(',', '.');
            if (THOUSANDS.matcher(text).matches()) {
                return " (write " + dot + " or " + text.replace(",", "") + ": a decimal point, and no thousands separators)";
            }
            return " (write " + dot + ": the decimal separator is a point)";
        }
        return "";
    }

    public boolean bool(String key, boolean fallback) {
        Node n = get(key);
        if (n.isMissing()) {
            return fallback;
        }
        if (!n.json.isBoolean()) {
            n.problem("must be true or false, got '" + n.json.asText() + "'");
            return fallback;
        }
        return n.json.asBoolean();
    }

    public Quarter quarter(String key, boolean required) {
        Node n = get(key);
        if (n.isMissing()) {
            if (required) {
                n.missing();
            }
            return null;
        }
        return n.asQuarter();
    }

    public Quarter asQuarter() {
        try {
            return Quarter.parse(json.asText());
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return null;
        }
    }

    /** Elements of a list; a missing key is an empty list, a non-list a problem. */
    public List<Node> list(String key) {
        Node n = get(key);
        List<Node> out = new ArrayList<>();
        if (n.isMissing()) {
            return out;
        }
        if (!n.json.isArray()) {
            n.problem("must be a list");
            return out;
        }
        for (int i = 0; i < n.json.size(); i++) {
            out.add(new Node(n.json.get(i), n.where + "[" + i + "]", problems));
        }
        return out;
    }

    public List<String> textList(String key) {
        List<String> out = new ArrayList<>();
        for (Node e : list(key)) {
            if (!e.json.isValueNode()) {
                e.problem("must be a text value");
            } else {
                out.add(e.json.asText());
            }
        }
        return out;
    }

    /** Entries of a map, in file order; a missing key is an empty map, a non-map a problem. */
    public Map<String, Node> map(String key) {
        Node n = get(key);
        Map<String, Node> out = new LinkedHashMap<>();
        if (n.isMissing()) {
            return out;
        }
        if (!n.json.isObject()) {
            n.problem("must be a map");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), new Node(e.getValue(), n.where + "." + e.getKey(), problems));
        }
        return out;
    }

    /** A map of non-negative numbers. */
    public Map<String, Double> numberMap(String key) {
        Map<String, Double> out = new LinkedHashMap<>();
        map(key).forEach((k, v) -> out.put(k, v.asNonNegative()));
        return out;
    }
}
