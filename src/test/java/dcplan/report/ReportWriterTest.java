package dcplan.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.DemandCell;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Evaluation;
import dcplan.plan.InputsHash;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.RunFolder;
import dcplan.plan.RunInfo;
import dcplan.plan.WhatIfTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** report.md and report.html from an evaluation without a solver: a plan that keeps the existing servers and serves nothing. */
class ReportWriterTest {
    final PlanningModel model = ModelLoader.load(Path.of("models"));
    final List<DemandCell> demand = List.of(
            new DemandCell("brazil", "llm-chat", Quarter.parse("2026Q1"), 1000, 500),
            new DemandCell("france", "embedding", Quarter.parse("2027Q3"), 50_000, 20_000));

    Plan existingOnly() {
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        for (Site s : model.sites()) {
            for (Quarter q : model.quarters()) {
                s.existingServers().forEach((chip, n) -> installed.put(new Plan.SiteChipQuarter(s.id(), chip, q), n));
                built.put(new Plan.SiteQuarter(s.id(), q), s.existingItMw());
            }
        }
        return new Plan(List.of(), installed, built);
    }

    @Test
    void markdownHeadlineCarriesTheSummaryNumbers(@TempDir Path tmp) throws Exception {
        Evaluation ev = PlanEvaluator.evaluate(model, demand, existingOnly());
        RunInfo info = RunInfo.of("what-if", InputsHash.sha256(model, demand), 1.5, false, "0hard/-1medium/-1soft");
        ObjectNode summary = RunFolder.summary(ev, info);
        ReportWriter.write(tmp, model, ev, summary, List.of("Score 0hard/-1medium/-1soft", "Budget [hard]: -3 (1 match)", "- budget 2027: over"));

        String md = Files.readString(tmp.resolve(ReportWriter.MARKDOWN));
        assertTrue(md.startsWith("# dcplan report: scenario what-if\n"), md);
        assertTrue(md.contains("| Feasible | yes |"), md);
        assertTrue(md.contains("| Cost per million inferences (blended, all workloads) | n/a |"), "nothing served: no cost per inference\n" + md);
        assertTrue(md.contains("| Total cost | " + ReportFormat.usd(ev.totalCostUsd()) + " |"), md);
        assertTrue(md.contains("| Server capex (amortised) | USD 0 |"), md);
        assertTrue(md.contains("| Energy | " + ReportFormat.usd(ev.cost().energy()) + " |"), md);
        assertTrue(md.contains("| Served inferences | 0 (0.00 %) |"), md);
        assertTrue(md.contains("| Unmet inferences | " + ReportFormat.count(ev.unmetInferences()) + " (100.00 %) |"), md);
        assertTrue(md.contains("| Inputs sha256 | `" + info.inputsSha256() + "` |"), md);
        assertTrue(md.contains("region **brazil** short by"), "short regions are explained\n" + md);
        assertTrue(md.contains("  - budget 2027: over"), md);
        // The capex-by-site table sums per year, and its heading says so.
        assertTrue(md.matches("(?s).*## Capex by site and year\n\n\\*\\*Capex cash per site and year[^\n]*\n\n"
                + "\\| site \\| 2026 \\| 2027 \\| 2028 \\| horizon \\|\n.*"), md);
        assertFalse(md.contains("Capex by site and quarter"), md);

        String html = Files.readString(tmp.resolve(ReportWriter.HTML));
        int at = -1;
        for (String section : ReportWriter.SECTIONS) {
            int next = html.indexOf("<section id=\"" + section + "\"");
            assertTrue(next > at, section + " out of order");
            at = next;
        }
        assertTrue(html.contains("data-summary=\"total_cost_usd\" data-value=\"" + summary.get("total_cost_usd").asText() + "\">"
                + ReportFormat.usd(ev.totalCostUsd()) + "<"), "headline total");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.matches("(?s).*(src|href)=['\"]https?:.*"), "nothing fetched");
        assertEquals(List.of("Score 0hard/-1medium/-1soft", "Budget [hard]: -3 (1 match)", "- budget 2027: over"),
                Files.readAllLines(tmp.resolve(ReportWriter.EXPLANATION)));
        try (var files = Files.list(tmp)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void aWhatIfsReportShowsWhatWasKeptAndStrandedAndTheCostOfHindsight() throws Exception {
        Evaluation ev = PlanEvaluator.evaluate(model, demand, existingOnly());
        ObjectNode summary = RunFolder.summary(ev, RunInfo.of("ban", "x", 1, false, null));
        ObjectNode w = summary.putObject("what_if");
        w.put("mode", "held").put("decided_until", "2026Q3").put("decided_until_source", "the ban")
                .put("baseline_run", "runs/base").put("baseline_scenario", "base");
        ObjectNode h = w.putObject("hindsight");
        h.putObject("with_commitments").put("total_cost_usd", 1500).put("unmet_inferences", 7).put("feasible", true);
        h.putObject("replanned").put("total_cost_usd", 1000).put("unmet_inferences", 2).put("feasible", true);
        h.put("cost_of_commitments_usd", 500).put("unmet_of_commitments_inferences", 5);
        Quarter q3 = Quarter.parse("2026Q3");
        WhatIfTables tables = new WhatIfTables(
                List.of(new WhatIfTables.HeldRow("server", "paris", "nvidia-h200", Quarter.parse("2026Q1"), Quarter.parse("2026Q2"),
                        40, 0, 40 * 290_000.0)),
                List.of(new WhatIfTables.StrandedRow("paris", "nvidia-h200", q3, 240, 200, 40, 0, 483_333, 90_000),
                        new WhatIfTables.StrandedRow("paris", "nvidia-h200", q3.next(), 240, 200, 40, 0, 483_333, 90_000)));
        ReportWriter.Report r = ReportWriter.render(model, ev, summary, null, tables);
        int at = -1;
        for (String section : ReportWriter.whatIfSections()) {
            int next = r.html().indexOf("<section id=\"" + section + "\"");
            assertTrue(next > at, section + " out of order");
            at = next;
        }
        assertTrue(r.html().contains("data-chart=\"stranded-chart\""), "the stranded servers are drawn");
        assertTrue(r.html().contains("Made at <strong>2026Q3</strong>"));
        assertTrue(r.markdown().contains("| paris | nvidia-h200 | 2026Q3–2026Q4 | 240 | 200 | 40 | 0 | USD 966,666 | USD 180,000 |"),
                r.markdown());
        assertTrue(r.markdown().contains("| total cost | USD 1,500 | USD 1,000 | USD 500 |"), r.markdown());
        assertTrue(r.markdown().contains("| order | paris | nvidia-h200 | 2026Q1 | 2026Q2 | 40 servers | USD 11,600,000 |"),
                r.markdown());
        // a plan's report has no what-if section
        assertFalse(ReportWriter.render(model, ev, RunFolder.summary(ev, RunInfo.of("base", "x", 1, false, null)), null)
                .html().contains("<section id=\"what-if\""));
    }

    @Test
    void anInfeasiblePlanSaysWhichConstraintsAreViolated(@TempDir Path tmp) throws Exception {
        Plan noServers = new Plan(List.of(), Map.of(), Map.of());
        Evaluation ev = PlanEvaluator.evaluate(model, demand, noServers);
        assertFalse(ev.feasible());
        ReportWriter.Report r = ReportWriter.render(model, ev, RunFolder.summary(ev, RunInfo.of("base", "x", 0, false, null)), null);
        assertTrue(r.markdown().contains("| Feasible | no |"));
        assertTrue(r.markdown().contains("**violated installed_at_least_existing**"), r.markdown());
        assertTrue(r.html().contains("class=\"status bad\""));
        assertTrue(r.html().contains("<span class=\"tag bad\">installed_at_least_existing</span>"));
    }
}
