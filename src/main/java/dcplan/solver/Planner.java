package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.Sizing;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole planning step. Starting plans are built from the LP relaxation (rounded up, and with
 * whole phases fixed) and judged by the independent {@link PlanEvaluator} (served first, then
 * cheaper); the best, its crumbs tidied ({@link CrumbRemoval}), becomes OptaPlanner's construction
 * (chunk routes as its flows, purchases as its servers, phase builds as its MW). OptaPlanner then
 * owns the capex: the plan written is the solver's best solution, its flows re-split continuously
 * by an LP over the servers and MW it bought (never serving less). The search starts at the
 * start's cost (a phase built ahead of its servers included), so its best is never worse; a guard
 * ({@link #startBeatsSolverBest}) still writes the start, and says so loudly, should it ever be.
 *
 * <p>The whole step keeps to {@code --time-limit}: a {@link Deadline} computed once at its start
 * gives each step its share of the limit and skips what no longer fits (docs/solver.md, "The
 * deadline"); a step-limited run has none, and decides nothing by the clock.
 */
public final class Planner {

    /**
     * The planned result: the plan, its evaluation and how it was found; {@code mip}: the MIP
     * the planner ran for a start (null when none ran), whose dual bound the reported bound may
     * reuse instead of solving it again.
     */
    public record Outcome(Plan plan, Evaluation evaluation, CapacitySolver.Result search,
                          boolean polished, String polishNote, LpResult relaxation, LpResult mip) {
    }

    /** Time limits of the LP steps; a zero or null duration skips that step. */
    public record LpLimits(Duration relaxation, Duration polish) {
        public static final LpLimits NONE = new LpLimits(null, null);
    }

    static {
        OjAlgoQuiet.load();
    }

    private final CapacitySolver solver = new CapacitySolver();
    /** The first search and the MIP's thread while they run concurrently (null otherwise), for {@link #terminateEarly}. */
    private volatile CapacitySolver first;
    private volatile MipInBackground background;
    /** Relax-and-fix on this thread beside the MIP, while it runs (null otherwise), for {@link #terminateEarly}. */
    private volatile StoppableSpan alongside;
    private volatile boolean stopRequested;

    /**
     * {@code -Ddcplan.mip.concurrent=false}: the MIP before the search even with two cores (to
     * measure what the second core adds).
     */
    static final boolean CONCURRENT = Boolean.parseBoolean(System.getProperty("dcplan.mip.concurrent", "true"));

    /** Whether this planner may run the MIP on a second core ({@link #CONCURRENT} unless a test says otherwise). */
    private final boolean concurrentMip;

    public Planner() {
        this(CONCURRENT);
    }

    /** A planner that never runs the MIP beside the search when {@code concurrentMip} is false (tests of the order). */
    Planner(boolean concurrentMip) {
        this.concurrentMip = concurrentMip;
    }

    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacitySolver.Options options,
                        LpLimits lp) {
        return plan(model, demand, options, lp, Commitments.NONE);
    }

    /** Plans keeping {@code commitments} (a what-if's; {@link Commitments#NONE}: none). */
    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacitySolver.Options options,
                        LpLimits lp, Commitments commitments) {
        return plan(model, demand, ProblemBuilder.build(model, demand, options.chunksPerCell(), commitments), options, lp,
                commitments);
    }

    /** {@link #plan(PlanningModel, List, CapacityPlan, CapacitySolver.Options, LpLimits, Commitments)} without commitments. */
    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacityPlan problem,
                        CapacitySolver.Options options, LpLimits lp) {
        return plan(model, demand, problem, options, lp, Commitments.NONE);
    }

    /**
     * Plans from a problem built by the caller. With a relaxation time limit, the LP relaxation
     * is solved first and seeds the routes, unless the caller routed the problem already (a warm
     * start); either way its cost is a lower bound (see {@link PlanLinearProgram#lowerBound}), and
     * the search stops once its best is proven within {@code options.gap()} of it ({@link GapStop}).
     *
     * <p>A what-if that keeps its baseline's commitments passes them here, and builds
     * {@code problem} with the same ones ({@link ProblemBuilder#build(PlanningModel, List, int, Commitments)}):
     * the search then holds them as floors and searches only the rest, the relaxation holds them
     * as bounds, and every candidate keeps them exactly.
     */
    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacityPlan problem,
                        CapacitySolver.Options options, LpLimits lp, Commitments commitments) {
        Deadline deadline = Deadline.forPlanning(options);
        LpResult relaxation = null;
        boolean warm = problem.getChunks().stream().anyMatch(c -> c.getRoute() != null);
        if (isOn(lp.relaxation())) {
            // before the search even when warm: its bound lets the search stop once proven within the gap
            relaxation = PlanLinearProgram.solve(model, demand, LpOptions.relaxed()
                    .withTimeLimit(deadline.capped(lp.relaxation(), Deadline.RELAXATION)).withCommitments(commitments));
            deadline.mark("relaxation");
        }
        HeldLevels held = HeldLevels.of(model, commitments);
        // the MIP's budget: what the relaxation left of the time limit; none for a step-limited
        // run, which must be reproducible, and SCIP stopped by a time limit is not (DeterminismTest)
        Duration mipBudget = options.stepLimit() != null ? null : deadline.left(1.0);
        MipCandidates.Found mip = MipCandidates.Found.NONE;
        StartingPlans.Start start = null;
        if (isOn(lp.polish()) && concurrentMip && concurrent(model, mipBudget, commitments)) {
            Prepared prepared = withMipInBackground(model, demand, problem, warm, relaxation, options, lp, held,
                    commitments, deadline);
            mip = prepared.mip();
            start = prepared.start();
        } else if (isOn(lp.polish())) {
            mip = MipCandidates.of(model, demand, mipBudget, lp.polish(), held, commitments);
            deadline.mark("MIP");
            start = StartingPlans.start(model, demand, problem, warm, relaxation, lp, mip, options.gap(), held, commitments,
                    deadline);
            deadline.mark("starting plans");
        }
        seed(problem, start, warm, relaxation);
        GapStop stop = GapStop.strongest(GapStop.of(relaxation, options.gap()), GapStop.ofMip(mip.mip(), relaxation, options.gap()));
        if (stop != null && start != null && stop.reached(start.evaluation().feasible(), start.evaluation().totalCostUsd(),
                start.evaluation().servedInferences())) {
            // the start itself is proven within the gap: the search's construction ends it (the
            // search's own reading of the start can cost a little more; the start is then kept)
            stop = stop.metByTheStart();
        }
        if (Deadline.LOG_STEPS) {
            System.err.println("[dcplan] planning step: gap stop " + describe(stop, start, mip.mip()));
            System.err.printf(Locale.ROOT, "[dcplan] planning step: finishing reserve %.1f s%n",
                    deadline.finishReserve().toNanos() / 1e9);
        }
        // the search ends early enough for the steps after it (its best evaluated and re-split)
        CapacitySolver.Options searchOptions = withTimeLeft(options, deadline.elapsedNanos(),
                deadline.finishReserve().toNanos()).withGapStop(stop);
        CapacitySolver.Result search = solver.solve(problem, searchOptions);
        deadline.mark("search");
        if (Deadline.LOG_STEPS) {
            System.err.println("[dcplan] planning step: final search from " + (start == null ? "no start" : start.name())
                    + ": " + search.describeSearch());
        }
        Plan best = search.plan();
        Evaluation bestEval = PlanEvaluator.evaluate(model, demand, best, commitments);
        if (!isOn(lp.polish())) {
            return new Outcome(best, bestEval, search, false, "LP polish off", relaxation, mip.mip());
        }
        String note = "solver best" + (start == null ? "" : " (started from " + start.name() + ")");
        boolean polished = false;
        // the solver's purchases kept, its flows re-split continuously over them: never serves
        // less. The one step allowed past the deadline (Deadline.FINAL_OVERRUN), itself limited.
        LpResult split = PlanLinearProgram.polishDispatch(model, demand, best,
                LpOptions.relaxed().withTimeLimit(deadline.forLastStep(lp.polish())));
        deadline.mark("final re-split");
        if (split.status().hasSolution()) {
            Evaluation e = PlanEvaluator.evaluate(model, demand, split.plan(), commitments);
            if (isBetter(e, bestEval)) {
                best = split.plan();
                bestEval = e;
                note += ", LP re-split";
                polished = true;
            }
        }
        if (start != null && startBeatsSolverBest(start.evaluation(), bestEval)) {
            // a guard, not a rule: the search starts at the start's cost (servers and phases as
            // floors), so by its own score its best is never worse. One known way the evaluator
            // still prefers the start: the search's score ranks any inference served above any
            // cost, the evaluator calls volumes within SAME_SERVED equal and then prefers the
            // cheaper, so a search that served crumbs the start left (at a high price) loses here
            // (docs/solver.md, "Phases as a planning variable, measured": the step-limited sample). Said loudly; the start is written.
            System.err.println("[dcplan] WARNING: the start beat the solver's best (" + (servesMore(start.evaluation(), bestEval)
                    ? "served more" : "cost less: the solver's best serves at most " + SAME_SERVED
                    + " of the volume more") + "); writing the start (docs/solver.md, 'Phases as a planning variable, measured').");
            return new Outcome(start.plan(), start.evaluation(), search, true,
                    start.name() + " (kept: the solver's best " + (servesMore(start.evaluation(), bestEval)
                            ? "served less)" : "cost more)"), relaxation, mip.mip());
        }
        return new Outcome(best, bestEval, search, polished, note, relaxation, mip.mip());
    }

    /** The final search's gap stop against its start, for the step log. */
    private static String describe(GapStop stop, StartingPlans.Start start, LpResult mip) {
        String mipSays = mip == null ? "no MIP" : String.format(Locale.ROOT, "MIP %s, proven %s, bound %s, max served %.6g",
                mip.status(), mip.provenOptimal(), mip.hasLowerBound() ? String.format(Locale.ROOT, "%,.0f", mip.lowerBoundUsd()) : "none",
                mip.maxServedInferences());
        String startSays = start == null ? "no start" : String.format(Locale.ROOT, "start %,.0f USD serving %.9g",
                start.evaluation().totalCostUsd(), start.evaluation().servedInferences());
        String stopSays = stop == null ? "none" : stop.boundUsd() == Double.MAX_VALUE ? stop.kind()
                : String.format(Locale.ROOT, "%s %,.0f USD at served %.9g", stop.kind(), stop.boundUsd(), stop.servedInferences());
        return stopSays + "; " + startSays + "; " + mipSays;
    }

    /** Loads {@code start} (or, without one, the relaxation's flows) into the search's problem. */
    private static void seed(CapacityPlan problem, StartingPlans.Start start, boolean warm, LpResult relaxation) {
        if (start != null && !start.name().equals(StartingPlans.WARM)) {
            StartChunks.apply(problem, start.plan());
        } else if (start == null && !warm && relaxation != null && relaxation.status().hasSolution()) {
            FlowSeed.apply(problem, relaxation.plan().flows());
        }
        if (start != null) {
            PurchaseSeed.apply(problem, start.plan());
        }
    }

    /**
     * Whether the MIP runs on a second core while a first search runs: a time-limited run (never
     * a step-limited one, which must be reproducible, and a MIP stopped by a clock is not) on an
     * instance the MIP takes, with at least two processors. With one, the two would only share it.
     * Not when commitments are held (a what-if, a hedge's future): with the held quarters fixed
     * the MIP is small and SCIP usually proves it in seconds, and the rounded starts and first
     * search on the main thread only take cores from it (measured on the held France what-if:
     * 0.27 of hindsight's time sequential, 0.74-0.86 concurrent; docs/benchmarks.md).
     */
    private static boolean concurrent(PlanningModel model, Duration mipBudget, Commitments commitments) {
        return mipBudget != null && commitments.isNone() && Runtime.getRuntime().availableProcessors() >= 2
                && MipCandidates.timeFor(model, mipBudget, Deadline.MIP) != null;
    }

    /** The MIP's result and the start of the final search. */
    private record Prepared(MipCandidates.Found mip, StartingPlans.Start start) {
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
     * search, which gets the time left (at least {@link #FINAL_SHARE} of the limit,
     * {@link #withTimeLeft}). The MIP's thread is always joined before this returns.
     */
    private Prepared withMipInBackground(PlanningModel model, List<DemandCell> demand, CapacityPlan problem, boolean warm,
                                         LpResult relaxation, CapacitySolver.Options options, LpLimits lp,
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
                terminateEarly();
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
            seed(problem, firstStart, warm, relaxation);
            // ends by the MIP's return, at the latest when the final search's share begins
            // (Deadline.STARTS); skipped when that has begun already (the starts are judged)
            Duration firstLimit = deadline.capped(options.timeLimit(), Deadline.STARTS);
            CapacitySolver.Result firstSearch = isOn(firstLimit) ? firstSolver.solve(problem,
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
                                                                 LpLimits lp, Deadline deadline) {
        List<StartingPlans.Candidate> plans = new ArrayList<>();
        plans.add(new StartingPlans.Candidate(name, firstSearch.plan(), true));
        Duration splitLimit = deadline.capped(lp.polish(), Deadline.STARTS);
        LpResult split = isOn(splitLimit) ? deadline.resplit(() -> PlanLinearProgram.polishDispatch(model, demand,
                firstSearch.plan(), LpOptions.relaxed().withTimeLimit(splitLimit))) : null;
        if (split != null && split.status().hasSolution()) {
            plans.add(new StartingPlans.Candidate(name + ", LP re-split", split.plan(), true));
        }
        return plans;
    }

    /** The better start of the rounded one and relax-and-fix's plans, by the evaluator (served first). */
    private static StartingPlans.Start betterOf(PlanningModel model, List<DemandCell> demand, StartingPlans.Start rounded,
                                                Map<String, Plan> relaxedAndFixed, LpLimits lp, HeldLevels held,
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

    /**
     * The final search's least share of the limit: the steps before it end by
     * {@link Deadline#STARTS}, so that the search has its say over the best start.
     */
    static final double FINAL_SHARE = 1 - Deadline.STARTS;

    /**
     * The search's share of a time-limited plan: what the starting plans (the MIP's share above
     * all) left of {@code --time-limit}, so that the limit bounds the whole planning step; at
     * least {@link #FINAL_SHARE} of it, so that the search always gets a say over the start.
     */
    static CapacitySolver.Options withTimeLeft(CapacitySolver.Options options, long spentNanos) {
        return withTimeLeft(options, spentNanos, 0);
    }

    /**
     * The same, for a search followed by steps measured to take {@code reserveNanos}
     * ({@link Deadline#finishReserve}): it ends that much before the limit, and its least share
     * is of the limit less them.
     */
    static CapacitySolver.Options withTimeLeft(CapacitySolver.Options options, long spentNanos, long reserveNanos) {
        if (options.timeLimit() == null) {
            return options;
        }
        Duration limit = options.timeLimit().minusNanos(Math.min(reserveNanos, options.timeLimit().toNanos()));
        // whole milliseconds: OptaPlanner refuses a spent limit with nanoseconds
        Duration left = Duration.ofMillis(limit.minusNanos(spentNanos).toMillis());
        Duration floor = Duration.ofMillis(Math.max(1, Math.round(limit.toMillis() * FINAL_SHARE)));
        return options.withTimeLimit(left.compareTo(floor) < 0 ? floor : left);
    }

    /**
     * Whether the start is written instead of the solver's best (a guard: it should never hold,
     * since the search starts at the start's cost): only when it is better ({@link #isBetter}) and
     * the solver's best is not {@link #isNoWorse} than it. The same plan
     * summed in another order differs by float noise (measured on the sample: the start and the
     * solver's best had the same servers and MW, and the start "cost less" by micro-dollars), and
     * noise must not overrule the solver.
     */
    static boolean startBeatsSolverBest(Evaluation start, Evaluation solverBest) {
        return isBetter(start, solverBest) && !isNoWorse(solverBest, start);
    }

    /** Whether {@code a} serves more than {@code b} beyond {@link #SAME_SERVED} (feasible first). */
    static boolean servesMore(Evaluation a, Evaluation b) {
        if (a.feasible() != b.feasible()) {
            return a.feasible();
        }
        double volume = Math.max(1.0, a.servedInferences() + a.unmetInferences());
        return b.unmetInferences() - a.unmetInferences() > SAME_SERVED * volume;
    }

    static boolean isOn(Duration limit) {
        return limit != null && !limit.isZero() && !limit.isNegative();
    }

    /**
     * Stops the search in progress (Ctrl-C), the first search and the MIP's thread too when they
     * run concurrently; the plan is then finished from the best so far.
     */
    public void terminateEarly() {
        stopRequested = true;
        solver.terminateEarly();
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

    /**
     * Served volumes closer than this share of all demand are the same: the LP solvers' own
     * tolerances (and the MIP's gap) leave differences of that order, and without it a plan
     * 7 % dearer won by serving 1e-7 more of the demand (measured on a seeded small instance).
     */
    public static final double SAME_SERVED = 1e-6;

    /**
     * Whether a tidied plan may replace the incumbent ({@link CrumbRemoval}): feasible if the
     * incumbent is; no demand cell served less beyond round-off of its peak
     * ({@link Sizing#SHORT_SHARE}: a tidy-up never trades a cell's demand for cost, however small a
     * share of all demand it is); a cost not higher, up to a relative 1e-12 (the float noise of
     * summing the same costs in another order). Both evaluations are of the same demand.
     */
    static boolean isNoWorse(Evaluation candidate, Evaluation incumbent) {
        if (incumbent.feasible() && !candidate.feasible()) {
            return false;
        }
        for (int i = 0; i < candidate.cells().size(); i++) {
            Evaluation.CellResult c = candidate.cells().get(i);
            if (c.unmetPeakIps() > incumbent.cells().get(i).unmetPeakIps() + Sizing.SHORT_SHARE * c.peakIps()) {
                return false;
            }
        }
        return candidate.totalCostUsd() <= incumbent.totalCostUsd() * (1 + 1e-12);
    }

    /** Feasible beats infeasible; then less unmet (beyond {@link #SAME_SERVED}); then cheaper. */
    static boolean isBetter(Evaluation candidate, Evaluation incumbent) {
        if (candidate.feasible() != incumbent.feasible()) {
            return candidate.feasible();
        }
        double volume = Math.max(1.0, candidate.servedInferences() + candidate.unmetInferences());
        double unmetDiff = candidate.unmetInferences() - incumbent.unmetInferences();
        if (Math.abs(unmetDiff) > SAME_SERVED * volume) {
            return unmetDiff < 0;
        }
        return candidate.totalCostUsd() < incumbent.totalCostUsd() - 1e-6;
    }
}
