package dcplan.solver;

import dcplan.TinyModel;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dcplan.CommitmentModels.cells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OptaPlanner owns the MW at a site whose MW are continuous too (contract version 1, no
 * {@code phase_mw}; {@link PhaseBuild} in watts): where a year's budget cannot pay the servers
 * and their MW together, the search builds the MW ahead in the earlier year, starts at the cost
 * of a start that does (relax-and-fix's and the MIP's plans do), and that start no longer beats
 * the solver's best. Before, the search derived continuous MW from the servers alone: it read
 * such a start with its MW moved into the servers' year, over that year's budget (small mixed v1
 * #2: 107.8 M USD over in 2027), and the planner wrote the start.
 *
 * <p>The model: one site s (XX) with no MW yet, up to 10 MW at 8 MUSD / MW, no construction
 * lead (MW are paid in the quarter they are first usable), 2026Q1-2027Q2; 100 servers of A (10 kW
 * each: 1 MW, 10 MUSD) serve 2027Q2's cell. 2026 is not budgeted; 2027's budget pays the servers
 * and at most a little of their MW.
 */
class SearchMwAheadTest {
    private static final Quarter Q4_2026 = Quarter.parse("2026Q4");
    private static final Quarter Q1_2027 = Quarter.parse("2027Q1");
    private static final Quarter Q2_2027 = Quarter.parse("2027Q2");

    static PlanningModel budgetedContinuousMw(double budget2027) {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 0, 10, 8e6, Map.of()).chip("A", 100_000, 100, null, List.of());
        m.from = Quarter.parse("2026Q1");
        m.to = Q2_2027;
        m.budgets.put(2027, budget2027);
        return m.build();
    }

    /**
     * 2027's budget (10 MUSD) pays the servers only, so their 1 MW must be usable by 2026Q4. The
     * search alone (no LP, no start) derives the MW in 2027Q2 at first and must build them ahead.
     */
    @Test
    void searchBuildsContinuousMwAheadOfItsServersWhenTheirCashMustFallInTheEarlierYear() {
        PlanningModel model = budgetedContinuousMw(10_000_000.0);
        List<DemandCell> demand = cells("2027Q2");
        CapacityPlan problem = ProblemBuilder.build(model, demand, 4);
        assertTrue(problem.getPhaseBuilds().stream().allMatch(b -> b.unitWatts() == 1),
                "MW ahead counted in watts: " + problem.getPhaseBuilds());
        Plan plan = SearchPhasesTest.searchAloneServesEverything(model, demand, problem);
        assertEquals(1.0, mw(plan, Q4_2026), 1e-9, "the MW usable (and paid) from 2026Q4, the last quarter of 2026");
        assertEquals(0, plan.installed().getOrDefault(new Plan.SiteChipQuarter("s", "A", Q1_2027), 0),
                "no server before 2027Q2 draws them");
    }

    @Test
    void withoutAFiniteBudgetContinuousMwFollowTheServers() {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 0, 10, 8e6, Map.of()).chip("A", 100_000, 100, null, List.of());
        assertTrue(ProblemBuilder.build(m.build(), cells("2026Q2"), 4).getPhaseBuilds().isEmpty(),
                "ahead of the servers, continuous MW only move cash between years");
    }

    /**
     * The construction starts at the start's cost when the start builds continuous MW ahead of
     * need: its MW beyond what its servers draw are loaded as floors, so the solver's score after
     * construction (read in USD) equals the evaluator's cost of the start, within the budget.
     * With 10.5 MUSD in 2027 the MIP's plan builds 0.9375 MW in 2026Q4 and the last 0.0625 MW
     * (0.5 MUSD) with the servers.
     */
    @Test
    void constructionStartsAtTheCostOfAStartThatBuildsContinuousMwAheadOfNeed() {
        PlanningModel model = budgetedContinuousMw(10_500_000.0);
        List<DemandCell> demand = cells("2027Q2");
        Plan start = PlanLinearProgram.solve(model, demand, LpOptions.integer()).plan();
        assertEquals(0.9375, mw(start, Q4_2026), 1e-9, "the start builds MW ahead of need");
        assertEquals(0, start.installed().getOrDefault(new Plan.SiteChipQuarter("s", "A", Q4_2026), 0));
        SearchPhasesTest.assertTheConstructionIsTheStart(model, demand, start); // within the 2027 budget
    }

    /**
     * The plan written is the solver's best, and as cheap as the MIP's: the start (the relaxation
     * rounded, its MW ahead kept as floors) does not beat it. Before, the rounding also derived
     * continuous MW from the servers, trimmed the servers to the 2027 budget and served nothing.
     */
    @Test
    void plannerWritesTheSolversBestWhenTheStartBuildsContinuousMwAheadOfItsServers() {
        PlanningModel model = budgetedContinuousMw(10_500_000.0);
        List<DemandCell> demand = cells("2027Q2");
        Planner.Outcome o = new Planner().plan(model, demand, CapacitySolver.Options.stepLimited(500, 1),
                new Planner.LpLimits(Duration.ofSeconds(20), Duration.ofSeconds(20)));
        assertTrue(o.polishNote().startsWith("solver best"), o.polishNote());
        assertEquals(0.9375, mw(o.search().plan(), Q4_2026), 1e-6, "the search's own best holds the MW ahead");
        assertTrue(o.evaluation().feasible(), o.evaluation().violations().toString());
        assertEquals(0.0, o.evaluation().unmetInferences(), 1.0, "everything served");
        double optimum = PlanEvaluator.evaluate(model, demand, PlanLinearProgram.solve(model, demand, LpOptions.integer()).plan())
                .totalCostUsd();
        assertEquals(optimum, o.evaluation().totalCostUsd(), 1e-6 * optimum, "as cheap as the MIP's plan");
    }

    private static double mw(Plan plan, Quarter q) {
        return plan.itMwBuilt().getOrDefault(new Plan.SiteQuarter("s", q), 0.0);
    }
}
