package dcplan.solver.lp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * A MIP wanted proven ({@link LpOptions#toProve}) solved twice at once, one solver per thread:
 * in the solver's default node order and best bound first ({@link LinearModel#bestBoundFirstView}).
 * The first to prove its plan within the gap wins and the other is stopped; when neither proves
 * in time, the cheaper plan is kept with the higher of the two dual bounds (each is proven, so
 * both hold). Same model, same feasible set: only how soon the proof comes differs.
 *
 * <p>Why both: on the sample's held NVIDIA-ban what-if (docs/benchmarks.md; 2 cores at load 8-12)
 * SCIP's default order found a plan within about 1e-4 of the total in 10-15 s in some runs, then
 * spent the rest of its 24 s raising the bound by a few millionths, and in others stayed 0.2-0.4 %
 * away; it proved nothing in eight runs. Best bound first proved a cheaper plan in about 12 s in
 * three runs of nine, and in the others stalled far from any good plan (about 1,000 LP iterations
 * a node). Which run does what changes with any perturbation (the gap, a hint, the time left).
 * Neither order is reliably faster; the race takes the sooner of the two, on the second core that
 * a held what-if leaves idle (it plans sequentially, {@code Planner}); but see {@link #ON}.
 */
final class ProofRace {

    /**
     * Off unless {@code -Ddcplan.lp.race=true} (and two processors or more): measured under load
     * (2 cores, load average 7-8) the two solvers halved each other's speed, and in one run of two
     * the held NVIDIA-ban plan came out 7.7 % dearer than SCIP's default order alone
     * (docs/benchmarks.md). For measurements on a quiet machine, where the second core is idle.
     */
    static final boolean ON = Boolean.getBoolean("dcplan.lp.race") && Runtime.getRuntime().availableProcessors() >= 2;

    /**
     * One race at a time in a JVM: a hedge plans its futures on parallel threads, each holding
     * commitments; their MIPs would all race and take twice the cores. The others solve alone.
     */
    private static final Semaphore ONE_AT_A_TIME = new Semaphore(1);

    private ProofRace() {
    }

    /** One runner's result, and which runner. */
    private record Finish(Phase phase, Thread runner) {
    }

    /**
     * Solves {@code built} (a MIP minimising) within {@code budgetMillis} at {@code gap} as above.
     * Interrupted while waiting, it stops both solves and returns no solution (the interrupt flag
     * kept, as {@link Phase#run} does for an interrupted thread).
     */
    static Phase run(LpBackends backends, LpFormulation.Built built, long budgetMillis, double gap) {
        return run(backends, built, budgetMillis, gap, ON);
    }

    /** {@link #run(LpBackends, LpFormulation.Built, long, double)}, raced only when {@code race}. */
    static Phase run(LpBackends backends, LpFormulation.Built built, long budgetMillis, double gap, boolean race) {
        if (!race || !ONE_AT_A_TIME.tryAcquire()) {
            return Phase.run(backends, built, budgetMillis, gap);
        }
        try {
            return race(backends, built, budgetMillis, gap);
        } finally {
            ONE_AT_A_TIME.release();
        }
    }

    private static Phase race(LpBackends backends, LpFormulation.Built built, long budgetMillis, double gap) {
        BlockingQueue<Finish> finished = new ArrayBlockingQueue<>(2);
        Thread byEstimate = runner(backends, built.lm, budgetMillis, gap, finished, "default order");
        Thread byBound = runner(backends, built.lm.bestBoundFirstView(), budgetMillis, gap, finished, "best bound first");
        try {
            Finish first = finished.take();
            if (first.phase().status() == LpStatus.OPTIMAL) {
                Thread other = first.runner() == byEstimate ? byBound : byEstimate;
                LpInterrupts.interrupt(other);
                other.join();
                return first.phase();
            }
            return better(first.phase(), finished.take().phase());
        } catch (InterruptedException e) {
            LpInterrupts.interrupt(byEstimate);
            LpInterrupts.interrupt(byBound);
            joinUninterruptibly(byEstimate);
            joinUninterruptibly(byBound); // no SCIP outlives the call
            Thread.currentThread().interrupt();
            return Phase.run(backends, built, budgetMillis, gap); // returns "interrupted" at once
        }
    }

    private static void joinUninterruptibly(Thread t) {
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException ignored) {
                // the caller's flag is set again after both joins
            }
        }
    }

    private static Thread runner(LpBackends backends, LinearModel lm, long budgetMillis, double gap,
                                 BlockingQueue<Finish> finished, String name) {
        Thread t = new Thread(() -> finished.add(new Finish(
                Phase.run(backends, lm, true, false, budgetMillis, gap), Thread.currentThread())), "dcplan MIP, " + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Of two unproven runs: a proven one if any, else the one with a plan at the lower cost,
     * carrying the higher dual bound of the two.
     */
    static Phase better(Phase a, Phase b) {
        if (a.status() == LpStatus.OPTIMAL || b.status() == LpStatus.OPTIMAL) {
            return a.status() == LpStatus.OPTIMAL ? a : b;
        }
        if (!a.ok() || !b.ok()) {
            return a.ok() ? a : b;
        }
        Phase best = a.result().objectiveValue() <= b.result().objectiveValue() ? a : b;
        double bound = Math.max(finiteOr(a.result().bestBound()), finiteOr(b.result().bestBound()));
        LpBackend.Solution r = best.result();
        return new Phase(new LpBackend.Solution(r.outcome(), r.x(), r.objectiveValue(), r.millis(), r.detail(),
                Double.isFinite(bound) ? bound : Double.NaN), best.status(), best.timeLimitHit());
    }

    private static double finiteOr(double bound) {
        return Double.isFinite(bound) ? bound : Double.NEGATIVE_INFINITY;
    }
}
