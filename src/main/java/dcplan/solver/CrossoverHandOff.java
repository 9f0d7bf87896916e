package dcplan.solver;

import dcplan.plan.Plan;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.MipStart;

import java.util.List;
import java.util.Map;

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
 */
final class CrossoverHandOff {

    /**
     * SCIP's served-phase plan and its columns: each crossover's served phase starts from them
     * (the box holds that plan), so it serves at least as much even when cut short.
     */
    record ServedPhase(LpResult result, MipStart columns) {
    }

    private ServedPhase servedPhase;
    private List<StartingPlans.Start> starts;
    private boolean taken;
    /** The crossovers' plans made on the MIP's thread (empty until then). */
    private volatile Map<String, Plan> crossedOnMipThread = Map.of();

    /**
     * The MIP's thread, its served phase ended with {@code plan}: the starts it is to cross the
     * plan with, when the main thread has given them and left the crossovers to it; null otherwise
     * (the main thread crosses them, or has crossed them already).
     */
    synchronized List<StartingPlans.Start> servedPhaseEnded(ServedPhase plan) {
        servedPhase = plan;
        if (starts != null && !taken) {
            taken = true;
            return starts;
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
