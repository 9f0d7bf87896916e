package dcplan.solver.lp;

/**
 * A solver behind the LP layer, chosen by {@link LpBackends}: takes a {@link LinearModel}, returns a solution.
 * Implementations: {@link OrToolsBackend} (GLOP for LPs, SCIP for MIPs; the default) and
 * {@link OjAlgoBackend} (pure Java; used when OR-Tools' natives cannot load, or on request with
 * {@code -Ddcplan.lp.backend=ojalgo}).
 */
interface LpBackend {

    /** How a solver call ended, before {@link Phase} maps it to an {@link LpStatus}. */
    enum Outcome {
        /** Proven optimal (a MIP: within the relative gap). */
        OPTIMAL,
        /** A feasible solution, not proven optimal (a MIP stopped by its time limit, say). */
        FEASIBLE,
        INFEASIBLE,
        UNBOUNDED,
        /** No solution: the solver failed or stopped before finding one. */
        NO_SOLUTION
    }

    /**
     * {@code x} holds every column's value (null without a solution). {@code bestBound}: for a
     * MIP, the solver's proven bound on the objective (its dual bound: no solution is better), NaN
     * when the solver gives none.
     */
    record Solution(Outcome outcome, double[] x, double objectiveValue, long millis, String detail, double bestBound) {
        Solution(Outcome outcome, double[] x, double objectiveValue, long millis, String detail) {
            this(outcome, x, objectiveValue, millis, detail, Double.NaN);
        }

        boolean hasSolution() {
            return (outcome == Outcome.OPTIMAL || outcome == Outcome.FEASIBLE) && x != null;
        }
    }

    /** A short name for messages and docs, such as "OR-Tools GLOP". */
    String name(boolean integer);

    /**
     * Optimises {@code model}'s objective.
     *
     * @param budgetMillis wall-clock limit for this call, or a value {@code <= 0} for none
     * @param relativeGap  MIP only: stop when the incumbent is proven within this relative gap
     */
    Solution solve(LinearModel model, boolean maximise, long budgetMillis, double relativeGap);
}
