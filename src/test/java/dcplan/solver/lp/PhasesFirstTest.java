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
 * The held MIP's cost phase solved phases first ({@link PhasesFirst}) on tiny version-2 hard
 * instances (whole phases): the plan is the MIP's optimum within the gap, serving as much, and
 * its bound is no higher than that optimum; when step 2 (phases fixed) finds no plan, the cost
 * phase is today's and still proven. About 2 s.
 */
class PhasesFirstTest {

    /** Which steps a backend saw: "1" servers continuous with phases whole, "2" phases fixed, "3" started, "mip" otherwise. */
    static final class Recording extends ScipWithCostPhase {
        final List<String> costPhases = new ArrayList<>();
        boolean failStep2;

        Recording() {
            super("SCIP, cost-phase steps recorded");
        }

        @Override
        Solution costPhase(LinearModel m, long budgetMillis, double relativeGap) {
            String step = step(m);
            costPhases.add(step);
            if (failStep2 && step.equals("2")) {
                return new Solution(Outcome.INFEASIBLE, null, Double.NaN, 0, "no plan with these phases");
            }
            return scip.solve(m, false, budgetMillis, relativeGap);
        }

        private static String step(LinearModel m) {
            boolean serversContinuous = false;
            boolean phasesFixed = false;
            boolean anyPhase = false;
            for (int j = 0; j < m.columns(); j++) {
                serversContinuous |= m.name(j).startsWith("I_") && !m.isInteger(j) && m.lower(j) < m.upper(j);
                if (m.name(j).startsWith("P_")) {
                    anyPhase = true;
                    phasesFixed |= m.lower(j) == m.upper(j) && m.upper(j) > 0;
                }
            }
            if (!anyPhase) {
                return "no phases";
            }
            return serversContinuous ? "1" : phasesFixed ? "2" : m.start() != null ? "3" : "mip";
        }
    }

    private static HardInstances.Instance instance(HardInstances.Flavor flavor) {
        return HardInstances.generate(flavor, HardInstances.Size.TINY, 1, true);
    }

    private static LpOptions held() {
        return LpOptions.integer().toBeProven().withTimeLimit(Duration.ofSeconds(60));
    }

    @Test
    void phasesFirstGivesTheMipsOptimumWithinTheGapAndABoundNoHigher() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        for (HardInstances.Flavor flavor : List.of(HardInstances.Flavor.POWER_BOUND, HardInstances.Flavor.MIXED)) {
            HardInstances.Instance in = instance(flavor);
            Recording backend = new Recording();
            LpResult r = new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(), held());
            assertTrue(backend.costPhases.contains("1") && backend.costPhases.contains("2"),
                    in.name() + ": steps 1 and 2 ran: " + backend.costPhases);
            // the plain MIP at a gap 100 times tighter: its optimum, to within 1e-6
            LpResult exact = new LexicographicSolve(LpBackends.of(new OrToolsBackend("GLOP", "SCIP"))).solve(in.model(),
                    in.demand(), LpOptions.integer().withMipRelativeGap(1e-6).withTimeLimit(Duration.ofSeconds(60)));
            assertTrue(exact.provenOptimal(), exact.message());
            assertTrue(r.provenOptimal(), in.name() + ": " + r.message());
            assertEquals(exact.servedInferences(), r.servedInferences(), 1e-6 * exact.servedInferences(), in.name() + " serves as much");
            assertTrue(r.totalCostUsd() <= exact.totalCostUsd() * (1 + LpOptions.DEFAULT_MIP_GAP + 1e-6),
                    in.name() + ": " + r.totalCostUsd() + " against the optimum " + exact.totalCostUsd());
            assertTrue(r.hasLowerBound(), r.message());
            assertTrue(r.lowerBoundUsd() <= exact.totalCostUsd() * (1 + 1e-9),
                    in.name() + ": bound " + r.lowerBoundUsd() + " above the optimum " + exact.totalCostUsd());
            assertTrue(r.totalCostUsd() <= r.lowerBoundUsd() * (1 + LpOptions.DEFAULT_MIP_GAP + 1e-9),
                    in.name() + ": proven within the gap of its bound " + r.lowerBoundUsd() + " (" + r.lowerBoundKind() + ")");
        }
    }

    @Test
    void withoutAPlanFromStep2TheCostPhaseIsTodays() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        HardInstances.Instance in = instance(HardInstances.Flavor.POWER_BOUND);
        Recording backend = new Recording();
        backend.failStep2 = true;
        LpResult r = new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(), held());
        assertEquals(List.of("1", "2", "mip"), backend.costPhases, "step 1, step 2 without a plan, then the MIP alone");
        assertTrue(r.provenOptimal(), r.message());
        LpResult plain = new LexicographicSolve(LpBackends.of(new OrToolsBackend("GLOP", "SCIP"))).solve(in.model(),
                in.demand(), held());
        assertEquals(plain.totalCostUsd(), r.totalCostUsd(), 1e-4 * plain.totalCostUsd(), "the cost phase's optimum");
        assertTrue(r.lowerBoundUsd() <= r.totalCostUsd() * (1 + 1e-9), r.lowerBoundUsd() + " <= " + r.totalCostUsd());
    }

    @Test
    void aPlanNotToBeProvenKeepsTodaysCostPhase() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        assumeTrue(PhasesFirst.SCOPE.equals("held"), "the default scope");
        Recording backend = new Recording();
        HardInstances.Instance in = instance(HardInstances.Flavor.POWER_BOUND);
        new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(), LpOptions.integer());
        assertFalse(backend.costPhases.contains("1"), "no step 1 outside a held what-if: " + backend.costPhases);
    }

    @Test
    void aPlanWithinTheGapOfTheBoundIsProvenOnTheTotal() {
        // objective 100 + offset 900: a total of 1000 against 999.95, 5e-5 apart
        assertTrue(PhasesFirst.withinGap(100, 99.95, 900, 1e-4));
        assertFalse(PhasesFirst.withinGap(100, 99.95, 0, 1e-4), "on the objective alone 5e-4 apart");
    }
}
