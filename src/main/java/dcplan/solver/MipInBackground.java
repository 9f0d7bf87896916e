package dcplan.solver;

import dcplan.solver.lp.LpInterrupts;

import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The MIP's starting plans ({@link MipCandidates}) solved on a thread of their own, while the
 * planner's main thread searches (see {@link Planner}). The thread never outlives the planning
 * step: {@link #close} stops its solve (SCIP interrupted, {@link LpInterrupts}) and joins it, so
 * no SCIP is still running after {@code plan()} returns, in the CLI or inside a Spark task.
 */
final class MipInBackground implements AutoCloseable {
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile MipCandidates.Found found = MipCandidates.Found.NONE;
    private volatile Throwable failure;

    private MipInBackground(Supplier<MipCandidates.Found> task, Runnable whenDone) {
        thread = new Thread(() -> {
            try {
                found = task.get();
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                done.countDown();
                whenDone.run();
            }
        }, "dcplan-mip");
        thread.setDaemon(true); // a JVM exiting (Ctrl-C) does not wait for it; close() does
    }

    /** Starts {@code task}; {@code whenDone} runs on its thread once it returned (or failed). */
    static MipInBackground start(Supplier<MipCandidates.Found> task, Runnable whenDone) {
        MipInBackground b = new MipInBackground(task, whenDone);
        b.thread.start();
        return b;
    }

    /**
     * Waits for the task and returns its plans (what it found before it was stopped, when it was);
     * rethrows its failure. A caller interrupted while waiting stops it and gets none.
     */
    MipCandidates.Found join() {
        try {
            done.await();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            return MipCandidates.Found.NONE;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        return found;
    }

    /** Asks the task to stop (its solve in progress and later ones); does not wait. */
    void stop() {
        if (done.getCount() > 0) {
            LpInterrupts.interrupt(thread);
        }
    }

    /** Stops the task and waits until its thread ended. */
    @Override
    public void close() {
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
