package dcplan.solver;

import dcplan.solver.lp.LpInterrupts;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * MIP solves on a thread of their own, while the planner's main thread searches (see
 * {@link Planner}): the MIP's starting plans ({@link MipCandidates}), and the MIP neighbourhoods
 * beside the final search ({@link NeighbourhoodsBesideFinalSearch}). The thread does not outlive
 * the planning step: {@link #close} stops its solve (SCIP interrupted, {@link LpInterrupts}) and
 * joins it, so no SCIP is still running after {@code plan()} returns, in the CLI or inside a Spark
 * task. One exception: a task {@link #abandon}ed because SCIP ran past its own time limit, which it
 * does not always keep (on large partly-unservable v2 #1 at 30 s its root went on up to 12 s past
 * it; {@link MipBesideSearch#waitForTheMip}). Its solve was asked to stop, and its thread ends once
 * SCIP next looks at its limit; nothing reads what it returns.
 *
 * @param <T> what the task returns
 */
final class MipInBackground<T> implements AutoCloseable {
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private final T none;
    private volatile T found;
    private volatile Throwable failure;
    /** Set by {@link #abandon}: {@link #close} does not wait. */
    private volatile boolean abandoned;

    private MipInBackground(Supplier<T> task, Runnable whenDone, T none, String name) {
        this.none = none;
        this.found = none;
        thread = new Thread(() -> {
            try {
                found = task.get();
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                done.countDown();
                whenDone.run();
            }
        }, name);
        thread.setDaemon(true); // a JVM exiting (Ctrl-C) does not wait for it; close() does
    }

    /** Starts the MIP's {@code task} on thread "dcplan-mip"; {@code whenDone} runs on it once the task returned (or failed). */
    static MipInBackground<MipCandidates.Found> start(Supplier<MipCandidates.Found> task, Runnable whenDone) {
        return start(task, whenDone, MipCandidates.Found.NONE, "dcplan-mip");
    }

    /** Starts {@code task} on thread {@code name}; {@code none} is what {@link #join} gives when it was stopped before it returned. */
    static <T> MipInBackground<T> start(Supplier<T> task, Runnable whenDone, T none, String name) {
        MipInBackground<T> b = new MipInBackground<>(task, whenDone, none, name);
        b.thread.start();
        return b;
    }

    /**
     * Waits for the task and returns its plans (what it found before it was stopped, when it was);
     * rethrows its failure. A caller interrupted while waiting stops it and gets none.
     */
    T join() {
        try {
            done.await();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            return none;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        return found;
    }

    /**
     * {@link #join}, but waiting at most {@code wait}: empty when the task has not returned by then
     * (it runs on). A caller interrupted while waiting stops it and gets none, as {@link #join}.
     */
    Optional<T> joinWithin(Duration wait) {
        try {
            if (!done.await(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            return Optional.of(none);
        }
        return Optional.of(join());
    }

    /**
     * Asks the task to stop and stops waiting for it: {@link #close} returns at once, and the
     * thread ends on its own once its solve sees the request (SCIP past its own limit checks it
     * where it checks that limit). What it returns is not read.
     */
    void abandon() {
        abandoned = true;
        stop();
    }

    /** Whether the task has returned (or failed). */
    boolean returned() {
        return done.getCount() == 0;
    }

    /** Asks the task to stop (its solve in progress and later ones); does not wait. */
    void stop() {
        if (done.getCount() > 0) {
            LpInterrupts.interrupt(thread);
        }
    }

    /** Stops the task and waits until its thread ended; once {@link #abandon}ed, only stops it. */
    @Override
    public void close() {
        if (abandoned) {
            stop();
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            stop(); // again: a solve may have started just after the last request
            try {
                thread.join(100);
            } catch (InterruptedException e) {
                interrupted = true; // still wait: no SCIP may outlive the planning step
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
