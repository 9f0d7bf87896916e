package dcplan.solver;

import dcplan.plan.Evaluation;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Planner's guard ({@link Planner#startBeatsSolverBest}): the plan written is the solver's
 * best, and the start only if it beats that beyond round-off, which the search (starting at the
 * start's cost, servers and phases included) should never let happen; then the start is written,
 * served first, and the Planner warns. That it no longer fires where a start builds a phase ahead
 * of its servers is {@code SearchPhasesTest.plannerWritesTheSolversBestWhenTheStartBuildsAPhaseAheadOfItsServers}.
 */
class PlannerKeepRuleTest {

    @Test
    void floatNoiseInTheCostDoesNotOverruleTheSolversBest() {
        Evaluation solverBest = anEvaluation();
        // the same plan summed in another order: cheaper by a few micro-dollars (seen on the sample)
        Evaluation start = withCost(solverBest, solverBest.totalCostUsd() * (1 - 1e-14) - 5e-6);
        assertTrue(Planner.isBetter(start, solverBest), "the plain rule alone would prefer the start");
        assertFalse(Planner.startBeatsSolverBest(start, solverBest), "noise: the solver's best is written");
    }

    @Test
    void aStartCheaperBeyondRoundOffTripsTheGuardAndIsKept() {
        Evaluation solverBest = anEvaluation();
        Evaluation start = withCost(solverBest, solverBest.totalCostUsd() * (1 - 1e-6));
        assertTrue(Planner.startBeatsSolverBest(start, solverBest), "a real saving trips the guard: the start is kept (served first, then cheaper)");
    }

    private static Evaluation anEvaluation() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        LpResult mip = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer());
        Evaluation e = PlanEvaluator.evaluate(inst.model(), inst.demand(), mip.plan());
        assertTrue(e.feasible() && e.totalCostUsd() > 0, "the fixture plan is feasible and costs something");
        return e;
    }

    /** {@code e} with its energy term moved so that its total is {@code total}; all else the same. */
    private static Evaluation withCost(Evaluation e, double total) {
        Evaluation.CostTerms c = e.cost();
        Evaluation.CostTerms moved = new Evaluation.CostTerms(c.serverCapexAmortized(), c.facilityCapexAmortized(),
                c.energy() + (total - e.totalCostUsd()));
        return new Evaluation(e.feasible(), e.violations(), e.servedInferences(), e.unmetInferences(), moved,
                e.usdPerMillionInferences(), e.costByQuarter(), e.costBySite(), e.costByChip(), e.costByRegionUsd(),
                e.unattributedToRegionsUsd(), e.unattributedToChipsUsd(), e.usdPerMillionBySite(), e.usdPerMillionByChip(),
                e.usdPerMillionByRegion(), e.cells(), e.regions(), e.capexByYear(), e.bindingLimits(), e.warnings(),
                e.tables(), e.costByWorkload(), e.costByRegionAndWorkload(), e.sourcing());
    }
}
