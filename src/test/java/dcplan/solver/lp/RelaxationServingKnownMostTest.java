package dcplan.solver.lp;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relaxation at a volume asked, given the most it serves as already proven: the cost phase
 * alone must give what both phases give (the climb above the rounded start's volume asks one
 * relaxation for several volumes), refuse a volume above the most, and report no plan when it
 * had no time for its one phase.
 */
class RelaxationServingKnownMostTest {

    private static final HardInstances.Instance BUDGET_BOUND = HardInstances.generate(
            HardInstances.Flavor.BUDGET_BOUND, HardInstances.Size.SMALL, 2, true);

    @Test
    void theCostPhaseAloneGivesWhatBothPhasesGiveAtEveryVolume() {
        LpResult relaxation = PlanLinearProgram.solve(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), LpOptions.relaxed());
        assertEquals(LpStatus.OPTIMAL, relaxation.status(), relaxation.message());
        double most = relaxation.maxServedInferences();
        for (double share : new double[] {0.5, 0.97, 1.0}) {
            double asked = share * most;
            LpResult both = PlanLinearProgram.relaxationServing(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), asked,
                    LpOptions.relaxed());
            LpResult costOnly = PlanLinearProgram.relaxationServing(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), asked,
                    most, LpOptions.relaxed());
            assertEquals(LpStatus.OPTIMAL, costOnly.status(), costOnly.message());
            assertTrue(costOnly.provenOptimal(), "share " + share);
            assertEquals(both.totalCostUsd(), costOnly.totalCostUsd(), 1e-7 * both.totalCostUsd(), "cost at share " + share);
            assertEquals(both.servedInferences(), costOnly.servedInferences(), 1e-7 * most, "served at share " + share);
            assertEquals(most, costOnly.maxServedInferences(), 0.0, "the most, as given");
            assertEquals(both.lowerBoundUsd(), costOnly.lowerBoundUsd(), 1e-7 * both.totalCostUsd(), "bound at share " + share);
        }
    }

    @Test
    void aVolumeAboveTheMostIsInfeasible() {
        LpResult relaxation = PlanLinearProgram.solve(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), LpOptions.relaxed());
        double most = relaxation.maxServedInferences();
        LpResult above = PlanLinearProgram.relaxationServing(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), most * 1.001,
                most, LpOptions.relaxed());
        assertEquals(LpStatus.INFEASIBLE, above.status(), above.message());
    }

    @Test
    void noTimeForTheCostPhaseGivesNoPlan() {
        LpResult relaxation = PlanLinearProgram.solve(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), LpOptions.relaxed());
        double most = relaxation.maxServedInferences();
        LpResult unrun = PlanLinearProgram.relaxationServing(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), 0.9 * most,
                most, LpOptions.relaxed().withTimeLimit(Duration.ZERO));
        assertFalse(unrun.status().hasSolution(), unrun.status() + " " + unrun.message());
    }
}
