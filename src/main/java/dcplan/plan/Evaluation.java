package dcplan.plan;

import dcplan.model.Quarter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan means under the spec (shared/spec/planning-model.md), as computed by
 * {@link PlanEvaluator}: hard-constraint violations, served and unmet volume, the three cost
 * terms and their breakdowns, capex cash paid per year against the budget, the limits that
 * bind, and the plan tables of the run folder.
 *
 * <p>Money in USD, volumes in inferences (ips times seconds), per-million figures in USD per
 * million inferences; a per-million figure is null where nothing was served.
 *
 * @param feasible            true when every hard constraint holds (every violation list is empty)
 * @param violations          constraint name -> one line per violation, every name of
 *                            {@link PlanEvaluator#CONSTRAINTS} present, in that order
 * @param cost                the three cost terms summed over the horizon
 * @param costBySite          the three terms of each site (facility is a site cost)
 * @param costByChip          server capex and energy of each chip; facility capex shared out by
 *                            the chip's share of installed IT kW (see {@link dcplan.plan.evaluation.Costs})
 * @param costByRegionUsd     total cost attributed to each region (see {@link dcplan.plan.evaluation.Costs})
 * @param unattributedToRegionsUsd cost no region could be charged with (only when nothing at
 *                            all is served)
 * @param unattributedToChipsUsd   facility cost no chip could be charged with (only when no
 *                            server is installed anywhere)
 * @param cells               one result per demand cell, in the order of the demand table
 * @param regions             one result per region of the model, in model order
 * @param warnings            oddities that are not hard-constraint violations (e.g. a flow's
 *                            avg_ips differing from flow * avg / peak)
 * @param costByWorkload      one line per workload (model order): the cost attributed to it, what
 *                            it served, per million inferences and, where the workload gives
 *                            {@code tokens_per_inference}, per million tokens. A (site, chip,
 *                            quarter)'s server capex and energy are shared by the busy servers of
 *                            each (region, workload) there, a site's facility capex by their busy
 *                            servers at the site (the rule of {@link dcplan.plan.evaluation.Costs}),
 *                            so the lines add up to the total cost and the served inferences
 * @param costByRegionAndWorkload the same per (region, workload), region by region in model order,
 *                            only the pairs that were served or charged something
 * @param sourcing            where each region is served from (see {@link Sourcing})
 */
public record Evaluation(boolean feasible,
                         Map<String, List<String>> violations,
                         double servedInferences,
                         double unmetInferences,
                         CostTerms cost,
                         Double usdPerMillionInferences,
                         List<QuarterCost> costByQuarter,
                         Map<String, CostTerms> costBySite,
                         Map<String, CostTerms> costByChip,
                         Map<String, Double> costByRegionUsd,
                         double unattributedToRegionsUsd,
                         double unattributedToChipsUsd,
                         Map<String, Double> usdPerMillionBySite,
                         Map<String, Double> usdPerMillionByChip,
                         Map<String, Double> usdPerMillionByRegion,
                         List<CellResult> cells,
                         List<RegionResult> regions,
                         List<YearCapex> capexByYear,
                         List<BindingLimit> bindingLimits,
                         List<String> warnings,
                         PlanTables tables,
                         List<WorkloadCost> costByWorkload,
                         List<WorkloadCost> costByRegionAndWorkload,
                         Sourcing sourcing) {

    public Evaluation {
        Map<String, List<String>> v = new LinkedHashMap<>();
        violations.forEach((k, lines) -> v.put(k, List.copyOf(lines)));
        violations = Collections.unmodifiableMap(v);
        costByQuarter = List.copyOf(costByQuarter);
        costBySite = Collections.unmodifiableMap(new LinkedHashMap<>(costBySite));
        costByChip = Collections.unmodifiableMap(new LinkedHashMap<>(costByChip));
        costByRegionUsd = Collections.unmodifiableMap(new LinkedHashMap<>(costByRegionUsd));
        // per-million maps may hold null values (nothing served), so no Map.copyOf
        usdPerMillionBySite = Collections.unmodifiableMap(new LinkedHashMap<>(usdPerMillionBySite));
        usdPerMillionByChip = Collections.unmodifiableMap(new LinkedHashMap<>(usdPerMillionByChip));
        usdPerMillionByRegion = Collections.unmodifiableMap(new LinkedHashMap<>(usdPerMillionByRegion));
        cells = List.copyOf(cells);
        regions = List.copyOf(regions);
        capexByYear = List.copyOf(capexByYear);
        bindingLimits = List.copyOf(bindingLimits);
        warnings = List.copyOf(warnings);
        costByWorkload = List.copyOf(costByWorkload);
        costByRegionAndWorkload = List.copyOf(costByRegionAndWorkload);
    }

    /** Total cost over the horizon, the sum of the three terms. */
    public double totalCostUsd() {
        return cost.total();
    }

    /** Number of violation lines over every constraint. */
    public int violationCount() {
        return violations.values().stream().mapToInt(List::size).sum();
    }

    /** The regions with unmet demand (beyond the tolerance). */
    public List<RegionResult> shortRegions() {
        return regions.stream().filter(RegionResult::isShort).toList();
    }

    /** The spec's three soft cost terms, USD. */
    public record CostTerms(double serverCapexAmortized, double facilityCapexAmortized, double energy) {
        public static final CostTerms ZERO = new CostTerms(0, 0, 0);

        public double total() {
            return serverCapexAmortized + facilityCapexAmortized + energy;
        }

        public CostTerms plus(CostTerms o) {
            return new CostTerms(serverCapexAmortized + o.serverCapexAmortized,
                    facilityCapexAmortized + o.facilityCapexAmortized, energy + o.energy);
        }
    }

    public record QuarterCost(Quarter quarter, CostTerms cost) {
    }

    /**
     * One demand cell: what was served (sum of its flows, peak ips), what was not, and when
     * short, why (one sentence per eligible option, or "no eligible site").
     */
    public record CellResult(String region, String workload, Quarter quarter, double peakIps, double avgIps,
                             double servedPeakIps, double unmetPeakIps, double servedInferences,
                             double unmetInferences, boolean isShort, List<String> reasons) {
        public CellResult {
            reasons = List.copyOf(reasons);
        }
    }

    /** One region: short or not, volumes, and the reasons of its short cells ("workload quarter: why"). */
    public record RegionResult(String region, boolean isShort, double servedInferences, double unmetInferences,
                               List<String> reasons) {
        public RegionResult {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * Capex cash PAID in a year (rule 5': servers added times price, in the quarter installed;
     * facility MW times expansion price, in equal parts over their construction quarters, which
     * may fall in the year before the MW are usable), over the horizon's quarters of that year,
     * against its budget ({@code +inf} when unset). Without build_quarters: the version-1 cash.
     */
    public record YearCapex(int year, double serverCapexUsd, double facilityCapexUsd, double budgetUsd) {
        public double capexUsd() {
            return serverCapexUsd + facilityCapexUsd;
        }
    }

    /**
     * A limit that binds, with a sentence for the report; fields that do not apply are null.
     * <ul>
     *   <li>{@code power} (site, quarter): servers draw power there and the IT MW left below the
     *   ceiling {@code LeadTimes.maxMwIn(site, policy, q)} is less than one server of the largest {@code server_kw};</li>
     *   <li>{@code budget} (year): a finite budget leaves less than the cheapest server price;</li>
     *   <li>{@code supply} (chip, quarter): servers added over all sites reach a finite supply;</li>
     *   <li>{@code no_eligible_site} (region, workload, quarter): a short demand cell that no
     *   (site, chip) may serve.</li>
     * </ul>
     */
    public record BindingLimit(String kind, String site, String chip, String region, String workload,
                               Integer year, Quarter quarter, String sentence) {
    }

    /**
     * The cost of one workload (region null: every region) or of one region's workload, USD over
     * the horizon, and what it served and left unmet, in inferences. Per-million figures are null
     * where nothing was served; {@code tokensPerInference} and {@code usdPerMillionTokens} are null
     * where the workload gives no token count.
     */
    public record WorkloadCost(String workload, String region, double costUsd, double servedInferences,
                               double unmetInferences, Double usdPerMillionInferences, Double tokensPerInference,
                               Double usdPerMillionTokens) {
    }

    /**
     * Where each region is served from. Volumes are inferences and busy servers
     * ({@code sum flow_avg / throughput}, what the cost shares use), summed over the quarters a
     * line covers. A site serves across the border when its country is not one of the region's
     * countries; a chip's family is {@code domestic} or {@code imported} ({@code Chip.domestic}).
     *
     * @param rows    one per (region, quarter, site, chip) that serves something, in region
     *                (model), quarter, site, chip order; shares are of the region's quarter
     * @param regions one per (region, quarter) served, then one per region for the whole horizon
     *                (quarter null), in model order
     */
    public record Sourcing(List<SourcingRow> rows, List<RegionSourcing> regions) {
        public Sourcing {
            rows = List.copyOf(rows);
            regions = List.copyOf(regions);
        }
    }

    /** One region's volume served from one (site, chip) in one quarter, and its shares of the region's quarter. */
    public record SourcingRow(String region, Quarter quarter, String site, String chip, String siteCountry,
                              boolean crossBorder, String chipFamily, double inferences, double busyServers,
                              double shareOfInferences, double shareOfBusyServers) {
    }

    /**
     * One region's sourcing in a quarter (or over the horizon when {@code quarter} is null): the
     * share served across borders and by each chip family ({@code domestic}, {@code imported}), of
     * inferences and of busy servers. Shares are 0 where nothing was served.
     */
    public record RegionSourcing(String region, Quarter quarter, double inferences, double busyServers,
                                 double crossBorderShareOfInferences, double crossBorderShareOfBusyServers,
                                 Map<String, Double> familyShareOfInferences, Map<String, Double> familyShareOfBusyServers) {
        public RegionSourcing {
            familyShareOfInferences = Collections.unmodifiableMap(new LinkedHashMap<>(familyShareOfInferences));
            familyShareOfBusyServers = Collections.unmodifiableMap(new LinkedHashMap<>(familyShareOfBusyServers));
        }
    }
}
