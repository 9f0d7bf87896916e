package dcplan.solver.lp;

import dcplan.CommitmentModels;
import dcplan.TinyModel;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The held MIP's formulation (issue 12, "held what-ifs in 1/5 of hindsight's time"): the contract
 * makes {@code added[s,c,q]} for q &lt; D + L_c and {@code dM[s,q]} for q &lt; D + L_s equal to
 * the baseline's, so in those quarters I and M are constants. They must be written as columns
 * fixed at their level (lower = upper, which SCIP's presolve removes), never as floors that leave
 * the solver integer freedom in a decided quarter, and a decided quarter's M has no phase count.
 * The quarters are counted here from the model (D, L_c, L_s), not read from {@link HeldLevels}.
 */
class HeldFormulationTest {

    /**
     * Site s builds 1 MW phases in 2 quarters, chip A is ordered 1 quarter ahead; 2026Q1-2027Q2,
     * demand every quarter. Decided at D = 2026Q3 (index 2): I fixed in quarters 0-2 (D + 1),
     * M in 0-3 (D + 2); free: I in 3-5 (whole servers), P in 4-5 (whole phases), 5 integers.
     */
    @Test
    void decidedQuartersAreConstantsAndOnlyLaterQuartersHaveIntegerFreedom() {
        TinyModel m = CommitmentModels.phasedSite("2026Q1", "2027Q2", 2, 1.0);
        m.chips.set(0, m.chips.get(0).withOrderLead(1));
        PlanningModel model = m.build();
        List<DemandCell> demand = CommitmentModels.cells("2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1", "2027Q2");
        LpResult baseline = PlanLinearProgram.solve(model, demand, LpOptions.integer());
        assertEquals(LpStatus.OPTIMAL, baseline.status(), baseline.message());
        Quarter d = Quarter.parse("2026Q3");
        Commitments held = Commitments.of(model, baseline.plan(), model, d);
        int decidedServers = 2 + 1;
        int decidedMw = 2 + 2;

        LpVariables v = new LpVariables(model, demand, null, HeldLevels.of(model, held), Map.of(), LpWindow.ALL);
        for (LpFormulation.Goal goal : LpFormulation.Goal.values()) {
            LpFormulation.Built b = new LpFormulation(v).build(true, goal, goal == LpFormulation.Goal.MAX_SERVED ? Double.NaN : 0.0);
            LinearModel lm = b.lm;
            int freeIntegers = 0;
            for (int j = 0; j < lm.columns(); j++) {
                if (lm.isInteger(j) && lm.lower(j) < lm.upper(j)) {
                    freeIntegers++;
                }
            }
            for (int q = 0; q < 6; q++) {
                int i = b.inst[0][0][q];
                int mw = b.mw[0][q];
                double baselineServers = baseline.plan().installed().getOrDefault(
                        new dcplan.plan.Plan.SiteChipQuarter("s", "A", model.quarters().get(q)), 0);
                if (q < decidedServers) {
                    assertEquals(lm.lower(i), lm.upper(i), "I fixed in decided quarter " + q);
                    assertEquals(baselineServers, lm.lower(i), "I at the baseline's in quarter " + q);
                } else {
                    assertTrue(lm.isInteger(i) && lm.lower(i) < lm.upper(i), "I free and whole in quarter " + q);
                }
                if (q < decidedMw) {
                    assertEquals(lm.lower(mw), lm.upper(mw), "M fixed in decided quarter " + q);
                    assertEquals(-1, b.phases[0][q], "no phase count in decided quarter " + q);
                } else {
                    assertFalse(lm.lower(mw) == lm.upper(mw), "M free in quarter " + q);
                    assertTrue(b.phases[0][q] >= 0 && lm.isInteger(b.phases[0][q]), "whole phases in quarter " + q);
                }
            }
            assertEquals(3 + 2, freeIntegers, goal + ": integer columns with freedom (I in 3-5, P in 4-5)");
        }
    }
}
