package dcplan.report;

import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.RunFolder;
import dcplan.plan.RunInfo;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * diff.md and compare.csv gain cost per workload and region, servers by site and chip and capex
 * by year against the budget, in plain numbers, and a change between two round-off slivers is no
 * change. Two run folders without a solver ({@link ExistingFleetPlans}): the baseline serves
 * France's embeddings from Frankfurt, the what-if from Paris; both leave a round-off sliver unmet.
 */
class DiffCompareViewsTest {
    @TempDir
    Path tmp;

    Path run(String name, Plan plan) throws Exception {
        Evaluation ev = PlanEvaluator.evaluate(ExistingFleetPlans.MODEL, ExistingFleetPlans.DEMAND, plan);
        Path out = tmp.resolve(name);
        RunFolder.write(out, ExistingFleetPlans.MODEL, ExistingFleetPlans.DEMAND, plan, ev, RunInfo.of(name, "x", 1, false, null));
        return out;
    }

    @Test
    void theDiffLinesUpThePlannersViewsAndBoldsOnlyRealChanges() throws Exception {
        RunDigest b = RunDigest.read(run("base", ExistingFleetPlans.plan("frankfurt", 0.01)));
        RunDigest s = RunDigest.read(run("paris", ExistingFleetPlans.plan("paris", 0.02)));
        String md = DiffReport.markdown(b, s, List.of());
        for (String title : List.of("## Cost per workload (USD per million inferences, and per million tokens)",
                "## Cost attributed per region (USD)", "## Capex by year against the budget (cash, USD)",
                "## Servers installed by site and chip, in 2028Q4")) {
            assertTrue(md.contains(title), title + "\n" + md);
        }
        // 31,536 against 63,072 inferences unmet of 1.6e11: both round-off, so no change, not bolded
        assertTrue(md.contains("| unmet inferences | 31,536 | 63,072 | 0 |"), md);
        // France's cost moves with its embeddings: a change, bolded
        assertTrue(md.matches("(?s).*\\| \\*\\*france\\*\\* \\| [0-9.]+ \\| [0-9.]+ \\| [+-][0-9.]+ % \\|.*"), md);
        assertTrue(md.contains("| **llm-chat, per M tokens** | "), md);
        assertFalse(md.contains("| recsys | n/a | n/a |"), "a workload served in neither run says nothing:\n" + md);
        assertTrue(md.contains("| 2026 | 0 | 1,600,000,000 | 0.0 % | 0 | 1,600,000,000 | 0.0 % | 0 |"), md);
        assertTrue(md.contains("| sao-paulo / nvidia-h200 | 300 | 300 | 0 |"), md);
        assertFalse(md.matches("(?s).*\\d[eE][+-]?\\d.*"), "no exponent notation:\n" + md);
        String html = DiffReport.html(b, s, List.of());
        for (String id : DiffViews.SECTIONS) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
    }

    @Test
    void compareCsvHasTheViewsInPlainNumbers() throws Exception {
        Path base = run("base", ExistingFleetPlans.plan("frankfurt", 0));
        Path paris = run("paris", ExistingFleetPlans.plan("paris", 0));
        Path out = Files.createDirectory(tmp.resolve("compare"));
        CompareReport.write(out, List.of(RunDigest.read(base), RunDigest.read(paris)));
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(out.resolve("compare.csv"));
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = p.getRecords();
        }
        assertEquals(2, rows.size());
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(base.resolve("summary.json").toFile());
        CSVRecord first = rows.get(0);
        assertEquals(summary.at("/usd_per_million_inferences_by_workload/llm-chat").asDouble(),
                Double.parseDouble(first.get("usd_per_million_inferences.workload.llm-chat")));
        assertEquals(summary.at("/usd_per_million_tokens_by_workload/llm-chat").asDouble(),
                Double.parseDouble(first.get("usd_per_million_tokens.workload.llm-chat")));
        assertEquals(summary.at("/cost_by_region_usd/france").asDouble(), Double.parseDouble(first.get("cost_usd.region.france")));
        assertEquals("300", first.get("servers.sao-paulo / nvidia-h200"));
        assertEquals("1600000000", first.get("budget_usd.2026"));
        assertEquals(summary.get("total_cost_usd").asDouble(), Double.parseDouble(first.get("total_cost_usd")));
        for (CSVRecord r : rows) {
            for (String cell : r) {
                assertFalse(cell.matches("-?[0-9.]+[eE][+-]?[0-9]+"), "exponent notation in compare.csv: " + cell);
            }
        }
        String html = Files.readString(out.resolve("compare.html"));
        assertTrue(html.contains("<table id=\"compare-usd-per-million-inferences-workload\">"), html);
        assertTrue(html.contains("<table id=\"compare-capex-usd\">"), html);
    }
}
