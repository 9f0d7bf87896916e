package dcplan.plan;

import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Workload;
import dcplan.plan.Evaluation.RegionSourcing;
import dcplan.plan.Evaluation.SourcingRow;
import dcplan.plan.Evaluation.WorkloadCost;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cost per workload and where each region is served from, on the hand case of {@link PlanFixture}
 * with chat giving 500 tokens per inference and chip a domestic.
 */
class PlanEvaluatorWorkloadTest {
    static final double SECONDS = 2190.0 * 3600.0;

    final PlanFixture fx = PlanFixture.standard();

    PlanningModel model() {
        PlanningModel m = fx.model();
        List<Workload> workloads = List.of(new Workload("chat", 100.0, 500.0), new Workload("batch", null));
        List<Chip> chips = m.chips().stream().map(c -> !c.id().equals("a") ? c : new Chip(c.id(), c.vendor(), true,
                c.serverPriceUsd(), c.serverKw(), c.idleFraction(), c.amortizationQuarters(), c.throughputIps(), c.supply(),
                c.bannedJurisdictions())).toList();
        return new PlanningModel(m.regions(), workloads, m.sites(), chips, m.policy());
    }

    Evaluation evaluate(Plan plan) {
        return PlanEvaluator.evaluate(model(), fx.demand(), plan);
    }

