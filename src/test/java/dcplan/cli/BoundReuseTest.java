package dcplan.cli;

import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpStatus;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reported bound reuses the planning step's MIP dual bound instead of solving the bound MIP again. About 2 s. */
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

    /**
     * A planning MIP proven against the bound of its relaxation with servers continuous and phases
     * whole (phases first) reports that bound under its own name, not as SCIP's bound on the MIP.
     */
    @Test
    void aPlanningMipProvenAgainstThePhasesWholeBoundSaysSo() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        LpResult mip = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer());
        Evaluation ev = PlanEvaluator.evaluate(inst.model(), inst.demand(), mip.plan());
        LpResult phasesFirst = mip.withLowerBound(mip.lowerBoundUsd(), LpResult.PHASES_WHOLE_BOUND);
        Bound b = Bound.of(null, null, ev, null, Duration.ofSeconds(30), Commitments.NONE, phasesFirst, 1e-4);
        assertEquals(mip.lowerBoundUsd(), b.usd());
        assertEquals(LpResult.PHASES_WHOLE_BOUND + " (SCIP)", b.kind());
    }

    /**
     * A planning MIP that SCIP left short of its gap (here: stopped at a gap of 5 %, passed on as
     * cut off by its time limit) still gives its dual bound, reported as such without the bound
     * MIP (no model is given: solving it would throw), and never above the optimum (the same MIP
     * solved to a gap of 1e-9) of plans serving as much.
     */
    @Test
    void anUnprovenPlanningMipsBoundIsReportedWithoutSolvingAgainAndIsHonest() {
        RandomInstances.Instance inst = RandomInstances.withLeadTimesAndPhases(RandomInstances.tiny(SEED), SEED);
        LpResult loose = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer().withMipRelativeGap(0.05));
        LpResult exact = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer().withMipRelativeGap(1e-9).withTimeLimit(Duration.ofSeconds(20)));
        assertTrue(exact.provenOptimal(), exact.message());
        LpResult cutShort = new LpResult(loose.plan(), loose.installedExact(), loose.itMwExact(), loose.servedInferences(),
                loose.unmetInferences(), loose.maxServedInferences(), loose.cost(), LpStatus.TIME_LIMIT, false, true, 1, "")
                .withLowerBound(loose.lowerBoundUsd(), LpResult.MIP_DUAL_BOUND);
        Evaluation ev = PlanEvaluator.evaluate(inst.model(), inst.demand(), loose.plan());
        assertTrue(ev.totalCostUsd() > loose.lowerBoundUsd() * (1 + 1e-4), "SCIP stopped outside --gap: "
                + ev.totalCostUsd() + " against its bound " + loose.lowerBoundUsd());

        LpResult relaxation = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.relaxed());
        assertTrue(relaxation.lowerBoundUsd() < loose.lowerBoundUsd(), "the MIP's bound is the stronger");

        Bound b = Bound.of(null, null, ev, relaxation, Duration.ofSeconds(30), Commitments.NONE, cutShort, 1e-4);
        assertEquals(loose.lowerBoundUsd(), b.usd());
        assertEquals(Bound.PLANNING_MIP_UNPROVEN, b.kind());
        assertTrue(exact.servedInferences() >= ev.servedInferences() * (1 - 1e-9), "the optimum serves as much");
        assertTrue(b.usd() <= exact.totalCostUsd() * (1 + 1e-9), "bound " + b.usd() + " above the optimum " + exact.totalCostUsd());
    }

    private static final long SEED = 3;
}
