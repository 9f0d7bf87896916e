package dcplan.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.plan.Evaluation.RegionSourcing;
import dcplan.plan.Evaluation.SourcingRow;
import dcplan.plan.Evaluation.WorkloadCost;

import java.util.Map;

/**
 * The planner's views in summary.json: cost per workload (and per region and workload, per
 * million inferences and tokens) and where each region is served from. Field names:
 * <pre>
 * usd_per_million_inferences_by_workload              {workload: USD per M inferences}
 * usd_per_million_tokens_by_workload                  {workload: USD per M tokens}, workloads with tokens_per_inference
 * usd_per_million_inferences_by_region_and_workload   {region: {workload: USD per M inferences}}
 * cost_by_workload                 [{workload, cost_usd, served_inferences, unmet_inferences,
 *                                    usd_per_million_inferences, tokens_per_inference, usd_per_million_tokens}]
 * cost_by_region_and_workload      [{region, workload, ...the same}]
 * sourcing                         [{region, quarter, site, chip, site_country, cross_border, chip_family,
 *                                    inferences, busy_servers, share_of_inferences, share_of_busy_servers}]
 * sourcing_by_region               [{region, quarter (null: the whole horizon), inferences, busy_servers,
 *                                    cross_border_share_of_inferences, cross_border_share_of_busy_servers,
 *                                    chip_family_share_of_inferences {domestic, imported},
 *                                    chip_family_share_of_busy_servers {domestic, imported}}]
 * </pre>
 * A per-million figure is null where nothing was served.
 */
final class SummaryViews {
    private SummaryViews() {
    }

    static void write(ObjectNode root, Evaluation ev) {
        ObjectNode perWorkload = root.putObject("usd_per_million_inferences_by_workload");
        ObjectNode perToken = root.putObject("usd_per_million_tokens_by_workload");
        for (WorkloadCost w : ev.costByWorkload()) {
            number(perWorkload, w.workload(), w.usdPerMillionInferences());
            if (w.tokensPerInference() != null) {
                number(perToken, w.workload(), w.usdPerMillionTokens());
            }
        }
        ObjectNode perRegion = root.putObject("usd_per_million_inferences_by_region_and_workload");
        for (WorkloadCost w : ev.costByRegionAndWorkload()) {
            ObjectNode region = perRegion.has(w.region()) ? (ObjectNode) perRegion.get(w.region()) : perRegion.putObject(w.region());
            number(region, w.workload(), w.usdPerMillionInferences());
        }
        ArrayNode byWorkload = root.putArray("cost_by_workload");
        ev.costByWorkload().forEach(w -> workloadCost(byWorkload.addObject(), w));
        ArrayNode byPair = root.putArray("cost_by_region_and_workload");
        ev.costByRegionAndWorkload().forEach(w -> workloadCost(byPair.addObject(), w));
        ArrayNode sourcing = root.putArray("sourcing");
        ev.sourcing().rows().forEach(r -> sourcingRow(sourcing.addObject(), r));
        ArrayNode byRegion = root.putArray("sourcing_by_region");
        ev.sourcing().regions().forEach(r -> regionSourcing(byRegion.addObject(), r));
    }

    private static void workloadCost(ObjectNode o, WorkloadCost w) {
        if (w.region() != null) {
            o.put("region", w.region());
        }
        o.put("workload", w.workload());
        o.put("cost_usd", w.costUsd());
        o.put("served_inferences", w.servedInferences());
        o.put("unmet_inferences", w.unmetInferences());
        number(o, "usd_per_million_inferences", w.usdPerMillionInferences());
        number(o, "tokens_per_inference", w.tokensPerInference());
        number(o, "usd_per_million_tokens", w.usdPerMillionTokens());
    }

    private static void sourcingRow(ObjectNode o, SourcingRow r) {
        o.put("region", r.region());
        o.put("quarter", r.quarter().toString());
        o.put("site", r.site());
        o.put("chip", r.chip());
        o.put("site_country", r.siteCountry());
        o.put("cross_border", r.crossBorder());
        o.put("chip_family", r.chipFamily());
        o.put("inferences", r.inferences());
        o.put("busy_servers", r.busyServers());
        o.put("share_of_inferences", r.shareOfInferences());
        o.put("share_of_busy_servers", r.shareOfBusyServers());
    }

    private static void regionSourcing(ObjectNode o, RegionSourcing r) {
        o.put("region", r.region());
        if (r.quarter() == null) {
            o.putNull("quarter");
        } else {
            o.put("quarter", r.quarter().toString());
        }
        o.put("inferences", r.inferences());
        o.put("busy_servers", r.busyServers());
        o.put("cross_border_share_of_inferences", r.crossBorderShareOfInferences());
        o.put("cross_border_share_of_busy_servers", r.crossBorderShareOfBusyServers());
        shares(o.putObject("chip_family_share_of_inferences"), r.familyShareOfInferences());
        shares(o.putObject("chip_family_share_of_busy_servers"), r.familyShareOfBusyServers());
    }

    private static void shares(ObjectNode o, Map<String, Double> shares) {
        shares.forEach(o::put);
    }

    /** A number, or JSON null for null / NaN / infinite. */
    private static void number(ObjectNode o, String name, Double v) {
        if (v == null || !Double.isFinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, v.doubleValue());
        }
    }
}
