package dcplan.solver;

import dcplan.TinyModel;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OptaPlanner owns the purchases (issue 11): the search buys ahead of need, holds what
 * commitments hold, and the plan written is its best solution.
 */
class SearchPurchasesTest {
    private static final Quarter Q1 = Quarter.parse("2026Q1");
    private static final Quarter Q2 = Quarter.parse("2026Q2");

    /** One site, one chip of 10 kW, 100 chat ips a server (80 at u = 0.8), 10 servers a quarter. */
    private static TinyModel supplyTen() {
        return TinyModel.oneRegion().site("s", "XX", 10, 10, 10_000_000, Map.of()).chip("c", 100_000, 100, 10L, List.of());
    }

    /**
     * 8 servers needed in 2026Q1, 20 in 2026Q2, 10 deliverable a quarter: only buying 2 ahead of
     * need in 2026Q1 serves everything. The search alone (no LP) starts from servers derived from
     * the routes, 8 then 20 (2 over supply, or demand left unmet), and must find the purchase.
     */
    @Test
    void solverBuysAheadOfNeedWhenSupplyBindsLater() {
        PlanningModel model = supplyTen().build();
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 640, 300), TinyModel.cell("2026Q2", 1600, 800));
        CapacityPlan problem = ProblemBuilder.build(model, demand, 20);
        CapacitySolver.Result r = new CapacitySolver().solve(problem, CapacitySolver.Options.stepLimited(20000, 1));
        assertEquals(0, r.score().hardScore(), "feasible: " + r.score());
        assertEquals(0, r.score().mediumScore(), "everything served: " + r.score());
        assertEquals(10, r.plan().installed().get(new Plan.SiteChipQuarter("s", "c", Q1)), "2 bought ahead of need");
        assertEquals(20, r.plan().installed().get(new Plan.SiteChipQuarter("s", "c", Q2)));
    }

    /** Purchases exist only where servers may be added: none before the commitments' end. */
    @Test
    void heldServersAreNotSearchedAndNeverChange() {
        TinyModel m = supplyTen();
        PlanningModel model = m.build();
        Plan baseline = new Plan(List.of(), Map.of(new Plan.SiteChipQuarter("s", "c", Q1), 5,
                new Plan.SiteChipQuarter("s", "c", Q2), 5), Map.of());
        Commitments held = Commitments.of(model, baseline, model, Q2);
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 160, 80), TinyModel.cell("2026Q2", 1200, 600));
        CapacityPlan problem = ProblemBuilder.build(model, demand, 8, held);
        assertTrue(problem.getPurchases().stream().allMatch(p -> p.quarter().quarter().compareTo(Q2) >= 0),
                "no purchase in the held quarter: " + problem.getPurchases());
        Planner.Outcome o = new Planner().plan(model, demand, problem, CapacitySolver.Options.stepLimited(500, 1),
                new Planner.LpLimits(Duration.ofSeconds(20), Duration.ofSeconds(20)), held);
        assertEquals(5, o.plan().installed().get(new Plan.SiteChipQuarter("s", "c", Q1)), "held, though 2 would do");
        assertTrue(o.plan().installed().get(new Plan.SiteChipQuarter("s", "c", Q2)) >= 15, o.plan().installed().toString());
    }

    /**
     * The plan written is the solver's best solution: its installed servers (the purchases and the
     * need of the best solution's routes) are exactly the plan's; only the flows are re-split.
     */
    @Test
    void planWrittenIsTheSolversBestSolution() {
        RandomInstances.Instance inst = RandomInstances.generate(3, 5, 3, 3, 8, 2);
        Planner.Outcome o = new Planner().plan(inst.model(), inst.demand(), CapacitySolver.Options.stepLimited(500, 1),
                new Planner.LpLimits(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        assertTrue(o.polishNote().startsWith("solver best"), o.polishNote());
        Plan best = PlanExtractor.extract(o.search().solution());
        assertEquals(best.installed(), o.plan().installed());
        assertEquals(best.itMwBuilt(), o.plan().itMwBuilt());
    }
}
