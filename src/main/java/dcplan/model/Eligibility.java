package dcplan.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Hard constraint 1 of the contract, in one place: whether chip c at site s may serve region
 * r's workload w in quarter q, and if not, why. "Eligible" is defined as "no reason why not", so
 * an explanation can never drift away from the rule.
 */
public final class Eligibility {
    private Eligibility() {
    }

    /** slo(r, w): the region's override where given, else the workload's; null = no limit. */
    public static Double slo(Region region, Workload workload) {
        Double override = region.latencySloMs().get(workload.id());
        return override != null ? override : workload.latencySloMs();
    }

    public static boolean eligible(Region r, Workload w, Quarter q, Site s, Chip c) {
        return whyNot(r, w, q, s, c).isEmpty();
    }

    /**
     * Every reason chip c at site s may not serve (r, w) in q, in the contract's order: latency
     * (a site with no latency figure for r is beyond every finite SLO), residency, export ban,
     * throughput. Empty when the option is eligible.
     */
    public static List<String> whyNot(Region r, Workload w, Quarter q, Site s, Chip c) {
        List<String> why = new ArrayList<>(0);
        Double slo = slo(r, w);
        if (slo != null) {
            Double latency = s.latencyMs().get(r.id());
            if (latency == null) {
                why.add("no latency figure for " + r.id() + " (SLO " + slo + " ms)");
            } else if (latency > slo) {
                why.add("latency " + latency + " ms > SLO " + slo + " ms");
            }
        }
        if (!r.allowsJurisdiction(s.jurisdiction())) {
            why.add("jurisdiction " + s.jurisdiction() + " not in residency " + r.residency());
        }
        if (c.isBannedIn(s.jurisdiction(), q)) {
            why.add(c.id() + " banned in " + s.jurisdiction() + " in " + q);
        }
        if (!(c.throughput(w.id()) > 0)) {
            why.add(c.id() + " has no throughput for " + w.id());
        }
        return why;
    }
}
