package dcplan.report;

import dcplan.report.HedgeRun.Figures;
import dcplan.report.ReportTables.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static dcplan.report.HtmlReport.esc;
import static dcplan.report.ReportFormat.count;
import static dcplan.report.ReportFormat.usd;
import static dcplan.report.ReportFormat.usdPerMillion;

/**
 * A hedged run's report (contract "Hedged plans"): report.html (self-contained, the plan report's
 * stylesheet, the chart as inline SVG) and report.md, from the hedged folder's files only
 * ({@link HedgeRun}). Sections, in order: {@link #SECTIONS}: the headline (expected figures and
 * what to commit now), the shared commitments, a table of the futures, what each future does once
 * known, EVPI and VSS in a planner's words, and the cost per future against its own plan alone.
 * Each future's own report is in its folder ({@code scenarios/<name>/report.html}).
 */
public final class HedgeReport {
    /** Section ids of a hedged run's report.html, in page order. */
    public static final List<String> SECTIONS = List.of("headline", "commit-now", "futures", "after-decision",
            "value-of-information", "cost-per-future");

    private final HedgeRun run;
    private final StringBuilder h = new StringBuilder(1 << 16);

    private HedgeReport(HedgeRun run) {
        this.run = run;
    }

    /**
     * Writes report.html and report.md into the hedged run folder {@code hedgeFolder} (or its
     * temporary folder before the rename), each beside its final name and moved into place.
     * {@link dcplan.model.InputException} names the file that is missing or wrong.
     */
    public static void write(Path hedgeFolder) throws IOException {
        HedgeRun run = HedgeRun.read(hedgeFolder);
        ReportWriter.put(hedgeFolder.resolve(ReportWriter.MARKDOWN), markdown(run));
        ReportWriter.put(hedgeFolder.resolve(ReportWriter.HTML), html(run));
    }

    static String html(HedgeRun run) {
        return new HedgeReport(run).build();
    }

    private String build() {
        String risk = run.text("risk");
        h.append(ReportCss.pageStart("dcplan hedged plan: " + esc(risk)));
        h.append("<header class=\"top\"><div class=\"kicker\">dcplan · hedged plan report</div>")
                .append("<h1>Hedged plan <span data-summary=\"risk\">").append(esc(risk)).append("</span></h1>")
                .append("<p class=\"meta\">").append(run.futures().size()).append(" futures · shared commitments before ")
                .append(fig("decided_until", run.text("decided_until"))).append(" · central future ")
                .append(fig("central", run.text("central"))).append(" · ").append(esc(run.text("method")))
                .append(" · inputs sha256 <code>").append(esc(run.text("inputs_sha256"))).append("</code></p></header>\n");
        headline();
        open("commit-now", "What to commit now", "Servers to order and facility MW to start before "
                + esc(run.text("decided_until")) + ": the same in every future's plan, so they are decided now, whichever "
                + "future comes.");
        HtmlReport.table(h, HedgeTables.commitments(run), false);
        close();
        open("futures", "The futures", "Each future's probability and how its plan does under the hedge, beside "
                + "that future's own plan made alone and the plan that keeps the central future's commitments. "
                + "Each future's full report: <code>scenarios/&lt;name&gt;/report.html</code>.");
        HtmlReport.table(h, HedgeTables.futures(run), false);
        close();
        open("after-decision", "What each future does once it is known", null);
        HtmlReport.table(h, HedgeTables.afterDecision(run), false);
        close();
        valueOfInformation();
        open("cost-per-future", "Cost per future: the hedged plan against each future's own plan",
                "Total cost over the horizon in each future. The gap between a future's hedged bar and its own plan is "
                        + "what holding up in the other futures costs it.");
        h.append("<figure class=\"chart\" data-chart-figure=\"cost-per-future-chart\">")
                .append(ReportCharts.svg(ReportCharts.costPerFuture(HedgeTables.costSeries(run)), "cost-per-future-chart",
                        880, 340)).append("</figure>\n");
        close();
        h.append("<footer>Figures are those of <code>summary.json</code>, <code>commitments.csv</code> and "
                + "<code>scenarios/*/</code> in this run folder, formatted for reading; the files keep full precision.</footer>\n");
        return h.append("</main>\n</body>\n</html>\n").toString();
    }

