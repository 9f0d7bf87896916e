package dcplan.solver.lp;

import java.time.Duration;

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

    /**
     * {@code -Ddcplan.lp.starts=false}: no retry from the start in {@link #costPhase} (the cost
     * phase alone for all the time left, as before starts); for before/after measurements.
     */
    static final boolean STARTS = !"false".equalsIgnoreCase(System.getProperty("dcplan.lp.starts"));

    /** The share of a MIP cost phase's time kept for its retry from the start ({@link #costPhase}). */
    static final double STARTED_SHARE = 0.25;

    /**
     * A MIP's cost phase (minimise) within the clock's time left: the solver alone for all but
     * {@link #STARTED_SHARE} of it; where that stopped at its limit (proven or not; with a plan of
     * its own or none), again for the rest from the best plan known, its own or {@code start} (a
     * plan known to be feasible: phase 1's, which serves the target). Started, SCIP keeps the
     * start as its incumbent, so the retry ends with a plan no dearer and its dual bound is
     * readable (OR-Tools gives it only with a plan; docs/lp.md); the higher of the two bounds is
     * kept (both hold for the same model).
     *
     * <p>Why not from the start at once: on the README's MIP, SCIP started from its served phase's
     * plan took another path and ended unproven at 0.75 % (728,724,863 USD) where alone it proves
     * 728,613,175 USD in seconds (measured in the fourth session and again in this one). Alone
     * first, a MIP that SCIP proves within three quarters of its time is solved as before (SCIP
     * alone; not always the same run twice even so: docs/benchmarks.md, "Why one held what-if
     * takes 3 s in one run and 16 s in the next").
     */
    static Phase costPhase(LpBackends backends, LinearModel lm, double[] start, LpClock clock, double relativeGap) {
        return costPhase(backends, lm, start, clock, relativeGap, null);
    }

    /**
     * The share of the time left that the retry from {@code start} keeps when the cost phase hands
     * over ({@link #costPhase(LpBackends, LinearModel, double[], LpClock, double, Duration)}): enough
     * for SCIP's dual bound, which OR-Tools reads only with a plan, the rest the caller's.
     * {@code -Ddcplan.lp.handOverRetryShare=0}: no retry, the served phase's plan handed over as it is.
     */
    static final double HAND_OVER_RETRY_SHARE = Double.parseDouble(System.getProperty("dcplan.lp.handOverRetryShare", "0.2"));

    /**
     * {@link #costPhase(LpBackends, LinearModel, double[], LpClock, double)}, but where the solver
     * alone ended its share without a plan of its own and at least {@code handOverWhenLeft} is
     * left (null: never), the retry from {@code start} gets only {@link #HAND_OVER_RETRY_SHARE} of
     * what is left (none at 0: the phase then ends without a plan), and the caller improves the
     * plan its own way in the rest ({@link LpOptions#handOverWhenLeft}).
     */
    static Phase costPhase(LpBackends backends, LinearModel lm, double[] start, LpClock clock, double relativeGap,
                           Duration handOverWhenLeft) {
        long left = clock.remainingMillis();
        if (!STARTS || start == null || left < 0) {
            return run(backends, lm, true, false, left, relativeGap);
        }
        Phase alone = run(backends, lm, true, false, Math.max(1, Math.round(left * (1 - STARTED_SHARE))), relativeGap);
        if (alone.status() == LpStatus.OPTIMAL || !alone.timeLimitHit() || clock.expired()) {
            return alone;
        }
        long retryMillis = clock.remainingMillis();
        if (!alone.ok() && handOverWhenLeft != null && retryMillis >= handOverWhenLeft.toMillis()) {
            if (DEBUG) {
                System.err.println("[lp] cost phase alone ended " + alone.state() + "; handing over with " + retryMillis
                        + " ms left, the retry from phase 1's plan keeping " + HAND_OVER_RETRY_SHARE + " of it");
            }
            if (HAND_OVER_RETRY_SHARE <= 0) {
                return alone;
            }
            retryMillis = Math.max(1, Math.round(retryMillis * HAND_OVER_RETRY_SHARE));
        }
        lm.start(alone.ok() ? alone.x() : start);
        Phase started = run(backends, lm, true, false, retryMillis, relativeGap);
        // a solver that dropped the start (numerics) could end dearer than its own first plan
        boolean retryKept = started.ok() && !(alone.ok() && started.result().objectiveValue() > alone.result().objectiveValue());
        Phase kept = retryKept ? started : alone;
        if (!kept.ok()) {
            return alone;
        }
        double bound = Math.max(finiteOrLow(alone.result().bestBound()), finiteOrLow(started.result().bestBound()));
        LpBackend.Solution r = kept.result();
        String how = !retryKept ? " (its retry from its own plan ended dearer)"
                : alone.ok() ? " (retried from its own plan)" : " (retried from phase 1's plan)";
        return new Phase(new LpBackend.Solution(r.outcome(), r.x(), r.objectiveValue(), r.millis(), r.detail() + how,
                Double.isFinite(bound) ? bound : Double.NaN), kept.status(), true);
    }

    private static double finiteOrLow(double bound) {
        return Double.isFinite(bound) ? bound : Double.NEGATIVE_INFINITY;
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
