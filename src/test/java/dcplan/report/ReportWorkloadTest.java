package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.RunFolder;
import dcplan.plan.RunInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner's views in the report, on the sample model without a solver: the existing servers
 * serve Brazil's chat from Sao Paulo and France's embeddings from Frankfurt (across the border);
 * every other existing server idles, so its cost is shared out by the fallback rule.
 */
class ReportWorkloadTest {
    final PlanningModel model = ExistingFleetPlans.MODEL;
    final List<DemandCell> demand = ExistingFleetPlans.DEMAND;

    Plan plan(double shortIps) {
        return ExistingFleetPlans.plan("frankfurt", shortIps);
    }

    ObjectNode summary(Evaluation ev) {
        return RunFolder.summary(ev, RunInfo.of("base", "x", 1, false, null));
    }

    @Test
    void theWorkloadTableAddsUpToTheBlendedFigure() {
        Evaluation ev = PlanEvaluator.evaluate(model, demand, plan(0));
        assertTrue(ev.feasible(), ev.violations().toString());
        ObjectNode s = summary(ev);
        double cost = 0;
        double served = 0;
        for (JsonNode w : s.get("cost_by_workload")) {
            cost += w.get("cost_usd").asDouble();
            served += w.get("served_inferences").asDouble();
        }
        double total = s.get("total_cost_usd").asDouble();
        assertEquals(total, cost, 1e-9 * total, "workload costs add up to the total");
        assertEquals(s.get("served_inferences").asDouble(), served, 1e-9 * served, "and the inferences to those served");
        // chat carries the idle fleet's cost by its busy servers: about 14 of its servers against 1.3 for embeddings
        double chat = s.at("/usd_per_million_inferences_by_workload/llm-chat").asDouble();
        double embedding = s.at("/usd_per_million_inferences_by_workload/embedding").asDouble();
        assertTrue(chat > 100 * embedding, chat + " vs " + embedding);
        assertEquals(chat / 400, s.at("/usd_per_million_tokens_by_workload/llm-chat").asDouble(), 1e-12 * chat);
        assertFalse(s.get("usd_per_million_tokens_by_workload").has("embedding"), "no tokens for embeddings");
        assertEquals(chat, s.at("/usd_per_million_inferences_by_region_and_workload/brazil/llm-chat").asDouble(), 1e-12 * chat);

        String md = ReportWriter.render(model, ev, s, null).markdown();
        String headline = md.substring(md.indexOf("## Headline"), md.indexOf("| figure | value |"));
        assertTrue(headline.contains("**Cost per workload**"), "the workload table opens the headline:\n" + headline);
        assertTrue(headline.contains("| blended, all workloads | " + ReportFormat.usdPerMillion(ev.usdPerMillionInferences())
                + " | n/a | " + ReportFormat.usd(total) + " | 100.0 % |"), headline);
        assertTrue(md.contains("| Cost per million inferences (blended, all workloads) | "), md);
        assertTrue(headline.contains("| llm-chat | " + ReportFormat.usdPerMillion(chat) + " | "
                + ReportFormat.usdPerMillion(chat / 400) + " |"), headline);
    }

    @Test
    void roundOffUnmetShowsAsZero() {
        // 0.01 ips of 50,000 left unserved: 31,536 inferences, a fifth of a millionth of the cell
        Evaluation ev = PlanEvaluator.evaluate(model, demand, plan(0.01));
        assertEquals(0.01 * 0.4 * 2190 * 3600, ev.unmetInferences(), 1e-3);
        String md = ReportWriter.render(model, ev, summary(ev), null).markdown();
        assertTrue(md.contains("| Unmet inferences | 0 (0.00 %) |"), md);
        assertTrue(md.contains("1 cell with less than a millionth of its peak unmet"), md);
        // a real shortage (1 % of the cell) is shown
        Evaluation short1 = PlanEvaluator.evaluate(model, demand, plan(500));
        String md1 = ReportWriter.render(model, short1, summary(short1), null).markdown();
        assertTrue(md1.contains("| Unmet inferences | " + ReportFormat.count(short1.unmetInferences())), md1);
    }

    @Test
    void whereEachRegionIsServedFromAndNoSupplySentenceForAChipNotBought() {
        Evaluation ev = PlanEvaluator.evaluate(model, demand, plan(0));
        ObjectNode s = summary(ev);
        for (JsonNode r : s.get("sourcing_by_region")) {
            double fam = 0;
            for (JsonNode v : r.get("chip_family_share_of_busy_servers")) {
                fam += v.asDouble();
            }
            assertEquals(1.0, fam, 1e-12, r.toString());
            double expected = r.get("region").asText().equals("france") ? 1.0 : 0.0; // Frankfurt is in DE
            assertEquals(expected, r.get("cross_border_share_of_busy_servers").asDouble(), 0.0, r.toString());
        }
        String md = ReportWriter.render(model, ev, s, null).markdown();
        assertTrue(md.contains("## Where each region is served from"), md);
        assertTrue(md.contains("| france | 2027Q3 | frankfurt (DE) | nvidia-h200 | imported | yes |"), md);
        // the sample's H20 has no supply from 2026Q3, but this plan buys no H20: nothing binds there
        assertFalse(s.get("binding_limits").toString().contains("nvidia-h20"), s.get("binding_limits").toString());
    }
}
