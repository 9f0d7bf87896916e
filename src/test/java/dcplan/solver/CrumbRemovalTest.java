package dcplan.solver;

import dcplan.TinyModel;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.ReportThresholds;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-worked crumbs. Chip A: 100 ips per server, 10 kW; u = 0.8, so a server carries 80 peak
 * ips. Sites a and b alike (10 ms from the region, 100 USD/MWh, PUE 1), 2 MW existing, up to 3 MW
 * at 1e7 USD per MW.
 */
class CrumbRemovalTest {
    static final Quarter Q1 = Quarter.parse("2026Q1");
    static final Quarter Q2 = Quarter.parse("2026Q2");
    /** Nothing held: no lead times in these models, no commitments. */
    static final java.util.function.Function<PlanningModel, dcplan.plan.HeldLevels> NONE =
            m -> dcplan.plan.HeldLevels.of(m, dcplan.plan.Commitments.NONE);

    static PlanningModel model(double existingMwAtA) {
        return TinyModel.oneRegion().site("a", "XX", existingMwAtA, 3, 1e7, Map.of()).site("b", "XX", 2, 3, 1e7, Map.of())
                .chip("A", 10_000, 100, null, null).build();
    }

    static Plan.Flow flow(Quarter q, String site, double peak) {
        return new Plan.Flow("r", "chat", q, site, "A", peak, peak / 2);
    }

    static Plan.SiteChipQuarter at(String site, Quarter q) {
        return new Plan.SiteChipQuarter(site, "A", q);
    }

    static Evaluation evaluate(PlanningModel m, List<DemandCell> demand, Plan p) {
        return PlanEvaluator.evaluate(m, demand, p);
    }

    /** 10,000 ips in Q1: a carries 9,950 on 125 servers (room for 50 more), b a crumb of 50 on 1 server. */
    static Plan crumbOfFiftyAtB() {
        return new Plan(List.of(flow(Q1, "a", 9_950), flow(Q1, "b", 50)),
                Map.of(at("a", Q1), 125, at("b", Q1), 1, at("a", Q2), 125, at("b", Q2), 1), Map.of());
    }

