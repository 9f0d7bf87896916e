package dcplan.solver;

import dcplan.solver.lp.LpInterrupts;

/**
 * A stretch of LP solves on the planner's main thread (relax-and-fix and the MIP neighbourhoods
 * beside the MIP) that another thread may stop: the MIP's thread when it returns, or Ctrl-C.
 * Stopping interrupts the solve in progress and every later one of the stretch
 * ({@link LpInterrupts}); {@link #end} clears the thread's interrupt flag again, so that the LP
 * solves after the stretch (re-splits, the search's own) are not refused. A stop asked before the
 * stretch began skips it; a stretch may begin again after it ended, until a stop.
 */
final class StoppableSpan {
    private Thread running;
    private boolean stopped;
    /** Whether a stop reached the running stretch (then its thread's interrupt flag is ours to clear). */
    private boolean interruptedIt;

    /** Starts the stretch on this thread; false when it was stopped already (skip it). */
    synchronized boolean begin() {
        if (stopped) {
            return false;
        }
        running = Thread.currentThread();
        return true;
    }

    /** Ends the stretch: a stop after this point no longer reaches the thread. */
    synchronized void end() {
        running = null;
        if (interruptedIt) {
            Thread.interrupted(); // the flag this stretch's stop set, not an interrupt from elsewhere
        }
    }

    /** Whether a stop was asked (the stretch's later solves are skipped). */
    synchronized boolean stopped() {
        return stopped;
    }

    /** Stops the stretch's solve in progress and its later ones; safe from any thread. */
    synchronized void stop() {
        stopped = true;
        if (running != null) {
            LpInterrupts.interrupt(running);
            interruptedIt = true;
        }
    }
}
