package dcplan.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model folder (regions, workloads, sites, chips, policy YAML) into a
 * {@link PlanningModel}. Every problem in the folder is collected and thrown at once as a
 * {@link InputException}, each naming the file and the key.
 */
public final class ModelLoader {
    public static final List<String> FILES = List.of("regions", "workloads", "sites", "chips", "policy");

    static final Set<String> REGION_KEYS = Set.of("id", "name", "countries", "residency", "latency_slo_ms");
    static final Set<String> WORKLOAD_KEYS = Set.of("id", "latency_slo_ms", "tokens_per_inference");
    static final Set<String> SITE_KEYS = Set.of("id", "name", "country", "jurisdiction", "latency_ms",
            "existing_it_mw", "max_it_mw", "expansion_usd_per_mw", "expansion_ready",
            "electricity_usd_per_mwh", "pue", "existing_servers", "build_quarters", "phase_mw");
    static final Set<String> CHIP_KEYS = Set.of("id", "vendor", "domestic", "server_price_usd", "server_kw",
            "idle_fraction", "amortization_quarters", "throughput_ips", "supply", "banned_jurisdictions",
            "order_lead_quarters");
    static final Set<String> POLICY_KEYS = Set.of("horizon", "planning_quantile", "rho", "target_utilization",
            "annual_capex_budget_usd", "facility_amortization_quarters");

    /** The problem of an expandable site without a price; %s are max_it_mw and existing_it_mw. */
    public static final String MISSING_EXPANSION_PRICE = "missing: the site can expand (max_it_mw %s above existing_it_mw %s), "
            + "so it needs a price per MW added (a missing price would read as free expansion)";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ModelLoader() {
    }

    public static PlanningModel load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InputException(folder + ": model folder not found");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Node> roots = new LinkedHashMap<>();
        for (String name : FILES) {
            Path file = folder.resolve(name + ".yaml");
            roots.put(name, readRoot(file, name, problems));
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        PlanningModel model = fromTrees(roots, problems);
        problems.addAll(ModelValidator.validate(model, folder.toString()));
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return model;
    }

    /** Parses the five trees (each the document holding the top-level key) into a model. */
    public static PlanningModel fromTrees(Map<String, Node> roots, List<String> problems) {
        List<Region> regions = new ArrayList<>();
        for (Node n : roots.get("regions").list("regions")) {
            regions.add(region(label(n)));
        }
        List<Workload> workloads = new ArrayList<>();
        for (Node n : roots.get("workloads").list("workloads")) {
            Node w = label(n);
            w.onlyKeys(WORKLOAD_KEYS);
            workloads.add(new Workload(w.text("id"), w.has("latency_slo_ms") ? w.get("latency_slo_ms").asNonNegative() : null,
                    w.has("tokens_per_inference") ? w.get("tokens_per_inference").asNonNegative() : null));
        }
        List<Site> sites = new ArrayList<>();
        for (Node n : roots.get("sites").list("sites")) {
            sites.add(site(label(n)));
        }
        List<Chip> chips = new ArrayList<>();
        for (Node n : roots.get("chips").list("chips")) {
            chips.add(chip(label(n)));
        }
        Policy policy = policy(roots.get("policy").get("policy"));
        for (String list : List.of("regions", "workloads", "sites", "chips")) {
            Node root = roots.get(list);
            if (!root.has(list) || root.get(list).json().isEmpty()) {
                root.get(list).problem("must list at least one entry");
            }
        }
        return new PlanningModel(regions, workloads, sites, chips, policy);
    }

    static Node readRoot(Path file, String name, List<String> problems) {
        String where = file.toString();
        if (!Files.isRegularFile(file)) {
            problems.add(where + ": file not found");
            return new Node(null, where, problems);
        }
        try {
            JsonNode json = YAML.readTree(file.toFile());
            if (json == null || !json.isObject() || !json.has(name)) {
                String found = json != null && json.isObject() && json.size() > 0
                        ? " (found '" + String.join("', '", (Iterable<String>) json::fieldNames) + "')" : "";
                problems.add(where + ": must hold a top-level '" + name + "' key" + found);
                return new Node(null, where, problems);
            }
            Node root = new Node(json, where + ":", problems);
            root.onlyKeys(Set.of(name));
            return root;
        } catch (IOException e) {
            problems.add(where + ": not valid YAML (" + atLine(e) + firstLine(e.getMessage()) + ")");
            return new Node(null, where, problems);
        }
    }