    /** The crumb of {@link #crumbOfFiftyAtB}. */
    @Test
    void aCrumbFlowMergesIntoTheCellsOtherFlowWhereItHasRoomAndItsServerGoes() {
        PlanningModel m = model(2);
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 10_000, 5_000));
        Plan plan = crumbOfFiftyAtB();
        Evaluation before = evaluate(m, demand, plan);
        assertTrue(before.feasible(), before.violations().toString());
        assertEquals(1, CrumbRemoval.crumbFlows(demand, plan));

        CrumbRemoval.Result r = CrumbRemoval.tidy(m, demand, plan, before, NONE.apply(m), p -> evaluate(m, demand, p), Planner::isNoWorse, p -> null);
        assertEquals(0, CrumbRemoval.crumbFlows(demand, r.plan()), r.plan().flows().toString());
        assertEquals(List.of(new Plan.Flow("r", "chat", Q1, "a", "A", 10_000, 5_000)), r.plan().flows());
        assertEquals(null, r.plan().installed().get(at("b", Q1)), "b's server carried only the crumb: trimmed");
        assertTrue(r.evaluation().feasible());
        // b's server: 10,000 / 20 capex per quarter for two quarters, and its idle draw, saved
        assertTrue(r.evaluation().totalCostUsd() < before.totalCostUsd() - 2 * 500, r.evaluation().totalCostUsd() + " vs " + before.totalCostUsd());
        assertTrue(r.note().contains("1 of 1 crumb flows merged"), r.note());
    }

    /**
     * The deadline passing between the check before the merge and the merge's first try ends the
     * tidy before that try is evaluated (each try is an evaluation, seconds on large instances):
     * the plan as it was, said in the note.
     */
    @Test
    void aDeadlinePassedBeforeAMergeTryEndsTheTidyWithoutEvaluatingIt() {
        PlanningModel m = model(2);
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 10_000, 5_000));
        Plan plan = crumbOfFiftyAtB();
        Evaluation before = evaluate(m, demand, plan);
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger evaluations = new java.util.concurrent.atomic.AtomicInteger();

        CrumbRemoval.Result r = CrumbRemoval.tidy(m, demand, plan, before, NONE.apply(m), p -> {
            evaluations.incrementAndGet();
            return evaluate(m, demand, p);
        }, Planner::isNoWorse, p -> null, () -> checks.incrementAndGet() > 1);
        assertEquals(0, evaluations.get(), "no merge try evaluated once the deadline passed");
        assertEquals(plan, r.plan());
        assertTrue(r.note().contains("stopped at the deadline"), r.note());
    }

    @Test
    void aCrumbWithoutRoomElsewhereStays() {
        PlanningModel m = model(2);
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 10_000, 5_000));
        // a: 9,940 on 125 servers leaves room for 60; the crumb is 60.5
        Plan plan = new Plan(List.of(flow(Q1, "a", 9_940), flow(Q1, "b", 60.5)),
                Map.of(at("a", Q1), 125, at("b", Q1), 1), Map.of());
        Plan merged = CrumbRemoval.mergedCrumbs(m, demand, plan, true);
        assertEquals(1, CrumbRemoval.crumbFlows(demand, merged));
        assertEquals(plan.flows(), merged.flows());
    }

    /**
     * a has 1.0 MW: 100 servers fit. Q2 needs 80.5 busy servers there, so the plan buys a 101st
     * server and 0.01 MW (a crumb) for it; b has 10 servers carrying 200 ips (room for 600).
     */
    @Test
    void aCrumbMwIncrementIsAvoidedByMovingAFewServersLoadToIdleCapacity() {
        PlanningModel m = model(1.0);
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 8_200, 4_100), TinyModel.cell("2026Q2", 8_250, 4_125));
        Plan plan = new Plan(List.of(flow(Q1, "a", 8_000), flow(Q1, "b", 200), flow(Q2, "a", 8_050), flow(Q2, "b", 200)),
                Map.of(at("a", Q1), 100, at("a", Q2), 101, at("b", Q1), 10, at("b", Q2), 10),
                Map.of(new Plan.SiteQuarter("a", Q2), 1.01));
        Evaluation before = evaluate(m, demand, plan);
        assertTrue(before.feasible(), before.violations().toString());
        List<CrumbRemoval.MwCrumb> crumbs = CrumbRemoval.mwCrumbs(m, plan);
        assertEquals(1, crumbs.size());
        assertEquals(0.01, crumbs.get(0).addedMw(), 1e-12);

        Plan without = CrumbRemoval.withoutMwCrumb(m, plan, crumbs.get(0), NONE.apply(m));
        assertEquals(100, without.installed().get(at("a", Q2)));
        assertEquals(1.0, without.itMwBuilt().get(new Plan.SiteQuarter("a", Q2)));
        double atB = without.flows().stream().filter(f -> f.quarter().equals(Q2) && f.site().equals("b"))
                .mapToDouble(Plan.Flow::peakIps).sum();
        assertEquals(250, atB, 1e-9, "the 50 ips over a's 100 servers moved to b");
        Evaluation after = evaluate(m, demand, without);
        assertTrue(after.feasible(), after.violations().toString());
        assertEquals(before.unmetInferences(), after.unmetInferences(), 1e-6);
        // one server (500 per quarter) and 0.01 MW (1e5 / 60 per quarter) less in Q2; energy moves between like sites
        assertTrue(after.totalCostUsd() < before.totalCostUsd(), after.totalCostUsd() + " vs " + before.totalCostUsd());
        CrumbRemoval.Result r = CrumbRemoval.tidy(m, demand, plan, before, NONE.apply(m), p -> evaluate(m, demand, p), Planner::isNoWorse, p -> null);
        assertTrue(r.note().startsWith("a +0.0100 MW in 2026Q2 avoided"), r.note());
        assertTrue(CrumbRemoval.mwCrumbs(m, r.plan()).isEmpty());
    }

    /**
     * The crumb's load can only go where other load must first make way: a's 101st server carries
     * chat (SLO 100 ms), b is full of batch, c (150 ms away) is idle but too far for chat. The LP's
     * re-split over the servers left moves 50 batch ips from b to c and 50 chat ips from a to b.
     */
    @Test
    void whereTheLoadFindsNoRoomTheDemandIsReSplitOverTheServersLeft() {
        TinyModel t = TinyModel.oneRegion();
        t.workloads.add(new dcplan.model.Workload("batch", null));
        for (String id : List.of("a", "b", "c")) {
            t.sites.add(new dcplan.model.Site(id, id, "XX", "XX", Map.of("r", id.equals("c") ? 150.0 : 10.0),
                    id.equals("a") ? 1.0 : 2.0, 3, 1e7, null, 100.0, 1.0, Map.of()));
        }
        t.chips.add(new dcplan.model.Chip("A", "v", false, 10_000, 10.0, 0.5, 20, Map.of("chat", 100.0, "batch", 100.0),
                dcplan.model.Chip.Supply.UNLIMITED, List.of()));
        PlanningModel m = t.build();
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q2", 8_050, 4_025),
                new DemandCell("r", "batch", Q2, 800, 400));
        Plan plan = new Plan(List.of(flow(Q2, "a", 8_050), new Plan.Flow("r", "batch", Q2, "b", "A", 800, 400)),
                Map.of(at("a", Q1), 100, at("a", Q2), 101, at("b", Q1), 10, at("b", Q2), 10, at("c", Q1), 10, at("c", Q2), 10),
                Map.of(new Plan.SiteQuarter("a", Q2), 1.01));
        Evaluation before = evaluate(m, demand, plan);
        assertTrue(before.feasible(), before.violations().toString());
        CrumbRemoval.MwCrumb crumb = CrumbRemoval.mwCrumbs(m, plan).get(0);
        assertNull(CrumbRemoval.withoutMwCrumb(m, plan, crumb, NONE.apply(m)), "no room for chat where it may go");

        CrumbRemoval.Result r = CrumbRemoval.tidy(m, demand, plan, before, NONE.apply(m), p -> evaluate(m, demand, p), Planner::isNoWorse,
                p -> dcplan.solver.lp.PlanLinearProgram.polishDispatch(m, demand, p,
                        dcplan.solver.lp.LpOptions.relaxed().withTimeLimit(java.time.Duration.ofSeconds(30))).plan());
        assertTrue(r.note().startsWith("a +0.0100 MW in 2026Q2 avoided"), r.note());
        assertEquals(100, r.plan().installed().get(at("a", Q2)));
        assertEquals(before.unmetInferences(), r.evaluation().unmetInferences(), 1e-3);
        assertTrue(r.evaluation().totalCostUsd() < before.totalCostUsd());
    }

    /** The same crumb, but the 101st server was ordered before the what-if's decided_until (lead 1): it stays. */
    @Test
    void aCommittedServerIsNeverDropped() {
        TinyModel t = TinyModel.oneRegion().site("a", "XX", 1.0, 3, 1e7, Map.of("A", 100)).site("b", "XX", 2, 3, 1e7, Map.of());
        t.chips.add(new dcplan.model.Chip("A", "v", false, 10_000, 10.0, 0.5, 20, Map.of("chat", 100.0),
                dcplan.model.Chip.Supply.UNLIMITED, List.of(), 1));
        PlanningModel m = t.build();
        Plan plan = new Plan(List.of(flow(Q1, "a", 8_000), flow(Q2, "a", 8_050)),
                Map.of(at("a", Q1), 100, at("a", Q2), 101, at("b", Q2), 10), Map.of(new Plan.SiteQuarter("a", Q2), 1.01));
        CrumbRemoval.MwCrumb crumb = CrumbRemoval.mwCrumbs(m, plan).get(0);
        assertTrue(CrumbRemoval.withoutMwCrumb(m, plan, crumb, NONE.apply(m)) != null, "free to drop without commitments");
        dcplan.plan.HeldLevels held = dcplan.plan.HeldLevels.of(m, dcplan.plan.Commitments.of(m, plan, m, Q2));
        assertNull(CrumbRemoval.withoutMwCrumb(m, plan, crumb, held), "ordered in Q1 for Q2: committed");
        assertNull(CrumbRemoval.serversDropped(m, plan, crumb, held));
    }

    @Test
    void aCrumbMwIncrementStaysWhenNoIdleCapacityCanTakeTheLoad() {
        PlanningModel m = model(1.0);
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q2", 8_050, 4_025));
        Plan plan = new Plan(List.of(flow(Q2, "a", 8_050)), Map.of(at("a", Q2), 101), Map.of(new Plan.SiteQuarter("a", Q2), 1.01));
        assertNull(CrumbRemoval.withoutMwCrumb(m, plan, CrumbRemoval.mwCrumbs(m, plan).get(0), NONE.apply(m)));
    }

    @Test
    void noFlowOfATidiedPlanIsACrumbWhereTheCellHasRoomElsewhere() {
        // 20,000 ips in each quarter: a carries most of it on 250 servers (2.5 MW built), b a crumb on one server
        PlanningModel m = model(2);
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 20_000, 10_000), TinyModel.cell("2026Q2", 20_000, 10_000));
        Plan plan = new Plan(List.of(flow(Q1, "a", 19_960), flow(Q1, "b", 40), flow(Q2, "a", 19_930), flow(Q2, "b", 70)),
                Map.of(at("a", Q1), 250, at("b", Q1), 1, at("a", Q2), 250, at("b", Q2), 1),
                Map.of(new Plan.SiteQuarter("a", Q1), 2.5, new Plan.SiteQuarter("a", Q2), 2.5));
        Evaluation before = evaluate(m, demand, plan);
        assertTrue(before.feasible(), before.violations().toString());
        assertEquals(2, CrumbRemoval.crumbFlows(demand, plan));
        CrumbRemoval.Result r = CrumbRemoval.tidy(m, demand, plan, before, NONE.apply(m), p -> evaluate(m, demand, p), Planner::isNoWorse, p -> null);
        assertTrue(r.evaluation().feasible());
        for (Plan.Flow f : r.plan().flows()) {
            assertTrue(!ReportThresholds.isCrumbFlow(f.peakIps(), 20_000), "a crumb is left: " + f);
        }
        assertTrue(r.evaluation().totalCostUsd() <= before.totalCostUsd());
    }
}
