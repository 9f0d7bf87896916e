package dcplan.solver;

import dcplan.plan.Plan;
import dcplan.solver.lp.CostBreakdown;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly one thread crosses SCIP's served-phase plan with the main thread's starts, once:
 * whichever of the two is ready second, or the main thread after its first search where the served
 * phase ends during it.
 */
class CrossoverHandOffTest {

    private static final CrossoverHandOff.ServedPhase SERVED_PHASE = new CrossoverHandOff.ServedPhase(
            new LpResult(new Plan(List.of(), Map.of(), Map.of()), Map.of(), Map.of(), 1.0, 0.0, Double.NaN,
                    new CostBreakdown(1.0, 0, 0), LpStatus.FEASIBLE, false, false, 0.1, ""), null);
    private static final List<StartingPlans.Start> STARTS = List.of(
            new StartingPlans.Start("rounded", new Plan(List.of(), Map.of(), Map.of()), null));

    private static final Predicate<List<StartingPlans.Start>> WORTH_IT = starts -> true;

    @Test
    void theServedPhaseEndingFirstLeavesTheCrossoversToTheMainThread() {
        CrossoverHandOff handOff = new CrossoverHandOff();
        assertEquals(CrossoverHandOff.OnServedPhase.NOTHING, handOff.servedPhaseEnded(SERVED_PHASE, WORTH_IT),
                "no starts yet: the MIP's thread goes on to its cost phase");
        assertSame(SERVED_PHASE, handOff.startsReady(STARTS), "the main thread crosses them");
        assertEquals(CrossoverHandOff.OnServedPhase.NOTHING, handOff.servedPhaseEnded(SERVED_PHASE, WORTH_IT),
                "taken: never a second time");
    }

    @Test
    void theStartsReadyFirstLeaveTheCrossoversToTheMipsThread() {
        CrossoverHandOff handOff = new CrossoverHandOff();
        assertNull(handOff.startsReady(STARTS), "no served phase's plan yet: the main thread goes on to its first search");
        assertSame(STARTS, handOff.servedPhaseEnded(SERVED_PHASE, WORTH_IT).toCross(),
                "the main thread not searching: the MIP's thread crosses them before its cost phase");
        assertNull(handOff.startsReady(STARTS), "taken: never a second time");
        assertNull(handOff.firstSearchEnded(), "taken: the main thread has nothing to cross after its search");
        assertEquals(Map.of(), handOff.crossedOnMipThread(), "nothing crossed until the MIP's thread says so");
    }

    @Test
    void theServedPhaseEndingDuringTheFirstSearchHandsTheCrossoversToTheMainThread() {
        CrossoverHandOff handOff = new CrossoverHandOff();
        assertNull(handOff.startsReady(STARTS));
        handOff.firstSearchBegins();
        CrossoverHandOff.OnServedPhase todo = handOff.servedPhaseEnded(SERVED_PHASE, WORTH_IT);
        assertTrue(todo.handedToMain(), "the MIP's thread stops the search and goes on to its cost phase");
        assertNull(todo.toCross(), "and crosses nothing itself");
        CrossoverHandOff.Handed handed = handOff.firstSearchEnded();
        assertSame(SERVED_PHASE, handed.served());
        assertSame(STARTS, handed.starts(), "the main thread crosses them after its search");
        assertNull(handOff.firstSearchEnded(), "taken: never a second time");
    }

    @Test
    void crossoversNotWorthStoppingTheSearchForStayOnTheMipsThread() {
        CrossoverHandOff handOff = new CrossoverHandOff();
        assertNull(handOff.startsReady(STARTS));
        handOff.firstSearchBegins();
        CrossoverHandOff.OnServedPhase todo = handOff.servedPhaseEnded(SERVED_PHASE, starts -> false);
        assertFalse(todo.handedToMain(), "no time left for a crossover, or no start the plan serves more than: the search is not stopped");
        assertSame(STARTS, todo.toCross(), "the MIP's thread's crossovers find nothing to do either and end at once");
        assertNull(handOff.firstSearchEnded());
    }

    @Test
    void theServedPhaseEndingAfterTheFirstSearchIsCrossedOnTheMipsThread() {
        CrossoverHandOff handOff = new CrossoverHandOff();
        assertNull(handOff.startsReady(STARTS));
        handOff.firstSearchBegins();
        assertNull(handOff.firstSearchEnded(), "the served phase still running when the search ends");
        assertSame(STARTS, handOff.servedPhaseEnded(SERVED_PHASE, WORTH_IT).toCross(),
                "the main thread is past its search: the MIP's thread crosses them");
    }
}
