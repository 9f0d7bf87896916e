package dcplan.solver.lp;

import org.junit.jupiter.api.Test;

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

    @Test
    void noBoundOnEitherSideStaysNoBound() {
        Phase p = ProofRace.better(run(LpStatus.TIME_LIMIT, 5, Double.NaN, 1), run(LpStatus.TIME_LIMIT, 6, Double.NaN, 2));
        assertEquals(5, p.result().objectiveValue());
        assertEquals(Double.NaN, p.result().bestBound());
    }
}