    /**
     * The YAML document of a single input file ({@code what}: "scenario file", "risk file"), or an
     * InputException naming the file: not found, or not valid YAML (with the line where known).
     * May return null (an empty file); the caller checks the document's shape.
     */
    public static JsonNode readYamlFile(Path file, String what) {
        String where = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InputException(where + ": " + what + " not found");
        }
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(where + ": not valid YAML (" + atLine(e) + firstLine(e.getMessage()) + ")");
        }
    }

    /** "line N: " of a YAML parse error, where the parser knows it. */
    public static String atLine(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                && j.getLocation().getLineNr() > 0) {
            return "line " + j.getLocation().getLineNr() + ": ";
        }
        return "";
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Renames an element's location after its id: "sites[2] (paris)". */
    private static Node label(Node n) {
        String id = n.has("id") ? n.json().get("id").asText() : null;
        return id == null ? n : n.relabel(n.where() + " (" + id + ")");
    }

    static Region region(Node n) {
        n.onlyKeys(REGION_KEYS);
        String id = n.text("id");
        List<String> countries = n.textList("countries");
        Node given = n.get("countries");
        if (countries.isEmpty() && (given.isMissing() || given.json().isArray())) {
            given.problem("must list at least one country"); // a non-list is reported as such, once
        }
        return new Region(id, n.has("name") ? n.text("name") : id, countries,
                n.textList("residency"), n.numberMap("latency_slo_ms"));
    }

    /** One site entry of sites.yaml (also a site a scenario adds). */
    public static Site site(Node n) {
        n.onlyKeys(SITE_KEYS);
        String id = n.text("id");
        double existing = n.nonNegative("existing_it_mw", 0.0);
        double max = n.nonNegative("max_it_mw", existing);
        Map<String, Integer> servers = new LinkedHashMap<>();
        n.map("existing_servers").forEach((chip, v) -> servers.put(chip, wholeCount(v)));
        return new Site(id, n.has("name") ? n.text("name") : id, n.text("country"), n.text("jurisdiction"),
                n.numberMap("latency_ms"), existing, max, expansionPrice(n, existing, max),
                n.quarter("expansion_ready", false),
                n.nonNegative("electricity_usd_per_mwh", null), n.nonNegative("pue", null), servers,
                n.has("build_quarters") ? wholeCount(n.get("build_quarters")) : 0,
                n.has("phase_mw") ? n.nonNegative("phase_mw", null) : null);
    }

    /**
     * expansion_usd_per_mw: required where the site can expand (max_it_mw above existing_it_mw),
     * since a missing price must never read as free expansion (the contract's defaults); a site
     * that cannot expand never pays it, so there it may be left out (0).
     */
    static double expansionPrice(Node site, double existing, double max) {
        if (site.has("expansion_usd_per_mw")) {
            return site.get("expansion_usd_per_mw").asNonNegative();
        }
        if (max > existing) {
            site.get("expansion_usd_per_mw").problem(MISSING_EXPANSION_PRICE.formatted(fmt(max), fmt(existing)));
        }
        return 0.0;
    }

    /** A number as written in YAML: 90 rather than 90.0. */
    public static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    static Chip chip(Node n) {
        n.onlyKeys(CHIP_KEYS);
        return new Chip(n.text("id"), n.text("vendor"), n.bool("domestic", false),
                n.nonNegative("server_price_usd", null), n.nonNegative("server_kw", null),
                n.nonNegative("idle_fraction", null), wholeCount(n.get("amortization_quarters")),
                n.numberMap("throughput_ips"), supply(n), bans(n),
                n.has("order_lead_quarters") ? wholeCount(n.get("order_lead_quarters")) : 0);
    }

    static Chip.Supply supply(Node chip) {
        Node s = chip.get("supply");
        if (s.isMissing()) {
            return Chip.Supply.UNLIMITED;
        }
        if (s.json().isNumber()) {
            return new Chip.Supply((long) wholeCount(s), Map.of());
        }
        Long fallback = null;
        Map<Quarter, Long> per = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : chip.map("supply").entrySet()) {
            long v = wholeCount(e.getValue());
            if (e.getKey().equals("default")) {
                fallback = v;
            } else {
                try {
                    per.put(Quarter.parse(e.getKey()), v);
                } catch (IllegalArgumentException ex) {
                    e.getValue().problem("key must be 'default' or a quarter like 2026Q1");
                }
            }
        }
        return new Chip.Supply(fallback, per);
    }

    static List<Chip.Ban> bans(Node chip) {
        List<Chip.Ban> out = new ArrayList<>();
        for (Node b : chip.list("banned_jurisdictions")) {
            if (b.json().isValueNode()) {
                out.add(new Chip.Ban(b.json().asText(), null));
            } else {
                b.onlyKeys(Set.of("jurisdiction", "from"));
                out.add(new Chip.Ban(b.text("jurisdiction"), b.quarter("from", false)));
            }
        }
        return out;
    }

    static Policy policy(Node n) {
        n.onlyKeys(POLICY_KEYS);
        Node horizon = n.get("horizon");
        horizon.onlyKeys(Set.of("from", "to"));
        Map<Integer, Double> budgets = new LinkedHashMap<>();
        n.map("annual_capex_budget_usd").forEach((year, v) -> {
            try {
                budgets.put(Integer.parseInt(year), v.asNonNegative());
            } catch (NumberFormatException e) {
                v.problem("key must be a year like 2026");
            }
        });
        return new Policy(horizon.quarter("from", true), horizon.quarter("to", true),
                n.get("planning_quantile").isMissing() ? missing(n, "planning_quantile") : n.get("planning_quantile").asNumber(),
                n.nonNegative("rho", 0.0), n.nonNegative("target_utilization", null), budgets,
                n.has("facility_amortization_quarters") ? wholeCount(n.get("facility_amortization_quarters")) : 60);
    }

    private static double missing(Node n, String key) {
        n.get(key).missing();
        return Double.NaN;
    }

    /** A whole number >= 0 (servers, quarters); a fraction or a negative is a problem. */
    public static int wholeCount(Node v) {
        double d = v.asNonNegative();
        if (Double.isNaN(d)) {
            return 1; // already reported; 1 passes every later "must be positive", so it is not reported again
        }
        if (d != Math.rint(d)) {
            v.problem("must be a whole number, got " + v.json().asText());
        }
        return (int) Math.min(d, Integer.MAX_VALUE);
    }
}