    static void close(double expected, double actual) {
        assertEquals(expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)));
    }

    WorkloadCost of(List<WorkloadCost> lines, String workload) {
        return lines.stream().filter(w -> w.workload().equals(workload)).findFirst().orElseThrow();
    }

    @Test
    void eachWorkloadCarriesTheCostOfTheServersItKeepsBusy() {
        // clean plan: chat alone on sp (a Q1, a Q2, b Q2, and sp's facility), batch alone on far
        Evaluation ev = evaluate(fx.clean().plan());
        WorkloadCost chat = of(ev.costByWorkload(), "chat");
        WorkloadCost batch = of(ev.costByWorkload(), "batch");
        close(21_024 * 2 + 100_000 + 5_338.125 + 5_000, chat.costUsd());   // 152,386.125
        close(15_000 + 3_153.6 + 2_500, batch.costUsd());                 // 20,653.6
        close(140 * SECONDS, chat.servedInferences());                    // avg 40 + 40 + 60
        close(40 * SECONDS, batch.servedInferences());
        close(20 * 0.5 * SECONDS, chat.unmetInferences());                // chat Q1 is 20 ips short
        close(152_386.125 / (140 * SECONDS) * 1e6, chat.usdPerMillionInferences());
        close(152_386.125 / (140 * SECONDS * 500) * 1e6, chat.usdPerMillionTokens());
        assertEquals(500.0, chat.tokensPerInference());
        assertNull(batch.usdPerMillionTokens(), "batch gives no token count");
        // one region: the region's lines are the workload lines
        close(chat.costUsd(), of(ev.costByRegionAndWorkload(), "chat").costUsd());
        assertEquals("br", ev.costByRegionAndWorkload().get(0).region());
    }

    @Test
    void workloadsShareAServerByTheirBusyServers() {
        // batch moves onto sp/a in Q2 beside chat (13 servers): busy on average chat 40/10 = 4, batch 40/20 = 2
        PlanFixture.Builder b = fx.clean().installed("sp", "a", fx.q2, 13).installed("far", "a", fx.q2, null)
                .built("sp", fx.q2, 1.0).built("far", fx.q2, 0.0);
        b.flows.removeIf(f -> f.workload().equals("batch"));
        b.flow("batch", fx.q2, "sp", "a", 40);
        Evaluation ev = evaluate(b.plan());
        assertTrue(ev.feasible(), ev.violations().toString());
        // sp/a Q2: capex 3 * 100,000 / 20 = 15,000; energy (0.4*13 + 0.6*6) * 10 / 1000 * 328,500 = 28,908
        close((15_000 + 28_908) * 2 / 6.0, of(ev.costByWorkload(), "batch").costUsd());
    }

    @Test
    void theWorkloadLinesAddUpToTheTotalAndTheServedInferences() {
        for (Plan plan : List.of(fx.clean().plan(), fx.clean().installed("sp", "b", fx.q1, 2).plan())) {
            Evaluation ev = evaluate(plan);
            close(ev.totalCostUsd(), ev.costByWorkload().stream().mapToDouble(WorkloadCost::costUsd).sum());
            close(ev.servedInferences(), ev.costByWorkload().stream().mapToDouble(WorkloadCost::servedInferences).sum());
            close(ev.unmetInferences(), ev.costByWorkload().stream().mapToDouble(WorkloadCost::unmetInferences).sum());
            close(ev.totalCostUsd(), ev.costByRegionAndWorkload().stream().mapToDouble(WorkloadCost::costUsd).sum());
            close(ev.costByRegionUsd().get("br"), ev.costByRegionAndWorkload().stream()
                    .filter(w -> w.region().equals("br")).mapToDouble(WorkloadCost::costUsd).sum());
        }
    }

    @Test
    void whereTheRegionIsServedFrom() {
        // Q2: sp/a chat avg 40 (busy 4), sp/b chat avg 60 (busy 1.5), far/a batch avg 40 (busy 2); far is in the US
        Evaluation ev = evaluate(fx.clean().plan());
        List<SourcingRow> q2 = ev.sourcing().rows().stream().filter(r -> r.quarter().equals(fx.q2)).toList();
        assertEquals(List.of("far/a", "sp/a", "sp/b"), q2.stream().map(r -> r.site() + "/" + r.chip()).toList());
        assertTrue(q2.get(0).crossBorder());
        assertFalse(q2.get(1).crossBorder());
        close(2 / 7.5, q2.get(0).shareOfBusyServers());
        RegionSourcing br2 = ev.sourcing().regions().stream().filter(r -> fx.q2.equals(r.quarter())).findFirst().orElseThrow();
        close(40 / 140.0, br2.crossBorderShareOfInferences());
        close(2 / 7.5, br2.crossBorderShareOfBusyServers());
        close(0.8, br2.familyShareOfBusyServers().get("domestic"));    // a: 4 + 2 of 7.5
        close(60 / 140.0, br2.familyShareOfInferences().get("imported"));
        RegionSourcing horizon = ev.sourcing().regions().get(ev.sourcing().regions().size() - 1);
        assertNull(horizon.quarter());
        close(180 * SECONDS, horizon.inferences());
        close(2 / 11.5, horizon.crossBorderShareOfBusyServers());       // Q1 adds sp/a busy 4
    }

    @Test
    void sourcingSharesSumToOne() {
        Evaluation ev = evaluate(fx.clean().installed("sp", "b", fx.q1, 2).flow("chat", fx.q1, "sp", "b", 20).plan());
        for (RegionSourcing r : ev.sourcing().regions()) {
            close(1.0, r.familyShareOfInferences().values().stream().mapToDouble(Double::doubleValue).sum());
            close(1.0, r.familyShareOfBusyServers().values().stream().mapToDouble(Double::doubleValue).sum());
            if (r.quarter() != null) {
                List<SourcingRow> rows = ev.sourcing().rows().stream()
                        .filter(x -> x.region().equals(r.region()) && x.quarter().equals(r.quarter())).toList();
                close(1.0, rows.stream().mapToDouble(SourcingRow::shareOfInferences).sum());
                close(1.0, rows.stream().mapToDouble(SourcingRow::shareOfBusyServers).sum());
                close(r.crossBorderShareOfBusyServers(), rows.stream().filter(SourcingRow::crossBorder)
                        .mapToDouble(SourcingRow::shareOfBusyServers).sum());
            }
        }
    }
}
