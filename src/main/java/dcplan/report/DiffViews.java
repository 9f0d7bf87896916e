package dcplan.report;

import dcplan.report.DiffReport.Line;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The planner's views in a what-if diff ({@link DiffReport}), from both runs' {@link RunViews}:
 * cost per workload and per region (USD per million inferences and tokens, USD attributed),
 * capex by year against each run's budget, and servers by site and chip in the last quarter.
 * Sections, in order: {@link #SECTIONS}.
 */
final class DiffViews {
    static final List<String> SECTIONS = List.of("cost-by-workload", "cost-by-region", "capex-by-year", "servers-by-site-chip");

    private DiffViews() {
    }

    static void html(StringBuilder h, RunDigest b, RunDigest s) {
        RunViews bv = RunViews.read(b.folder());
        RunViews sv = RunViews.read(s.folder());
        h.append("<section id=\"cost-by-workload\"><h2>Cost per workload</h2>").append(olderNote(bv.costByWorkload(), sv.costByWorkload()));
        lineTable(h, "cost-by-workload-table", perMillionByWorkload(bv, sv), b, s);
        lineTable(h, "cost-by-workload-usd-table", DiffReport.lines(bv.costByWorkload(), sv.costByWorkload(), true), b, s);
        h.append("</section>");
        h.append("<section id=\"cost-by-region\"><h2>Cost per region</h2>").append(olderNote(bv.costByRegion(), sv.costByRegion()));
        lineTable(h, "cost-by-region-table", perMillion(bv.usdPerMillionByRegion(), sv.usdPerMillionByRegion(), ""), b, s);
        lineTable(h, "cost-by-region-usd-table", DiffReport.lines(bv.costByRegion(), sv.costByRegion(), true), b, s);
        h.append("</section>");
        h.append("<section id=\"capex-by-year\"><h2>Capex by year against the budget (cash, USD)</h2>");
        capexByYearHtml(h, bv, sv);
        h.append("</section>");
        DiffReport.section(h, "servers-by-site-chip", "Servers installed by site and chip, in " + last(bv, sv),
                DiffReport.lines(bv.serversBySiteChip(), sv.serversBySiteChip(), false), b, s);
    }

    static void markdown(StringBuilder m, RunDigest b, RunDigest s) {
        RunViews bv = RunViews.read(b.folder());
        RunViews sv = RunViews.read(s.folder());
        DiffReport.mdTable(m, "Cost per workload (USD per million inferences, and per million tokens)", perMillionByWorkload(bv, sv));
        DiffReport.mdTable(m, "Cost attributed per workload (USD)", DiffReport.lines(bv.costByWorkload(), sv.costByWorkload(), true));
        DiffReport.mdTable(m, "Cost per region (USD per million inferences)", perMillion(bv.usdPerMillionByRegion(),
                sv.usdPerMillionByRegion(), ""));
        DiffReport.mdTable(m, "Cost attributed per region (USD)", DiffReport.lines(bv.costByRegion(), sv.costByRegion(), true));
        m.append("## Capex by year against the budget (cash, USD)\n\n| year | baseline capex | baseline budget | of budget "
                + "| what-if capex | what-if budget | of budget | change |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (List<String> row : capexRows(bv, sv)) {
            m.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        m.append('\n');
        DiffReport.mdTable(m, "Servers installed by site and chip, in " + last(bv, sv),
                DiffReport.lines(bv.serversBySiteChip(), sv.serversBySiteChip(), false));
    }

    /** USD per million inferences per workload, then per million tokens for the workloads that give tokens. */
    static List<Line> perMillionByWorkload(RunViews b, RunViews s) {
        List<Line> out = new ArrayList<>(perMillion(b.usdPerMillionByWorkload(), s.usdPerMillionByWorkload(), ""));
        out.addAll(perMillion(b.usdPerMillionTokensByWorkload(), s.usdPerMillionTokensByWorkload(), ", per M tokens"));
        return out;
    }

    /**
     * One line per key of either map, in the maps' order (model order); absent or null (nothing
     * served) shows n/a, and a key with nothing served in either run says nothing and is left out.
     */
    static List<Line> perMillion(Map<String, Double> b, Map<String, Double> s, String suffix) {
        LinkedHashSet<String> keys = new LinkedHashSet<>(b.keySet());
        keys.addAll(s.keySet());
        List<Line> out = new ArrayList<>();
        for (String k : keys) {
            double before = b.getOrDefault(k, Double.NaN);
            double after = s.getOrDefault(k, Double.NaN);
            if (!Double.isNaN(before) || !Double.isNaN(after)) {
                out.add(new Line(k + suffix, before, after, true, true));
            }
        }
        return out;
    }

    private static void lineTable(StringBuilder h, String id, List<Line> lines, RunDigest b, RunDigest s) {
        if (lines.isEmpty()) {
            h.append("<p>None in either plan.</p>");
        } else {
            DiffReport.table(h, id, lines, b, s);
        }
    }

    /** Says which run folder predates a view (its summary.json has no such field). */
    private static String olderNote(Map<String, Double> b, Map<String, Double> s) {
        if (b.isEmpty() == s.isEmpty()) {
            return "";
        }
        return "<p class=\"sub\">The " + (b.isEmpty() ? "baseline" : "what-if") + "'s summary.json predates this figure: "
                + "its column reads n/a or 0.</p>";
    }

    private static String last(RunViews b, RunViews s) {
        return s.lastQuarter() != null ? s.lastQuarter() : String.valueOf(b.lastQuarter());
    }

    private static void capexByYearHtml(StringBuilder h, RunViews b, RunViews s) {
        h.append("<table id=\"capex-by-year-table\"><thead><tr><th>year</th><th>baseline capex</th><th>baseline budget</th>"
                + "<th>of budget</th><th>what-if capex</th><th>what-if budget</th><th>of budget</th><th>change</th></tr></thead><tbody>");
        List<List<String>> rows = capexRows(b, s);
        List<Integer> years = years(b, s);
        for (int i = 0; i < rows.size(); i++) {
            Line l = new Line("", b.capexByYear().getOrDefault(years.get(i), 0.0), s.capexByYear().getOrDefault(years.get(i), 0.0),
                    true, true);
            h.append("<tr").append(l.changed() ? " class=\"changed\"" : "").append(">");
            List<String> row = rows.get(i);
            for (int c = 0; c < row.size(); c++) {
                h.append("<td").append(c == row.size() - 1 ? " class=\"" + l.direction() + "\"" : "").append(">")
                        .append(Html.esc(row.get(c))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }

    /** year, baseline capex, budget, share, what-if capex, budget, share, change. */
    static List<List<String>> capexRows(RunViews b, RunViews s) {
        List<List<String>> rows = new ArrayList<>();
        for (int y : years(b, s)) {
            double bc = b.capexByYear().getOrDefault(y, 0.0);
            double sc = s.capexByYear().getOrDefault(y, 0.0);
            Double bb = b.budgetByYear().get(y);
            Double sb = s.budgetByYear().get(y);
            rows.add(List.of(Integer.toString(y), Html.usd(bc), budget(bb), share(bc, bb), Html.usd(sc), budget(sb),
                    share(sc, sb), new Line("", bc, sc, true, true).change()));
        }
        return rows;
    }

    private static List<Integer> years(RunViews b, RunViews s) {
        TreeSet<Integer> years = new TreeSet<>(b.capexByYear().keySet());
        years.addAll(s.capexByYear().keySet());
        return new ArrayList<>(years);
    }

    private static String budget(Double usd) {
        return usd == null ? "unlimited" : Html.usd(usd);
    }

    private static String share(double capex, Double budget) {
        return budget == null || budget <= 0 ? "n/a" : ReportFormat.percent(capex / budget);
    }
}
