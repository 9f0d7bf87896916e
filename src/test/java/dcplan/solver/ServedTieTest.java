package dcplan.solver;

import dcplan.plan.Plan;
import dcplan.solver.domain.ServedTie;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The served-first tie the search counts unmet volume by (docs/solver.md, "The served-first tie in the search"). */
class ServedTieTest {
    private final ServedTie tie = new ServedTie(1_000, 100);

    private long counted(long unmet) {
        return unmet - tie.credit(unmet);
    }

    @Test
    void servingLessThanTheStartIsAlwaysWorseAndServingMoreBeyondTheTieAlwaysBetter() {
        assertTrue(counted(1_001) > counted(1_000), "one inference less served than the start counts");
        assertTrue(counted(899) < counted(900), "one inference beyond the tie counts");
        for (long unmet = 0; unmet < 2_000; unmet++) {
            assertTrue(counted(unmet + 1) >= counted(unmet), "never decreases as unmet grows: " + unmet);
        }
    }

    @Test
    void servingMoreThanTheStartWithinTheTieCountsTheSame() {
        assertEquals(900, counted(1_000));
        assertEquals(900, counted(950));
        assertEquals(900, counted(900));
        assertEquals(799, counted(799));
        assertEquals(1_900, counted(2_000));
    }

    @Test
    void theUnmetVolumeReadBackIsExactOutsideTheTieAndTheStartsWithinIt() {
        for (long unmet : new long[]{0, 500, 899, 1_001, 5_000}) {
            assertEquals(unmet, tie.unmetOf(counted(unmet)));
        }
        assertEquals(1_000, tie.unmetOf(counted(950)), "within the tie: the start's, the most a plan there leaves unmet");
    }

    @Test
    void theBandSitsAtTheStartOnlyWhereNoPlanCanServeMoreThanTheTieBeyondIt() {
        assertEquals(new ServedTie(1_000, 100), ServedTie.of(1_000, 60.0, 100), "within the tie of the bound: at the start");
        assertEquals(new ServedTie(1_000, 100), ServedTie.of(1_000, 0.0, 100));
        // 400 below the bound: the band moves down by 300, so the first 300 served count in full
        ServedTie moved = ServedTie.of(1_000, 400.0, 100);
        assertEquals(new ServedTie(700, 100), moved);
        assertEquals(1, (999 - moved.credit(999)) - (998 - moved.credit(998)), "above the moved band every inference counts: no barrier");
        assertEquals(600, 650 - moved.credit(650), "within it, flat");
        assertEquals(null, ServedTie.of(1_000, Double.NaN, 100), "no bound: no band");
        assertEquals(null, ServedTie.of(1_000, 5_000.0, 100), "the band would leave nothing: none");
    }

    @Test
    void aTieWiderThanTheStartsUnmetVolumeNeverCountsBelowZero() {
        ServedTie wide = new ServedTie(30, 100);
        assertEquals(0, 10 - wide.credit(10));
        assertEquals(0, 30 - wide.credit(30));
        assertEquals(10, 40 - wide.credit(40));
        ServedTie none = new ServedTie(0, 100);
        assertEquals(5, 5 - none.credit(5));
        assertThrows(IllegalArgumentException.class, () -> new ServedTie(-1, 0));
    }

    /**
     * The band is placed against the least upper bound at hand on what any plan serves: the gap
     * stop's level (the relaxation's), or the MIP's served phase's dual bound where that is lower
     * (whole servers and phases serve less than fractions: 1.7e-4 to 2.0e-4 of the demand on small
     * partly-unservable and residency-bound v2, far more than the tie).
     */
    @Test
    void theMostAnyPlanServesIsTheLeastBoundAtHand() {
        GapStop relaxation = new GapStop(1e9, 1_000.0, 2_000.0, 1e-4);
        assertEquals(900.0, Planner.mostServed(relaxation, mipServing(900.0)));
        assertEquals(1_000.0, Planner.mostServed(relaxation, mipServing(1_100.0)), "a weaker bound changes nothing");
        assertEquals(1_000.0, Planner.mostServed(relaxation, mipServing(Double.NaN)), "none proven");
        assertEquals(1_000.0, Planner.mostServed(relaxation, null), "no MIP (yet)");
    }

    private static LpResult mipServing(double servedBound) {
        return new LpResult(new Plan(List.of(), Map.of(), Map.of()), Map.of(), Map.of(), 0, 0, Double.NaN, null,
                LpStatus.TIME_LIMIT, false, true, 0, "").withServedBound(servedBound);
    }
}
