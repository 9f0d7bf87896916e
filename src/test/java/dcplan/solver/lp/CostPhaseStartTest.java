package dcplan.solver.lp;

import dcplan.solver.lp.RandomInstances.Instance;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A MIP's cost phase retried from its served phase's plan ({@link Phase#costPhase},
 * {@link LinearModel#start}): cut short before its solver finds a plan of its own, it still
 * returns one no dearer than the served phase's, serving as much, with the solver's dual bound.
 * The cost phase here is a solver that uses its whole budget and finds nothing when it has no
 * start (as SCIP at its time limit on the hedge's extensive form), and SCIP held to its root node
 * when it has one: without the retry the result is the served phase's plan with no bound. A cost
 * phase proven alone is not retried (the README's MIP, which SCIP proves alone and not started).
 * Asked to hand over ({@link LpOptions#handOverWhenLeft}), a cost phase that found no plan alone
 * retries for a fifth of the time left only, unless less than the hand-over's time is left.
 */
class CostPhaseStartTest {

    /** The served phase solved by SCIP; the cost phase cut short as the class comment says. */
    static final class CutShortCostPhase extends ScipWithCostPhase {
        final LpBackend rootOnly = new OrToolsBackend("GLOP", "SCIP", "limits/nodes = 1");
        int startsSeen;
        /** The budgets of the last cost phase alone and of the last retry from a start. */
        long aloneMillis;
        long retryMillis;

        CutShortCostPhase() {
            super("SCIP, cost phase cut short");
        }

        @Override
        Solution costPhase(LinearModel m, long budgetMillis, double relativeGap) {
            if (m.start() == null) {
                aloneMillis = budgetMillis;
                try {
                    Thread.sleep(Math.max(budgetMillis, 0)); // its whole budget, as SCIP stopped by its clock
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Solution(Outcome.NO_SOLUTION, null, Double.NaN, budgetMillis, "cut short before a plan of its own");
            }
            startsSeen++;
            retryMillis = budgetMillis;
            return rootOnly.solve(m, false, budgetMillis, relativeGap);
        }

        /** About what was left after the cost phase alone: it had three quarters of the time, so a third of its budget. */
        long leftAfterAlone() {
            return aloneMillis / 3;
        }
    }

    @Test
    void aCostPhaseCutShortReturnsAPlanNoDearerThanTheServedPhasesWithADualBound() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        CutShortCostPhase backend = new CutShortCostPhase();
        LpResult r = new LexicographicSolve(LpBackends.of(backend)).solve(inst.model(), inst.demand(),
                LpOptions.integer().withTimeLimit(Duration.ofSeconds(2)));
        assertTrue(backend.startsSeen > 0, "the cost phase was handed the served phase's plan");
        LpResult servedPhase = new LexicographicSolve(LpBackends.of(backend("SCIP, no cost phase",
                (m, maximise, budgetMillis, relativeGap) -> maximise || !m.anyInteger()
                        ? backend.scip.solve(m, maximise, budgetMillis, relativeGap)
                        : new LpBackend.Solution(LpBackend.Outcome.NO_SOLUTION, null, Double.NaN, 0, "no cost phase"))))
                .solve(inst.model(), inst.demand(), LpOptions.integer());
        assertFalse(servedPhase.hasLowerBound(), "the served phase's plan alone proves no bound");
        assertTrue(r.status().hasSolution(), r.message());
        assertEquals(servedPhase.servedInferences(), r.servedInferences(), 1e-6 * servedPhase.servedInferences(),
                "serves as much");
        assertTrue(r.totalCostUsd() <= servedPhase.totalCostUsd() * (1 + 1e-9), r.totalCostUsd() + " against the start's "
                + servedPhase.totalCostUsd());
        assertTrue(r.hasLowerBound(), "a dual bound at the limit: " + r.message());
        assertEquals(LpResult.MIP_DUAL_BOUND, r.lowerBoundKind());
        assertTrue(r.lowerBoundUsd() <= r.totalCostUsd() * (1 + 1e-9), r.lowerBoundUsd() + " <= " + r.totalCostUsd());
    }

    @Test
    void aCostPhaseProvenAloneIsNotRetried() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        int[] started = new int[1];
        LpBackend scip = new OrToolsBackend("GLOP", "SCIP");
        LpResult r = new LexicographicSolve(LpBackends.of(backend("SCIP, starts counted",
                (m, maximise, budgetMillis, relativeGap) -> {
                    if (m.start() != null) {
                        started[0]++;
                    }
                    return scip.solve(m, maximise, budgetMillis, relativeGap);
                }))).solve(inst.model(), inst.demand(), LpOptions.integer().withTimeLimit(Duration.ofSeconds(30)));
        assertTrue(r.provenOptimal(), r.message());
        assertEquals(0, started[0], "SCIP alone proved the cost phase: no start, the path it took before");
    }

    @Test
    void aCostPhaseWithoutAPlanOfItsOwnHandsOverWhenEnoughIsLeftItsRetryKeepingAFifth() {
        CutShortCostPhase backend = new CutShortCostPhase();
        LpResult r = solvedCutShortHandingOverWhen(Duration.ofMillis(50), backend);
        assertEquals(1, backend.startsSeen, "one retry from the served phase's plan");
        long leftAfterAlone = backend.leftAfterAlone();
        assertTrue(backend.retryMillis <= Math.ceil(Phase.HAND_OVER_RETRY_SHARE * leftAfterAlone) + 1,
                "the retry keeps a fifth of what is left: " + backend.retryMillis + " ms of about " + leftAfterAlone);
        assertTrue(r.status().hasSolution(), r.message());
        assertTrue(r.hasLowerBound(), "the retry's dual bound: " + r.message());
        assertFalse(r.provenOptimal(), "a handed-over plan is not proven: its caller goes on");
    }

    @Test
    void aCostPhaseWithoutAPlanOfItsOwnRetriesForAllThatIsLeftWhenLessThanTheHandOverIsLeft() {
        CutShortCostPhase backend = new CutShortCostPhase();
        LpResult r = solvedCutShortHandingOverWhen(Duration.ofHours(1), backend);
        assertEquals(1, backend.startsSeen, "SCIP retries from the served phase's plan");
        long leftAfterAlone = backend.leftAfterAlone();
        assertTrue(backend.retryMillis > 0.5 * leftAfterAlone,
                "no hand-over: the retry has all that is left, " + backend.retryMillis + " ms of about " + leftAfterAlone);
        assertTrue(r.hasLowerBound(), "the retry's dual bound: " + r.message());
    }

    /** A 2 s MIP solved with {@code backend}'s cut-short cost phase, handing over when {@code handOverWhenLeft} is left. */
    private static LpResult solvedCutShortHandingOverWhen(Duration handOverWhenLeft, CutShortCostPhase backend) {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        return new LexicographicSolve(LpBackends.of(backend)).solve(inst.model(), inst.demand(),
                LpOptions.integer().withTimeLimit(Duration.ofSeconds(2)).withHandOverWhenLeft(handOverWhenLeft));
    }

    /** How a test backend solves: {@link LpBackend#solve}'s arguments. */
    interface Solve {
        LpBackend.Solution solve(LinearModel m, boolean maximise, long budgetMillis, double relativeGap);
    }

    /** A backend named {@code name} that solves with {@code solve}. */
    private static LpBackend backend(String name, Solve solve) {
        return new LpBackend() {
            @Override
            public String name(boolean integer) {
                return name;
            }

            @Override
            public Solution solve(LinearModel m, boolean maximise, long budgetMillis, double relativeGap) {
                return solve.solve(m, maximise, budgetMillis, relativeGap);
            }
        };
    }
}
