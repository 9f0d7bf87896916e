package dcplan.solver.lp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The served phase's gap ({@link LpOptions#servedPhaseGap}) is the one its MIP solver is handed:
 * the true maximum by default, the caller's tie when it accepts one (the planner's MIP: its
 * "same served" share, so that SCIP hands over to the cost phase once nothing it would count as
 * serving more is left). The served phase's MIP itself is not solved here (the recording backend
 * answers it with no plan), so the test takes well under a second.
 */
class ServedPhaseGapTest {

    /** Solves LPs with GLOP; records the gap of every served-phase MIP and answers it with no plan. */
    static final class ServedPhaseGaps implements LpBackend {
        final LpBackend glop = new OrToolsBackend("GLOP", "SCIP");
        final List<Double> gaps = new ArrayList<>();

        @Override
        public String name(boolean integer) {
            return "GLOP, served-phase MIP recorded";
        }

        @Override
        public Solution solve(LinearModel m, boolean maximise, long budgetMillis, double relativeGap) {
            if (!m.anyInteger()) {
                return glop.solve(m, maximise, budgetMillis, relativeGap);
            }
            if (maximise) {
                gaps.add(relativeGap);
            }
            return new Solution(Outcome.NO_SOLUTION, null, Double.NaN, 0, "recorded, not solved");
        }
    }

    /** Small budget-bound v2 #1: the LP optimum rounded up breaks a phase's MW, so the served phase's MIP runs. */
    private static List<Double> servedPhaseGaps(LpOptions options) {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        HardInstances.Instance inst = HardInstances.generate(HardInstances.Flavor.BUDGET_BOUND, HardInstances.Size.SMALL, 1, true);
        ServedPhaseGaps backend = new ServedPhaseGaps();
        new LexicographicSolve(LpBackends.of(backend)).solve(inst.model(), inst.demand(), options.withTimeLimit(Duration.ofSeconds(10)));
        assertFalse(backend.gaps.isEmpty(), "the served phase's MIP ran");
        return backend.gaps;
    }

    @Test
    void aServedPhaseStoppedAtATieReportsItsBoundAsTheMostServed() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        HardInstances.Instance inst = HardInstances.generate(HardInstances.Flavor.BUDGET_BOUND, HardInstances.Size.SMALL, 1, true);
        LpBackend scip = new OrToolsBackend("GLOP", "SCIP");
        double[] servedPhase = new double[2];
        LpBackend recorded = new LpBackend() {
            @Override
            public String name(boolean integer) {
                return "SCIP, served phase recorded";
            }

            @Override
            public Solution solve(LinearModel m, boolean maximise, long budgetMillis, double relativeGap) {
                Solution s = scip.solve(m, maximise, budgetMillis, relativeGap);
                if (maximise && m.anyInteger()) {
                    servedPhase[0] = s.objectiveValue();
                    servedPhase[1] = s.bestBound();
                }
                return s;
            }
        };
        // a loose tie (1e-4): SCIP stops near its root, its bound above its plan
        LpResult r = new LexicographicSolve(LpBackends.of(recorded)).solve(inst.model(), inst.demand(),
                LpOptions.integer().withServedPhaseGap(1e-4).withTimeLimit(Duration.ofSeconds(4)));
        assertTrue(servedPhase[1] > servedPhase[0], servedPhase[1] + " above " + servedPhase[0]);
        assertEquals(LpFormulation.inferences(servedPhase[1]), r.maxServedInferences(), 1e-9 * r.maxServedInferences(),
                "the most served is the served phase's bound, not its plan's");
    }

    @Test
    void theServedPhaseWantsTheTrueMaximumByDefault() {
        assertEquals(List.of(LpOptions.SERVED_PHASE_GAP), servedPhaseGaps(LpOptions.integer()));
    }

    @Test
    void aCallerAcceptingATieHandsItToTheServedPhase() {
        assertEquals(List.of(1e-6), servedPhaseGaps(LpOptions.integer().withServedPhaseGap(1e-6)));
    }

    @Test
    void theServedPhaseIsNeverLooserThanTheMipsOwnGap() {
        assertEquals(List.of(1e-7), servedPhaseGaps(LpOptions.integer().withMipRelativeGap(1e-7).withServedPhaseGap(1e-6)));
    }
}
