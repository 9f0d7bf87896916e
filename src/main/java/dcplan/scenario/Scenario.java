package dcplan.scenario;

import dcplan.model.Chip;
import dcplan.model.Quarter;
import dcplan.model.Site;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed scenario file: a name, a description, and only what differs from the base model.
 * Read by {@link ScenarioLoader}, applied by {@link ScenarioResolver}. The file format is
 * documented key by key in {@code models/scenarios/README.md}.
 *
 * @param name        lowercase-hyphenated id, used in the run folder name and summary.json
 * @param description the reasoning behind the scenario (free text)
 * @param file        where it was read from (null when built in code)
 * @param demand      demand multipliers, applied in file order (overlapping rules multiply)
 * @param chips       chip id -> changes, in file order
 * @param sites       changes to the base model's sites
 * @param budget      budget changes, null for none
 * @param policy      policy changes, null for none
 * @param regions     region id -> residency and latency SLO overrides, in file order
 * @param decidedUntil for {@code dcplan whatif}: the first quarter not yet decided (commitments
 *                     made before it are kept), null to let the what-if choose
 * @param leadTimes   changes to lead times and phases (contract version 2)
 */
public record Scenario(String name, String description, Path file, List<DemandMultiplier> demand,
                       Map<String, ChipChange> chips, SiteChanges sites, BudgetChange budget,
                       PolicyChange policy, Map<String, RegionChange> regions, Quarter decidedUntil,
                       LeadTimeChanges leadTimes) {
    /**
     * The key, under {@code chips} and {@code sites}, whose multipliers apply to every chip or
     * every base site (on top of the chip's or site's own).
     */
    public static final String ALL = "all";

    public Scenario {
        demand = demand == null ? List.of() : List.copyOf(demand);
        chips = chips == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(chips));
        sites = sites == null ? SiteChanges.NONE : sites;
        regions = regions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(regions));
        leadTimes = leadTimes == null ? LeadTimeChanges.NONE : leadTimes;
    }

    /** A scenario without region overrides, {@code decided_until} or lead-time changes. */
    public Scenario(String name, String description, Path file, List<DemandMultiplier> demand,
                    Map<String, ChipChange> chips, SiteChanges sites, BudgetChange budget, PolicyChange policy) {
        this(name, description, file, demand, chips, sites, budget, policy, Map.of(), null, LeadTimeChanges.NONE);
    }

    /**
     * Whether the scenario changes the forecast roll-up (planning_quantile or rho): such a
     * change reaches demand only when demand is rolled up from forecasts.
     */
    public boolean changesRollUp() {
        return policy != null && (policy.planningQuantile() != null || policy.rho() != null);
    }

    /**
     * Multiplies peak_ips and avg_ips of the cells of the given regions, workloads and quarters.
     * An empty {@code regions} or {@code workloads} list means all of them.
     */
    public record DemandMultiplier(List<String> regions, List<String> workloads, Quarter from, Quarter to,
                                   double multiplier) {
        public DemandMultiplier {
            regions = List.copyOf(regions);
            workloads = List.copyOf(workloads);
        }

        public boolean matches(String region, String workload, Quarter q) {
            return (regions.isEmpty() || regions.contains(region))
                    && (workloads.isEmpty() || workloads.contains(workload))
                    && !q.isBefore(from) && !to.isBefore(q);
        }
    }

    /**
     * Changes to one chip; null / empty = unchanged. The values apply first, then the
     * multipliers multiply the result.
     *
     * @param serverPriceUsd        new server price, USD
     * @param throughputIps         workload -> new inferences/s per server (0: can no longer serve it)
     * @param supply                supply steps in file order: each sets the supply from its quarter on
     * @param bans                  bans added to the chip's {@code banned_jurisdictions}
     * @param serverPriceMultiplier factor on the server price
     * @param throughputMultiplier  workload -> factor on its throughput
     * @param supplyMultiplier      factor on the supply of every quarter (unlimited stays unlimited)
     */
    public record ChipChange(Double serverPriceUsd, Map<String, Double> throughputIps, List<SupplyStep> supply,
                             List<Chip.Ban> bans, Double serverPriceMultiplier, Map<String, Double> throughputMultiplier,
                             Double supplyMultiplier) {
        public ChipChange {
            throughputIps = throughputIps == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(throughputIps));
            supply = supply == null ? List.of() : List.copyOf(supply);
            bans = bans == null ? List.of() : List.copyOf(bans);
            throughputMultiplier = throughputMultiplier == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(throughputMultiplier));
        }

        /** Values only, no multipliers. */
        public ChipChange(Double serverPriceUsd, Map<String, Double> throughputIps, List<SupplyStep> supply,
                          List<Chip.Ban> bans) {
            this(serverPriceUsd, throughputIps, supply, bans, null, null, null);
        }
    }

    /** From quarter {@code from} on (to the end of the horizon), at most {@code perQuarter} servers per quarter. */
    public record SupplyStep(Quarter from, long perQuarter) {
    }

    /**
     * Site changes: per-site field changes, sites added (full definitions, as in sites.yaml) and
     * base sites removed.
     */
    public record SiteChanges(Map<String, SiteChange> changed, List<Site> added, List<String> removed) {
        public static final SiteChanges NONE = new SiteChanges(Map.of(), List.of(), List.of());

        public SiteChanges {
            changed = changed == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changed));
            added = added == null ? List.of() : List.copyOf(added);
            removed = removed == null ? List.of() : List.copyOf(removed);
        }

        public boolean isEmpty() {
            return changed.isEmpty() && added.isEmpty() && removed.isEmpty();
        }
    }

    /**
     * Changes to one site's fields; null = unchanged. Money in USD, power in MW of IT load. The
     * values apply first, then the multipliers (factors on electricity_usd_per_mwh and
     * expansion_usd_per_mw).
     */
    public record SiteChange(Double maxItMw, Double electricityUsdPerMwh, Double expansionUsdPerMw,
                             Quarter expansionReady, Double electricityPriceMultiplier, Double expansionPriceMultiplier) {
        /** Values only, no multipliers. */
        public SiteChange(Double maxItMw, Double electricityUsdPerMwh, Double expansionUsdPerMw, Quarter expansionReady) {
            this(maxItMw, electricityUsdPerMwh, expansionUsdPerMw, expansionReady, null, null);
        }
    }

    /**
     * Overrides of one region.
     *
     * @param residency    the jurisdictions allowed to serve it (empty: anywhere), null = unchanged
     * @param latencySloMs workload -> the region's latency SLO in ms, replacing the region's
     *                     override or the workload's SLO; others unchanged
     */
    public record RegionChange(List<String> residency, Map<String, Double> latencySloMs) {
        public RegionChange {
            residency = residency == null ? null : List.copyOf(residency);
            latencySloMs = latencySloMs == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(latencySloMs));
        }
    }

    /**
     * Budget changes: every year's budget times {@code scale} (null: 1; unlimited years stay
     * unlimited), then the years in {@code perYearUsd} set to those values (USD).
     */
    public record BudgetChange(Double scale, Map<Integer, Double> perYearUsd) {
        public BudgetChange {
            perYearUsd = perYearUsd == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perYearUsd));
        }
    }

    /** Policy changes; null = unchanged. */
    public record PolicyChange(Double planningQuantile, Double rho, Double targetUtilization) {
    }
}
