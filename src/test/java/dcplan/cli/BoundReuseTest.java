package dcplan.cli;

import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reported bound reuses the planning step's MIP dual bound instead of solving the bound MIP again. About 1 s. */
class BoundReuseTest {

    @Test
    void aProvenPlanningMipsBoundIsReportedWithoutSolvingAgain() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        LpResult mip = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer());
        LpResult relaxation = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.relaxed());
        assertTrue(mip.provenOptimal() && mip.lowerBoundUsd() > relaxation.lowerBoundUsd(), "the MIP's bound is the stronger");
        Evaluation ev = PlanEvaluator.evaluate(inst.model(), inst.demand(), mip.plan());
        // no model: solving any bound again would throw
        Bound b = Bound.of(null, null, ev, relaxation, Duration.ofSeconds(30), Commitments.NONE, mip, 1e-4);
        assertEquals(mip.lowerBoundUsd(), b.usd());
        assertEquals(Bound.PLANNING_MIP, b.kind());
    }

    @Test
    void aPlanServingLessThanTheMipWasHeldToDoesNotReuseIt() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        LpResult mip = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer());
        Evaluation ev = PlanEvaluator.evaluate(inst.model(), inst.demand(), mip.plan());
        LpResult heldToMore = new LpResult(mip.plan(), null, null, mip.servedInferences(), mip.unmetInferences(),
                ev.servedInferences() * 1.01, mip.cost(), mip.status(), true, false, 1, "")
                .withLowerBound(mip.lowerBoundUsd(), LpResult.MIP_DUAL_BOUND);
        assertNull(Bound.reusable(ev, heldToMore));
        assertEquals(mip.lowerBoundUsd(), Bound.reusable(ev, mip).usd());
    }
}
