package dcplan.solver.lp;

import java.util.HashMap;
import java.util.Map;

/**
 * Stopping the LP layer's solves on another thread (the planner's MIP on its second core, when
 * the main thread's search is done or the user pressed Ctrl-C): the solve in progress is asked to
 * stop (OR-Tools' {@code interruptSolve}: SCIP ends at its next check with what it has), and the
 * thread's interrupt flag makes each later solve return no solution at once ({@link Phase#run}).
 * The lock keeps a native solver from being interrupted after its solve returned and it was deleted.
 */
public final class LpInterrupts {
    private static final Map<Thread, Runnable> RUNNING = new HashMap<>();

    private LpInterrupts() {
    }

    /** The current thread's solve can be stopped by {@code interrupt} until {@link #done}. */
    static synchronized void running(Runnable interrupt) {
        RUNNING.put(Thread.currentThread(), interrupt);
    }

    /** The current thread's solve returned: nothing to interrupt any more. */
    static synchronized void done() {
        RUNNING.remove(Thread.currentThread());
    }

    /** Stops {@code thread}'s solve in progress, and its later ones (its interrupt flag set). */
    public static synchronized void interrupt(Thread thread) {
        thread.interrupt();
        Runnable r = RUNNING.get(thread);
        if (r != null) {
            r.run();
        }
    }
}
