package dcplan.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link PlanningModel} as a model folder's five YAML files, in the contract's file
 * format, so that {@link ModelLoader#load} reads back an equal model. Used for the resolved
 * model of a scenario run ({@code inputs/resolved/}).
 *
 * <p>Whole numbers are written as integers (no {@code 1.6E9}, as in the shipped files), other
 * numbers in Java's shortest round-trip form; quarters as {@code 2026Q1}; fields at their
 * contract default are still written, except where absent has a meaning of its own
 * (a workload's missing SLO, a site's missing {@code expansion_ready}, unlimited supply).
 */
public final class ModelWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private ModelWriter() {
    }

    /** The five files, name ({@code regions.yaml}, ...) to YAML text, each opening with {@code header} as a comment. */
    public static Map<String, String> toYaml(PlanningModel model, String header) {
        Map<String, String> out = new LinkedHashMap<>();
        trees(model).forEach((name, tree) -> {
            try {
                out.put(name + ".yaml", comment(header) + YAML.writeValueAsString(tree));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + name + ".yaml", e);
            }
        });
        return out;
    }

    /** Writes the five files into {@code folder} (created if needed; existing files are replaced). */
    public static void write(PlanningModel model, Path folder, String header) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> e : toYaml(model, header).entrySet()) {
            Files.writeString(folder.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** The five documents as trees, keyed by file name without {@code .yaml}, in {@link ModelLoader#FILES} order. */
    public static Map<String, ObjectNode> trees(PlanningModel model) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        ArrayNode regions = F.arrayNode();
        model.regions().forEach(r -> regions.add(region(r)));
        out.put("regions", F.objectNode().set("regions", regions));
        ArrayNode workloads = F.arrayNode();
        model.workloads().forEach(w -> workloads.add(workload(w)));
        out.put("workloads", F.objectNode().set("workloads", workloads));
        ArrayNode sites = F.arrayNode();
        model.sites().forEach(s -> sites.add(site(s)));
        out.put("sites", F.objectNode().set("sites", sites));
        ArrayNode chips = F.arrayNode();
        model.chips().forEach(c -> chips.add(chip(c)));
        out.put("chips", F.objectNode().set("chips", chips));
        out.put("policy", F.objectNode().set("policy", policy(model.policy())));
        return out;
    }

    static ObjectNode region(Region r) {
        ObjectNode o = F.objectNode();
        o.put("id", r.id());
        o.put("name", r.name());
        o.set("countries", texts(r.countries()));
        o.set("residency", texts(r.residency()));
        if (!r.latencySloMs().isEmpty()) {
            o.set("latency_slo_ms", numbers(r.latencySloMs()));
        }
        return o;
    }

    static ObjectNode workload(Workload w) {
        ObjectNode o = F.objectNode();
        o.put("id", w.id());
        if (w.latencySloMs() != null) {
            o.set("latency_slo_ms", number(w.latencySloMs()));
        }
        return o;
    }

    public static ObjectNode site(Site s) {
        ObjectNode o = F.objectNode();
        o.put("id", s.id());
        o.put("name", s.name());
        o.put("country", s.country());
        o.put("jurisdiction", s.jurisdiction());
        o.set("latency_ms", numbers(s.latencyMs()));
        o.set("existing_it_mw", number(s.existingItMw()));
        o.set("max_it_mw", number(s.maxItMw()));
        o.set("expansion_usd_per_mw", number(s.expansionUsdPerMw()));
        if (s.expansionReady() != null) {
            o.put("expansion_ready", s.expansionReady().toString());
        }
        if (s.buildQuarters() != 0) {
            o.put("build_quarters", s.buildQuarters());
        }
        if (s.phaseMw() != null) {
            o.set("phase_mw", number(s.phaseMw()));
        }
        o.set("electricity_usd_per_mwh", number(s.electricityUsdPerMwh()));
        o.set("pue", number(s.pue()));
        ObjectNode servers = o.putObject("existing_servers");
        new TreeMap<>(s.existingServers()).forEach(servers::put);
        return o;
    }

    static ObjectNode chip(Chip c) {
        ObjectNode o = F.objectNode();
        o.put("id", c.id());
        o.put("vendor", c.vendor());
        o.put("domestic", c.domestic());
        o.set("server_price_usd", number(c.serverPriceUsd()));
        o.set("server_kw", number(c.serverKw()));
        o.set("idle_fraction", number(c.idleFraction()));
        o.put("amortization_quarters", c.amortizationQuarters());
        o.set("throughput_ips", numbers(c.throughputIps()));
        if (c.orderLeadQuarters() != 0) {
            o.put("order_lead_quarters", c.orderLeadQuarters());
        }
        Chip.Supply supply = c.supply();
        if (supply.defaultPerQuarter() != null || !supply.perQuarter().isEmpty()) {
            ObjectNode s = o.putObject("supply");
            if (supply.defaultPerQuarter() != null) {
                s.put("default", supply.defaultPerQuarter());
            }
            new TreeMap<>(supply.perQuarter()).forEach((q, v) -> s.put(q.toString(), v));
        }
        ArrayNode bans = o.putArray("banned_jurisdictions");
        for (Chip.Ban b : c.bannedJurisdictions()) {
            if (b.from() == null) {
                bans.add(b.jurisdiction());
            } else {
                bans.addObject().put("jurisdiction", b.jurisdiction()).put("from", b.from().toString());
            }
        }
        return o;
    }

    static ObjectNode policy(Policy p) {
        ObjectNode o = F.objectNode();
        ObjectNode horizon = o.putObject("horizon");
        horizon.put("from", String.valueOf(p.horizonFrom()));
        horizon.put("to", String.valueOf(p.horizonTo()));
        o.set("planning_quantile", number(p.planningQuantile()));
        o.set("rho", number(p.rho()));
        o.set("target_utilization", number(p.targetUtilization()));
        ObjectNode budgets = o.putObject("annual_capex_budget_usd");
        new TreeMap<>(p.annualCapexBudgetUsd()).forEach((year, usd) -> budgets.set(String.valueOf(year), number(usd)));
        o.put("facility_amortization_quarters", p.facilityAmortizationQuarters());
        return o;
    }

    /** A whole number as an integer (money reads 1600000000, not 1.6E9), else the double. */
    static JsonNode number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return F.numberNode((long) v);
        }
        return F.numberNode(v);
    }

    private static ObjectNode numbers(Map<String, Double> values) {
        ObjectNode o = F.objectNode();
        new TreeMap<>(values).forEach((k, v) -> o.set(k, number(v)));
        return o;
    }

    private static ArrayNode texts(Iterable<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static String comment(String header) {
        if (header == null || header.isBlank()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        header.lines().forEach(line -> b.append("# ").append(line).append('\n'));
        return b.toString();
    }
}
