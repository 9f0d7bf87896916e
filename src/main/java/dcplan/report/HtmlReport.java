package dcplan.report;

import dcplan.model.Site;
import dcplan.report.ReportTables.Table;

import java.util.List;
import java.util.Map;

import static dcplan.report.ReportFormat.count;
import static dcplan.report.ReportFormat.percent;
import static dcplan.report.ReportFormat.usd;
import static dcplan.report.ReportFormat.usdPerMillion;

/**
 * report.html: one self-contained file (inline CSS, charts as inline SVG, no script, nothing
 * fetched). Sections in the order of {@link ReportWriter#SECTIONS}, each a
 * {@code <section id=... data-section=...>}; headline figures are
 * {@code <span data-summary="json.path" data-value="raw">formatted</span>}; charts are
 * {@code <figure data-chart-figure=...>} holding an {@code <svg data-chart=...>}; tables are
 * {@code <table id=... data-table=...>}.
 */
final class HtmlReport {
    private final ReportData d;
    private final StringBuilder h = new StringBuilder(1 << 20);

    private HtmlReport(ReportData d) {
        this.d = d;
    }

    static String render(ReportData d) {
        return new HtmlReport(d).build();
    }

    /** Raw HTML into the page (for the sections drawn elsewhere, {@link HtmlCommitments}, {@link HtmlBindingLimits}). */
    HtmlReport append(String html) {
        h.append(html);
        return this;
    }

