package dcplan.report;

import dcplan.report.ReportTables.Table;

import java.util.List;

import static dcplan.report.ReportFormat.count;
import static dcplan.report.ReportFormat.percent;
import static dcplan.report.ReportFormat.usd;
import static dcplan.report.ReportFormat.usdPerMillion;

/** report.md: the report's sections and tables as GitHub-flavoured Markdown (the charts are in report.html). */
final class MarkdownReport {
    private final ReportData d;
    private final StringBuilder m = new StringBuilder(1 << 16);

    private MarkdownReport(ReportData d) {
        this.d = d;
    }

    static String render(ReportData d) {
        return new MarkdownReport(d).build();
    }

    private String build() {
        m.append("# dcplan report: scenario ").append(d.text("scenario")).append("\n\n");
        m.append("Horizon ").append(d.quarters().get(0)).append("–").append(d.lastQuarter())
                .append(" · inputs sha256 `").append(d.text("inputs_sha256")).append("` · charts in `report.html`\n\n");
        if (d.isWhatIf()) {
            m.append(HtmlCommitments.WHAT_IF_HINDSIGHT.equals(d.whatIfSummary().path("mode").asText())
                    ? "**What-if in HINDSIGHT**: every quarter re-planned (--replan-all).\n\n"
                    : "What-if made at " + d.whatIfSummary().path("decided_until").asText()
                    + ": the baseline's commitments before it are kept.\n\n");
        }

        m.append("## Headline\n\n");
        table(WorkloadSection.table(d));
        double demand = d.demandInferences();
        double served = orNaN(d.num("served_inferences"));
        double unmet = d.unmetShown(); // round-off shows as 0 (ReportThresholds)
        double total = orNaN(d.num("total_cost_usd"));
        row("figure", "value");
        m.append("|---|---:|\n");
        row("Feasible", d.feasible() ? "yes" : "no");
        row("Cost per million inferences (" + WorkloadSection.BLENDED + ")", usdPerMillion(d.num("usd_per_million_inferences")));
        row("Total cost", usd(total));
        row("Server capex (amortised)", usd(orNaN(d.cost("server_capex_amortized"))));
        row("Facility capex (amortised)", usd(orNaN(d.cost("facility_capex_amortized"))));
        row("Energy", usd(orNaN(d.cost("energy"))));
        row("Served inferences", count(served) + (demand > 0 ? " (" + percent(served / demand, 2) + ")" : ""));
        row("Unmet inferences", count(unmet) + (demand > 0 ? " (" + percent(unmet / demand, 2) + ")" : ""));
        Double bound = d.num("lower_bound_usd");
        Double gap = d.num("gap");
        row("Lower bound", bound == null ? "none computed" : usd(bound) + (gap == null ? "" : " (plan " + percent(gap, 2) + " above)"));
        row("Scenario", d.text("scenario"));
        row("Inputs sha256", "`" + d.text("inputs_sha256") + "`");
        m.append('\n');

        whatIf();
        section("Capex by year against the budget", ReportTables.capexByYear(d));
        section("Cash by quarter against the budget", CommitmentTables.cashByQuarter(d));
        section("Capex by site and year", ReportTables.capexBySite(d));
        section("Commitments timeline per site", CommitmentTables.commitments(d.evaluation().tables()));
        section("Chip mix per site", ReportTables.chipMix(d));
        section("Cost per million inferences by region", ReportTables.costPerRegion(d));
        table(WorkloadSection.byRegion(d));
        m.append("## ").append(SourcingSection.TITLE).append("\n\n").append(SourcingSection.LEDE).append("\n\n");
        SourcingSection.tables(d).forEach(this::table);
        section("Power used against available, per site and quarter", ReportTables.power(d));
        section("Server utilisation", ReportTables.utilisation(d));

        m.append("## Limits that bind\n\n");
        d.violations().forEach((name, lines) -> lines.forEach(l -> m.append("- **violated ").append(name).append("**: ")
                .append(l).append('\n')));
        List<String> sentences = d.bindingSentences();
        if (sentences.isEmpty()) {
            m.append("No limit binds: power, budget and supply all leave room, and every demand cell has an eligible site.\n");
        }
        sentences.forEach(s -> m.append("- ").append(s).append('\n'));
        for (ReportData.ShortRegion r : d.shortRegions()) {
            m.append("- region **").append(r.region()).append("** short by ").append(count(r.unmetInferences()))
                    .append(" inferences");
            if (!r.reasons().isEmpty()) {
                m.append(": ").append(String.join("; ", r.reasons().stream().limit(5).toList()));
            }
            m.append('\n');
        }
        if (!d.explanation().isEmpty()) {
            m.append(PlanExplanation.isOfWrittenPlan(d.explanation())
                    ? "\nThe score, constraint by constraint, of " + PlanExplanation.SOURCE + ":\n\n"
                    : "\nThe solver's score explanation (search's best solution, before the LP re-split):\n\n");
            for (String line : d.explanation()) {
                m.append(line.startsWith("- ") ? "  " + line : "- " + line).append('\n');
            }
        }
        m.append('\n');

        m.append("## The plan, in full\n\n");
        table(ReportTables.flows(d.evaluation().tables()));
        table(ReportTables.servers(d.evaluation().tables()));
        table(ReportTables.facility(d.evaluation().tables()));
        table(ReportTables.builds(d.evaluation().tables()));
        table(ReportTables.unmet(d.evaluation().tables(), d.evaluation().cells()));
        if (Double.isFinite(total)) {
            m.append("Figures are those of `summary.json` and `plan/*.csv`, formatted for reading.\n");
        }
        return m.toString();
    }

