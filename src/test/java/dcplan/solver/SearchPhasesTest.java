package dcplan.solver;

import dcplan.CommitmentModels;
import dcplan.TinyModel;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dcplan.CommitmentModels.cells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OptaPlanner owns the MW too ({@link PhaseBuild}): the search builds a whole phase ahead of its
 * servers where construction cash timing needs it, starts at the cost of a start that does, and
 * never changes the MW a what-if holds. On {@link CommitmentModels#phasedSite}: one site, phases
 * of 1 MW built in 1 quarter (paid in the quarter before it is usable), 8 MUSD / MW; 100 servers
 * of A (10 kW each, 1 MW) serve 2027Q2's cell.
 */
class SearchPhasesTest {
    private static final Quarter Q4_2026 = Quarter.parse("2026Q4");
    private static final Quarter Q1_2027 = Quarter.parse("2027Q1");
    private static final Quarter Q2_2027 = Quarter.parse("2027Q2");

    /**
     * The 2027 budget (10 MUSD) pays the 100 servers only: the phase usable from 2027Q2 would be
     * paid in 2027Q1, 2027's budget, and break it; usable from 2027Q1 it is paid in 2026Q4. So
     * the phase must be built a quarter before its servers. The search alone (no LP, no start)
     * derives the phase in 2027Q2 at first and must build it earlier.
     */
    static PlanningModel budgetedPhase() {
        TinyModel m = CommitmentModels.phasedSite("2026Q1", "2027Q2", 1, 1.0);
        m.budgets.put(2027, 10_000_000.0);
        return m.build();
    }

    @Test
    void searchBuildsAPhaseAQuarterBeforeItsServersWhenConstructionCashMustFallInTheEarlierYear() {
        PlanningModel model = budgetedPhase();
        List<DemandCell> demand = cells("2027Q2");
        Plan plan = searchAloneServesEverything(model, demand, ProblemBuilder.build(model, demand, 4));
        assertEquals(1.0, mw(plan, Q1_2027), 1e-9, "the phase usable from 2027Q1, ahead of its servers");
        assertEquals(0, plan.installed().getOrDefault(new Plan.SiteChipQuarter("s", "A", Q1_2027), 0),
                "no server in 2027Q1 carries it");
    }

    /**
     * The search alone (no LP, no start) on {@code problem}, 10,000 steps: its best breaks no
     * limit, by its score and by the evaluator, and serves everything.
     */
    static Plan searchAloneServesEverything(PlanningModel model, List<DemandCell> demand, CapacityPlan problem) {
        CapacitySolver.Result r = new CapacitySolver().solve(problem, CapacitySolver.Options.stepLimited(10000, 1));
        assertEquals(0, r.score().hardScore(), "feasible: " + r.score() + ", MW " + r.plan().itMwBuilt());
        assertEquals(0, r.score().mediumScore(), "everything served: " + r.score());
        Evaluation e = PlanEvaluator.evaluate(model, demand, r.plan());
        assertTrue(e.feasible(), "the evaluator agrees: " + e.violations());
        return r.plan();
    }

    /**
     * The construction starts at the start's cost when the start builds a phase ahead of need:
     * its MW are loaded as phase floors, so the solver's score after construction (read in USD)
     * equals the evaluator's cost of the start. The start is the MIP's plan, which builds the
     * phase in 2027Q1 with no server there.
     */
    @Test
    void constructionStartsAtTheCostOfAStartThatBuildsAPhaseAheadOfNeed() {
        PlanningModel model = budgetedPhase();
        List<DemandCell> demand = cells("2027Q2");
        Plan start = PlanLinearProgram.solve(model, demand, LpOptions.integer()).plan();
        assertEquals(1.0, mw(start, Q1_2027), 1e-9, "the start builds the phase ahead of need");
        assertEquals(0, start.installed().getOrDefault(new Plan.SiteChipQuarter("s", "A", Q1_2027), 0));
        assertTheConstructionIsTheStart(model, demand, start);
    }

    /**
     * Seeds a search with {@code start}, a feasible plan (its flows cut into chunks, its servers
     * and MW as floors) and checks that its construction is feasible, serves everything and costs
     * what the start costs, up to {@code StartChunks}' shave of busy energy.
     */
    static void assertTheConstructionIsTheStart(PlanningModel model, List<DemandCell> demand, Plan start) {
        Evaluation startEval = PlanEvaluator.evaluate(model, demand, start);
        assertTrue(startEval.feasible(), startEval.violations().toString());
        CapacityPlan problem = ProblemBuilder.build(model, demand, 20);
        StartChunks.apply(problem, start);
        PurchaseSeed.apply(problem, start);
        CapacitySolver.Result r = new CapacitySolver().solve(problem, CapacitySolver.Options.stepLimited(1, 1));
        assertEquals(0, r.constructionScore().hardScore(), "feasible at construction: " + r.constructionScore());
        assertEquals(0, r.constructionScore().mediumScore(), "everything served at construction");
        // the chunks cut to the start's flows are shaved by StartChunks.SHAVE: busy energy only
        assertEquals(startEval.totalCostUsd(), new ScoreReading(problem).costUsd(r.constructionScore()),
                StartChunks.SHAVE * startEval.cost().energy() + 1e-9 * startEval.totalCostUsd(),
                "the construction's cost is the start's");
    }

    /**
     * The plan written is the solver's best: with the phase a variable, the start (which builds
     * it ahead of its servers) no longer beats the search, so the Planner's guard does not fire.
     */
    @Test
    void plannerWritesTheSolversBestWhenTheStartBuildsAPhaseAheadOfItsServers() {
        PlanningModel model = budgetedPhase();
        List<DemandCell> demand = cells("2027Q2");
        Planner.Outcome o = new Planner().plan(model, demand, CapacitySolver.Options.stepLimited(500, 1),
                new Planner.LpLimits(Duration.ofSeconds(20), Duration.ofSeconds(20)));
        assertTrue(o.polishNote().startsWith("solver best"), o.polishNote());
        assertEquals(1.0, mw(o.search().plan(), Q1_2027), 1e-9, "the search's own best holds the phase");
        assertEquals(0, o.search().plan().installed().getOrDefault(new Plan.SiteChipQuarter("s", "A", Q1_2027), 0));
    }

    /**
     * A what-if decided at 2027Q1 holds the baseline's phase usable from 2027Q1 (its construction
     * started in 2026Q4): there is no phase build before 2027Q2, and the MW in 2027Q1 stay 1 even
     * when the what-if's demand is gone, while nothing more is built.
     */
    @Test
    void heldMwAreNotSearchedAndNeverChangeInAWhatIf() {
        PlanningModel model = budgetedPhase();
        Plan baseline = PlanLinearProgram.solve(model, cells("2027Q2"), LpOptions.integer()).plan();
        assertEquals(1.0, mw(baseline, Q1_2027), 1e-9, "the baseline builds the phase in 2027Q1");
        Commitments held = Commitments.of(model, baseline, model, Q1_2027);
        List<DemandCell> whatIfDemand = List.of(TinyModel.cell("2027Q2", 800, 400));
        CapacityPlan problem = ProblemBuilder.build(model, whatIfDemand, 8, held);
        assertFalse(problem.getPhaseBuilds().isEmpty(), "phases may still be built from 2027Q2");
        assertTrue(problem.getPhaseBuilds().stream().allMatch(b -> b.quarter().quarter().compareTo(Q2_2027) >= 0),
                "no phase build in a held quarter: " + problem.getPhaseBuilds());
        Planner.Outcome o = new Planner().plan(model, whatIfDemand, problem, CapacitySolver.Options.stepLimited(500, 1),
                new Planner.LpLimits(Duration.ofSeconds(20), Duration.ofSeconds(20)), held);
        assertEquals(0.0, mw(o.plan(), Q4_2026), 1e-9);
        assertEquals(1.0, mw(o.plan(), Q1_2027), 1e-9, "held, though nothing needs it yet");
        assertEquals(1.0, mw(o.plan(), Q2_2027), 1e-9, "no more than held: 10 servers fit in it");
        assertTrue(PlanEvaluator.evaluate(model, whatIfDemand, o.plan(), held).feasible(), "keeps the commitments");
    }

    private static double mw(Plan plan, Quarter q) {
        return plan.itMwBuilt().getOrDefault(new Plan.SiteQuarter("s", q), 0.0);
    }
}
