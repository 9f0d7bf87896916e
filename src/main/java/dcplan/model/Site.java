package dcplan.model;

import java.util.Map;

/**
 * A data center, existing or candidate. Power in MW of IT load; money in USD.
 * {@code expansionReady} null means added MW are usable from the start of the horizon.
 * Version 2 of the contract adds {@code buildQuarters} (MW whose construction starts in q are
 * usable from q + build_quarters; 0 by default) and {@code phaseMw} (MW are added in whole phases;
 * null: continuously). When MW may first be used is {@link LeadTimes}' to say.
 */
public record Site(String id, String name, String country, String jurisdiction,
                   Map<String, Double> latencyMs, double existingItMw, double maxItMw,
                   double expansionUsdPerMw, Quarter expansionReady, double electricityUsdPerMwh,
                   double pue, Map<String, Integer> existingServers, int buildQuarters, Double phaseMw) {

    public Site {
        latencyMs = latencyMs == null ? Map.of() : Map.copyOf(latencyMs);
        existingServers = existingServers == null ? Map.of() : Map.copyOf(existingServers);
    }

    /** A version-1 site: built in no time, MW added continuously. */
    public Site(String id, String name, String country, String jurisdiction,
                Map<String, Double> latencyMs, double existingItMw, double maxItMw,
                double expansionUsdPerMw, Quarter expansionReady, double electricityUsdPerMwh,
                double pue, Map<String, Integer> existingServers) {
        this(id, name, country, jurisdiction, latencyMs, existingItMw, maxItMw, expansionUsdPerMw, expansionReady,
                electricityUsdPerMwh, pue, existingServers, 0, null);
    }

    /** The same site with version-2 commitment fields. */
    public Site withCommitments(int buildQuarters, Double phaseMw) {
        return new Site(id, name, country, jurisdiction, latencyMs, existingItMw, maxItMw, expansionUsdPerMw,
                expansionReady, electricityUsdPerMwh, pue, existingServers, buildQuarters, phaseMw);
    }

    public int existingServers(String chipId) {
        return existingServers.getOrDefault(chipId, 0);
    }

    /**
     * The most IT MW the site can have: max_it_mw, or with phases the existing MW plus as many
     * whole phases as fit under max_it_mw (1e-9 forgives round-off in the division).
     */
    public double usableMaxItMw() {
        if (phaseMw == null || maxItMw <= existingItMw) {
            return maxItMw;
        }
        return existingItMw + Math.floor((maxItMw - existingItMw) / phaseMw + 1e-9) * phaseMw;
    }
}
