package dcplan.scenario;

import dcplan.model.Node;
import dcplan.model.PlanningModel;
import dcplan.model.Region;
import dcplan.model.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scenario's {@code regions:} section: a region's residency (which jurisdictions may serve
 * it) and its latency SLOs per workload, read against the base model and applied.
 */
final class RegionOverrides {
    static final String RESIDENCY = "residency";
    static final String LATENCY_SLO_MS = "latency_slo_ms";
    static final Set<String> KEYS = Set.of(RESIDENCY, LATENCY_SLO_MS);

    private RegionOverrides() {
    }

    /**
     * Reads {@code regions}: region id -> changes. {@code jurisdictions}: those of the sites the
     * scenario leaves or adds (a residency naming another could never be served there).
     */
    static Map<String, Scenario.RegionChange> read(Node root, PlanningModel base, Set<String> jurisdictions) {
        Set<String> regionIds = new TreeSet<>(base.regions().stream().map(Region::id).toList());
        Set<String> workloads = new TreeSet<>(base.workloads().stream().map(Workload::id).toList());
        Map<String, Scenario.RegionChange> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : root.map("regions").entrySet()) {
            Node n = e.getValue();
            if (!regionIds.contains(e.getKey())) {
                n.problem("unknown region '" + e.getKey() + "' (valid: " + String.join(", ", regionIds) + ")");
            } else if (n.json() == null || !n.json().isObject()) {
                n.problem("must be a map of changes (valid keys: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            } else {
                n.onlyKeys(KEYS);
                out.put(e.getKey(), new Scenario.RegionChange(residency(n, jurisdictions), latency(n, workloads)));
            }
        }
        return out;
    }

    private static List<String> residency(Node n, Set<String> jurisdictions) {
        if (!n.has(RESIDENCY)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String j : n.textList(RESIDENCY)) {
            if (!jurisdictions.contains(j)) {
                n.get(RESIDENCY).problem("unknown jurisdiction '" + j + "': no site is there (valid: "
                        + String.join(", ", jurisdictions) + "; [] = anywhere)");
            } else if (!out.contains(j)) {
                out.add(j);
            }
        }
        return out;
    }

    private static Map<String, Double> latency(Node n, Set<String> workloads) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : n.map(LATENCY_SLO_MS).entrySet()) {
            if (!workloads.contains(e.getKey())) {
                e.getValue().problem("unknown workload '" + e.getKey() + "' (valid: " + String.join(", ", workloads) + ")");
                continue;
            }
            double ms = e.getValue().asNonNegative();
            if (ms <= 0) {
                e.getValue().problem("must be above 0 ms (no site could serve the region)");
            }
            out.put(e.getKey(), ms);
        }
        return out;
    }

    /** The base regions with the overrides applied, each change in words. */
    static List<Region> apply(PlanningModel base, Map<String, Scenario.RegionChange> changes, List<String> out) {
        for (String id : changes.keySet()) {
            if (base.regions().stream().noneMatch(r -> r.id().equals(id))) {
                throw new IllegalArgumentException("scenario names region '" + id + "', which the base model does not have");
            }
        }
        List<Region> regions = new ArrayList<>();
        for (Region r : base.regions()) {
            Scenario.RegionChange c = changes.get(r.id());
            regions.add(c == null ? r : apply(r, c, base, out));
        }
        return regions;
    }

    private static Region apply(Region r, Scenario.RegionChange c, PlanningModel base, List<String> out) {
        List<String> residency = r.residency();
        if (c.residency() != null) {
            out.add("region " + r.id() + ": residency " + describe(r.residency()) + " -> " + describe(c.residency()));
            residency = c.residency();
        }
        Map<String, Double> latency = new LinkedHashMap<>(r.latencySloMs());
        c.latencySloMs().forEach((w, ms) -> {
            Double was = r.latencySloMs().get(w);
            String from = was != null ? ScenarioResolver.num(was) + " ms"
                    : base.workloads().stream().filter(x -> x.id().equals(w)).findFirst().map(Workload::latencySloMs)
                    .map(v -> ScenarioResolver.num(v) + " ms (the workload's)").orElse("none (the workload has no SLO)");
            out.add("region " + r.id() + ": latency_slo_ms." + w + " " + from + " -> " + ScenarioResolver.num(ms) + " ms");
            latency.put(w, ms);
        });
        return new Region(r.id(), r.name(), r.countries(), residency, latency);
    }

    private static String describe(List<String> residency) {
        return residency.isEmpty() ? "[] (anywhere)" : residency.toString();
    }
}
