package dcplan.model;

import java.util.List;
import java.util.Map;

/**
 * A demand region: the countries whose forecasts roll up into it, where its requests may be
 * served ({@code residency}, empty = anywhere) and optional per-workload latency overrides.
 */
public record Region(String id, String name, List<String> countries, List<String> residency,
                     Map<String, Double> latencySloMs) {

    public Region {
        countries = List.copyOf(countries);
        residency = residency == null ? List.of() : List.copyOf(residency);
        latencySloMs = latencySloMs == null ? Map.of() : Map.copyOf(latencySloMs);
    }

    public boolean allowsJurisdiction(String jurisdiction) {
        return residency.isEmpty() || residency.contains(jurisdiction);
    }
}
