package dcplan.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Cross-checks a parsed model: references between files, ranges of values. Returns every
 * problem found, each naming the file and the key. Range checks are written so that NaN (a value
 * the loader already reported) passes them: each mistake is reported once.
 */
public final class ModelValidator {
    private ModelValidator() {
    }

    public static List<String> validate(PlanningModel m, String folder) {
        List<String> p = new ArrayList<>();
        String regionsFile = folder + "/regions.yaml: regions";
        String workloadsFile = folder + "/workloads.yaml: workloads";
        String sitesFile = folder + "/sites.yaml: sites";
        String chipsFile = folder + "/chips.yaml: chips";
        String policyFile = folder + "/policy.yaml: policy";

        Set<String> regionIds = ids(m.regions(), Region::id, regionsFile, p);
        Set<String> workloadIds = ids(m.workloads(), Workload::id, workloadsFile, p);
        ids(m.sites(), Site::id, sitesFile, p);
        Set<String> chipIds = ids(m.chips(), Chip::id, chipsFile, p);

        Map<String, String> countryOwner = new HashMap<>();
        for (Region r : m.regions()) {
            String at = regionsFile + " (" + r.id() + ")";
            for (String c : r.countries()) {
                String previous = countryOwner.put(c, r.id());
                if (previous != null && !previous.equals(r.id())) {
                    p.add(at + ".countries: " + c + " is also in region " + previous);
                }
            }
            for (String w : r.latencySloMs().keySet()) {
                if (!workloadIds.contains(w)) {
                    p.add(at + ".latency_slo_ms: " + DidYouMean.unknown("workload", w, workloadIds));
                }
            }
        }
        for (Workload w : m.workloads()) {
            if (w.tokensPerInference() != null && !(w.tokensPerInference() > 0)) {
                p.add(workloadsFile + " (" + w.id() + ").tokens_per_inference: must be positive, got " + w.tokensPerInference());
            }
        }
        for (Site s : m.sites()) {
            String at = sitesFile + " (" + s.id() + ")";
            for (String r : s.latencyMs().keySet()) {
                if (!regionIds.contains(r)) {
                    p.add(at + ".latency_ms: " + DidYouMean.unknown("region", r, regionIds));
                }
            }
            for (String c : s.existingServers().keySet()) {
                if (!chipIds.contains(c)) {
                    p.add(at + ".existing_servers: " + DidYouMean.unknown("chip", c, chipIds));
                }
            }
            if (s.maxItMw() < s.existingItMw()) {
                p.add(at + ".max_it_mw: " + s.maxItMw() + " is below existing_it_mw " + s.existingItMw());
            }
            if (s.phaseMw() != null && !(s.phaseMw() > 0)) {
                p.add(at + ".phase_mw: must be positive, got " + s.phaseMw());
            } else if (s.phaseMw() != null && s.maxItMw() > s.existingItMw()
                    && s.phaseMw() > s.maxItMw() - s.existingItMw() + 1e-9) {
                p.add(at + ".phase_mw: a phase of " + s.phaseMw() + " MW does not fit between existing_it_mw "
                        + s.existingItMw() + " and max_it_mw " + s.maxItMw());
            }
            if (s.pue() < 1.0) {
                p.add(at + ".pue: must be at least 1, got " + s.pue());
            }
        }
        for (Chip c : m.chips()) {
            String at = chipsFile + " (" + c.id() + ")";
            // NaN: a throughput already reported as not a number
            if (c.throughputIps().isEmpty() || c.throughputIps().values().stream().noneMatch(v -> v > 0 || v.isNaN())) {
                p.add(at + ".throughput_ips: the chip has no throughput for any workload");
            }
            for (String w : c.throughputIps().keySet()) {
                if (!workloadIds.contains(w)) {
                    p.add(at + ".throughput_ips: " + DidYouMean.unknown("workload", w, workloadIds));
                }
            }
            if (c.idleFraction() > 1.0) {
                p.add(at + ".idle_fraction: must be within 0..1, got " + c.idleFraction());
            }
            if (c.serverKw() <= 0) {
                p.add(at + ".server_kw: must be positive");
            }
            if (c.amortizationQuarters() <= 0) {
                p.add(at + ".amortization_quarters: must be positive");
            }
        }
        Policy pol = m.policy();
        if (pol.horizonFrom() != null && pol.horizonTo() != null && pol.horizonTo().isBefore(pol.horizonFrom())) {
            p.add(policyFile + ".horizon: 'to' " + pol.horizonTo() + " is before 'from' " + pol.horizonFrom());
        }
        if (pol.planningQuantile() <= 0 || pol.planningQuantile() >= 1) {
            p.add(policyFile + ".planning_quantile: must be within (0, 1), got " + pol.planningQuantile());
        }
        if (pol.rho() > 1) {
            p.add(policyFile + ".rho: must be within 0..1, got " + pol.rho());
        }
        if (pol.targetUtilization() <= 0 || pol.targetUtilization() > 1) {
            p.add(policyFile + ".target_utilization: must be within (0, 1], got " + pol.targetUtilization());
        }
        if (pol.facilityAmortizationQuarters() <= 0) {
            p.add(policyFile + ".facility_amortization_quarters: must be positive");
        }
        return p;
    }

    /**
     * What is allowed but most likely a mistake, one line each naming the file and the key: a
     * chip banned in a jurisdiction where no site is (a typo for a real one makes an intended
     * export ban do nothing). {@code --strict} makes these errors.
     */
    public static List<String> warnings(PlanningModel m, String folder) {
        List<String> w = new ArrayList<>();
        Set<String> jurisdictions = new java.util.TreeSet<>();
        m.sites().forEach(s -> jurisdictions.add(s.jurisdiction()));
        for (Chip c : m.chips()) {
            for (Chip.Ban ban : c.bannedJurisdictions()) {
                if (!jurisdictions.contains(ban.jurisdiction())) {
                    w.add(folder + "/chips.yaml: chips (" + c.id() + ").banned_jurisdictions: no site is in jurisdiction '"
                            + ban.jurisdiction() + "', so the ban changes nothing" + DidYouMean.suggestion(ban.jurisdiction(), jurisdictions)
                            + " (jurisdictions with sites: " + String.join(", ", jurisdictions) + ")");
                }
            }
        }
        return w;
    }

    private static <T> Set<String> ids(List<T> items, Function<T, String> id, String at, List<String> p) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String i = id.apply(item);
            if (i == null || i.isBlank()) {
                continue; // the loader reported it at the entry ("sites[2].id: missing")
            }
            if (!seen.add(i)) {
                p.add(at + ": duplicate id '" + i + "'");
            }
        }
        return seen;
    }
}
