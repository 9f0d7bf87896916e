package dcplan.solver;

import dcplan.plan.Plan;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.MipStart;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which thread crosses SCIP's served-phase plan with some of the main thread's starts
 * ({@link MipBesideSearch}; one hand-off for the rounded start, one for relax-and-fix's plan): the
 * main thread when that plan is there by the time its starts are, else the MIP's own thread as
 * soon as its served phase ends, before its cost phase. Exactly one of them does, once; whichever
 * comes second takes it.
 *
 * <p>Why both: where SCIP proves its served phase in seconds (medium partly-unservable) the
 * main thread has time for the crossovers before its first search; where the served phase runs
 * until 0.6-0.7 of the limit (medium supply-bound), the main thread is deep in its first search by
 * then, and SCIP's cost phase, left a few seconds, found no plan of its own in some runs (medium
 * supply-bound v2 #1 at 30 s wrote the served phase's plan, 4,269.5 M USD against 4,173.8 M when
 * the cost phase found one). With the crossovers on the MIP's thread: 3,804.2 M, and medium
 * supply-bound #3 at 60 s 5,439.0 M against 6,841-6,937 M (docs/benchmarks.md, twenty-seventh
 * session).
 *
 * <p>Where the served phase ends while the main thread is in its first search, the MIP's thread
 * hands the crossovers to the main thread ({@link #firstSearchEnded}) and stops that search, so
 * that both cores work: the crossovers on the main thread, SCIP's cost phase on its own. Crossed
 * on the MIP's thread there, the crossover at its 3 s floor took two thirds of the 4.5 s its cost
 * phase had left at 30 s, while the main thread's search had stalled and it then waited for the
 * MIP (medium supply-bound v2 #3 at 30 s: 7,126-7,268 M USD against SCIP alone's 6,644.6 M; its
 * cost phase given the whole 4.5 s: 5,541.7-6,955.3 M; docs/benchmarks.md, thirty-fourth session).
 * {@link #HAND_TO_FIRST_SEARCH} off: the MIP's thread crosses them (as before, for measurements).
 */
final class CrossoverHandOff {

    /**
     * {@code -Ddcplan.mip.crossoverToFirstSearch=false}: the MIP's thread crosses its served phase's
     * plan itself while the main thread searches (as before, for measurements).
     */
    static final boolean HAND_TO_FIRST_SEARCH =
            Boolean.parseBoolean(System.getProperty("dcplan.mip.crossoverToFirstSearch", "true"));

    /**
     * What the MIP's thread does once its served phase ended: cross {@code toCross} itself (null:
     * nothing to cross, the main thread does or did), or, {@code handedToMain}, stop the main
     * thread's first search, which then crosses them.
     */
    record OnServedPhase(List<StartingPlans.Start> toCross, boolean handedToMain) {
        static final OnServedPhase NOTHING = new OnServedPhase(null, false);
    }

    /** The served phase's plan and the starts the main thread is to cross it with, after its first search. */
    record Handed(ServedPhase served, List<StartingPlans.Start> starts) {
    }

    /**
     * SCIP's served-phase plan and its columns: each crossover's served phase starts from them
     * (the box holds that plan), so it serves at least as much even when cut short.
     */
    record ServedPhase(LpResult result, MipStart columns) {
    }

    private ServedPhase servedPhase;
    private List<StartingPlans.Start> starts;
    private boolean taken;
    /** Whether the main thread is in its first search (it may take the crossovers after it). */
    private boolean mainSearching;
    /** Whether the MIP's thread left the crossovers to the main thread's first search's end. */
    private boolean handedToMain;
    /** The crossovers' plans made on the MIP's thread (empty until then). */
    private volatile Map<String, Plan> crossedOnMipThread = Map.of();

    /**
     * The MIP's thread, its served phase ended with {@code plan}: where the main thread has given
     * its starts and left the crossovers to it, either the starts to cross itself, or, where the
     * main thread is in its first search and {@code worthStoppingIt} says the starts are worth
     * crossing (time left for a crossover, a start the plan serves more than), the crossovers
     * handed to the main thread (the caller stops that search). Nothing where the main thread
     * crosses them, or has crossed them already.
     */
    synchronized OnServedPhase servedPhaseEnded(ServedPhase plan, Predicate<List<StartingPlans.Start>> worthStoppingIt) {
        servedPhase = plan;
        if (starts == null || taken) {
            return OnServedPhase.NOTHING;
        }
        if (mainSearching && HAND_TO_FIRST_SEARCH && worthStoppingIt.test(starts)) {
            handedToMain = true;
            return new OnServedPhase(null, true);
        }
        taken = true;
        return new OnServedPhase(starts, false);
    }

    /** The main thread, its first search about to start: the MIP's thread may hand it the crossovers. */
    synchronized void firstSearchBegins() {
        mainSearching = true;
    }

    /**
     * The main thread, its first search over: the served phase's plan and the starts to cross it
     * with, where the MIP's thread handed them over during the search; null otherwise.
     */
    synchronized Handed firstSearchEnded() {
        mainSearching = false;
        if (handedToMain && !taken) {
            taken = true;
            return new Handed(servedPhase, starts);
        }
        return null;
    }

    /**
     * The main thread, its starts ready: the served phase's plan to cross them with, when it is
     * there and the MIP's thread has not taken the crossovers; null otherwise (then the MIP's
     * thread crosses them once its served phase ends, if it does in time).
     */
    synchronized ServedPhase startsReady(List<StartingPlans.Start> ready) {
        starts = ready;
        if (servedPhase != null && !taken) {
            taken = true;
            return servedPhase;
        }
        return null;
    }

    /** The MIP's thread's crossovers' plans, for the main thread to judge after the MIP returned. */
    void crossedOnMipThread(Map<String, Plan> plans) {
        crossedOnMipThread = Map.copyOf(plans);
    }

    Map<String, Plan> crossedOnMipThread() {
        return crossedOnMipThread;
    }
}
