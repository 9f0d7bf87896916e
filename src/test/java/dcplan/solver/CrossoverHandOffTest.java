package dcplan.solver;

import dcplan.plan.Plan;
import dcplan.solver.lp.CostBreakdown;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Exactly one thread crosses SCIP's served-phase plan with the main thread's starts, once:
 * whichever of the two is ready second.
 */
class CrossoverHandOffTest {

    private static final CrossoverHandOff.ServedPhase SERVED_PHASE = new CrossoverHandOff.ServedPhase(
            new LpResult(new Plan(List.of(), Map.of(), Map.of()), Map.of(), Map.of(), 1.0, 0.0, Double.NaN,
                    new CostBreakdown(1.0, 0, 0), LpStatus.FEASIBLE, false, false, 0.1, ""), null);
    private static final List<StartingPlans.Start> STARTS = List.of(
            new StartingPlans.Start("rounded", new Plan(List.of(), Map.of(), Map.of()), null));

    @Test
    void theServedPhaseEndingFirstLeavesTheCrossoversToTheMainThread() {
        CrossoverHandOff handOff = new CrossoverHandOff();
        assertNull(handOff.servedPhaseEnded(SERVED_PHASE), "no starts yet: the MIP's thread goes on to its cost phase");
        assertSame(SERVED_PHASE, handOff.startsReady(STARTS), "the main thread crosses them");
        assertNull(handOff.servedPhaseEnded(SERVED_PHASE), "taken: never a second time");
    }

    @Test
    void theStartsReadyFirstLeaveTheCrossoversToTheMipsThread() {
        CrossoverHandOff handOff = new CrossoverHandOff();
        assertNull(handOff.startsReady(STARTS), "no served phase's plan yet: the main thread goes on to its first search");
        assertSame(STARTS, handOff.servedPhaseEnded(SERVED_PHASE), "the MIP's thread crosses them before its cost phase");
        assertNull(handOff.startsReady(STARTS), "taken: never a second time");
        assertEquals(Map.of(), handOff.crossedOnMipThread(), "nothing crossed until the MIP's thread says so");
    }
}
