package dcplan.plan;

import dcplan.model.Quarter;

import java.util.List;
import java.util.Map;

/**
 * A plan in the spec's terms: flows (peak ips of a region's workload in a quarter served by a
 * chip at a site), servers installed per (site, chip, quarter) and IT MW built per
 * (site, quarter). Installed and built maps hold every (site, chip, quarter) and (site, quarter)
 * of the horizon that is non-zero; a missing key means zero for servers and existing_it_mw for MW.
 */
public record Plan(List<Flow> flows, Map<SiteChipQuarter, Integer> installed,
                   Map<SiteQuarter, Double> itMwBuilt) {

    public Plan {
        flows = List.copyOf(flows);
        installed = Map.copyOf(installed);
        itMwBuilt = Map.copyOf(itMwBuilt);
    }

    /** flow[r,w,q,s,c] in peak ips, and the average ips it serves (flow * avg / peak). */
    public record Flow(String region, String workload, Quarter quarter, String site, String chip,
                       double peakIps, double avgIps) {
    }

    public record SiteChipQuarter(String site, String chip, Quarter quarter) {
    }

    public record SiteQuarter(String site, Quarter quarter) {
    }
}
