package dcplan.solver;

import dcplan.plan.Evaluation;
import dcplan.plan.EvaluationEdits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AtItsVolume#above}, the climb above the start's volume, with its tries handed in: which
 * volumes it asks for, and which plans it keeps.
 */
class AtItsVolumeClimbTest {
    private static final Evaluation REACHED = EvaluationEdits.ofASmallMipPlan();
    private static final double VOLUME = REACHED.servedInferences() + REACHED.unmetInferences();
    private static final double WANTED = REACHED.servedInferences();
    private static final double MOST = WANTED + 0.02 * VOLUME;

    /** Tries whose plan serves what was asked, feasible where {@code feasibleAt} holds for the share of the way up. */
    private static final class Recorded implements AtItsVolume.VolumeTry {
        final List<Double> shares = new ArrayList<>();
        final DoublePredicate feasibleAt;
        final double keptShareOfAsked;

        Recorded(DoublePredicate feasibleAt, double keptShareOfAsked) {
            this.feasibleAt = feasibleAt;
            this.keptShareOfAsked = keptShareOfAsked;
        }

        @Override
        public StartingPlans.Candidate at(double asked, String name) {
            double share = (asked - WANTED) / (MOST - WANTED);
            shares.add(Math.round(share * 1e9) / 1e9);
            Evaluation e = EvaluationEdits.servingMore(REACHED, (asked - WANTED) * keptShareOfAsked);
            return new StartingPlans.Candidate(name, null, false, feasibleAt.test(share) ? e : EvaluationEdits.infeasible(e), true);
        }
    }

    @Test
    void theClimbBeginsHighAndHalvesTheWayLeftWhileItsPlansServeMore() {
        Recorded tries = new Recorded(share -> share <= 0.96, 1.0);

        List<StartingPlans.Candidate> kept = AtItsVolume.above(tries, REACHED, WANTED, MOST, VOLUME);

        assertEquals(List.of(0.9, 0.95, 0.975, 0.9625, 0.95625, 0.959375), tries.shares);
        assertEquals(4, kept.size(), "the plans at 0.9, 0.95, 0.95625 and 0.959375 of the way; 0.975 and 0.9625 break a limit");
        for (int k = 1; k < kept.size(); k++) {
            assertTrue(kept.get(k).evaluation().servedInferences() > kept.get(k - 1).evaluation().servedInferences());
        }
    }

    @Test
    void aRejectedFirstTryHalvesTheWayDown() {
        Recorded tries = new Recorded(share -> share <= 0.5, 1.0);

        List<StartingPlans.Candidate> kept = AtItsVolume.above(tries, REACHED, WANTED, MOST, VOLUME);

        assertEquals(List.of(0.9, 0.45, 0.675, 0.5625, 0.50625, 0.478125), tries.shares);
        assertEquals(2, kept.size(), "the plans at 0.45 and 0.478125 of the way");
    }

    @Test
    void nothingBelowWhatTheReachingTryServesIsAsked() {
        // the try that reached the start's volume asked for more and served half of the way up
        Evaluation halfWayUp = EvaluationEdits.servingMore(REACHED, 0.5 * (MOST - WANTED));
        Recorded tries = new Recorded(share -> share <= 0.6, 1.0);

        List<StartingPlans.Candidate> kept = AtItsVolume.above(tries, halfWayUp, WANTED, MOST, VOLUME);

        assertEquals(List.of(0.9, 0.7, 0.6, 0.65, 0.625, 0.6125), tries.shares,
                "halving between 0.5 and the ceiling, not from the start's volume");
        assertEquals(1, kept.size(), "the plan at 0.6 of the way");
    }

    @Test
    void aReachingTryAboveTheFirstShareMovesTheFirstTryUp() {
        Evaluation mostOfTheWayUp = EvaluationEdits.servingMore(REACHED, 0.92 * (MOST - WANTED));
        Recorded tries = new Recorded(share -> true, 1.0);

        AtItsVolume.above(tries, mostOfTheWayUp, WANTED, MOST, VOLUME);

        assertEquals(0.96, tries.shares.get(0), 1e-9, "half-way from 0.92 to the most");
    }

    @Test
    void aFeasiblePlanServingNoMoreThanTheBestSoFarIsNotKept() {
        // every rounding loses what it was asked for above the start: feasible, but serving no more
        Recorded tries = new Recorded(share -> true, 0.0);

        List<StartingPlans.Candidate> kept = AtItsVolume.above(tries, REACHED, WANTED, MOST, VOLUME);

        assertTrue(kept.isEmpty());
        assertEquals(List.of(0.9, 0.45, 0.225, 0.1125, 0.05625, 0.028125), tries.shares);
    }
}
