package dcplan.model;

import java.util.List;
import java.util.Map;

/**
 * One purchasable server of 8 accelerators. Throughput in inferences/s per server within the
 * workload's SLO; a workload absent from {@code throughputIps} cannot be served by this chip.
 * {@code orderLeadQuarters} (contract version 2, default 0): servers installed in q were ordered
 * in q - order_lead_quarters.
 */
public record Chip(String id, String vendor, boolean domestic, double serverPriceUsd,
                   double serverKw, double idleFraction, int amortizationQuarters,
                   Map<String, Double> throughputIps, Supply supply, List<Ban> bannedJurisdictions,
                   int orderLeadQuarters) {

    public Chip {
        throughputIps = throughputIps == null ? Map.of() : Map.copyOf(throughputIps);
        supply = supply == null ? Supply.UNLIMITED : supply;
        bannedJurisdictions = bannedJurisdictions == null ? List.of() : List.copyOf(bannedJurisdictions);
    }

    /** A version-1 chip: servers installed in the quarter they are ordered. */
    public Chip(String id, String vendor, boolean domestic, double serverPriceUsd, double serverKw,
                double idleFraction, int amortizationQuarters, Map<String, Double> throughputIps, Supply supply,
                List<Ban> bannedJurisdictions) {
        this(id, vendor, domestic, serverPriceUsd, serverKw, idleFraction, amortizationQuarters, throughputIps, supply,
                bannedJurisdictions, 0);
    }

    /** The same chip ordered {@code quarters} ahead of installation. */
    public Chip withOrderLead(int quarters) {
        return new Chip(id, vendor, domestic, serverPriceUsd, serverKw, idleFraction, amortizationQuarters,
                throughputIps, supply, bannedJurisdictions, quarters);
    }

    /** Inferences/s per server for the workload, 0 when it cannot serve it. */
    public double throughput(String workloadId) {
        Double t = throughputIps.get(workloadId);
        return t == null ? 0.0 : t;
    }

    public boolean isBannedIn(String jurisdiction, Quarter q) {
        for (Ban ban : bannedJurisdictions) {
            if (ban.jurisdiction().equals(jurisdiction) && (ban.from() == null || !q.isBefore(ban.from()))) {
                return true;
            }
        }
        return false;
    }

    /** An export ban in one jurisdiction, from a quarter on (null: always). */
    public record Ban(String jurisdiction, Quarter from) {
    }

    /** Servers deliverable per quarter, all sites together; null values mean unlimited. */
    public record Supply(Long defaultPerQuarter, Map<Quarter, Long> perQuarter) {
        public static final Supply UNLIMITED = new Supply(null, Map.of());

        public Supply {
            perQuarter = perQuarter == null ? Map.of() : Map.copyOf(perQuarter);
        }

        /** Max servers deliverable in q, or {@link Long#MAX_VALUE} when unlimited. */
        public long in(Quarter q) {
            Long v = perQuarter.get(q);
            if (v == null) {
                v = defaultPerQuarter;
            }
            return v == null ? Long.MAX_VALUE : v;
        }
    }
}
