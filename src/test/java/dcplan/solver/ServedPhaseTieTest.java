package dcplan.solver;

import dcplan.plan.Commitments;
import dcplan.solver.lp.LpOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planning MIP's served phase stops at half the planner's own tie ({@link MipCandidates#SERVED_PHASE_GAP},
 * {@link Planner#SAME_SERVED}) rather than at the true maximum: it hands over to the cost phase once
 * no plan can serve more by what the planner counts (docs/solver.md, "The deadline"). The stop and
 * the keep rule's tie together stay inside issue 11's line.
 */
class ServedPhaseTieTest {

    /** Issue 11: never serve less than the exact optimum beyond this share of the demand. */
    private static final double ISSUE_LINE = 1e-6;

    @Test
    void thePlanningMipsServedPhaseStopsAtHalfThePlannersTie() {
        assertEquals(Planner.SAME_SERVED / 2, MipCandidates.mipOptions(Commitments.NONE).servedPhaseGap());
        assertEquals(Planner.SAME_SERVED / 2, MipCandidates.mipOptions(null).servedPhaseGap());
    }

    @Test
    void theServedPhasesStopAndTheKeepRulesTieTogetherStayInsideTheIssuesLine() {
        // the MIP's plan at most the stop below the most any plan serves, the plan kept at most
        // the tie below the MIP's: their sum is the worst case, with room for LP round-off
        double worst = MipCandidates.mipOptions(Commitments.NONE).servedPhaseGap() + Planner.SAME_SERVED;
        assertTrue(worst <= 0.8 * ISSUE_LINE, "worst case " + worst);
        // and the stop still hands over where it was made for: small budget-bound v2 #1's served
        // plan, final at 2.2 s, was 7.6e-8 below its bound
        assertTrue(MipCandidates.mipOptions(Commitments.NONE).servedPhaseGap() > 7.6e-8);
    }

    @Test
    void aStandaloneMipStillWantsTheTrueMaximum() {
        assertEquals(LpOptions.SERVED_PHASE_GAP, LpOptions.integer().servedPhaseGap());
    }
}
