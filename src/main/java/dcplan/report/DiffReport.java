package dcplan.report;

import dcplan.plan.ReportThresholds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A baseline run and a what-if run side by side (diff.html, diff.md): headline figures, cost per
 * workload and per region, capex by year against the budget, servers by site and chip
 * ({@link DiffViews}), capex by site, chip and quarter, unmet demand by region and the limits that
 * bind, with every change highlighted (red: costs more or serves less; green: the opposite); a
 * change within round-off ({@link ReportThresholds}) is none. A what-if that kept
 * the baseline's commitments and has its hindsight plan ({@code hindsight/} in its folder) also
 * shows the cost of hindsight: its headline beside that plan's; a hindsight what-if
 * ({@code --replan-all}) is labelled so.
 */
public final class DiffReport {
    private DiffReport() {
    }

    /**
     * One compared figure; {@code higherIsWorse} decides the colour of a change. A change is a
     * change only beyond round-off ({@link ReportThresholds#changed}): of the larger side, and of
     * {@code whole} (e.g. the demand volume for unmet inferences; 0: none), so two slivers of LP
     * round-off are no change however far apart in ratio.
     */
    record Line(String name, double baseline, double scenario, boolean higherIsWorse, boolean money, double whole) {
        Line(String name, double baseline, double scenario, boolean higherIsWorse, boolean money) {
            this(name, baseline, scenario, higherIsWorse, money, 0);
        }

        boolean changed() {
            return ReportThresholds.changed(baseline, scenario, whole);
        }

        /** The relative change as shown: "0" when it is no change. */
        String change() {
            if (Double.isNaN(baseline) || Double.isNaN(scenario)) {
                return "n/a";
            }
            return changed() ? Html.change(baseline, scenario) : "0";
        }

        /** CSS class of the change column: up (worse), down (better) or none. */
        String direction() {
            if (!changed()) {
                return "";
            }
            return higherIsWorse ? Html.direction(baseline, scenario) : Html.direction(scenario, baseline);
        }

        String format(double v) {
            if (!money && v != 0 && Math.abs(v) < 0.5) {
                return "< 1"; // a sliver the solvers' tolerances leave: not "0" next to a -35 % change
            }
            return money && Math.abs(v) < 100 && v != Math.rint(v) ? Html.usd4(v) : Html.usd(v);
        }
    }

    static final String HINDSIGHT_FOLDER = "hindsight";

    public static void write(Path folder, RunDigest baseline, RunDigest scenario, List<String> scenarioChanges)
            throws IOException {
        Files.writeString(folder.resolve("diff.html"), html(baseline, scenario, scenarioChanges), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("diff.md"), markdown(baseline, scenario, scenarioChanges), StandardCharsets.UTF_8);
    }

    static List<Line> headline(RunDigest b, RunDigest s) {
        return List.of(
                new Line("USD per million inferences", b.usdPerMillion(), s.usdPerMillion(), true, true),
                new Line("total cost (USD)", b.totalCostUsd(), s.totalCostUsd(), true, true),
                new Line("server capex, amortised (USD)", b.serverCapexAmortized(), s.serverCapexAmortized(), true, true),
                new Line("facility capex, amortised (USD)", b.facilityCapexAmortized(), s.facilityCapexAmortized(), true, true),
                new Line("energy (USD)", b.energy(), s.energy(), true, true),
                new Line("served inferences", b.servedInferences(), s.servedInferences(), false, false),
                new Line("unmet inferences", b.unmetInferences(), s.unmetInferences(), true, false, demand(b, s)));
    }

    /** The larger demand volume (served plus unmet inferences) of the two runs: the whole round-off is measured against. */
    static double demand(RunDigest b, RunDigest s) {
        return Math.max(b.servedInferences() + b.unmetInferences(), s.servedInferences() + s.unmetInferences());
    }

    static List<Line> lines(Map<String, Double> b, Map<String, Double> s, boolean money) {
        return lines(b, s, money, 0);
    }

    static List<Line> lines(Map<String, Double> b, Map<String, Double> s, boolean money, double whole) {
        Set<String> keys = new TreeSet<>(b.keySet());
        keys.addAll(s.keySet());
        List<Line> out = new ArrayList<>();
        for (String k : keys) {
            double before = b.getOrDefault(k, 0.0);
            double after = s.getOrDefault(k, 0.0);
            if (before != 0 || after != 0) { // a site, chip or quarter with nothing in either plan says nothing
                out.add(new Line(k, before, after, true, money, whole));
            }
        }
        return out;
    }

