package dcplan.solver.lp;

/**
 * One solver call of a lexicographic solve (a phase) and how it ended, the solver's outcome
 * mapped to an {@link LpStatus}: a call that used its whole budget counts as stopped by the
 * time limit.
 */
record Phase(LpBackend.Solution result, LpStatus status, boolean timeLimitHit) {

    /** {@code -Ddcplan.lp.debug=true}: one line per solver call on stderr. */
    static final boolean DEBUG = Boolean.getBoolean("dcplan.lp.debug");

    /** Solves {@code built} with {@code backends}, within {@code budgetMillis} (-1: no limit). */
    static Phase run(LpBackends backends, LpFormulation.Built built, long budgetMillis, double relativeGap) {
        return run(backends, built.lm, built.integer(), built.goal() == LpFormulation.Goal.MAX_SERVED, budgetMillis,
                relativeGap);
    }

    /** Solves a model built apart (an extensive form of several futures). */
    static Phase run(LpBackends backends, LinearModel lm, boolean integer, boolean maximise, long budgetMillis,
                     double relativeGap) {
        LpBackend backend = backends.backend();
        if (Thread.currentThread().isInterrupted()) {
            // stopped from another thread (LpInterrupts): the caller no longer wants the answer
            return new Phase(new LpBackend.Solution(LpBackend.Outcome.NO_SOLUTION, null, Double.NaN, 0, "interrupted"),
                    LpStatus.FAILED, false);
        }
        long t0 = System.nanoTime();
        LpBackend.Solution r = backend.solve(lm, maximise, budgetMillis, relativeGap);
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        boolean hit = budgetMillis > 0 && tookMillis >= budgetMillis * 0.97;
        if (DEBUG) {
            System.err.printf("[lp] %s: %s %s %s vars=%d rows=%d %d ms (solver %d ms) -> %s %.9g%n",
                    Thread.currentThread().getName(), maximise ? "max" : "min", integer ? "MIP" : "LP", backend.name(integer), lm.columns(), lm.rows.size(),
                    tookMillis, r.millis(), r.detail(), r.objectiveValue());
        }
        LpStatus status = switch (r.outcome()) {
            case OPTIMAL -> LpStatus.OPTIMAL;
            case INFEASIBLE -> hit ? LpStatus.FAILED : LpStatus.INFEASIBLE;
            case FEASIBLE -> hit ? LpStatus.TIME_LIMIT : LpStatus.FEASIBLE;
            default -> LpStatus.FAILED;
        };
        if (status.hasSolution() && r.x() == null) {
            status = LpStatus.FAILED;
        }
        return new Phase(r, status, hit);
    }

    /** A solution found without the solver (the MIP's rounded-up LP optimum), optimal. */
    static Phase optimal(double[] x, double objectiveValue, String detail) {
        return new Phase(new LpBackend.Solution(LpBackend.Outcome.OPTIMAL, x, objectiveValue, 0, detail),
                LpStatus.OPTIMAL, false);
    }

    boolean ok() {
        return status.hasSolution();
    }

    double[] x() {
        return result.x();
    }

    String state() {
        return result.detail();
    }
}
