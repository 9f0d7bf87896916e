package dcplan.hedge;

/**
 * Finds a hedged plan: the extensive form (every future in one model, commitments linked) for a
 * handful of futures, a decomposition whose per-future solves run as Spark tasks for many.
 */
public interface HedgeSolver {
    HedgedPlan solve(HedgeInstance instance, HedgeSettings settings);
}
