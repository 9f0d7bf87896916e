package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import dcplan.plan.ReportThresholds;
import dcplan.report.ReportTables.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dcplan.report.ReportFormat.count;
import static dcplan.report.ReportFormat.percent;
import static dcplan.report.ReportFormat.usd;
import static dcplan.report.ReportFormat.usdPerMillion;

/**
 * Cost per workload, the first table of the headline: workloads about a thousand times apart
 * in weight (an LLM inference against an embedding) must not be read through one blended
 * figure. Read from summary.json's {@code cost_by_workload} and
 * {@code cost_by_region_and_workload}; the last row is the plan's own blended figure
 * ({@code usd_per_million_inferences}, {@code total_cost_usd}, {@code served_inferences}), which
 * the workload rows add up to. A run folder written before these fields existed gives no rows.
 */
final class WorkloadSection {
    static final String BLENDED = "blended, all workloads";

    private WorkloadSection() {
    }

    /** One row per workload, then the blended row. */
    static Table table(ReportData d) {
        double total = orNaN(d.num("total_cost_usd"));
        double served = orNaN(d.num("served_inferences"));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode w : d.summary().path("cost_by_workload")) {
            double cost = w.path("cost_usd").asDouble();
            double inf = w.path("served_inferences").asDouble();
            rows.add(List.of(w.path("workload").asText(), usdPerMillion(ReportFormat.number(w.get("usd_per_million_inferences"))),
                    perMillionTokens(w), usd(cost), share(cost, total), count(inf), share(inf, served),
                    count(ReportThresholds.shown(w.path("unmet_inferences").asDouble(), inf + w.path("unmet_inferences").asDouble()))));
        }
        rows.add(List.of(BLENDED, usdPerMillion(d.num("usd_per_million_inferences")), ReportFormat.NA, usd(total),
                share(total, total), count(served), share(served, served), count(d.unmetShown())));
        return new Table("table-workloads", "Cost per workload",
                List.of("workload", "USD per M inferences", "USD per M tokens", "cost attributed", "share of cost",
                        "served inferences", "share of served", "unmet inferences"),
                ReportTables.numericFrom(1, 8), rows,
                "Each (site, chip, quarter)'s server capex and energy are shared by the busy servers of the workloads it "
                        + "serves there, a site's facility capex by their busy servers at the site; the rows add up to the "
                        + "last one. Tokens are workloads.yaml's tokens_per_inference (output tokens), where given.");
    }

    /** USD per million inferences by region (rows) and workload (columns). */
    static Table byRegion(ReportData d) {
        List<String> workloads = new ArrayList<>();
        Map<String, Map<String, Double>> cells = new LinkedHashMap<>();
        d.summary().path("usd_per_million_inferences_by_region_and_workload").fields().forEachRemaining(r -> {
            Map<String, Double> row = new LinkedHashMap<>();
            r.getValue().fields().forEachRemaining(w -> {
                row.put(w.getKey(), ReportFormat.number(w.getValue()));
                if (!workloads.contains(w.getKey())) {
                    workloads.add(w.getKey());
                }
            });
            cells.put(r.getKey(), row);
        });
        List<String> order = new ArrayList<>();
        d.summary().path("cost_by_workload").forEach(w -> order.add(w.path("workload").asText()));
        workloads.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
        List<String> headers = new ArrayList<>(List.of("region"));
        headers.addAll(workloads);
        List<List<String>> rows = new ArrayList<>();
        cells.forEach((region, row) -> {
            List<String> r = new ArrayList<>(List.of(region));
            workloads.forEach(w -> r.add(row.containsKey(w) ? usdPerMillion(row.get(w)) : "–"));
            rows.add(r);
        });
        return new Table("table-cost-per-region-and-workload", "USD per million inferences by region and workload",
                headers, ReportTables.numericFrom(1, headers.size()), rows,
                "The same shares as the region and workload figures; – where the region has none of that workload served.");
    }

    private static String perMillionTokens(JsonNode w) {
        return w.path("tokens_per_inference").isNumber()
                ? usdPerMillion(ReportFormat.number(w.get("usd_per_million_tokens"))) : "–";
    }

    private static String share(double part, double whole) {
        return whole > 0 ? percent(part / whole) : ReportFormat.NA;
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
