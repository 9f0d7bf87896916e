package dcplan.solver.lp;

/** How a solve ended. */
public enum LpStatus {
    /** Solved to optimality (for a MIP: the branch and bound closed within the relative gap). */
    OPTIMAL,
    /** A feasible solution that the solver did not prove optimal, without hitting the time limit. */
    FEASIBLE,
    /** The time limit stopped the solver; the result holds the best feasible solution found. */
    TIME_LIMIT,
    /** No plan satisfies the hard constraints (for example existing servers beyond a site's power). */
    INFEASIBLE,
    /** The solver failed, or the time limit stopped it before any feasible solution. */
    FAILED;

    public boolean hasSolution() {
        return this == OPTIMAL || this == FEASIBLE || this == TIME_LIMIT;
    }
}
