package dcplan.solver;

import dcplan.plan.Commitments;
import dcplan.solver.lp.LpOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The planning MIP's served phase stops at the planner's own tie ({@link MipCandidates#SERVED_PHASE_GAP},
 * {@link Planner#SAME_SERVED}) rather than at the true maximum: it hands over to the cost phase once
 * no plan can serve more by what the planner counts (docs/solver.md, "The deadline").
 */
class ServedPhaseTieTest {

    @Test
    void thePlanningMipsServedPhaseStopsAtThePlannersTie() {
        assertEquals(Planner.SAME_SERVED, MipCandidates.mipOptions(Commitments.NONE).servedPhaseGap());
        assertEquals(Planner.SAME_SERVED, MipCandidates.mipOptions(null).servedPhaseGap());
    }

    @Test
    void aStandaloneMipStillWantsTheTrueMaximum() {
        assertEquals(LpOptions.SERVED_PHASE_GAP, LpOptions.integer().servedPhaseGap());
    }
}
