package dcplan.solver.lp;

import dcplan.CommitmentModels;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** How a {@link ProofRace} combines its two solves when neither proved its plan. */
class ProofRaceTest {

    private static Phase run(LpStatus status, double value, double bound, double... x) {
        LpBackend.Outcome outcome = status == LpStatus.OPTIMAL ? LpBackend.Outcome.OPTIMAL
                : status.hasSolution() ? LpBackend.Outcome.FEASIBLE : LpBackend.Outcome.NO_SOLUTION;
        return new Phase(new LpBackend.Solution(outcome, status.hasSolution() ? x : null, value, 10, "test", bound),
                status, status == LpStatus.TIME_LIMIT);
    }

    @Test
    void neitherProvenKeepsTheCheaperPlanWithTheHigherBound() {
        Phase dearerTighter = run(LpStatus.TIME_LIMIT, 105, 100, 1, 2);
        Phase cheaperLooser = run(LpStatus.TIME_LIMIT, 103, 90, 3, 4);
        for (Phase p : new Phase[]{ProofRace.better(dearerTighter, cheaperLooser), ProofRace.better(cheaperLooser, dearerTighter)}) {
            assertEquals(103, p.result().objectiveValue());
            assertArrayEquals(new double[]{3, 4}, p.x());
            assertEquals(100, p.result().bestBound(), "both bounds are proven: the higher holds");
            assertEquals(LpStatus.TIME_LIMIT, p.status());
        }
    }

    @Test
    void aProvenRunOrTheOnlyPlanWins() {
        Phase proven = run(LpStatus.OPTIMAL, 104, 103.99, 1);
        Phase other = run(LpStatus.TIME_LIMIT, 103, 90, 2);
        assertSame(proven, ProofRace.better(other, proven));
        Phase none = run(LpStatus.FAILED, Double.NaN, Double.NaN);
        assertSame(other, ProofRace.better(none, other));
        assertSame(other, ProofRace.better(other, none));
    }

    /**
     * Raced, a MIP ends as solved alone: 100 A need 1 MW, built in phases of 4 MW (the honest-bound
     * case of PlanLinearProgramCommitmentsTest): 500,000 + 4 x 133,333.33 + 153,300 USD.
     */
    @Test
    void aRacedMipEndsAsTheMipSolvedAlone() {
        PlanningModel model = CommitmentModels.phasedSite("2026Q1", "2026Q1", 0, 4.0).build();
        LpFormulation f = new LpFormulation(new LpVariables(model, CommitmentModels.cells("2026Q1"), null,
                HeldLevels.of(model, Commitments.NONE), Map.of(), LpWindow.ALL));
        LpFormulation.Built mip = f.build(true, LpFormulation.Goal.MIN_COST,
                LpFormulation.servedUnits(4000 * Quarter.SECONDS) * (1 - 1e-9));
        double optimum = (500_000 + 4 * 8e6 / 60 + 153_300 - f.constantCostUsd(mip)) / LpFormulation.MONEY_UNIT_USD;
        Phase alone = ProofRace.run(LpBackends.standard(), mip, 30_000, 1e-6, false);
        Phase raced = ProofRace.run(LpBackends.standard(), mip, 30_000, 1e-6, true);
        for (Phase p : new Phase[]{alone, raced}) {
            assertEquals(LpStatus.OPTIMAL, p.status(), p.result().detail());
            assertEquals(optimum, p.result().objectiveValue(), 1e-6 * optimum);
        }
    }

    @Test
    void noBoundOnEitherSideStaysNoBound() {
        Phase p = ProofRace.better(run(LpStatus.TIME_LIMIT, 5, Double.NaN, 1), run(LpStatus.TIME_LIMIT, 6, Double.NaN, 2));
        assertEquals(5, p.result().objectiveValue());
        assertEquals(Double.NaN, p.result().bestBound());
    }
}
