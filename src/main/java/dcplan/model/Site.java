package dcplan.model;

import java.util.Map;

/**
 * A data center, existing or candidate. Power in MW of IT load; money in USD.
 * {@code expansionReady} null means added MW are usable from the start of the horizon.
 */
public record Site(String id, String name, String country, String jurisdiction,
                   Map<String, Double> latencyMs, double existingItMw, double maxItMw,
                   double expansionUsdPerMw, Quarter expansionReady, double electricityUsdPerMwh,
                   double pue, Map<String, Integer> existingServers) {

    public Site {
        latencyMs = latencyMs == null ? Map.of() : Map.copyOf(latencyMs);
        existingServers = existingServers == null ? Map.of() : Map.copyOf(existingServers);
    }

    public int existingServers(String chipId) {
        return existingServers.getOrDefault(chipId, 0);
    }

    /** Whether MW beyond the existing ones may be used in quarter q. */
    public boolean canExpandIn(Quarter q) {
        return expansionReady == null || !q.isBefore(expansionReady);
    }

    /** The MW ceiling in quarter q: the existing MW before expansion is ready, else max_it_mw. */
    public double maxMwIn(Quarter q) {
        return canExpandIn(q) ? maxItMw : existingItMw;
    }

    /** See {@link UnitCosts#energyPerKwQuarter}. */
    public double energyUsdPerKwQuarter() {
        return UnitCosts.energyPerKwQuarter(this);
    }
}
