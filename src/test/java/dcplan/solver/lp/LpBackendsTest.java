package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dcplan.solver.lp.PlanLinearProgramTest.DEMAND;
import static dcplan.solver.lp.PlanLinearProgramTest.Q1;
import static dcplan.solver.lp.PlanLinearProgramTest.assertClose;
import static dcplan.solver.lp.PlanLinearProgramTest.chipB;
import static dcplan.solver.lp.PlanLinearProgramTest.installed;
import static dcplan.solver.lp.PlanLinearProgramTest.twoChips;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend is passed in, not global: a solve and a polish built with
 * {@link LpBackends#ojAlgo()} use ojAlgo (its name in the description, its answer to the
 * hand-worked optimum of {@link PlanLinearProgramTest#supplyCapGivesAMix}) while the default
 * stays what it was.
 */
class LpBackendsTest {

    @Test
    void standardIsResolvedOnce() {
        assertSame(LpBackends.standard(), LpBackends.standard());
        assertEquals(LpBackends.standard().description(), PlanLinearProgram.backendDescription());
    }

    @Test
    void injectedOjAlgoSolvesTheHandWorkedMix() {
        LpBackends ojAlgo = LpBackends.ojAlgo();
        assertEquals("ojAlgo / ojAlgo", ojAlgo.description());
        PlanningModel m = twoChips(chipB(new Chip.Supply(100L, Map.of()), null), Map.of());
        for (LpOptions o : List.of(LpOptions.relaxed(), LpOptions.integer())) {
            LpResult r = new LexicographicSolve(ojAlgo).solve(m, DEMAND, o);
            assertEquals(LpStatus.OPTIMAL, r.status(), r.message());
            assertClose(100, installed(r, "s", "B"), "I[B]");
            assertClose(20, installed(r, "s", "A"), "I[A]");
            assertClose(1_123_960, r.totalCostUsd(), "total");
        }
        assertTrue(LpBackends.standard().description().startsWith("OR-Tools")
                || !OrToolsNatives.error().isEmpty(), "the default is untouched by an injected backend");
    }

    /** Polish over the optimum's servers keeps them and serves the whole cell, with ojAlgo too. */
    @Test
    void injectedOjAlgoPolishes() {
        PlanningModel m = twoChips(chipB(new Chip.Supply(100L, Map.of()), null), Map.of());
        LpResult mip = PlanLinearProgram.solve(m, DEMAND, LpOptions.integer());
        Plan given = mip.plan();
        LpResult p = new DispatchPolish(LpBackends.ojAlgo()).polish(m, DEMAND, given, LpOptions.relaxed());
        assertTrue(p.status().hasSolution(), p.message());
        assertEquals(given.installed(), p.plan().installed());
        assertClose(4000 * PlanLinearProgramTest.SECONDS, p.servedInferences(), "served");
        assertEquals(100, p.plan().installed().get(new Plan.SiteChipQuarter("s", "B", Q1)));
    }
}