    /** A what-if's section: how it was made, the cost of hindsight, what was kept and stranded. */
    private void whatIf() {
        if (!d.isWhatIf()) {
            return;
        }
        com.fasterxml.jackson.databind.JsonNode w = d.whatIfSummary();
        boolean hindsight = HtmlCommitments.WHAT_IF_HINDSIGHT.equals(w.path("mode").asText());
        m.append("## What-if").append(hindsight ? " in hindsight" : ": what was kept and stranded").append("\n\n");
        if (hindsight) {
            m.append("**HINDSIGHT** (--replan-all): every quarter re-planned as if the scenario had been known from the "
                    + "start; nothing the baseline ordered or started building is kept.\n\n");
        } else {
            m.append("Made at **").append(w.path("decided_until").asText()).append("** (")
                    .append(w.path("decided_until_source").asText()).append("): what the baseline ordered or started "
                    + "building before it is kept.\n\n");
        }
        m.append("Baseline run `").append(w.path("baseline_run").asText()).append("` (scenario ")
                .append(w.path("baseline_scenario").asText()).append(").\n\n");
        dcplan.plan.WhatIfTables tables = d.whatIf() == null
                ? new dcplan.plan.WhatIfTables(List.of(), List.of()) : d.whatIf();
        if (!hindsight) {
            table(CommitmentTables.hindsight(w.path("hindsight")));
            table(CommitmentTables.held(tables));
        }
        table(CommitmentTables.stranded(tables));
    }

    private void section(String title, Table t) {
        m.append("## ").append(title).append("\n\n");
        table(t);
    }

    private void table(Table t) {
        table(m, t);
    }

    /** A table into {@code m} as Markdown (the hedged report's report.md too). */
    static void table(StringBuilder m, Table t) {
        m.append("**").append(t.caption()).append("** (").append(t.rows().size()).append(t.rows().size() == 1 ? " row" : " rows")
                .append(")\n\n|");
        for (String hd : t.headers()) {
            m.append(' ').append(cell(hd)).append(" |");
        }
        m.append("\n|");
        for (int i = 0; i < t.headers().size(); i++) {
            m.append(t.numeric()[i] ? "---:|" : "---|");
        }
        m.append('\n');
        for (List<String> r : t.rows()) {
            m.append('|');
            for (String c : r) {
                m.append(' ').append(cell(c)).append(" |");
            }
            m.append('\n');
        }
        m.append('\n');
        if (t.note() != null) {
            m.append(t.note()).append("\n\n");
        }
    }

    private void row(String a, String b) {
        m.append("| ").append(cell(a)).append(" | ").append(cell(b)).append(" |\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
