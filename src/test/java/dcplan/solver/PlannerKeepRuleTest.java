package dcplan.solver;

import dcplan.plan.Evaluation;
import dcplan.plan.EvaluationEdits;
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
        Evaluation start = EvaluationEdits.withCost(solverBest, solverBest.totalCostUsd() * (1 - 1e-14) - 5e-6);
        assertTrue(Planner.isBetter(start, solverBest), "the plain rule alone would prefer the start");
        assertFalse(Planner.startBeatsSolverBest(start, solverBest), "noise: the solver's best is written");
    }

    @Test
    void aStartCheaperBeyondRoundOffTripsTheGuardAndIsKept() {
        Evaluation solverBest = anEvaluation();
        Evaluation start = EvaluationEdits.withCost(solverBest, solverBest.totalCostUsd() * (1 - 1e-6));
        assertTrue(Planner.startBeatsSolverBest(start, solverBest), "a real saving trips the guard: the start is kept (served first, then cheaper)");
    }

    private static Evaluation anEvaluation() {
        Evaluation e = EvaluationEdits.ofASmallMipPlan();
        assertTrue(e.feasible() && e.totalCostUsd() > 0, "the fixture plan is feasible and costs something");
        return e;
    }
}
