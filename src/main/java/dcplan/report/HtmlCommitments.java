package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.WhatIfTables;

import java.util.LinkedHashMap;
import java.util.Map;

import static dcplan.report.HtmlReport.esc;

/**
 * report.html's sections of contract version 2, drawn into an {@link HtmlReport}: cash paid by
 * quarter against the budget, the commitments timeline per site and, for a what-if, what was
 * kept and stranded and what hindsight would have changed.
 */
final class HtmlCommitments {
    private final HtmlReport page;
    private final ReportData d;

    HtmlCommitments(HtmlReport page, ReportData d) {
        this.page = page;
        this.d = d;
    }

    void cashByQuarter() {
        page.open(ReportWriter.CASH_BY_QUARTER, "Cash by quarter against the budget",
                "Cash paid in each quarter: servers when installed, facility MW in equal parts over their construction "
                        + "quarters. The line is the cash paid so far in the year, the dashed steps the year's budget.");
        page.chart("cash-by-quarter-chart", ReportCharts.svg(CommitmentCharts.cashByQuarter(d.quarters(), d.cash(), d::budget),
                "cash-by-quarter-chart", 880, 340));
        page.table(CommitmentTables.cashByQuarter(d), false);
        page.close();
    }

    void commitments() {
        CommitmentTimeline t = CommitmentTimeline.of(d.quarters(), d.model().sites().stream().map(Site::id).toList(),
                d.evaluation().tables(), d.whatIf());
        Quarter decided = decidedUntil();
        page.open(ReportWriter.COMMITMENTS, "Commitments timeline per site",
                "When each commitment is made and when it arrives: construction from its start (light orange) to the "
                        + "quarter its MW are ready (orange, with the MW), orders from the order quarter (light blue) to "
                        + "the quarter the servers are installed (blue, with the count)."
                        + (d.whatIf() != null && decided != null ? " Grey: kept from the baseline, made before the "
                        + "dashed line (decided until " + decided + ")." : ""));
        page.append("<div class=\"multiples two\">\n");
        StringBuilder none = new StringBuilder();
        for (Site s : d.model().sites()) {
            if (t.isEmpty(s.id())) {
                none.append(none.isEmpty() ? "" : ", ").append(s.id());
                continue;
            }
            String id = "commitments-" + s.id();
            int height = 110 + 24 * t.rows(s.id()).size();
            page.chart(id, ReportCharts.svg(CommitmentCharts.timeline(s.id(), t, decided), id, 430, height));
        }
        page.append("</div>\n");
        if (!none.isEmpty()) {
            page.append("<p class=\"note\" id=\"no-commitments\">No build or order at " + esc(none.toString()) + ".</p>\n");
        }
        page.close();
    }

    /** The what-if section (only in a what-if's report): how it was made, hindsight, held, stranded. */
    void whatIf() {
        if (!d.isWhatIf()) {
            return;
        }
        JsonNode w = d.whatIfSummary();
        boolean hindsight = WHAT_IF_HINDSIGHT.equals(w.path("mode").asText());
        page.open(ReportWriter.WHAT_IF, hindsight ? "What-if in hindsight" : "What-if: what was kept and stranded", null);
        page.append("<div class=\"callout " + (hindsight ? "bad" : "ok") + "\" id=\"what-if-mode\" data-summary=\"what_if.mode\" "
                + "data-value=\"" + esc(w.path("mode").asText()) + "\">");
        if (hindsight) {
            page.append("<strong>HINDSIGHT</strong> (--replan-all): every quarter re-planned as if the scenario had been "
                    + "known from the start; nothing the baseline ordered or started building is kept");
        } else {
            page.append("Made at <strong>" + esc(w.path("decided_until").asText()) + "</strong> <span class=\"soft\">("
                    + esc(w.path("decided_until_source").asText()) + ")</span>: what the baseline ordered or started "
                    + "building before it is kept");
        }
        page.append("</div>\n<p class=\"meta\">Baseline run <code>" + esc(w.path("baseline_run").asText()) + "</code> (scenario "
                + esc(w.path("baseline_scenario").asText()) + ")</p>\n");
        if (!hindsight) {
            page.table(CommitmentTables.hindsight(w.path("hindsight")), false);
        }
        WhatIfTables tables = d.whatIf() == null ? new WhatIfTables(java.util.List.of(), java.util.List.of()) : d.whatIf();
        if (!hindsight) {
            page.table(CommitmentTables.held(tables), true);
        }
        if (!tables.stranded().isEmpty()) {
            page.chart("stranded-chart", ReportCharts.svg(CommitmentCharts.stranded(d.quarters(), strandedBySite(tables)),
                    "stranded-chart", 880, 300));
        }
        page.table(CommitmentTables.stranded(tables), false);
        page.close();
    }

    static final String WHAT_IF_HINDSIGHT = "hindsight";

    /** Under the title of a what-if's report: how it was made (a hindsight what-if says so in red). */
    static String headerNote(ReportData d) {
        if (!d.isWhatIf()) {
            return "";
        }
        JsonNode w = d.whatIfSummary();
        return WHAT_IF_HINDSIGHT.equals(w.path("mode").asText())
                ? "<p class=\"meta warn\">What-if in HINDSIGHT: every quarter re-planned (--replan-all)</p>"
                : "<p class=\"meta\">What-if made at " + esc(w.path("decided_until").asText())
                + ": the baseline's commitments before it are kept</p>";
    }

    private Map<String, int[]> strandedBySite(WhatIfTables tables) {
        Map<String, int[]> out = new LinkedHashMap<>();
        int first = d.quarters().get(0).ordinal();
        for (WhatIfTables.StrandedRow r : tables.stranded()) {
            int q = r.quarter().ordinal() - first;
            if (q >= 0 && q < d.quarters().size()) {
                out.computeIfAbsent(r.site(), k -> new int[d.quarters().size()])[q] += r.servers();
            }
        }
        return out;
    }

    private Quarter decidedUntil() {
        JsonNode q = d.whatIfSummary().path("decided_until");
        return q.isTextual() ? Quarter.parse(q.asText()) : null;
    }
}
