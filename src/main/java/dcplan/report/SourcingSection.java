package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import dcplan.model.Quarter;
import dcplan.plan.ReportThresholds;
import dcplan.report.ReportTables.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dcplan.report.ReportFormat.count;
import static dcplan.report.ReportFormat.percent;

/**
 * Where each region is served from: summary.json's {@code sourcing_by_region} (the shares served
 * across borders and by domestic chips, per region and quarter) and {@code sourcing} (region x
 * site x chip per quarter). Shares are of busy servers (average load), the measure the cost
 * shares use; summary.json has the shares of inferences too. A run folder written before these
 * fields existed gives empty tables.
 */
final class SourcingSection {
    static final String ID = "sourcing";
    static final String TITLE = "Where each region is served from";
    static final String LEDE = "Busy servers (average load) serving each region, by site and chip: the share at sites "
            + "outside the region's countries (across borders) and the share on domestic chips, per quarter; then the "
            + "region x site x chip table. summary.json (sourcing, sourcing_by_region) also gives the shares of inferences, "
            + "which differ by the workload mix.";

    private SourcingSection() {
    }

    /** The section's tables, in order. */
    static List<Table> tables(ReportData d) {
        return List.of(shareByQuarter(d, "table-cross-border", "Share served across borders (of busy servers)",
                        r -> r.path("cross_border_share_of_busy_servers").asDouble()),
                shareByQuarter(d, "table-domestic-chips", "Share served by domestic chips (of busy servers)",
                        r -> r.path("chip_family_share_of_busy_servers").path("domestic").asDouble()),
                rows(d, d.lastQuarter(), "table-sourcing-last", "Region x site x chip in " + d.lastQuarter(), false),
                rows(d, null, "table-sourcing", "Region x site x chip, every quarter", true));
    }

    /** The section drawn into report.html; the full table, long, in a scrolling box. */
    static void html(HtmlReport page, ReportData d) {
        page.open(ID, TITLE, HtmlReport.esc(LEDE));
        tables(d).forEach(t -> page.table(t, t.id().equals("table-sourcing")));
        page.close();
    }

    private static Table shareByQuarter(ReportData d, String id, String caption,
                                        java.util.function.ToDoubleFunction<JsonNode> share) {
        Map<String, Map<String, String>> byRegion = new LinkedHashMap<>();
        for (JsonNode r : d.summary().path("sourcing_by_region")) {
            String quarter = r.path("quarter").isNull() ? "horizon" : r.path("quarter").asText();
            byRegion.computeIfAbsent(r.path("region").asText(), k -> new LinkedHashMap<>())
                    .put(quarter, percent(share.applyAsDouble(r), 0));
        }
        List<String> headers = new ArrayList<>(List.of("region"));
        d.quarters().forEach(q -> headers.add(q.toString()));
        headers.add("horizon");
        List<List<String>> rows = new ArrayList<>();
        byRegion.forEach((region, cells) -> {
            List<String> row = new ArrayList<>(List.of(region));
            headers.subList(1, headers.size()).forEach(q -> row.add(cells.getOrDefault(q, "–")));
            rows.add(row);
        });
        return new Table(id, caption, headers, ReportTables.numericFrom(1, headers.size()), rows,
                "– where nothing of the region was served in the quarter.");
    }

    /** The region x site x chip rows of one quarter (null: every quarter). */
    private static Table rows(ReportData d, Quarter quarter, String id, String caption, boolean withQuarter) {
        List<List<String>> rows = new ArrayList<>();
        int dust = 0;
        for (JsonNode r : d.summary().path("sourcing")) {
            if (quarter != null && !quarter.toString().equals(r.path("quarter").asText())) {
                continue;
            }
            if (ReportThresholds.isRoundOff(r.path("share_of_busy_servers").asDouble(), 1.0)
                    && ReportThresholds.isRoundOff(r.path("share_of_inferences").asDouble(), 1.0)) {
                dust++;
                continue;
            }
            List<String> row = new ArrayList<>(List.of(r.path("region").asText()));
            if (withQuarter) {
                row.add(r.path("quarter").asText());
            }
            row.addAll(List.of(r.path("site").asText() + " (" + r.path("site_country").asText() + ")", r.path("chip").asText(),
                    r.path("chip_family").asText(), r.path("cross_border").asBoolean() ? "yes" : "no",
                    ReportFormat.grouped(r.path("busy_servers").asDouble(), 1), percent(r.path("share_of_busy_servers").asDouble()),
                    count(r.path("inferences").asDouble()), percent(r.path("share_of_inferences").asDouble())));
            rows.add(row);
        }
        List<String> headers = new ArrayList<>(List.of("region"));
        if (withQuarter) {
            headers.add("quarter");
        }
        headers.addAll(List.of("site (country)", "chip", "chip family", "across border", "busy servers",
                "share of busy", "inferences", "share of inferences"));
        String note = dust == 0 ? null : dust + (dust == 1 ? " row" : " rows") + " under a millionth of the region's quarter "
                + "(LP round-off) " + (dust == 1 ? "is" : "are") + " in summary.json and not listed here.";
        return new Table(id, caption, headers, ReportTables.numericFrom(headers.size() - 4, headers.size()), rows, note);
    }
}