    static String html(RunDigest b, RunDigest s, List<String> changes) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>What-if: " + Html.esc(s.scenario()) + " vs " + Html.esc(b.scenario()) + "</title><style>"
                + Html.STYLE + "</style></head><body>");
        h.append("<h1>What-if: ").append(Html.esc(s.scenario())).append("</h1><p class=\"sub\">against baseline ")
                .append(Html.esc(b.label())).append(". Red: costs more or serves less; green: the opposite.</p>");
        if (!mode(s).isEmpty()) {
            h.append("<p id=\"what-if-mode\"><strong>").append(Html.esc(mode(s))).append("</strong></p>");
        }
        if (!changes.isEmpty()) {
            h.append("<section id=\"scenario-changes\"><h2>What the scenario changes</h2><ul>");
            changes.forEach(c -> h.append("<li>").append(Html.esc(c)).append("</li>"));
            h.append("</ul></section>");
        }
        h.append("<section id=\"headline\"><h2>Headline</h2><p>Baseline plan feasible: ")
                .append(tag(b.feasible())).append(" &nbsp; What-if plan feasible: ").append(tag(s.feasible())).append("</p>");
        table(h, "headline-table", headline(b, s), b, s);
        h.append("</section>");
        RunDigest hindsight = hindsight(s);
        if (hindsight != null) {
            h.append("<section id=\"cost-of-hindsight\"><h2>The cost of hindsight</h2><p>This what-if keeps what the baseline "
                    + "committed before ").append(Html.esc(s.decidedUntil())).append("; beside it, the same scenario "
                    + "re-planned with nothing committed (<code>hindsight/</code>). Unmet demand counts first.</p>");
            table(h, "cost-of-hindsight-table", headline(s, hindsight), "with the commitments", "re-planned in hindsight");
            h.append("</section>");
        }
        DiffViews.html(h, b, s);
        section(h, "capex-by-site", "Capex by site (cash over the horizon, USD: servers and facility MW)",
                lines(b.capexBySite(), s.capexBySite(), true), b, s, capexChart(b, s));
        section(h, "capex-by-chip", "Capex by chip (cash over the horizon, USD)", lines(b.capexByChip(), s.capexByChip(), true), b, s);
        section(h, "capex-by-quarter", "Capex by quarter (cash, USD)", lines(b.capexByQuarter(), s.capexByQuarter(), true), b, s);
        section(h, "unmet-by-region", "Unmet demand by region (inferences)",
                lines(b.unmetByRegion(), s.unmetByRegion(), false, demand(b, s)), b, s);
        h.append("<section id=\"binding-limits\"><h2>Limits that bind</h2>");
        limits(h, "Only in the what-if", minus(s.bindingLimits(), b.bindingLimits()), "up");
        limits(h, "Only in the baseline", minus(b.bindingLimits(), s.bindingLimits()), "down");
        limits(h, "In both", both(b.bindingLimits(), s.bindingLimits()), "");
        h.append("</section></body></html>\n");
        return h.toString();
    }

    private static String tag(boolean feasible) {
        return feasible ? "<span class=\"tag ok\">yes</span>" : "<span class=\"tag bad\">no</span>";
    }

    /**
     * Capex by site, baseline and what-if bars, as inline SVG; empty when there is no capex or
     * the chart cannot be drawn (no fonts on a bare machine): the table below says it all anyway.
     */
    static String capexChart(RunDigest b, RunDigest s) {
        boolean any = b.capexBySite().values().stream().anyMatch(v -> v > 0)
                || s.capexBySite().values().stream().anyMatch(v -> v > 0);
        if (!any) {
            return ""; // an all-zero chart is an empty axis: the section says "None in either plan"
        }
        try {
            String svg = ReportCharts.svg(ReportCharts.capexBySiteCompared(b.capexBySite(), s.capexBySite()),
                    CAPEX_CHART, 880, 320);
            return "<figure class=\"chart\" data-chart-figure=\"" + CAPEX_CHART + "\">" + svg + "</figure>";
        } catch (RuntimeException | LinkageError e) {
            return "<p class=\"sub\">(chart not drawn: " + Html.esc(e.toString()) + ")</p>";
        }
    }

    static final String CAPEX_CHART = "capex-by-site-chart";

    static void section(StringBuilder h, String id, String title, List<Line> lines, RunDigest b, RunDigest s) {
        section(h, id, title, lines, b, s, "");
    }

    private static void section(StringBuilder h, String id, String title, List<Line> lines, RunDigest b, RunDigest s,
                                String figure) {
        h.append("<section id=\"").append(id).append("\"><h2>").append(Html.esc(title)).append("</h2>").append(figure);
        if (lines.isEmpty()) {
            h.append("<p>None in either plan.</p>");
        } else {
            table(h, id + "-table", lines, b, s);
        }
        h.append("</section>");
    }

    static void table(StringBuilder h, String id, List<Line> lines, RunDigest b, RunDigest s) {
        table(h, id, lines, "baseline", "what-if");
    }

    private static void table(StringBuilder h, String id, List<Line> lines, String first, String second) {
        h.append("<table id=\"").append(id).append("\"><thead><tr><th></th><th>").append(Html.esc(first)).append("</th><th>")
                .append(Html.esc(second)).append("</th><th>change</th></tr></thead><tbody>");
        for (Line l : lines) {
            h.append("<tr").append(l.changed() ? " class=\"changed\"" : "").append("><td>").append(Html.esc(l.name()))
                    .append("</td><td>").append(Html.esc(l.format(l.baseline()))).append("</td><td>").append(Html.esc(l.format(l.scenario())))
                    .append("</td><td class=\"").append(l.direction()).append("\">").append(l.change())
                    .append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    private static void limits(StringBuilder h, String title, List<String> items, String cls) {
        h.append("<h3>").append(Html.esc(title)).append(" (").append(items.size()).append(")</h3>");
        if (items.isEmpty()) {
            h.append("<p>none</p>");
            return;
        }
        h.append("<ul class=\"limits\">");
        items.forEach(i -> h.append("<li class=\"").append(cls).append("\">").append(Html.esc(i)).append("</li>"));
        h.append("</ul>");
    }

    static List<String> minus(List<String> a, List<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return new ArrayList<>(out);
    }

    static List<String> both(List<String> a, List<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.retainAll(b);
        return new ArrayList<>(out);
    }

    /** How the what-if was made, for its title: at decided_until, or in hindsight; empty for a plain run. */
    static String mode(RunDigest s) {
        if ("hindsight".equals(s.whatIfMode())) {
            return "HINDSIGHT (--replan-all): every quarter re-planned as if the scenario had been known from the start; "
                    + "nothing the baseline committed is kept.";
        }
        return s.decidedUntil() == null ? "" : "Made at " + s.decidedUntil() + ": what the baseline ordered or started "
                + "building before it is kept (held.csv).";
    }

    /** The what-if's hindsight plan (its folder's hindsight/), or null when it has none. */
    static RunDigest hindsight(RunDigest s) {
        Path h = s.folder().resolve(HINDSIGHT_FOLDER);
        return Files.isRegularFile(h.resolve("summary.json")) ? RunDigest.read(h) : null;
    }

    static String markdown(RunDigest b, RunDigest s, List<String> changes) {
        StringBuilder m = new StringBuilder("# What-if: " + s.scenario() + "\n\nAgainst baseline " + b.label() + ".\n\n");
        if (!mode(s).isEmpty()) {
            m.append("**").append(mode(s)).append("**\n\n");
        }
        if (!changes.isEmpty()) {
            m.append("## What the scenario changes\n\n");
            changes.forEach(c -> m.append("- ").append(c).append('\n'));
            m.append('\n');
        }
        m.append("Baseline feasible: ").append(b.feasible() ? "yes" : "no").append("; what-if feasible: ")
                .append(s.feasible() ? "yes" : "no").append("\n\n");
        mdTable(m, "Headline", headline(b, s));
        RunDigest hindsight = hindsight(s);
        if (hindsight != null) {
            m.append("## The cost of hindsight\n\nWith the commitments kept (left) and the same scenario re-planned with "
                    + "nothing committed (right, `hindsight/`). Unmet demand counts first.\n\n");
            mdRows(m, headline(s, hindsight), "with the commitments", "re-planned in hindsight");
        }
        DiffViews.markdown(m, b, s);
        mdTable(m, "Capex by site (cash, USD)", lines(b.capexBySite(), s.capexBySite(), true));
        mdTable(m, "Capex by chip (cash, USD)", lines(b.capexByChip(), s.capexByChip(), true));
        mdTable(m, "Capex by quarter (cash, USD)", lines(b.capexByQuarter(), s.capexByQuarter(), true));
        mdTable(m, "Unmet demand by region (inferences)", lines(b.unmetByRegion(), s.unmetByRegion(), false, demand(b, s)));
        m.append("## Limits that bind\n\n");
        mdList(m, "Only in the what-if", minus(s.bindingLimits(), b.bindingLimits()));
        mdList(m, "Only in the baseline", minus(b.bindingLimits(), s.bindingLimits()));
        mdList(m, "In both", both(b.bindingLimits(), s.bindingLimits()));
        return m.toString();
    }

    static void mdTable(StringBuilder m, String title, List<Line> lines) {
        m.append("## ").append(title).append("\n\n");
        mdRows(m, lines, "baseline", "what-if");
    }

    private static void mdRows(StringBuilder m, List<Line> lines, String first, String second) {
        m.append("| | ").append(first).append(" | ").append(second).append(" | change |\n|---|---:|---:|---:|\n");
        for (Line l : lines) {
            String name = l.changed() ? "**" + l.name() + "**" : l.name();
            m.append("| ").append(name).append(" | ").append(l.format(l.baseline())).append(" | ")
                    .append(l.format(l.scenario())).append(" | ").append(l.change()).append(" |\n");
        }
        m.append('\n');
    }

    private static void mdList(StringBuilder m, String title, List<String> items) {
        m.append("**").append(title).append("** (").append(items.size()).append(")\n\n");
        items.forEach(i -> m.append("- ").append(i).append('\n'));
        m.append('\n');
    }
}
