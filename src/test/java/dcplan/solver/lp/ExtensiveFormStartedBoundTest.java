package dcplan.solver.lp;

import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The extensive form's MIP bound at a hedge's expected served, started from the hedged plan
 * ({@link ExtensiveForm#lowerBound} with a start): the hedged plan is a feasible point of that
 * MIP, so a solver cut short before a plan of its own (SCIP at its time limit on small
 * supply-bound v2 #1: no incumbent in 30 s, so OR-Tools reports no bound) still ends with one and
 * its dual bound. Here the cost phase finds nothing without a start and is SCIP held to its root
 * node with one; the bound it gives must be valid (no higher than the optimum SCIP proves on the
 * whole MIP) and, with whole phases, above the LP relaxation's.
 */
class ExtensiveFormStartedBoundTest {

    /** The cost phase: nothing without a start (its whole budget used); SCIP at its root node with one. */
    static final class NothingWithoutAStart extends ScipWithCostPhase {
        final LpBackend rootOnly = new OrToolsBackend("GLOP", "SCIP", "limits/nodes = 1");
        String startRejected;
        int starts;

        NothingWithoutAStart() {
            super("SCIP, nothing found without a start");
        }

        @Override
        Solution costPhase(LinearModel m, long budgetMillis, double relativeGap) {
            if (m.start() == null) {
                return new Solution(Outcome.NO_SOLUTION, null, Double.NaN, budgetMillis, "no plan of its own before its limit");
            }
            starts++;
            String[] why = new String[1];
            if (!m.isFeasible(m.start(), 1e-7, 1e-9, why)) {
                startRejected = why[0];
            }
            return rootOnly.solve(m, false, budgetMillis, relativeGap);
        }
    }

    @Test
    void theMipBoundStartedFromAHedgedPlanIsValidAndAboveTheRelaxations() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        RandomInstances.Instance inst = RandomInstances.withLeadTimesAndPhases(RandomInstances.tiny(3), 3);
        PlanningModel base = inst.model();
        Quarter d = base.quarters().get(2);
        List<ExtensiveForm.Future> futures = List.of(new ExtensiveForm.Future(base, inst.demand(), 0.6),
                new ExtensiveForm.Future(HardInstances.bannedEverywhere(base, base.chips().get(0).id(), d), inst.demand(), 0.4));
        assertTrue(futures.stream().anyMatch(f -> LexicographicSolve.hasPhases(f.model())), "whole phases");
        ExtensiveForm.Result exact = ExtensiveForm.solve(futures, d, 0, LpOptions.integer().withTimeLimit(Duration.ofSeconds(60)));
        assertTrue(exact.provenOptimal(), exact.message());
        List<Plan> hedged = exact.plans().stream().map(LpResult::plan).toList();
        double served = 0.6 * exact.plans().get(0).servedInferences() + 0.4 * exact.plans().get(1).servedInferences();

        NothingWithoutAStart backend = new NothingWithoutAStart();
        ExtensiveForm.Result started = ExtensiveForm.lowerBound(LpBackends.of(backend), futures, d, 0, served,
                LpOptions.integer().withTimeLimit(Duration.ofSeconds(20)), hedged);
        ExtensiveForm.Result relaxation = ExtensiveForm.lowerBound(futures, d, 0, served,
                LpOptions.relaxed().withTimeLimit(Duration.ofSeconds(20)));

        assertEquals(1, backend.starts, "the cost phase was handed the hedged plan");
        assertEquals(null, backend.startRejected, "the hedged plan is a feasible point of the MIP");
        assertTrue(Double.isFinite(started.lowerBoundUsd()), "a dual bound: " + started.message());
        assertEquals("extensive-form MIP dual bound", started.lowerBoundKind());
        assertTrue(started.lowerBoundUsd() <= exact.expectedCostUsd() * (1 + 1e-9),
                started.lowerBoundUsd() + " above the proven optimum " + exact.expectedCostUsd());
        assertTrue(started.lowerBoundUsd() > relaxation.lowerBoundUsd() * (1 + 1e-6),
                started.lowerBoundUsd() + " not above the relaxation's " + relaxation.lowerBoundUsd());
    }
}
