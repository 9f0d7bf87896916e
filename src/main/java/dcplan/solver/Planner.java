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
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.ServedTie;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

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
 * deadline"); a step-limited run has none, and decides nothing by the clock. Where the starts were
 * judged too late for the search's construction and its best's evaluation to end by the limit
 * (large instances at 10 s), the search is skipped and the start written: the search would only
 * have read it back. On two cores SCIP starts with the step, beside the relaxation
 * ({@link MipBesideSearch#startMip}).
 */
public final class Planner {

    /**
     * The planned result: the plan, its evaluation and how it was found; {@code mip}: the MIP
     * the planner ran for a start (null when none ran), whose dual bound the reported bound may
     * reuse instead of solving it again; {@code search}: the final search
     * ({@link CapacitySolver.Result#ran} false where the deadline skipped it); {@code steps}: each
     * step's seconds, as the deadline marked them.
     */
    public record Outcome(Plan plan, Evaluation evaluation, CapacitySolver.Result search,
                          boolean polished, String polishNote, LpResult relaxation, LpResult mip, List<Step> steps) {
    }

    /**
     * One step of the planning step as its {@link Deadline} marked it: its name, its seconds and
     * when it ended, in seconds from the planning step's start (where the time went; the run's log).
     */
    public record Step(String name, double seconds, double atSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.1f s (at %.1f s)", name, seconds, atSeconds);
        }
    }

    /** Time limits of the LP steps; a zero or null duration skips that step. */
    public record LpLimits(Duration relaxation, Duration polish) {
        public static final LpLimits NONE = new LpLimits(null, null);
    }

    static {
        OjAlgoQuiet.load();
    }

    private final CapacitySolver solver = new CapacitySolver();
    /** The MIP on the second core, relax-and-fix and the first search beside it ({@link #terminateEarly} stops them). */
    private final MipBesideSearch beside = new MipBesideSearch();
    /** The final search with the MIP neighbourhoods beside it, while it runs (null otherwise; {@link #terminateEarly} stops it). */
    private volatile NeighbourhoodsBesideFinalSearch besideFinal;
    private volatile boolean stopRequested;

    /**
     * {@code -Ddcplan.mip.concurrent=false}: the MIP before the search even with two cores (to
     * measure what the second core adds).
     */
    static final boolean CONCURRENT = Boolean.parseBoolean(System.getProperty("dcplan.mip.concurrent", "true"));

    /**
     * {@code -Ddcplan.mip.beforeRelaxation=false}: on two cores the MIP starts after the LP
     * relaxation, as before the twentieth session (to measure what starting it first adds).
     */
    static final boolean MIP_BEFORE_RELAXATION = Boolean.parseBoolean(System.getProperty("dcplan.mip.beforeRelaxation", "true"));

    /** Whether this planner may run the MIP on a second core ({@link #CONCURRENT} unless a test says otherwise). */
    private final boolean concurrentMip;
    /** The planning step's clock for given options ({@link Deadline#forPlanning}; a fake clock in tests). */
    private final Function<CapacitySolver.Options, Deadline> deadlines;

    public Planner() {
        this(CONCURRENT);
    }

    /** A planner that never runs the MIP beside the search when {@code concurrentMip} is false (tests of the order). */
    Planner(boolean concurrentMip) {
        this(concurrentMip, Deadline::forPlanning);
    }

    /** The same, its deadline made by {@code deadlines} (tests of the deadline on a fake clock). */
    Planner(boolean concurrentMip, Function<CapacitySolver.Options, Deadline> deadlines) {
        this.concurrentMip = concurrentMip;
        this.deadlines = deadlines;
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
        Deadline deadline = deadlines.apply(options);
        boolean warm = problem.getChunks().stream().anyMatch(c -> c.getRoute() != null);
        HeldLevels held = HeldLevels.of(model, commitments);
        // the MIP's budget: the whole limit; none for a step-limited run, which must be
        // reproducible, and SCIP stopped by a time limit is not (DeterminismTest)
        Duration wholeLimit = options.stepLimit() != null ? null : deadline.left(1.0);
        LpResult relaxation;
        MipCandidates.Found mip = MipCandidates.Found.NONE;
        StartingPlans.Start start = null;
        boolean concurrentPath = isOn(lp.polish()) && concurrentMip && concurrent(model, wholeLimit, commitments);
        if (concurrentPath) {
            // SCIP from the planning step's start, as SCIP alone given the same limit starts: the
            // relaxation needs none of it and left the second core idle for 1.5-5.3 s of a 10 s
            // limit on large v2 #1 (docs/benchmarks.md, twentieth session)
            LpResult before = MIP_BEFORE_RELAXATION ? null : relaxation(model, demand, lp, commitments, deadline);
            try (MipBesideSearch.Started started = beside.startMip(model, demand, lp, held, commitments, deadline, options.seed())) {
                relaxation = MIP_BEFORE_RELAXATION ? relaxation(model, demand, lp, commitments, deadline) : before;
                MipBesideSearch.Prepared prepared = beside.prepare(started, model, demand, problem, warm, relaxation, options,
                        lp, held, commitments, deadline);
                mip = prepared.mip();
                start = prepared.start();
            }
        } else {
            relaxation = relaxation(model, demand, lp, commitments, deadline);
            if (isOn(lp.polish())) {
                // what the relaxation left of the limit
                Duration mipBudget = options.stepLimit() != null ? null : deadline.left(1.0);
                mip = MipCandidates.of(model, demand, mipBudget, lp.polish(), held, commitments, deadline);
                deadline.mark("MIP");
                start = StartingPlans.start(model, demand, problem, warm, relaxation, lp, mip, options.gap(), held,
                        commitments, deadline);
                deadline.mark("starting plans");
            }
        }
        seed(problem, start, warm, relaxation);
        GapStop stop = GapStop.strongest(GapStop.of(relaxation, options.gap()), GapStop.ofMip(mip.mip(), relaxation, options.gap()));
        if (stop != null && start != null && stop.reached(start.evaluation().feasible(), start.evaluation().totalCostUsd(),
                start.evaluation().servedInferences())) {
            // the start itself is proven within the gap: the search's construction ends it (the
            // search's own reading of the start can cost a little more; the start is then kept)
            stop = stop.metByTheStart();
        }
        tie(problem, start, stop, mip.mip());
        if (Deadline.LOG_STEPS) {
            System.err.println("[dcplan] planning step: gap stop " + describe(stop, start, mip.mip())
                    + "; served tie " + problem.getServedTie());
            System.err.printf(Locale.ROOT, "[dcplan] planning step: finishing reserve %.1f s%n",
                    deadline.finishReserve().toNanos() / 1e9);
        }
        // the search ends early enough for the steps after it (its best evaluated and re-split)
        CapacitySolver.Options searchOptions = withTimeLeft(options, deadline.elapsedNanos(),
                deadline.finishReserve().toNanos(), deadline.finalSearchLatestEndNanos()).withGapStop(stop);
        CapacitySolver.Result search;
        if (start != null && deadline.tooLateForTheFinalSearch()) {
            // its construction alone would only read the start back, and its best's evaluation end
            // past the limit: the start is written, by the limit (a plan the clock leaves no time
            // to judge is not written, as with the starts dropped past Deadline.STARTS)
            search = CapacitySolver.Result.notRun(problem, start.plan(), stopRequested, String.format(Locale.ROOT,
                    "the starts were judged at %.1f s, too late for a search and its best's evaluation within the limit",
                    deadline.elapsedNanos() / 1e9));
        } else if (concurrentPath && start != null && (stop == null || !stop.startProven()) && !stopRequested
                && NeighbourhoodsBesideFinalSearch.worthIt(searchOptions.timeLimit())) {
            // the MIP's core is idle now: the neighbourhoods beside the search, from its start
            NeighbourhoodsBesideFinalSearch withNeighbourhoods = new NeighbourhoodsBesideFinalSearch();
            besideFinal = withNeighbourhoods;
            if (stopRequested) {
                withNeighbourhoods.stop(); // Ctrl-C just before it was published
            }
            GapStop secondStop = stop;
            NeighbourhoodsBesideFinalSearch.Ran ran;
            try {
                ran = withNeighbourhoods.run(model, demand, problem, start, searchOptions, commitments, solver, mip.mip(),
                        () -> withTimeLeft(options, deadline.elapsedNanos(), deadline.finishReserve().toNanos(),
                                deadline.finalSearchLatestEndNanos()).withGapStop(secondStop));
            } finally {
                besideFinal = null;
            }
            search = ran.search();
            start = ran.start();
        } else {
            search = solver.solve(problem, searchOptions);
        }
        deadline.mark(search.ran() ? "search" : "final search skipped: no time left");
        if (Deadline.LOG_STEPS) {
            System.err.println("[dcplan] planning step: final search from " + (start == null ? "no start" : start.name())
                    + ": " + search.describeSearch());
        }
        if (start != null && (!search.ran() || deadline.tooLateToJudge())) {
            // a search whose construction ran long ends too late for its best to be judged by the
            // limit: what it began from is written (with no local-search step, as on large at 10 s,
            // its best is that start read back through chunks)
            return new Outcome(start.plan(), start.evaluation(), search, false, start.name() + (search.ran()
                    ? String.format(Locale.ROOT, " (kept: the solver's best, after %d local-search steps, ended too late"
                    + " to be judged within the limit)", search.localSearch().steps())
                    : " (kept: no time left for the final search)"), relaxation, mip.mip(), deadline.steps());
        }
        Plan best = search.plan();
        Evaluation bestEval = deadline.evaluation(() -> PlanEvaluator.evaluate(model, demand, search.plan(), commitments));
        if (!isOn(lp.polish())) {
            return new Outcome(best, bestEval, search, false, "LP polish off", relaxation, mip.mip(), deadline.steps());
        }
        String note = "solver best" + (start == null ? "" : " (started from " + start.name() + ")");
        boolean polished = false;
        // the solver's purchases kept, its flows re-split continuously over them: never serves
        // less. With a start to fall back on, only in what is left of the limit (skipped when
        // nothing is); without one, the one step allowed past it (Deadline.FINAL_OVERRUN).
        Duration splitLimit = deadline.forFinalResplit(lp.polish(), start != null);
        // with a start, serving what it serves is enough where the servers allow no more than the
        // planner's tie beyond it: more would only cost more (the busy energy of crumbs its
        // tidying left unserved), and the start, cheaper, would be written instead
        LpResult split = isOn(splitLimit) ? PlanLinearProgram.polishDispatch(model, demand, best,
                LpOptions.relaxed().withTimeLimit(splitLimit),
                start == null ? Double.NaN : start.evaluation().servedInferences(),
                start == null ? 0 : SAME_SERVED * volume(start.evaluation())) : null;
        deadline.mark(split == null ? "final re-split skipped: no time left" : "final re-split");
        if (split == null) {
            note += " (not re-split: no time left)";
        } else if (split.status().hasSolution()) {
            Evaluation e = deadline.evaluation(() -> PlanEvaluator.evaluate(model, demand, split.plan(), commitments));
            if (isBetter(e, bestEval)) {
                best = split.plan();
                bestEval = e;
                note += ", LP re-split";
                polished = true;
            }
        }
        double mostServed = stop == null ? Double.NaN : mostServed(stop, mip.mip());
        if (start != null && startBeatsSolverBest(start.evaluation(), bestEval, mostServed)) {
            // a guard, not a rule: the search starts at the start's cost (servers and phases as
            // floors), so by its own score its best is never worse. Known ways the evaluator
            // still prefers the start: the search's score ranks any inference served above any
            // cost, the evaluator calls volumes within SAME_SERVED equal and then prefers the
            // cheaper, so a search that served crumbs the start left (at a high price) loses here
            // where its tie did not count them (docs/solver.md, "Phases as a planning variable,
            // measured": the step-limited sample); and the search's chunks read served volume
            // apart from the LP's re-split, which can serve no more over its servers than the
            // start did (small v2 at 2,000 steps: 3 of 18). Said loudly; the start is written.
            // Not a warning where the search ended at its construction because the start is
            // proven within the gap (GapStop#startProven): its reading of the start is worse;
            // nor where the final re-split was skipped for lack of time: without it the search's
            // plan serves its chunks' shave less than its start, as expected.
            boolean startProven = CapacitySolver.START_PROVEN.equals(search.ended());
            boolean startServesMore = servesMore(start.evaluation(), bestEval);
            if (!startProven && split != null) {
                System.err.println("[dcplan] WARNING: the start beat the solver's best (" + (startServesMore
                        ? "served more" : "cost less: the solver's best serves at most " + SAME_SERVED
                        + " of the volume more") + "); writing the start (docs/solver.md, 'Phases as a planning variable, measured').");
            }
            return new Outcome(start.plan(), start.evaluation(), search, true, start.name()
                    + (startProven ? " (kept: proven within the gap; the search's reading of it "
                    : split == null ? " (kept: the solver's best, not re-split for lack of time, " : " (kept: the solver's best ")
                    + (startServesMore ? "served less)" : "cost more)"), relaxation, mip.mip(), deadline.steps());
        }
        return new Outcome(best, bestEval, search, polished, note, relaxation, mip.mip(), deadline.steps());
    }

    /** The LP relaxation, within its share of the limit (null when it is off). */
    private static LpResult relaxation(PlanningModel model, List<DemandCell> demand, LpLimits lp, Commitments commitments,
                                       Deadline deadline) {
        if (!isOn(lp.relaxation())) {
            return null;
        }
        // before the search even when warm: its bound lets the search stop once proven within the gap
        LpResult relaxation = PlanLinearProgram.solve(model, demand, LpOptions.relaxed()
                .withTimeLimit(deadline.capped(lp.relaxation(), Deadline.RELAXATION)).withCommitments(commitments));
        deadline.mark("relaxation");
        return relaxation;
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
    static void seed(CapacityPlan problem, StartingPlans.Start start, boolean warm, LpResult relaxation) {
        problem.setServedTie(null); // a tie belongs to one start and its bound: tie() sets it
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
     * Sets the served-first tie of a search seeded with {@code start} ({@link ServedTie}), so that
     * the search ranks plans as {@link #isBetter} does and its best is the plan written: the band
     * of {@link #SAME_SERVED} of all chunks' volume above the start, moved down by how far the start
     * serves below the most any plan serves beyond that ({@link #mostServed}). None without a
     * start cut into chunks or without a bound: the search then counts every inference.
     */
    static void tie(CapacityPlan problem, StartingPlans.Start start, GapStop stop, LpResult mip) {
        problem.setServedTie(null);
        if (start == null || start.name().equals(StartingPlans.WARM) || stop == null) {
            return;
        }
        long startUnmet = 0;
        double volume = 0;
        for (DemandChunk chunk : problem.getChunks()) {
            volume += chunk.inferences();
            if (chunk.getRoute() == null) {
                startUnmet += chunk.inferences();
            }
        }
        double belowMost = mostServed(stop, mip) - start.evaluation().servedInferences();
        problem.setServedTie(ServedTie.of(startUnmet, belowMost, (long) Math.floor(SAME_SERVED * volume)));
    }

    /**
     * The least proven upper bound at hand on what any plan serves: {@code stop}'s level (the
     * relaxation's, or the MIP's where it proved the most served) and the MIP's served phase's dual
     * bound ({@link LpResult#servedBoundInferences}; null or NaN: none). The relaxation's fractional
     * servers and phases serve more than whole ones can (v2: a phase stands between a cell and its
     * servers), so where SCIP's served phase closed its gap but its cost phase did not, its bound is
     * the one that lets the band sit at a start that serves the most.
     */
    static double mostServed(GapStop stop, LpResult mip) {
        double most = stop.servedInferences();
        if (mip != null && Double.isFinite(mip.servedBoundInferences())) {
            most = Math.min(most, mip.servedBoundInferences());
        }
        return most;
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
        return withTimeLeft(options, spentNanos, reserveNanos, Long.MAX_VALUE);
    }

    /**
     * The same, its least share cut so that the search ends by {@code latestEndNanos} from the
     * start ({@link Deadline#finalSearchLatestEndNanos}: what its best's evaluation needs before
     * the limit): when the steps before it ran late, the search gets what fits, down to its
     * construction alone (OptaPlanner's custom phases run whole; only local search is cut), rather
     * than pushing the plan past the limit. Large v2 seeds 2-3 at 30 s under a load of 8-12: the
     * least share ended four searches 1.4-2.3 s before the limit, and their best's evaluation
     * then took that long, to 30.0-30.4 s (tenth session, docs/benchmarks.md).
     */
    static CapacitySolver.Options withTimeLeft(CapacitySolver.Options options, long spentNanos, long reserveNanos,
                                               long latestEndNanos) {
        if (options.timeLimit() == null) {
            return options;
        }
        Duration limit = options.timeLimit().minusNanos(Math.min(reserveNanos, options.timeLimit().toNanos()));
        // whole milliseconds: OptaPlanner refuses a spent limit with nanoseconds
        Duration left = Duration.ofMillis(limit.minusNanos(spentNanos).toMillis());
        Duration floor = Duration.ofMillis(Math.max(1, Math.round(limit.toMillis() * FINAL_SHARE)));
        if (latestEndNanos != Long.MAX_VALUE) {
            Duration fits = Duration.ofMillis(Math.max(1, (latestEndNanos - spentNanos) / 1_000_000));
            floor = floor.compareTo(fits) > 0 ? fits : floor;
        }
        return options.withTimeLimit(left.compareTo(floor) < 0 ? floor : left);
    }

    /**
     * Whether the start is written instead of the solver's best (a guard: it should never hold,
     * since the search starts at the start's cost): only when it is better ({@link #isBetter}) and
     * the solver's best is not {@link #isNoWorse} than it, and then only by serving more (beyond
     * the tie) or by costing less beyond {@link #COST_ROUND_OFF}. The same plan summed in another
     * order differs by float noise (measured on the sample: the start and the solver's best had
     * the same servers and MW, and the start "cost less" by micro-dollars), two LP re-splits of the
     * same servers by the LP's tolerances, and neither must overrule the solver.
     *
     * <p>Served volume is ranked as the search's tie ranks it ({@link ServedTie}) against
     * {@code mostServed}, a proven bound on what any plan serves ({@link #mostServed}; NaN: none):
     * within {@link #SAME_SERVED} of the bound every plan serves the most, and below that every
     * inference served counts ({@link #servedLevel}). A solver's best at a higher level than the
     * start is never overruled by it. The search's band sits there (moved below a start further
     * than the tie from the bound), so serving more than such a start earns the search its score,
     * and it buys servers for it; judged only against the start, the two served the same within
     * the tie and the cheaper start was written (small power-bound v1 #2 at 30 s: the start
     * 5.04e-7 of the demand below the relaxation's level; the search's construction served
     * 1.25e-7 more with two more servers, 42 kUSD; at 2,000 steps, six more rows of small v1
     * and v2 alike). The start is further from the most any plan serves, and served comes first.
     */
    static boolean startBeatsSolverBest(Evaluation start, Evaluation solverBest, double mostServed) {
        if (!isBetter(start, solverBest) || isNoWorse(solverBest, start)) {
            return false;
        }
        if (Double.isFinite(mostServed) && start.feasible() && solverBest.feasible()
                && servedLevel(solverBest, mostServed) > servedLevel(start, mostServed) + SERVED_ROUND_OFF * volume(start)) {
            return false;
        }
        if (start.feasible() != solverBest.feasible() || servesMore(start, solverBest)) {
            return true; // served first
        }
        // as much served, within the tie, and cheaper: only beyond the LP's round-off of the cost
        return start.totalCostUsd() < solverBest.totalCostUsd() * (1 - COST_ROUND_OFF);
    }

    /**
     * Costs closer than this share are the same when the guard weighs the start against the
     * solver's best: both are re-split by an LP (GLOP) over the same servers, whose tolerances
     * leave the two differing by that order. Measured (sixteenth session, small v2 at 30 s, the
     * same servers and MW): supply-bound #3, the re-split 43 USD (3.1e-8) dearer with crumbs moved
     * between cells; power-bound #1, 0.0013 USD (2.1e-12) dearer, the same flows summed apart.
     * Either way the guard wrote the start. 1e-7 of a billion-dollar plan is 100 USD.
     */
    static final double COST_ROUND_OFF = 1e-7;

    /**
     * What the search's tie counts of {@code e}'s served volume: all of it below the tie's band
     * ({@link #SAME_SERVED} of the volume under {@code mostServed}), the band's floor within it.
     */
    static double servedLevel(Evaluation e, double mostServed) {
        return Math.min(e.servedInferences(), mostServed - SAME_SERVED * volume(e));
    }

    /**
     * Served levels closer than this share of the demand are the same for the guard: float
     * round-off of the two plans' served sums. The gains the search buys under the tie's band
     * were 4e-9 of it (small power-bound v1 #2 at 30 s: 2.9e6 inferences above the start's level,
     * 89e6 served) to 4e-7.
     */
    static final double SERVED_ROUND_OFF = 1e-9;

    private static double volume(Evaluation e) {
        return Math.max(1.0, e.servedInferences() + e.unmetInferences());
    }

    /** Whether {@code a} serves more than {@code b} beyond {@link #SAME_SERVED} (feasible first). */
    static boolean servesMore(Evaluation a, Evaluation b) {
        if (a.feasible() != b.feasible()) {
            return a.feasible();
        }
        return b.unmetInferences() - a.unmetInferences() > SAME_SERVED * volume(a);
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
        beside.stop();
        NeighbourhoodsBesideFinalSearch f = besideFinal;
        if (f != null) {
            f.stop();
        }
        solver.terminateEarly();
    }

    /**
     * Served volumes closer than this share of all demand are the same: the LP solvers' own
     * tolerances (and the MIP's gap) leave differences of that order, and without it a plan
     * 7 % dearer won by serving 1e-7 more of the demand (measured on a seeded small instance).
     * Half of issue 11's line (never serve less than the exact optimum beyond 1e-6 of the demand):
     * the plan kept serves at most this less than the best candidate ({@link ServedFirst}), and
     * the best candidate at most {@link MipCandidates#SERVED_PHASE_GAP} less than any plan can.
     * At 1e-6 the two added up past the line (small mixed v2 #2, docs/benchmarks.md, ninth session).
     */
    public static final double SAME_SERVED = 5e-7;

    /** What {@link ServedFirst} reads of an evaluation. */
    static ServedFirst.Figures figures(Evaluation e) {
        return new ServedFirst.Figures(e.feasible(), e.servedInferences(),
                e.servedInferences() + e.unmetInferences(), e.totalCostUsd());
    }

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
        double unmetDiff = candidate.unmetInferences() - incumbent.unmetInferences();
        if (Math.abs(unmetDiff) > SAME_SERVED * volume(candidate)) {
            return unmetDiff < 0;
        }
        return candidate.totalCostUsd() < incumbent.totalCostUsd() - 1e-6;
    }
}