    private void headline() {
        open("headline", "Headline", null);
        boolean feasible = run.feasible();
        h.append("<div class=\"status ").append(feasible ? "ok" : "bad").append("\"><span class=\"dot\"></span>Feasible: <strong>")
                .append(fig("feasible", ReportFormat.yesNo(feasible))).append("</strong> <span class=\"soft\">")
                .append(feasible ? "every future's plan holds under its own model" : "a future's plan breaks a limit, see the futures")
                .append("</span></div>\n<div class=\"cards\">\n");
        Figures e = run.expected();
        card("Expected cost per million inferences", "expected.usd_per_million_inferences",
                usdPerMillion(e == null ? null : e.usdPerMillion()), "over the futures, by probability", true);
        card("Expected total cost", "expected.total_cost_usd", usd(e == null ? Double.NaN : e.totalCostUsd()),
                "amortised capex and energy", true);
        card("Expected unmet", "expected.unmet_inferences", count(e == null ? Double.NaN : HedgeTables.unmetShown(e)),
                "inferences", false);
        Double capex = run.num("/commitments/capex_usd");
        card("Commit now", "commitments.capex_usd", usd(capex == null ? Double.NaN : capex),
                "capex before " + run.text("decided_until"), false);
        h.append("</div>\n<p id=\"what-to-do-now\"><strong>What to do now.</strong> ")
                .append(esc(HedgeTables.commitNow(run))).append("</p>\n");
        Double bound = run.num("/lower_bound_usd");
        h.append("<p class=\"note\">").append(bound == null ? "No lower bound on the expected cost was proven."
                : "Expected cost lower bound " + fig("lower_bound_usd", usd(bound)) + " (" + esc(run.text("lower_bound_kind")) + ").")
                .append(" Solved in ").append(String.format(Locale.ROOT, "%.1f s", orNaN(run.num("/solve_seconds")))).append(".</p>\n");
        close();
    }

    private void valueOfInformation() {
        open("value-of-information", "What knowing the future, and hedging, are worth", null);
        h.append("<ul class=\"limits\"><li id=\"evpi\"><span class=\"tag\">EVPI</span>").append(esc(HedgeTables.evpi(run)))
                .append("</li><li id=\"vss\"><span class=\"tag\">VSS</span>").append(esc(HedgeTables.vss(run)))
                .append("</li></ul>\n");
        close();
    }

    private void card(String label, String path, String text, String sub, boolean primary) {
        h.append("<div class=\"card").append(primary ? " primary" : "").append("\"><div class=\"label\">").append(esc(label))
                .append("</div><div class=\"value\" style=\"--chars: ").append(Math.max(8, text.length())).append("\">")
                .append(fig(path, text)).append("</div><div class=\"sub\">").append(esc(sub)).append("</div></div>\n");
    }

    /** A summary figure: formatted text, its JSON path and the raw JSON value (for tests and tools). */
    private String fig(String path, String text) {
        var n = run.summary().at("/" + path.replace('.', '/'));
        String raw = n.isMissingNode() || n.isNull() ? "" : n.asText();
        return "<span class=\"fig\" data-summary=\"" + esc(path) + "\" data-value=\"" + esc(raw) + "\">" + esc(text) + "</span>";
    }

    private void open(String id, String title, String ledeHtml) {
        h.append("<section id=\"").append(id).append("\" data-section=\"").append(id).append("\">\n<h2>")
                .append(esc(title)).append("</h2>\n");
        if (ledeHtml != null) {
            h.append("<p class=\"lede\">").append(ledeHtml).append("</p>\n");
        }
    }

    private void close() {
        h.append("</section>\n");
    }

    /** report.md: the same sections and tables as Markdown (the chart is in report.html). */
    static String markdown(HedgeRun run) {
        StringBuilder m = new StringBuilder("# dcplan hedged plan: " + run.text("risk") + "\n\n");
        Figures e = run.expected();
        m.append(run.futures().size()).append(" futures · shared commitments before ").append(run.text("decided_until"))
                .append(" · central future ").append(run.text("central")).append(" · charts in `report.html`\n\n## Headline\n\n")
                .append("| figure | value |\n|---|---:|\n| Feasible | ").append(ReportFormat.yesNo(run.feasible()))
                .append(" |\n| Expected cost per million inferences | ").append(usdPerMillion(e == null ? null : e.usdPerMillion()))
                .append(" |\n| Expected total cost | ").append(usd(e == null ? Double.NaN : e.totalCostUsd()))
                .append(" |\n| Expected unmet inferences | ").append(count(e == null ? Double.NaN : HedgeTables.unmetShown(e)))
                .append(" |\n\n**What to do now.** ").append(HedgeTables.commitNow(run)).append("\n\n");
        section(m, "What to commit now", HedgeTables.commitments(run));
        section(m, "The futures", HedgeTables.futures(run));
        section(m, "What each future does once it is known", HedgeTables.afterDecision(run));
        m.append("## What knowing the future, and hedging, are worth\n\n- **EVPI**: ").append(HedgeTables.evpi(run))
                .append("\n- **VSS**: ").append(HedgeTables.vss(run)).append("\n");
        return m.toString();
    }

    private static void section(StringBuilder m, String title, Table t) {
        m.append("## ").append(title).append("\n\n");
        MarkdownReport.table(m, t);
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
