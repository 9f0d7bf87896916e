package dcplan.solver;

import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpStatus;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MIP's dual bound used, not thrown away: the search stops by the stronger of the relaxation's
 * and the MIP's stops ({@link GapStop#strongest}), the MIP's only where its served level is the
 * most any plan serves, and a proven-optimal MIP start ends the search at once. About 3 s.
 */
class MipBoundReuseTest {

    @Test
    void theStrongerBoundStopsTheSearch() {
        GapStop relaxation = new GapStop(1_000_000, 990, 1_000, 1e-4);
        GapStop mip = new GapStop(1_010_000, 990, 1_000, 1e-4, LpResult.MIP_DUAL_BOUND);
        assertSame(mip, GapStop.strongest(relaxation, mip));
        assertSame(relaxation, GapStop.strongest(relaxation, new GapStop(990_000, 990, 1_000, 1e-4, LpResult.MIP_DUAL_BOUND)));
        assertSame(relaxation, GapStop.strongest(relaxation, null));
        assertSame(mip, GapStop.strongest(null, mip));
        assertTrue(mip.reached(true, 1_010_100, 990) && !relaxation.reached(true, 1_010_100, 990),
                "a plan 1 % above the relaxation is proven by the MIP's bound");
    }

    /**
     * Partly unservable: the relaxation serves more than whole servers can (its level unreachable),
     * and its bound at that level is above the MIP's optimum. The MIP proved the most any plan
     * serves, so its stop is the one a plan can meet; by the higher bound alone the search ran to
     * its time limit on tiny partly-unservable v2 instances that SCIP proves in a second.
     */
    @Test
    void whereTheRelaxationServesMoreThanAnyPlanTheMipsStopIsUsed() {
        GapStop relaxation = new GapStop(30_857_884, 2.93029513e11, 6.7e11, 1e-4);
        GapStop mip = new GapStop(30_827_611, 2.92813371e11, 6.7e11, 1e-4, LpResult.MIP_DUAL_BOUND);
        GapStop stop = GapStop.strongest(relaxation, mip);
        assertSame(mip, stop);
        assertTrue(stop.reached(true, 30_827_611, 2.92813371e11), "the MIP's optimum is proven");
        assertFalse(relaxation.reached(true, 30_827_611, 2.92813371e11), "the relaxation's level is out of reach");
    }

    @Test
    void theMipsBoundHoldsAtItsServedPhasesLevelOnlyWhereThatIsTheMost() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        LpResult mip = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer());
        assertTrue(mip.provenOptimal() && mip.hasLowerBound(), "the fixture's MIP is proven");
        GapStop stop = GapStop.ofMip(mip, null, 1e-4);
        assertNotNull(stop);
        assertEquals(mip.lowerBoundUsd(), stop.boundUsd());
        assertEquals(mip.maxServedInferences(), stop.servedInferences(), "held to the served phase's value");
        assertEquals(LpResult.MIP_DUAL_BOUND, stop.kind());
        assertNull(GapStop.ofMip(mip, null, -1), "--gap below 0: off");
        // a MIP stopped by its time limit: its served phase may not have reached the most
        LpResult unproven = new LpResult(mip.plan(), null, null, mip.servedInferences(), mip.unmetInferences(),
                mip.maxServedInferences() * 0.9, mip.cost(), LpStatus.TIME_LIMIT, false, true, 1, "")
                .withLowerBound(mip.lowerBoundUsd(), LpResult.MIP_DUAL_BOUND);
        assertNull(GapStop.ofMip(unproven, null, 1e-4), "no proof that its served level is the most");
        LpResult relaxation = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.relaxed());
        assertNull(GapStop.ofMip(unproven, relaxation, 1e-4), "below what the relaxation serves");
    }

    @Test
    void aProvenOptimalMipStartEndsTheSearchAtOnce() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        CapacitySolver.Options options = CapacitySolver.Options.timeLimited(Duration.ofSeconds(60), 1)
                .withUnimprovedLimit(Duration.ofSeconds(60));
        // the MIP before the search: beside it, a first search proven within the gap by the
        // relaxation's bound may stop the MIP before it proves (a different rule, timing-dependent)
        Planner.Outcome out = new Planner(false).plan(inst.model(), inst.demand(), options,
                new Planner.LpLimits(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        assertNotNull(out.mip(), "the MIP ran for a start");
        assertTrue(out.mip().provenOptimal(), out.mip().message());
        assertTrue(out.search().ended().startsWith("proven within"), out.search().ended());
        assertTrue(out.search().ended().contains(LpResult.MIP_DUAL_BOUND), "by the MIP's bound: " + out.search().ended());
        assertTrue(out.search().solveSeconds() < 10, out.search().solveSeconds() + " s of a 60 s limit");
    }
}
