package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.MipStart;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The starting plans of a time-limited plan on two cores: SCIP on a thread of its own, the
 * rounded start, relax-and-fix, the crossovers with SCIP's served-phase plan and a first search on
 * the planner's thread beside it, and the best
 * of all their plans (served first) as the final search's start ({@link #prepare}). Apart from
 * {@link Planner}, which runs the final search, so that each reads on its own; one instance per
 * planner, whose {@link #stop} (the planner's Ctrl-C) stops whatever of it is running.
 */
final class MipBesideSearch {

    /** The first search and the MIP's thread while they run (null otherwise), for {@link #stop}. */
    private volatile CapacitySolver first;
    private volatile MipInBackground<MipCandidates.Found> background;
    /** Relax-and-fix on the planner's thread beside the MIP, while it runs (null otherwise), for {@link #stop}. */
    private volatile StoppableSpan alongside;
    private volatile boolean stopRequested;

    /** The MIP's result and the start of the final search. */
    record Prepared(MipCandidates.Found mip, StartingPlans.Start start) {
    }

    /** The name of the first search's best, judged against the MIP's plans. */
    private static final String FIRST_SEARCH = "first search's best";

    /** The name of the MIP neighbourhoods' plan, judged against the MIP's plans. */
    static final String NEIGHBOURHOODS_NAME = "MIP neighbourhoods from the first search's best";

    /**
     * {@code -Ddcplan.mip.heldSeconds=S}, for measurements only: the MIP's thread holds its result
     * S s after it returned, deaf to the planner's request to stop, as SCIP past its own limit
     * is; so {@link #waitForTheMip} can be measured on instances where SCIP keeps its limit
     * (on large partly-unservable v2 #1 at 30 s it broke it in about 1 run of 15). 0 by default.
     */
    static final Duration HELD_PAST_ITS_LIMIT = Duration.ofMillis(
            Math.round(1000 * Double.parseDouble(System.getProperty("dcplan.mip.heldSeconds", "0"))));

    /** {@code found} after {@link #HELD_PAST_ITS_LIMIT}, the thread's interrupt kept but not obeyed. */
    private static MipCandidates.Found heldPastItsLimit(MipCandidates.Found found) {
        long until = System.nanoTime() + HELD_PAST_ITS_LIMIT.toNanos();
        boolean interrupted = false;
        for (long left = HELD_PAST_ITS_LIMIT.toNanos(); left > 0; left = until - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return found;
    }

    /**
     * {@code -Ddcplan.mip.neighbourhoods=false}: no MIP neighbourhoods; the first search runs until
     * the MIP returns, as before (for before/after measurements).
     */
    static final boolean NEIGHBOURHOODS = Boolean.parseBoolean(System.getProperty("dcplan.mip.neighbourhoods", "true"));

    /** How long the first search may go without a new best before the MIP neighbourhoods take its core. */
    static final Duration FIRST_SEARCH_STALL = Duration.ofSeconds(5);

    /**
     * The MIP started on its own thread ({@link #startMip}), with what its return stops (relax-and-fix
     * beside it, the first search); {@link #close} stops and joins the thread, so that no SCIP
     * outlives the planning step, unless it was abandoned past its own limit ({@link #waitForTheMip}).
     */
    final class Started implements AutoCloseable {
        private final MipInBackground<MipCandidates.Found> thread;
        private final CapacitySolver firstSolver;
        private final StoppableSpan alongside;
        private final boolean relaxAndFixAlongside;
        /** Which thread crosses the MIP's served-phase plan with the rounded start, before relax-and-fix. */
        private final CrossoverHandOff crossingRounded;
        /** Which thread crosses the MIP's served-phase plan with the starts after relax-and-fix. */
        private final CrossoverHandOff crossing;
        /** SCIP's served phase's plan once its served phase ended (empty before): what is kept of a MIP not waited for. */
        private final AtomicReference<LpResult> servedPhasePlan;
        /** SCIP's served phase's plan trimmed by the LP within its purchases (empty before, or where none was found in time). */
        private final AtomicReference<Map<String, Plan>> servedPhaseWithin;
        /** When the MIP's thread is due back, in nanoseconds from the planning step's start: its own limit. */
        private final long mipEndNanos;

        private Started(MipInBackground<MipCandidates.Found> thread, CapacitySolver firstSolver, StoppableSpan alongside,
                        boolean relaxAndFixAlongside, CrossoverHandOff crossingRounded, CrossoverHandOff crossing,
                        AtomicReference<LpResult> servedPhasePlan, AtomicReference<Map<String, Plan>> servedPhaseWithin,
                        long mipEndNanos) {
            this.thread = thread;
            this.firstSolver = firstSolver;
            this.alongside = alongside;
            this.relaxAndFixAlongside = relaxAndFixAlongside;
            this.crossingRounded = crossingRounded;
            this.crossing = crossing;
            this.servedPhasePlan = servedPhasePlan;
            this.servedPhaseWithin = servedPhaseWithin;
            this.mipEndNanos = mipEndNanos;
        }

        @Override
        public void close() {
            try {
                thread.close();
            } finally {
                first = null;
                background = null;
                MipBesideSearch.this.alongside = null;
            }
        }
    }

    /**
     * Starts the MIP on a thread of its own, from the planning step's start (before the LP
     * relaxation, which it does not need): SCIP until {@link Deadline#MIP} of the limit, its served
     * phase until {@link Deadline#leftForServedPhase}, as SCIP alone given the same limit counts its time
     * from its own start. Started after the relaxation, it lost the relaxation's seconds (1.5-5.3 s
     * of a 10 s limit on large v2 #1) while the second core was idle. Where relax-and-fix runs
     * beside it (up to medium), a cost phase that finds no plan alone hands over to the MIP
     * neighbourhoods on this thread, seeded with {@code seed} ({@link MipCandidates#aloneThenNeighbourhoods}).
     * {@link #prepare} then builds the starts beside it; the caller closes what this returns.
     */
    Started startMip(PlanningModel model, List<DemandCell> demand, Planner.LpLimits lp, HeldLevels held,
                     Commitments commitments, Deadline deadline, long seed) {
        CapacitySolver firstSolver = new CapacitySolver();
        StoppableSpan alongside = new StoppableSpan();
        boolean relaxAndFixAlongside = MipCandidates.serverDecisions(model) <= MipCandidates.RELAX_AND_FIX_ALONGSIDE_MAX;
        // SCIP (and relax-and-fix beside it) end by Deadline.MIP of the limit
        Duration mipLimit = deadline.left(Deadline.MIP);
        // its served phase, unless proven sooner, until 0.6-0.7 of the planner's limit on both
        // paths: longer than SCIP alone's half, as served comes first
        Duration servedAtLeast = deadline.leftForServedPhase();
        CrossoverHandOff crossingRounded = new CrossoverHandOff();
        CrossoverHandOff crossing = new CrossoverHandOff();
        BiConsumer<LpResult, MipStart> servedPhaseEnded = (plan, columns) -> {
            // the main thread's starts were ready first: this thread crosses them before its cost phase,
            // or hands them to the main thread where it is in its first search (CrossoverHandOff)
            CrossoverHandOff.ServedPhase served = new CrossoverHandOff.ServedPhase(plan, columns);
            if (Deadline.LOG_STEPS) {
                System.err.printf(Locale.ROOT, "[dcplan] planning step: SCIP's served phase ended (%s, its bound %.3g of the served volume above it) at %.1f s%n",
                        plan.timeLimitHit() ? "at its limit" : "proven",
                        (plan.servedBoundInferences() - plan.servedInferences()) / Math.max(1.0, plan.servedInferences()),
                        deadline.elapsedNanos() / 1e9);
            }
            // where the main thread searches, it crosses them instead, and this thread's cost phase
            // keeps its time; its search is stopped only for a crossover that will run
            Predicate<List<StartingPlans.Start>> worthStoppingTheSearch = starts ->
                    deadline.left(Deadline.MIP).compareTo(MipNeighbourhoods.LEAST_TIME) >= 0
                            && starts.stream().anyMatch(s -> s != null && servesMore(plan, s.evaluation()));
            boolean handedToMain = false;
            for (CrossoverHandOff handOff : List.of(crossingRounded, crossing)) {
                CrossoverHandOff.OnServedPhase todo = handOff.servedPhaseEnded(served, worthStoppingTheSearch);
                handedToMain |= todo.handedToMain();
                if (todo.toCross() != null) {
                    handOff.crossedOnMipThread(crossovers(model, demand, served, todo.toCross(), seed, lp, held, commitments, deadline, null));
                }
            }
            if (handedToMain) {
                if (Deadline.LOG_STEPS) {
                    System.err.println("[dcplan] planning step: the crossovers handed to the main thread, its first search stopped");
                }
                firstSolver.terminateEarly();
            }
        };
        // kept on both paths, for a MIP whose cost phase runs past its limit (waitForTheMip)
        AtomicReference<LpResult> servedPhasePlan = new AtomicReference<>();
        AtomicReference<Map<String, Plan>> servedPhaseWithin = new AtomicReference<>(Map.of());
        BiConsumer<LpResult, MipStart> keepServedPhase = (plan, columns) -> {
            servedPhasePlan.set(plan);
            // at once, before the cost phase: the plan serves the most SCIP found, bought at any
            // price, and where the cost phase finds nothing better in time it is all the MIP gives
            if (plan.status().hasSolution()) {
                servedPhaseWithin.set(WithinPurchases.trimmed(model, demand, SERVED_PHASE_WITHIN, plan.plan(),
                        WithinPurchases.limit(lp.polish(), deadline.left(Deadline.MIP)), commitments, deadline));
            }
        };
        Duration mipThreadLimit = atLeast(mipLimit, MipCandidates.MIN_TIME);
        long mipEndNanos = deadline.elapsedNanos() + mipThreadLimit.toNanos();
        Supplier<MipCandidates.Found> mip = () -> relaxAndFixAlongside
                ? MipCandidates.aloneThenNeighbourhoods(model, demand, mipThreadLimit,
                servedAtLeast, lp.polish(), held, commitments, seed, keepServedPhase.andThen(servedPhaseEnded))
                : MipCandidates.of(model, demand, mipLimit, 1.0, true, servedAtLeast, lp.polish(), held, commitments,
                keepServedPhase, deadline, Deadline.MIP);
        MipInBackground<MipCandidates.Found> mipThread = MipInBackground.start(HELD_PAST_ITS_LIMIT.isZero() ? mip
                        : () -> heldPastItsLimit(mip.get()),
                () -> {
                    alongside.stop();
                    firstSolver.terminateEarly();
                });
        first = firstSolver;
        background = mipThread;
        this.alongside = alongside;
        deadline.mark("MIP started on its own thread");
        if (stopRequested) {
            stop();
        }
        return new Started(mipThread, firstSolver, alongside, relaxAndFixAlongside, crossingRounded, crossing,
                servedPhasePlan, servedPhaseWithin, mipEndNanos);
    }

    /**
     * The MIP on the second core. SCIP uses one thread and OptaPlanner one; run one after the
     * other, as on one processor, the search waited for the MIP's whole share (half the limit),
     * and the MIP got only that half: on medium instances it then had no cost-phase plan where
     * SCIP given the whole limit had a good one (docs/benchmarks.md). Here the MIP runs until
     * {@link Deadline#MIP} of the limit on a thread of its own
     * ({@link MipInBackground}), while this thread builds the rounded start, crosses it with the
     * MIP's served-phase plan where that serves more ({@link #crossovers}, {@link #EARLY_CROSSOVER};
     * where the served phase ends later, the MIP's thread crosses them, {@link CrossoverHandOff}),
     * runs relax-and-fix beside the MIP (up to {@link MipCandidates#RELAX_AND_FIX_ALONGSIDE_MAX}
     * decisions; above it relax-and-fix follows the MIP on its thread), then crosses
     * relax-and-fix's plan the same way where it is the better start, then a first search from the best of them until it stalls
     * ({@link #FIRST_SEARCH_STALL}), then the MIP neighbourhoods from its best
     * ({@link MipNeighbourhoods}). When the MIP returns, whichever of them runs is stopped
     * (when the first search is proven within the gap of the relaxation, the MIP is stopped
     * instead); the first search's best, as is and re-split by the LP, and the neighbourhoods'
     * plan are judged against the MIP's and relax-and-fix's plans by the evaluator (served
     * first), and the better starts the final
     * search, which gets the time left (at least {@link Planner#FINAL_SHARE} of the limit,
     * {@link Planner#withTimeLeft}). The MIP has returned (or was stopped) when this returns;
     * the caller closes {@code started}, which joins its thread. Where SCIP runs past its own
     * limit, the main thread stops waiting where the starts can still be judged by the limit, and
     * its served phase's plan stands for the MIP ({@link #waitForTheMip}).
     */
    Prepared prepare(Started started, PlanningModel model, List<DemandCell> demand, CapacityPlan problem,
                     boolean warm, LpResult relaxation, CapacitySolver.Options options, Planner.LpLimits lp,
                     HeldLevels held, Commitments commitments, Deadline deadline) {
        CapacitySolver firstSolver = started.firstSolver;
        StoppableSpan alongside = started.alongside;
        boolean relaxAndFixAlongside = started.relaxAndFixAlongside;
        MipInBackground<MipCandidates.Found> mipThread = started.thread;
        StartingPlans.Start rounded = StartingPlans.start(model, demand, problem, warm, relaxation, lp,
                MipCandidates.Found.NONE, options.gap(), held, commitments, deadline);
        deadline.mark("rounded starts");
        // at once, from the rounded start: judged at the end, when there is no time left for it
        // (long budget-bound #1 at 30 s: under a second), and the final plan's volume is the
        // rounded start's where no exact plan serves more
        List<StartingPlans.Candidate> atItsVolume = rounded == null ? List.of() : AtItsVolume.candidates(model, demand,
                rounded.evaluation(), relaxation, lp.polish(), commitments, deadline);
        deadline.mark("the LP at the rounded start's volume");
        // the rounded start crossed first, before relax-and-fix takes the time until the MIP ends
        boolean roundedCrossedEarly = CROSSOVER && EARLY_CROSSOVER && relaxAndFixAlongside && rounded != null;
        List<StartingPlans.Start> roundedOnly = roundedCrossedEarly ? List.of(rounded) : List.of();
        CrossoverHandOff.ServedPhase servedBeforeRelaxAndFix = roundedCrossedEarly
                ? started.crossingRounded.startsReady(roundedOnly) : null;
        Map<String, Plan> crossedRounded = servedBeforeRelaxAndFix == null ? Map.of() : crossovers(model, demand,
                servedBeforeRelaxAndFix, roundedOnly, options.seed(), lp, held, commitments, deadline, alongside);
        Map<String, Plan> relaxedAndFixed = Map.of();
        // all the time until the MIP ends (its windows share it; a window proven sooner ends
        // sooner): the neighbourhoods get what it and the first search leave. With half of
        // it, tried, medium residency-bound at 60 s was 10 % dearer than SCIP alone
        // (docs/benchmarks.md, fourteenth session)
        Duration untilMipEnds = deadline.left(Deadline.MIP);
        if (relaxAndFixAlongside && untilMipEnds.compareTo(MipCandidates.MIN_TIME) >= 0 && alongside.begin()) {
            LpResult windows;
            try {
                windows = RelaxAndFix.solve(model, demand, untilMipEnds, commitments);
            } finally {
                alongside.end();
            }
            // re-split and trimmed after the stretch, by the time the starts are judged: the
            // MIP's return stops the stretch, and it often cuts the last window's cost phase
            // (long mixed #1 at 30 s: inside the stretch, its served-phase plan's re-split and trim
            // were refused, forty-fourth session)
            Duration polishLeft = WithinPurchases.limit(lp.polish(), deadline.left(Deadline.STARTS));
            relaxedAndFixed = new LinkedHashMap<>(MipCandidates.relaxAndFixPlans(model, demand, windows, polishLeft, held));
            relaxedAndFixed.putAll(MipCandidates.lastWindowTrimmed(model, demand, windows, lp.polish(), commitments,
                    deadline, Deadline.STARTS));
            deadline.mark("relax-and-fix beside the MIP");
        }
        Map<String, Plan> exact = new LinkedHashMap<>(relaxedAndFixed);
        exact.putAll(crossedRounded);
        atItsVolume.forEach(c -> exact.put(c.name(), c.plan()));
        StartingPlans.Start firstStart = exact.isEmpty() ? rounded : betterOf(model, demand, rounded, exact, lp, held,
                commitments, deadline);
        // crossed here when SCIP's served phase has ended, else on the MIP's thread once it does
        List<StartingPlans.Start> toCross = startsToCrossAfterRelaxAndFix(rounded, firstStart, roundedCrossedEarly);
        CrossoverHandOff.ServedPhase servedPhase = CROSSOVER ? started.crossing.startsReady(toCross) : null;
        Map<String, Plan> crossed = servedPhase == null ? Map.of() : crossovers(model, demand, servedPhase, toCross,
                options.seed(), lp, held, commitments, deadline, alongside);
        if (!crossed.isEmpty()) {
            firstStart = betterOf(model, demand, firstStart, crossed, lp, held, commitments, deadline);
        }
        Planner.seed(problem, firstStart, warm, relaxation);
        GapStop firstStop = GapStop.of(relaxation, options.gap());
        Planner.tie(problem, firstStart, firstStop, null); // the MIP is still running
        // ends by the MIP's return, at the latest when the final search's share begins
        // (Deadline.STARTS), or once it stalls when the MIP neighbourhoods are to follow it;
        // skipped when that share has begun already (the starts are judged)
        Duration firstLimit = deadline.capped(options.timeLimit(), Deadline.STARTS);
        // and when what is left of that is shorter than a construction, which runs whole
        CapacitySolver.Result firstSearch = null;
        if (!deadline.noRoomForASearch(firstLimit)) {
            started.crossingRounded.firstSearchBegins();
            started.crossing.firstSearchBegins();
            firstSearch = firstSolver.solve(problem, firstSearchOptions(options, firstLimit).withGapStop(firstStop));
        }
        // the crossovers the MIP's thread handed over during the search (it stopped the search)
        List<CrossoverHandOff.Handed> handed = new ArrayList<>();
        for (CrossoverHandOff handOff : List.of(started.crossingRounded, started.crossing)) {
            CrossoverHandOff.Handed h = handOff.firstSearchEnded();
            if (h != null) {
                handed.add(h);
            }
        }
        deadline.searched(firstSearch);
        deadline.mark("first search");
        if (Deadline.LOG_STEPS && firstSearch != null) {
            System.err.println("[dcplan] planning step: first search from " + (firstStart == null ? "no start" : firstStart.name())
                    + ": " + firstSearch.describeSearch());
        }
        if ((firstSearch != null && firstSearch.provenWithinGap()) || stopRequested || deadline.passed(Deadline.STARTS)) {
            // past the deadline: the MIP's plans so far (SCIP's incumbent), its re-splits dropped
            mipThread.stop();
        }
        Map<String, Plan> crossedAfterFirstSearch = new LinkedHashMap<>();
        for (CrossoverHandOff.Handed h : handed) {
            crossedAfterFirstSearch.putAll(crossovers(model, demand, h.served(), h.starts(), options.seed(), lp, held,
                    commitments, deadline, alongside));
        }
        List<StartingPlans.Candidate> judged = new ArrayList<>();
        LpResult firstSplit = null;
        if (firstSearch != null) {
            String name = FIRST_SEARCH + (firstStart == null ? "" : " (from " + firstStart.name() + ")");
            judged.add(new StartingPlans.Candidate(name, firstSearch.plan(), true));
            firstSplit = firstSearchSplit(model, demand, firstSearch, lp, deadline);
            if (firstSplit != null) {
                judged.add(new StartingPlans.Candidate(name + ", LP re-split", firstSplit.plan(), true));
            }
        }
        deadline.mark("first search's re-split");
        if (firstSplit != null && NEIGHBOURHOODS) {
            neighbourhoods(model, demand, firstSplit, options.seed(), commitments, deadline, alongside)
                    .ifPresent(judged::add);
        }
        MipCandidates.Found mip = waitForTheMip(mipThread, () -> takeOverServedPhase(model, demand, started.servedPhasePlan.get(),
                lp, held, deadline), started.mipEndNanos, deadline);
        mip.plans().forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
        started.servedPhaseWithin.get().forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
        withinTheMipsPurchases(model, demand, mip, started.servedPhasePlan.get(), lp, commitments, deadline)
                .forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
        relaxedAndFixed.forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
        crossedRounded.forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
        started.crossingRounded.crossedOnMipThread().forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
        crossed.forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
        started.crossing.crossedOnMipThread().forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
        crossedAfterFirstSearch.forEach((n, plan) -> judged.add(StartingPlans.Candidate.ofMip(n, plan)));
        judged.addAll(atItsVolume);
        if (rounded != null) {
            // last (the first of equals wins): where the search's plan breaks a limit the evaluator sees
            judged.add(new StartingPlans.Candidate(rounded.name(), rounded.plan(), true, rounded.evaluation()));
        }
        Prepared prepared = new Prepared(mip, StartingPlans.best(model, demand, judged, lp, held, commitments, deadline));
        deadline.mark("best start, crumbs tidied");
        return prepared;
    }

    /** The name of SCIP's served-phase plan trimmed by the LP within its purchases, before {@link WithinPurchases#SUFFIX}. */
    static final String SERVED_PHASE_WITHIN = "the MIP's served-phase plan";

    /**
     * The MIP's plan trimmed by the LP within its purchases ({@link WithinPurchases}) where SCIP
     * stopped at its limit, in what is left until the starts are judged ({@link Deadline#STARTS});
     * none where the MIP proved its plan, found none, where its plan has the served phase's
     * purchases ({@code servedPhase}: trimmed already, as soon as the served phase ended), or where
     * that leaves too little. On the main thread, not on the MIP's: there it runs after SCIP's own
     * limit, which the main thread waits for (tried: on large supply-bound #1 at 30 s, with
     * relax-and-fix's plan trimmed the same way on that thread, the MIP came back 4.3 s later and
     * the plan written served 6.5e-7 of the demand less; docs/benchmarks.md, forty-third session).
     */
    static Map<String, Plan> withinTheMipsPurchases(PlanningModel model, List<DemandCell> demand, MipCandidates.Found mip,
                                                    LpResult servedPhase, Planner.LpLimits lp, Commitments commitments,
                                                    Deadline deadline) {
        LpResult result = mip.mip();
        if (result == null || result.provenOptimal() || !result.status().hasSolution() || mip.plans().isEmpty()
                || (servedPhase != null && servedPhase.status().hasSolution() && samePurchases(result.plan(), servedPhase.plan()))) {
            return Map.of();
        }
        // the MIP's plan as is comes first, named as the MIP's thread named it
        String name = mip.plans().keySet().iterator().next();
        return WithinPurchases.trimmed(model, demand, name, result.plan(),
                WithinPurchases.limit(lp.polish(), deadline.left(Deadline.STARTS)), commitments, deadline);
    }

    /** Whether {@code a} and {@code b} buy the same servers and MW (the same box). */
    static boolean samePurchases(Plan a, Plan b) {
        return a.installed().equals(b.installed()) && a.itMwBuilt().equals(b.itMwBuilt());
    }

    /** The name of SCIP's served-phase plan where the main thread stopped waiting for the MIP ({@link #waitForTheMip}). */
    static final String NOT_WAITED_FOR = "MIP (SCIP past its limit, not waited for: its served phase's plan)";

    /**
     * The MIP's plans once its thread returns, within bounds. SCIP does not always keep its own
     * limit: on large partly-unservable v2 #1 at 30 s its cost phase's root went on 5-12 s past it
     * in half the runs, and the main thread waited for it until 28.6 s and once 34.0 s
     * (docs/benchmarks.md, fortieth session). So where the MIP is not back when the main thread
     * starts to wait, it takes SCIP's served phase's plan over at once, if there is one yet
     * ({@code takeOver}: re-split and trimmed, as the MIP's thread would; null when the served phase
     * has not ended): the main thread would idle, and a cut-off late in a short limit leaves no
     * time for the re-split (large partly-unservable v2 #1 at 10 s, its MIP held back by
     * {@link #HELD_PAST_ITS_LIMIT}: its served phase's plan as is, 81 % dearer than re-split and
     * trimmed). It waits until {@link Deadline#MIP_LATE} past the MIP's own limit
     * ({@code mipEndNanos}), where a MIP on time has returned; then, the served phase's plan taken
     * over if it was not, until {@link Deadline#mipWaitEndNanos}, and there it stops waiting: the
     * MIP's thread is abandoned ({@link MipInBackground#abandon}), and its served phase's plan
     * stands for it. Served first holds: that plan serves the most SCIP found, as the MIP's own
     * would (its cost phase keeps that level); what is lost is a cost-phase plan SCIP might still
     * have found.
     */
    static MipCandidates.Found waitForTheMip(MipInBackground<MipCandidates.Found> mipThread,
                                             Supplier<MipCandidates.Found> takeOver, long mipEndNanos, Deadline deadline) {
        if (!deadline.limited()) {
            MipCandidates.Found found = mipThread.join();
            deadline.mark("waiting for the MIP");
            return found;
        }
        // taken over while the main thread would idle; discarded where the MIP comes back
        MipCandidates.Found takenOver = mipThread.returned() ? null : takeOver.get();
        Optional<MipCandidates.Found> onTime = mipThread.joinWithin(deadline.leftUntil(mipEndNanos + Deadline.MIP_LATE.toNanos()));
        if (onTime.isPresent()) {
            deadline.mark("waiting for the MIP");
            return onTime.get();
        }
        if (takenOver == null) {
            takenOver = takeOver.get();
        }
        if (takenOver == null) {
            takenOver = MipCandidates.Found.NONE;
        }
        Optional<MipCandidates.Found> late = mipThread.joinWithin(deadline.leftUntil(deadline.mipWaitEndNanos(mipEndNanos)));
        if (late.isPresent()) {
            deadline.mark("waiting for the MIP, past its limit");
            return late.get();
        }
        mipThread.abandon();
        deadline.mark("waiting for the MIP, stopped: SCIP past its limit"
                + (takenOver.plans().isEmpty() ? ", no served-phase plan yet" : ", its served phase's plan kept"));
        return takenOver;
    }

    /**
     * SCIP's served phase's plan ({@code served}) as the MIP's thread would have added it, as is,
     * re-split and trimmed ({@link MipCandidates#add}), named {@link #NOT_WAITED_FOR}, with the
     * served phase's result standing for the MIP's; null while the served phase has not ended
     * ({@code served} null), none where it ended without a plan.
     */
    private static MipCandidates.Found takeOverServedPhase(PlanningModel model, List<DemandCell> demand, LpResult served,
                                                           Planner.LpLimits lp, HeldLevels held, Deadline deadline) {
        if (served == null) {
            return null;
        }
        if (!served.status().hasSolution()) {
            return MipCandidates.Found.NONE;
        }
        Map<String, Plan> plans = new LinkedHashMap<>();
        Duration splitLimit = deadline.capped(lp.polish(), 1.0);
        if (Planner.isOn(splitLimit)) {
            MipCandidates.add(model, demand, NOT_WAITED_FOR, served, splitLimit, held, plans);
        } else {
            plans.put(NOT_WAITED_FOR, served.plan());
        }
        return new MipCandidates.Found(plans, served);
    }

    /**
     * The starts to cross with SCIP's served-phase plan once relax-and-fix has ended: the rounded
     * start (often the cheapest) first, unless it was crossed before relax-and-fix, then
     * {@code firstStart} (the best start so far) where it is not the rounded start. Null entries
     * are skipped by {@link #crossovers}.
     */
    static List<StartingPlans.Start> startsToCrossAfterRelaxAndFix(StartingPlans.Start rounded, StartingPlans.Start firstStart,
                                                                  boolean roundedCrossedEarly) {
        boolean firstIsRounded = rounded != null && firstStart != null && firstStart.plan() == rounded.plan();
        if (roundedCrossedEarly) {
            return firstStart == null || firstIsRounded ? List.of() : List.of(firstStart);
        }
        return rounded == null || firstStart == null || firstIsRounded ? Arrays.asList(firstStart) : List.of(rounded, firstStart);
    }

    /** The first search's best re-split by the LP (while the deadline allows); null when not. */
    private static LpResult firstSearchSplit(PlanningModel model, List<DemandCell> demand, CapacitySolver.Result firstSearch,
                                             Planner.LpLimits lp, Deadline deadline) {
        Duration splitLimit = deadline.capped(lp.polish(), Deadline.STARTS);
        LpResult split = Planner.isOn(splitLimit) ? deadline.resplit(() -> PlanLinearProgram.polishDispatch(model, demand,
                firstSearch.plan(), LpOptions.relaxed().withTimeLimit(splitLimit))) : null;
        return split != null && split.status().hasSolution() ? split : null;
    }

    /**
     * The first search stops once it has found nothing new for {@link #FIRST_SEARCH_STALL} (or the
     * run's own unimproved limit, when shorter) where the MIP neighbourhoods follow it: the core is
     * theirs then. Without them, as before, it runs until the MIP returns.
     */
    private static CapacitySolver.Options firstSearchOptions(CapacitySolver.Options options, Duration limit) {
        CapacitySolver.Options first = options.withTimeLimit(limit);
        if (!NEIGHBOURHOODS) {
            return first;
        }
        Duration own = options.unimprovedLimit();
        return first.withUnimprovedLimit(own != null && own.compareTo(FIRST_SEARCH_STALL) < 0 ? own : FIRST_SEARCH_STALL);
    }

    /**
     * The MIP neighbourhoods ({@link MipNeighbourhoods}) from the first search's re-split best, on
     * this thread until the MIP returns (it stops {@code span}) or {@link Deadline#MIP}: their
     * plan as a candidate when they improved on it, none otherwise (the first search's is judged
     * already).
     */
    private static Optional<StartingPlans.Candidate> neighbourhoods(PlanningModel model, List<DemandCell> demand,
                                                                    LpResult from, long seed, Commitments commitments,
                                                                    Deadline deadline, StoppableSpan span) {
        Duration limit = deadline.left(Deadline.MIP);
        if (limit.compareTo(MipNeighbourhoods.LEAST_TIME) < 0 || !span.begin()) {
            return Optional.empty();
        }
        MipNeighbourhoods.Outcome outcome;
        try {
            outcome = new MipNeighbourhoods(model, demand, commitments, seed).improve(from, limit, span::stopped);
        } finally {
            span.end();
        }
        deadline.mark("MIP neighbourhoods beside the MIP");
        if (Deadline.LOG_STEPS) {
            System.err.printf(Locale.ROOT, "[dcplan] planning step: MIP neighbourhoods from %,.0f USD: %s, best %,.0f USD%n",
                    from.totalCostUsd(), outcome.describe(), outcome.best().totalCostUsd());
        }
        return outcome.improvedStart()
                ? Optional.of(StartingPlans.Candidate.ofMip(NEIGHBOURHOODS_NAME, outcome.best().plan()))
                : Optional.empty();
    }

    /**
     * The better start of {@code start} (the rounded one, or the better of it and relax-and-fix's)
     * and {@code exact}'s plans (relax-and-fix's, the crossovers'), by the evaluator (served first).
     */
    private static StartingPlans.Start betterOf(PlanningModel model, List<DemandCell> demand, StartingPlans.Start start,
                                                Map<String, Plan> exact, Planner.LpLimits lp, HeldLevels held,
                                                Commitments commitments, Deadline deadline) {
        List<StartingPlans.Candidate> candidates = new ArrayList<>();
        exact.forEach((n, plan) -> candidates.add(StartingPlans.Candidate.ofMip(n, plan)));
        if (start != null) {
            // the start is tidied already: a search's plan as far as tidying goes
            candidates.add(new StartingPlans.Candidate(start.name(), start.plan(), true, start.evaluation()));
        }
        return StartingPlans.best(model, demand, candidates, lp, held, commitments, deadline);
    }

    /**
     * {@code -Ddcplan.mip.crossover=false}: no crossovers of the MIP's served-phase plan with the
     * main thread's starts, as before (for before/after measurements).
     */
    static final boolean CROSSOVER = Boolean.parseBoolean(System.getProperty("dcplan.mip.crossover", "true"));

    /**
     * Where relax-and-fix runs beside the MIP, the rounded start is crossed with SCIP's served-phase
     * plan as soon as both are there (before relax-and-fix, or on the MIP's thread before its cost
     * phase), not after relax-and-fix. Why: relax-and-fix takes the time until {@link Deadline#MIP},
     * so the crossovers after it had less than {@link MipNeighbourhoods#LEAST_TIME} and did not run,
     * where the rounded start was the cheapest plan and served only a little less (medium
     * residency-bound v2 #1 at 60 s: 3,635.2 M USD serving 1.2e-5 of the demand less than SCIP's
     * served phase; the plan written 3,674.4 M, SCIP alone's 3,635.4 M; docs/benchmarks.md,
     * thirty-first session). {@code -Ddcplan.mip.earlyCrossover=false}: as before (for measurements).
     */
    static final boolean EARLY_CROSSOVER = Boolean.parseBoolean(System.getProperty("dcplan.mip.earlyCrossover", "true"));

    /**
     * Each crossover's share of the time left until {@link Deadline#MIP} (at least
     * {@link MipNeighbourhoods#LEAST_TIME}): a quarter. The crossovers that pay are mostly proven
     * within 0.4-2.9 s; one that ends at its limit with nothing better takes its time from the
     * first search, and that cost more than a longer crossover gained. Measured at half, then at a
     * quarter (medium, planning step alone): power-bound #1 at 60 s 3,766.5 M and 3,784.7 M USD,
     * then 3,585.2 M (12.3 s, then 3.0 s, for the same useless crossover plan); residency-bound #2
     * at 30 s 2,862.1 M and 3,280.7 M, then 2,797.6 M; but partly-unservable #2 at 30 s 1,930.8 M,
     * then 1,954.9 M (its crossover's incumbent still improved at 7 s). docs/benchmarks.md,
     * twenty-seventh session. {@code -Ddcplan.mip.crossoverShare=S} sets it, for measurements.
     */
    static final double CROSSOVER_SHARE = Double.parseDouble(System.getProperty("dcplan.mip.crossoverShare", "0.25"));

    /**
     * The time a crossover's box needs on medium instances whatever the run's limit, given where
     * {@link #CROSSOVER_SHARE} is less, up to {@link #CROSSOVER_MOST_SHARE} of the time left. Why:
     * where the box's plan is not proven at once, SCIP's cost phase in the box finds its first plan
     * serving the most in some 5-9 s (SCIP alone for three quarters of the crossover's time, then
     * its retry from the served phase's plan: {@code Phase.costPhase}); a quarter of the time left
     * at 30 s is about 6 s, so finding it was a coin flip (medium residency-bound v2 #2 at 30 s: its
     * cost phase found no plan in 4.2 s and the plan written was 8-27 % dearer; at 60 s, given 9 s,
     * it found one). With 9.8 s at 30 s residency-bound #2 found its plan in 4 runs of 4, where a
     * quarter had found it in 2 of 8 (docs/benchmarks.md, thirty-third session). Early in a run of
     * 60 s and more a quarter is longer and is kept, so a futile box takes no more there than
     * before (at half, power-bound #1 at 60 s was 5.3-5.8 % dearer: {@link #CROSSOVER_SHARE}); a
     * crossover late in a run gets up to 0.4 of the little time left instead of a quarter.
     * {@code -Ddcplan.mip.crossoverWantedSeconds=0}: a quarter only (as before, for measurements).
     */
    static final Duration CROSSOVER_WANTED = Duration.ofMillis(
            Math.round(1000 * Double.parseDouble(System.getProperty("dcplan.mip.crossoverWantedSeconds", "10"))));

    /** The most of the time left a crossover takes to get its {@link #CROSSOVER_WANTED} time. */
    static final double CROSSOVER_MOST_SHARE = 0.4;

    /**
     * A crossover's limit with {@code left} until {@link Deadline#MIP}: {@link #CROSSOVER_SHARE} of
     * it, or {@link #CROSSOVER_WANTED} where that is more and at most {@link #CROSSOVER_MOST_SHARE}
     * of it; never less than {@link MipNeighbourhoods#LEAST_TIME}.
     */
    static Duration crossoverLimit(Duration left) {
        long share = Math.round(left.toMillis() * CROSSOVER_SHARE);
        long wanted = Math.min(CROSSOVER_WANTED.toMillis(), Math.round(left.toMillis() * CROSSOVER_MOST_SHARE));
        return atLeast(Duration.ofMillis(Math.max(share, wanted)), MipNeighbourhoods.LEAST_TIME);
    }

    /**
     * The crossovers ({@link MipNeighbourhoods#crossover}) of the MIP's served-phase plan with each of
     * {@code starts} it serves more than (beyond the planner's tie), in turn, until
     * {@link Deadline#MIP}, each given its share of the time left ({@link #crossoverLimit}): their plans,
     * re-split and trimmed, as candidates (none where the served phase's plan serves no more than
     * the starts). On the main thread
     * ({@code span} given) the MIP's return stops them; on the MIP's thread ({@code span} null,
     * {@link CrossoverHandOff}) its interrupt does.
     *
     * <p>Why: the served phase's plan serves the most but buys at any price, and the rounded start
     * and relax-and-fix's plan are cheap but serve a little less (relax-and-fix's windows, the
     * rounding's MW): served first, the MIP's plan was written, and where SCIP's cost phase found
     * none of its own in time, it was far from the optimum (medium partly-unservable v2 #3 at 30 s:
     * 2,971.7 M USD against SCIP alone's 2,185.7 M; the main thread's plans cost 2,139.8-2,935.4 M
     * serving 8e-7 to 1.5e-4 of the demand less). The box between the two plans holds a plan
     * serving the most (the served phase's) and the cheap plan's purchases wherever they cost no
     * served volume: measured alone, the crossover with the rounded start was proven in 1.7 s at
     * 2,139.6 M USD, serving the most (docs/benchmarks.md, twenty-seventh session).
     */
    private static Map<String, Plan> crossovers(PlanningModel model, List<DemandCell> demand, CrossoverHandOff.ServedPhase served,
                                                List<StartingPlans.Start> starts, long seed, Planner.LpLimits lp,
                                                HeldLevels held, Commitments commitments, Deadline deadline,
                                                StoppableSpan span) {
        Map<String, Plan> plans = new LinkedHashMap<>();
        LpResult servedPhase = served.result();
        // CROSSOVER is read where the starts are handed over: without it no thread gets here
        if (!servedPhase.status().hasSolution() || !Planner.isOn(lp.polish())) {
            return plans;
        }
        MipNeighbourhoods crossing = new MipNeighbourhoods(model, demand, commitments, seed);
        boolean ran = false;
        for (StartingPlans.Start start : starts) {
            Duration left = deadline.left(Deadline.MIP);
            if (start == null || !servesMore(servedPhase, start.evaluation())) {
                continue;
            }
            if (left.compareTo(MipNeighbourhoods.LEAST_TIME) < 0 || (span != null && !span.begin())) {
                break;
            }
            ran = true;
            LpResult crossed;
            try {
                crossed = crossing.crossover(servedPhase.plan(), served.columns(), start.plan(), crossoverLimit(left));
            } finally {
                if (span != null) {
                    span.end();
                }
            }
            if (Deadline.LOG_STEPS) {
                System.err.printf(Locale.ROOT, "[dcplan] planning step: crossover on %s of the served phase's plan (%,.0f USD serving %.9g) and %s: %s in %.1f s, %,.0f USD serving %.9g%n",
                        span == null ? "the MIP's thread" : "the main thread",
                        servedPhase.totalCostUsd(), servedPhase.servedInferences(), start.name(), crossed.status(),
                        crossed.solveSeconds(), crossed.totalCostUsd(), crossed.servedInferences());
            }
            MipCandidates.add(model, demand, "crossover of the MIP's served-phase plan and " + start.name(), crossed,
                    lp.polish(), held, plans);
            if (span != null ? span.stopped() : Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        if (ran && span != null) {
            deadline.mark("crossovers with the MIP's served-phase plan");
        }
        return plans;
    }

    /** Whether {@code mip}'s plan serves more than {@code e}'s beyond the planner's tie ({@link Planner#SAME_SERVED}). */
    static boolean servesMore(LpResult mip, Evaluation e) {
        double volume = Math.max(1.0, e.servedInferences() + e.unmetInferences());
        return mip.servedInferences() - e.servedInferences() > Planner.SAME_SERVED * volume;
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
        MipInBackground<MipCandidates.Found> b = background;
        if (b != null) {
            b.stop();
        }
        StoppableSpan a = alongside;
        if (a != null) {
            a.stop();
        }
    }
}