    private String build() {
        String scenario = d.text("scenario");
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>dcplan report: ").append(esc(scenario)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<header class=\"top\"><div class=\"kicker\">dcplan · capacity plan report</div>")
                .append("<h1>Scenario <span data-summary=\"scenario\">").append(esc(scenario)).append("</span></h1>")
                .append("<p class=\"meta\">Horizon ").append(d.quarters().get(0)).append("–").append(d.lastQuarter())
                .append(" · inputs sha256 <code data-summary=\"inputs_sha256\">").append(esc(d.text("inputs_sha256")))
                .append("</code></p>").append(HtmlCommitments.headerNote(d)).append("</header>\n");
        HtmlCommitments v2 = new HtmlCommitments(this, d);
        headline();
        v2.whatIf();
        capexByYear();
        v2.cashByQuarter();
        capexBySite();
        v2.commitments();
        chipMix();
        costPerRegion();
        SourcingSection.html(this, d);
        power();
        utilisation();
        new HtmlBindingLimits(this, d).section();
        tables();
        h.append("<footer>Figures are those of <code>summary.json</code> and <code>plan/*.csv</code> in this run folder, "
                + "formatted for reading; the files keep full precision.</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    // ---------------------------------------------------------------- sections

    void open(String id, String title, String lede) {
        h.append("<section id=\"").append(id).append("\" data-section=\"").append(id).append("\">\n<h2>")
                .append(esc(title)).append("</h2>\n");
        if (lede != null) {
            h.append("<p class=\"lede\">").append(lede).append("</p>\n");
        }
    }

    void close() {
        h.append("</section>\n");
    }

    private void headline() {
        open("headline", "Headline", null);
        boolean feasible = d.feasible();
        double demand = d.demandInferences();
        Double served = d.num("served_inferences");
        Double unmet = d.unmetShown(); // round-off shows as 0 (ReportThresholds)
        h.append("<div class=\"status ").append(feasible ? "ok" : "bad").append("\">")
                .append("<span class=\"dot\"></span>Feasible: <strong>")
                .append(fig("feasible", feasible ? "yes" : "no", d.summary().path("feasible").asText()))
                .append("</strong> <span class=\"soft\">")
                .append(feasible ? "every hard constraint holds" : "hard constraints are violated, see the limits below")
                .append("</span></div>\n");
        table(WorkloadSection.table(d), false);
        h.append("<div class=\"cards\">\n");
        card("Cost per million inferences (" + WorkloadSection.BLENDED + ")", "usd_per_million_inferences", usdPerMillion(d.num("usd_per_million_inferences")), null,
                "total cost over served inferences", true);
        card("Total cost over the horizon", "total_cost_usd", usd(orNaN(d.num("total_cost_usd"))), null,
                "amortised capex and energy", true);
        card("Served", "served_inferences", count(orNaN(served)), "inferences",
                demand > 0 ? percent(orNaN(served) / demand, 2) + " of demand" : "no demand", false);
        card("Unmet", "unmet_inferences", count(orNaN(unmet)), "inferences",
                demand > 0 ? percent(orNaN(unmet) / demand, 2) + " of demand" : "no demand", false);
        h.append("</div>\n");
        h.append("<table class=\"terms\" id=\"table-cost-terms\" data-table=\"cost-terms\"><thead><tr><th>cost term</th>"
                + "<th class=\"num\">USD over the horizon</th><th class=\"num\">share</th></tr></thead><tbody>\n");
        double total = orNaN(d.num("total_cost_usd"));
        term("server capex (amortised)", "server_capex_amortized", total);
        term("facility capex (amortised)", "facility_capex_amortized", total);
        term("energy", "energy", total);
        h.append("<tr class=\"total\"><td>total</td><td class=\"num\">").append(esc(usd(total)))
                .append("</td><td class=\"num\">100.0 %</td></tr>\n</tbody></table>\n");
        h.append("<dl class=\"facts\">");
        fact("Scenario", fig("scenario", d.text("scenario"), d.text("scenario")));
        Double bound = d.num("lower_bound_usd");
        Double gap = d.num("gap");
        fact("Lower bound", bound == null ? "none computed" : figNum("lower_bound_usd", usd(bound))
                + (gap == null ? "" : " <span class=\"soft\">(plan " + figNum("gap", percent(gap, 2)) + " above)</span>"));
        fact("Solve time", figNum("solve_seconds", String.format(java.util.Locale.ROOT, "%.1f s", orNaN(d.num("solve_seconds"))))
                + (d.summary().path("stopped_early").asBoolean() ? " <span class=\"warn\">stopped early</span>" : ""));
        fact("Solver score", "<code>" + esc(d.text("score")) + "</code>");
        h.append("</dl>\n");
        close();
    }

    /**
     * One headline card: the figure (summary.json's {@code field}, as {@code text}), its unit on a
     * line of its own, and a line below. The figure's length goes into the CSS ({@code --chars}),
     * which shrinks a long figure (a quadrillion inferences) to the card's width rather than
     * letting it run out of the row.
     */
    private void card(String label, String field, String text, String unit, String sub, boolean primary) {
        h.append("<div class=\"card").append(primary ? " primary" : "").append("\"><div class=\"label\">").append(esc(label))
                .append("</div><div class=\"value\" style=\"--chars: ").append(Math.max(8, text.length())).append("\">")
                .append(figNum(field, text));
        if (unit != null) {
            h.append("<span class=\"unit\">").append(esc(unit)).append("</span>");
        }
        h.append("</div><div class=\"sub\">").append(esc(sub)).append("</div></div>\n");
    }

    private void term(String label, String key, double total) {
        Double v = d.cost(key);
        h.append("<tr><td>").append(esc(label)).append("</td><td class=\"num\">")
                .append(fig("cost_usd." + key, usd(orNaN(v)), v == null ? "" : d.summary().path("cost_usd").path(key).asText()))
                .append("</td><td class=\"num\">").append(esc(percent(orNaN(v) / total))).append("</td></tr>\n");
    }

    private void fact(String dt, String ddHtml) {
        h.append("<div><dt>").append(esc(dt)).append("</dt><dd>").append(ddHtml).append("</dd></div>");
    }

    private void capexByYear() {
        List<ReportData.YearRow> years = d.capexByYear();
        StringBuilder lede = new StringBuilder("Cash spent on servers and facility MW added in each year, against the year's capex budget (dashed).");
        for (ReportData.YearRow y : years) {
            if (y.budgetShare() != null && y.budgetShare() > 0.95) {
                lede.append(" <strong>").append(y.year()).append(" uses ").append(esc(percent(y.budgetShare())))
                        .append(" of its budget.</strong>");
            }
        }
        open("capex-by-year", "Capex by year against the budget", lede.toString());
        chart("capex-by-year-chart", ReportCharts.svg(ReportCharts.capexByYear(years), "capex-by-year-chart", 880, 320));
        table(ReportTables.capexByYear(d), false);
        close();
    }

    private void capexBySite() {
        open("capex-by-site", "Capex by site",
                "Cash capex per quarter (servers added times price plus MW added times the expansion price), stacked by "
                        + "site; the table below sums it per year.");
        chart("capex-by-site-chart", ReportCharts.svg(ReportCharts.capexBySite(d.quarters(), d.capexBySite()), "capex-by-site-chart", 880, 380));
        table(ReportTables.capexBySite(d), false);
        close();
    }

    private void chipMix() {
        open("chip-mix", "Chip mix per site",
                "Servers installed in " + d.lastQuarter() + ", by chip: domestic chips in blue, imported (NVIDIA) in green.");
        chart("chip-mix-chart", ReportCharts.svg(ReportCharts.chipMix(d.model().chips(), d.installedAtEnd()), "chip-mix-chart", 880, 340));
        table(ReportTables.chipMix(d), false);
        close();
    }

    private void costPerRegion() {
        open("cost-per-region", "Cost per million inferences by region",
                "USD per million inferences served in each region; the dashed line is the plan's overall figure.");
        chart("cost-per-region-chart", ReportCharts.svg(ReportCharts.costPerRegion(d.usdPerMillionByRegion(),
                d.num("usd_per_million_inferences")), "cost-per-region-chart", 880, 60 + 46 * Math.max(1, d.usdPerMillionByRegion().size())));
        table(ReportTables.costPerRegion(d), false);
        table(WorkloadSection.byRegion(d), false);
        close();
    }

    private void power() {
        open("power", "Power used against available, per site and quarter",
                "IT MW drawn by the installed servers at full load (bars) against the MW built (grey) and the ceiling available "
                        + "(red dashed: existing MW before the site's expansion is ready, max_it_mw from then on).");
        h.append("<div class=\"multiples\">\n");
        for (Site s : d.model().sites()) {
            String id = "power-" + s.id();
            chart(id, ReportCharts.svg(ReportCharts.power(s, d.quarters(), d.power().get(s.id())), id, 300, 230));
        }
        h.append("</div>\n");
        table(ReportTables.power(d), false);
        close();
    }

    private void utilisation() {
        open("utilisation", "Server utilisation",
                "Busy servers (average load) over installed servers, per site and quarter. Servers are sized for the peak at the "
                        + "target utilisation, so the average sits below it.");
        chart("utilisation-chart", ReportCharts.svg(ReportCharts.utilisation(d.quarters(), d.utilisation(),
                d.model().policy().targetUtilization()), "utilisation-chart", 880, 340));
        table(ReportTables.utilisation(d), false);
        close();
    }

    private void tables() {
        open("tables", "The plan, in full",
                "The plan tables of the run folder, every row (scroll inside a table). Peak and average are inferences per second.");
        table(ReportTables.flows(d.evaluation().tables()), true);
        table(ReportTables.servers(d.evaluation().tables()), true);
        table(ReportTables.facility(d.evaluation().tables()), true);
        table(ReportTables.builds(d.evaluation().tables()), true);
        table(ReportTables.unmet(d.evaluation().tables(), d.evaluation().cells()), true);
        close();
    }

    // ---------------------------------------------------------------- pieces

    void chart(String id, String svg) {
        h.append("<figure class=\"chart\" data-chart-figure=\"").append(id).append("\">").append(svg).append("</figure>\n");
    }

    void table(Table t, boolean scroll) {
        table(h, t, scroll);
    }

    /** A table into {@code h}, as every page of the report package draws one (the hedged report too). */
    static void table(StringBuilder h, Table t, boolean scroll) {
        String name = t.id().startsWith("table-") ? t.id().substring(6) : t.id();
        h.append("<div class=\"table-wrap").append(scroll ? " scroll" : "").append("\">")
                .append("<table id=\"").append(t.id()).append("\" data-table=\"").append(name).append("\">")
                .append("<caption>").append(esc(t.caption())).append(" <span class=\"soft\">(")
                .append(t.rows().size()).append(t.rows().size() == 1 ? " row" : " rows").append(")</span></caption>\n<thead><tr>");
        for (int i = 0; i < t.headers().size(); i++) {
            h.append("<th").append(t.numeric()[i] ? " class=\"num\"" : "").append(">").append(esc(t.headers().get(i))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        if (t.rows().isEmpty()) {
            h.append("<tr class=\"empty\"><td colspan=\"").append(t.headers().size()).append("\">none</td></tr>\n");
        }
        for (List<String> row : t.rows()) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                h.append("<td").append(t.numeric()[i] ? " class=\"num\"" : "").append(">").append(esc(row.get(i))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div>\n");
        if (t.note() != null) {
            h.append("<p class=\"note\">").append(esc(t.note())).append("</p>\n");
        }
    }

    /** A summary figure: formatted text, the JSON path and the raw JSON value for tests. */
    private static String fig(String path, String text, String raw) {
        return "<span class=\"fig\" data-summary=\"" + esc(path) + "\" data-value=\"" + esc(raw) + "\">" + esc(text) + "</span>";
    }

    private String figNum(String field, String text) {
        var n = d.summary().get(field);
        return fig(field, text, n == null || n.isNull() ? "" : n.asText());
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static final String CSS = """
            :root { --ink:#1f2937; --muted:#5b6573; --line:#e3e7ec; --bg:#f6f7f9; --accent:#2b5c8a; --ok:#2e7d32; --bad:#c0392b; }
            * { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; }
            body { margin:0; background:var(--bg); color:var(--ink);
                   font: 15px/1.5 "Inter", "Lato", "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
                   font-variant-numeric: tabular-nums; }
            main { max-width: 1040px; margin: 0 auto; padding: 28px 28px 48px; }
            header.top { margin-bottom: 18px; }
            .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); font-weight: 600; }
            h1 { font-size: 28px; margin: 4px 0 2px; font-weight: 700; letter-spacing: -.01em; }
            h2 { font-size: 19px; margin: 0 0 6px; font-weight: 700; }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            .meta { color: var(--muted); margin: 0; font-size: 13px; }
            code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px 22px; margin: 0 0 18px; }
            .lede { color: var(--muted); margin: 0 0 12px; max-width: 78ch; }
            .lede strong { color: var(--bad); }
            .status { display: inline-flex; align-items: center; gap: 8px; padding: 6px 12px; border-radius: 999px; font-size: 14px; margin-bottom: 14px; }
            .status.ok { background: #e8f5e9; color: var(--ok); }
            .status.bad { background: #fdecea; color: var(--bad); }
            .status .dot { width: 9px; height: 9px; border-radius: 50%; background: currentColor; }
            .status .soft { color: var(--muted); }
            .callout { padding: 8px 14px; border-radius: 8px; margin-bottom: 8px; }
            .callout.ok { background: #e8f5e9; color: var(--ok); }
            .callout.bad { background: #fdecea; color: var(--bad); }
            .cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin-bottom: 14px; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; container-type: inline-size; }
            .card.primary { border-color: #c9d8e8; background: #f4f8fc; }
            .card .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; font-weight: 600; }
            /* a figure of --chars characters fits the card: a bold digit is at most 0.7 em wide */
            .card .value { font-size: 21px; font-size: min(21px, calc(100cqi / var(--chars) / 0.7)); font-weight: 700;
                           margin: 4px 0 2px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
            .card.primary .value { font-size: 24px; font-size: min(24px, calc(100cqi / var(--chars) / 0.7)); color: var(--accent); }
            .card .value .unit { display: block; font-size: 12px; font-weight: 500; color: var(--muted); }
            .card .sub { font-size: 12px; color: var(--muted); }
            .fig { white-space: nowrap; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; }
            caption { text-align: left; font-weight: 600; padding: 0 0 6px; color: var(--ink); }
            th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
            th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fafbfc; }
            td.num, th.num { text-align: right; }
            tbody tr:nth-child(even) td { background: #fbfcfd; }
            tr.total td, tbody tr:last-child td { }
            table.terms { max-width: 560px; margin-bottom: 14px; }
            table.terms tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
            .table-wrap { margin: 12px 0 4px; overflow-x: auto; }
            .table-wrap.scroll { max-height: 380px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
            .table-wrap.scroll caption { position: sticky; left: 0; padding: 8px 10px; background: #fff; }
            .table-wrap.scroll thead th { position: sticky; top: 0; z-index: 1; box-shadow: inset 0 -1px 0 var(--line); }
            tr.empty td { color: var(--muted); font-style: italic; }
            .note { color: var(--muted); font-size: 12px; margin: 4px 0 10px; }
            dl.facts { display: grid; grid-template-columns: repeat(2, 1fr); gap: 4px 24px; margin: 0; font-size: 13px; }
            dl.facts div { display: flex; gap: 10px; border-bottom: 1px dotted var(--line); padding: 3px 0; }
            dl.facts dt { color: var(--muted); min-width: 110px; }
            dl.facts dd { margin: 0; }
            .soft { color: var(--muted); font-weight: 400; }
            .warn { color: var(--bad); font-weight: 600; }
            figure.chart { margin: 4px 0 8px; }
            figure.chart svg { display: block; width: 100%; height: auto; }
            .multiples { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; }
            .multiples figure.chart { border: 1px solid var(--line); border-radius: 6px; padding: 4px; margin: 0; }
            .multiples.two { grid-template-columns: repeat(2, 1fr); align-items: start; }
            ul.limits { padding-left: 0; list-style: none; margin: 0; }
            ul.limits > li { padding: 7px 0; border-bottom: 1px solid var(--line); }
            ul.limits ul { margin: 4px 0 0 18px; padding: 0; color: var(--muted); font-size: 13px; }
            .tag { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em;
                   padding: 1px 8px; border-radius: 4px; background: #eef3f8; color: var(--accent); margin-right: 6px; }
            .tag.bad { background: #fdecea; color: var(--bad); }
            .violations { border-left: 4px solid var(--bad); padding: 2px 0 2px 14px; margin-bottom: 10px; }
            .violations ul { margin: 0; padding-left: 18px; }
            .explain { font-size: 13px; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: #fafbfc; }
            .explain-head { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; padding: 2px 0; }
            .explain ul { margin: 0 0 6px 18px; padding: 0; color: var(--muted); }
            footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 8px; }
            @media (max-width: 820px) { .cards { grid-template-columns: repeat(2, 1fr); } .multiples { grid-template-columns: repeat(2, 1fr); }
                                        dl.facts { grid-template-columns: 1fr; } }
            @media print { body { background: #fff; } section { break-inside: avoid; border: none; } .table-wrap.scroll { max-height: none; } }
            """;
}
