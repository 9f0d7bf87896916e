package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The starting plans of a time-limited plan on two cores: SCIP on a thread of its own, the
 * rounded start, relax-and-fix and a first search on the planner's thread beside it, and the best
 * of all their plans (served first) as the final search's start ({@link #prepare}). Apart from
 * {@link Planner}, which runs the final search, so that each reads on its own; one instance per
 * planner, whose {@link #stop} (the planner's Ctrl-C) stops whatever of it is running.
 */
final class MipBesideSearch {

    /** The first search and the MIP's thread while they run (null otherwise), for {@link #stop}. */
    private volatile CapacitySolver first;
    private volatile MipInBackground background;
    /** Relax-and-fix on the planner's thread beside the MIP, while it runs (null otherwise), for {@link #stop}. */
    private volatile StoppableSpan alongside;
    private volatile boolean stopRequested;

    /** The MIP's result and the start of the final search. */
    record Prepared(MipCandidates.Found mip, StartingPlans.Start start) {
    }

    /** The name of the first search's best, judged against the MIP's plans. */
    private static final String FIRST_SEARCH = "first search's best";

    /**
     * The MIP on the second core. SCIP uses one thread and OptaPlanner one; run one after the
     * other, as on one processor, the search waited for the MIP's whole share (half the limit),
     * and the MIP got only that half: on medium instances it then had no cost-phase plan where
     * SCIP given the whole limit had a good one (docs/benchmarks.md). Here the MIP runs until
     * {@link Deadline#MIP} of the limit on a thread of its own
     * ({@link MipInBackground}), while this thread builds the rounded start, runs relax-and-fix
     * beside the MIP (up to {@link MipCandidates#RELAX_AND_FIX_ALONGSIDE_MAX} decisions; above it
     * relax-and-fix follows the MIP on its thread) and then a first search from the better of
     * the two. When the MIP returns, relax-and-fix and the first search are stopped (stopped
     * sooner, when it is proven within the gap of the relaxation, the MIP is stopped instead);
     * the first search's best, as is and re-split by the LP, is judged against the MIP's and
     * relax-and-fix's plans by the evaluator (served first), and the better starts the final
     * search, which gets the time left (at least {@link Planner#FINAL_SHARE} of the limit,
     * {@link Planner#withTimeLeft}). The MIP's thread is always joined before this returns.
     */
    Prepared prepare(PlanningModel model, List<DemandCell> demand, CapacityPlan problem, boolean warm,
                     LpResult relaxation, CapacitySolver.Options options, Planner.LpLimits lp,
                     HeldLevels held, Commitments commitments, Deadline deadline) {
        CapacitySolver firstSolver = new CapacitySolver();
        StoppableSpan alongside = new StoppableSpan();
        boolean relaxAndFixAlongside = MipCandidates.serverDecisions(model) <= MipCandidates.RELAX_AND_FIX_ALONGSIDE_MAX;
        // SCIP (and relax-and-fix beside it) end by Deadline.MIP, however long the relaxation took
        Duration mipLimit = deadline.left(Deadline.MIP);
        // its served phase, unless proven sooner, until Deadline.SERVED_PHASE of the planner's
        // limit on both paths: longer than SCIP alone's half, as served comes first
        Duration servedAtLeast = deadline.left(Deadline.SERVED_PHASE);
        try (MipInBackground mipThread = MipInBackground.start(() -> relaxAndFixAlongside
                        ? MipCandidates.alone(model, demand, atLeast(mipLimit, MipCandidates.MIN_TIME), servedAtLeast,
                        lp.polish(), held, commitments)
                        : MipCandidates.of(model, demand, mipLimit, 1.0, true, servedAtLeast, lp.polish(), held, commitments),
                () -> {
                    alongside.stop();
                    firstSolver.terminateEarly();
                })) {
            first = firstSolver;
            background = mipThread;
            this.alongside = alongside;
            if (stopRequested) {
                stop();
            }
            StartingPlans.Start rounded = StartingPlans.start(model, demand, problem, warm, relaxation, lp, MipCandidates.Found.NONE, options.gap(),
                    held, commitments, deadline);
            deadline.mark("rounded starts");
            Map<String, Plan> relaxedAndFixed = Map.of();
            Duration untilMipEnds = deadline.left(Deadline.MIP);
            if (relaxAndFixAlongside && untilMipEnds.compareTo(MipCandidates.MIN_TIME) >= 0 && alongside.begin()) {
                try {
                    relaxedAndFixed = MipCandidates.relaxAndFix(model, demand, untilMipEnds, lp.polish(), held, commitments);
                } finally {
                    alongside.end();
                }
                deadline.mark("relax-and-fix beside the MIP");
            }
            StartingPlans.Start firstStart = relaxedAndFixed.isEmpty() ? rounded : betterOf(model, demand, rounded,
                    relaxedAndFixed, lp, held, commitments, deadline);
            Planner.seed(problem, firstStart, warm, relaxation);
            // ends by the MIP's return, at the latest when the final search's share begins
            // (Deadline.STARTS); skipped when that has begun already (the starts are judged)
            Duration firstLimit = deadline.capped(options.timeLimit(), Deadline.STARTS);
            CapacitySolver.Result firstSearch = Planner.isOn(firstLimit) ? firstSolver.solve(problem,
                    options.withTimeLimit(firstLimit).withGapStop(GapStop.of(relaxation, options.gap()))) : null;
            deadline.mark("first search");
            if (Deadline.LOG_STEPS && firstSearch != null) {
                System.err.println("[dcplan] planning step: first search from " + (firstStart == null ? "no start" : firstStart.name())
                        + ": " + firstSearch.describeSearch());
            }
            if ((firstSearch != null && firstSearch.provenWithinGap()) || stopRequested || deadline.passed(Deadline.STARTS)) {
                // past the deadline: the MIP's plans so far (SCIP's incumbent), its re-splits dropped
                mipThread.stop();
            }
            List<StartingPlans.Candidate> judged = new ArrayList<>();
            if (firstSearch != null) {
                judged.addAll(firstSearchPlans(model, demand, firstSearch,
                        FIRST_SEARCH + (firstStart == null ? "" : " (from " + firstStart.name() + ")"), lp, deadline));
            }
            deadline.mark("first search's re-split");
            MipCandidates.Found mip = mipThread.join();
            deadline.mark("waiting for the MIP");
            mip.plans().forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
            relaxedAndFixed.forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
            if (rounded != null) {
                // last (the first of equals wins): where the search's plan breaks a limit the evaluator sees
                judged.add(new StartingPlans.Candidate(rounded.name(), rounded.plan(), true, rounded.evaluation()));
            }
            Prepared prepared = new Prepared(mip, StartingPlans.best(model, demand, judged, lp, held, commitments, deadline));
            deadline.mark("best start, crumbs tidied");
            return prepared;
        } finally {
            first = null;
            background = null;
            this.alongside = null;
        }
    }

    /** The first search's best, as is and (while the deadline allows) re-split by the LP. */
    private static List<StartingPlans.Candidate> firstSearchPlans(PlanningModel model, List<DemandCell> demand,
                                                                 CapacitySolver.Result firstSearch, String name,
                                                                 Planner.LpLimits lp, Deadline deadline) {
        List<StartingPlans.Candidate> plans = new ArrayList<>();
        plans.add(new StartingPlans.Candidate(name, firstSearch.plan(), true));
        Duration splitLimit = deadline.capped(lp.polish(), Deadline.STARTS);
        LpResult split = Planner.isOn(splitLimit) ? deadline.resplit(() -> PlanLinearProgram.polishDispatch(model, demand,
                firstSearch.plan(), LpOptions.relaxed().withTimeLimit(splitLimit))) : null;
        if (split != null && split.status().hasSolution()) {
            plans.add(new StartingPlans.Candidate(name + ", LP re-split", split.plan(), true));
        }
        return plans;
    }

    /** The better start of the rounded one and relax-and-fix's plans, by the evaluator (served first). */
    private static StartingPlans.Start betterOf(PlanningModel model, List<DemandCell> demand, StartingPlans.Start rounded,
                                                Map<String, Plan> relaxedAndFixed, Planner.LpLimits lp, HeldLevels held,
                                                Commitments commitments, Deadline deadline) {
        List<StartingPlans.Candidate> candidates = new ArrayList<>();
        relaxedAndFixed.forEach((n, plan) -> candidates.add(StartingPlans.Candidate.ofMip(n, plan)));
        if (rounded != null) {
            // the rounded start is tidied already: a search's plan as far as tidying goes
            candidates.add(new StartingPlans.Candidate(rounded.name(), rounded.plan(), true, rounded.evaluation()));
        }
        return StartingPlans.best(model, demand, candidates, lp, held, commitments, deadline);
    }

    private static Duration atLeast(Duration d, Duration floor) {
        return d.compareTo(floor) < 0 ? floor : d;
    }

    /** Stops the first search, relax-and-fix and the MIP's thread, those running and those still to start. */
    void stop() {
        stopRequested = true;
        CapacitySolver f = first;
        if (f != null) {
            f.terminateEarly();
        }
        MipInBackground b = background;
        if (b != null) {
            b.stop();
        }
        StoppableSpan a = alongside;
        if (a != null) {
            a.stop();
        }
    }
}
