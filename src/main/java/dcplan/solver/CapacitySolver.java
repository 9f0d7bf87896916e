package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Plan;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.domain.ServerPurchase;
import dcplan.solver.search.ConstructionEnd;
import dcplan.solver.search.LocalSearchStats;
import dcplan.solver.search.PhaseMoves;
import dcplan.solver.search.PurchaseMoves;
import dcplan.solver.search.StartingPurchases;
import dcplan.solver.search.UnroutedChunks;
import org.optaplanner.core.config.heuristic.selector.entity.EntitySelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.CartesianProductMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;
import org.optaplanner.core.impl.solver.DefaultSolver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs OptaPlanner on a planning model and its demand: construction (the starting plan's
 * purchases loaded, then a construction heuristic for the chunks not yet routed), then late
 * acceptance local search over chunk routes and server purchases (see docs/solver.md for why
 * these and the figures).
 * Thread-safe for one concurrent {@link #terminateEarly()} call (Ctrl-C).
 */
public final class CapacitySolver {

    /**
     * How to solve. {@code stepLimit} (local search steps) makes a run reproducible whatever the
     * machine's speed; {@code timeLimit} bounds it in wall time. Either may be null, not both.
     * {@code unimprovedLimit} ends a time-limited search when its best has not improved for that
     * long (null: never; ignored with a step limit, which must not depend on wall time);
     * {@code gapStop} ends any search once its best is proven within the gap of a bound (null:
     * never; {@link Planner} sets it from the relaxation, at {@code gap}).
     * Start from {@link #of} (every other setting at its default) and change with the withers.
     */
    public record Options(Duration timeLimit, Long stepLimit, long seed, int chunksPerCell,
                          int lateAcceptanceSize, Consumer<HardMediumSoftLongScore> onNewBest,
                          Duration unimprovedLimit, double gap, GapStop gapStop) {
        /** Late acceptance's list length: the best of the sizes compared in docs/solver.md. */
        public static final int DEFAULT_LATE_ACCEPTANCE = 400;

        /**
         * The given limits and seed, chunks per cell chosen from the problem size (0), late
         * acceptance {@link #DEFAULT_LATE_ACCEPTANCE}, no progress listener, no unimproved
         * limit, {@link GapStop#DEFAULT_GAP} once a bound is known.
         */
        public static Options of(Duration timeLimit, Long stepLimit, long seed) {
            return new Options(timeLimit, stepLimit, seed, 0, DEFAULT_LATE_ACCEPTANCE, null, null, GapStop.DEFAULT_GAP, null);
        }

        public static Options timeLimited(Duration limit, long seed) {
            return of(limit, null, seed);
        }

        public static Options stepLimited(long steps, long seed) {
            return of(null, steps, seed);
        }

        public Options withProgress(Consumer<HardMediumSoftLongScore> listener) {
            return new Options(timeLimit, stepLimit, seed, chunksPerCell, lateAcceptanceSize, listener, unimprovedLimit, gap,
                    gapStop);
        }

        public Options withChunksPerCell(int chunks) {
            return new Options(timeLimit, stepLimit, seed, chunks, lateAcceptanceSize, onNewBest, unimprovedLimit, gap, gapStop);
        }

        public Options withLateAcceptanceSize(int size) {
            return new Options(timeLimit, stepLimit, seed, chunksPerCell, size, onNewBest, unimprovedLimit, gap, gapStop);
        }

        /** Stop a time-limited search after {@code limit} without a new best (null or zero: never). */
        public Options withUnimprovedLimit(Duration limit) {
            Duration l = limit == null || limit.isZero() || limit.isNegative() ? null : limit;
            return new Options(timeLimit, stepLimit, seed, chunksPerCell, lateAcceptanceSize, onNewBest, l, gap, gapStop);
        }

        /** The relative gap to a bound at which the search stops (negative: never). */
        public Options withGap(double relativeGap) {
            return new Options(timeLimit, stepLimit, seed, chunksPerCell, lateAcceptanceSize, onNewBest, unimprovedLimit,
                    relativeGap, gapStop);
        }

        /** The same options with another wall-time limit (the planner's time left for the search). */
        public Options withTimeLimit(Duration limit) {
            return new Options(limit, stepLimit, seed, chunksPerCell, lateAcceptanceSize, onNewBest, unimprovedLimit, gap,
                    gapStop);
        }

        /** Stop once the best is proven by {@code stop} (null: no bound known). */
        public Options withGapStop(GapStop stop) {
            return new Options(timeLimit, stepLimit, seed, chunksPerCell, lateAcceptanceSize, onNewBest, unimprovedLimit, gap,
                    stop);
        }
    }

    /**
     * The best plan found, in the search's terms and in the spec's; {@code stoppedEarly}: by
     * {@link #terminateEarly()} (Ctrl-C); {@code ended}: why the search ended, for the log;
     * {@code constructionScore}: the score when construction ended (what local search started from);
     * {@code localSearch}: what local search did (time, steps, moves, new bests per move kind).
     */
    /**
     * A search's result. {@code constructionSeconds}: from the solve's start until its construction
     * ended (its custom phases: the start loaded, the unrouted chunks placed, the whole plan
     * scored); where the search ended before that ({@code constructionScore} null), all its
     * seconds, which the construction took at least. {@code routingSeconds}: the part of it spent
     * placing the unrouted chunks ({@link UnroutedChunks}), which ends by {@link #CONSTRUCTION_SHARE}
     * of a time-limited search; {@code routingUnfinished}: it ended there or was stopped, with
     * chunks not reached. The deadline reads them to tell whether a later search would be its
     * construction alone ({@link Deadline#constructionNanos}).
     */
    public record Result(CapacityPlan solution, Plan plan, HardMediumSoftLongScore score,
                         double solveSeconds, boolean stoppedEarly, String ended,
                         HardMediumSoftLongScore constructionScore, double constructionSeconds,
                         double routingSeconds, boolean routingUnfinished, LocalSearchStats localSearch) {
        /** Whether it ended proven within the gap of its bound ({@link GapStop}). */
        public boolean provenWithinGap() {
            return ended.startsWith(PROVEN);
        }

        /** Whether it ended because its best had not improved for its unimproved limit. */
        public boolean endedUnimproved() {
            return ended.startsWith(UNIMPROVED);
        }

        /**
         * A search that did not run ({@link #ran()} false): the planning step skipped it because its
         * start was judged too late for its best to be judged before the limit
         * ({@code Planner}; docs/solver.md, "The deadline"). {@code plan} is the start as loaded into
         * {@code problem}; no score, no time, no construction.
         */
        static Result notRun(CapacityPlan problem, Plan plan, boolean stoppedEarly, String why) {
            return new Result(problem, plan, null, 0.0, stoppedEarly, NOT_RUN + why, null, 0.0, 0.0, false,
                    new LocalSearchStats());
        }

        /** Whether the search ran (false: {@link #notRun}, and {@link #score} is null). */
        public boolean ran() {
            return !ended.startsWith(NOT_RUN);
        }

        /** For the step log: the score at construction's end and the best, why it ended, and the local search's figures. */
        public String describeSearch() {
            if (!ran()) {
                return ended;
            }
            return String.format(Locale.ROOT, "construction %.1f s (the unrouted chunks %.1f s%s) ", constructionSeconds,
                    routingSeconds, routingUnfinished ? ", unfinished" : "") + constructionScore + " -> best " + score
                    + " (" + ended + "); local search " + localSearch.describe();
        }
    }

    /** {@link Result#ended} for a search ended at its construction because its start is proven ({@link GapStop#startProven}). */
    static final String START_PROVEN = "the start proven within the gap: construction only";

    /** How {@link Result#ended} begins for a search that did not run ({@link Result#notRun}). */
    static final String NOT_RUN = "not run: ";

    /** How {@link Result#ended} begins for a search proven within the gap. */
    static final String PROVEN = "proven within ";
    static final String UNIMPROVED = "no improvement for ";

    private volatile Solver<CapacityPlan> running;
    private volatile boolean stopRequested;

    public static SolverConfig config(Options options) {
        return config(options, new ConstructionEnd(), unroutedChunks(options, () -> false));
    }

    /** The construction of the start's unrouted chunks for a search of {@code options}, stopping when {@code stopped} says so. */
    private static UnroutedChunks unroutedChunks(Options options, BooleanSupplier stopped) {
        return new UnroutedChunks(stopped, constructionLimit(options));
    }

    /**
     * The configuration, recording the score at the end of construction in {@code constructionEnd}
     * and placing the start's unrouted chunks with {@code unrouted} (a custom phase, which reads
     * whether the search was asked to stop).
     */
    public static SolverConfig config(Options options, ConstructionEnd constructionEnd, UnroutedChunks unrouted) {
        if (options.timeLimit() == null && options.stepLimit() == null) {
            throw new IllegalArgumentException("a time limit or a step limit is required");
        }
        LocalSearchPhaseConfig localSearch = new LocalSearchPhaseConfig()
                .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(options.lateAcceptanceSize()))
                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1))
                .withMoveSelectorConfig(moves());
        if (options.stepLimit() != null) {
            // A step is an accepted move: at a strict local optimum late acceptance accepts none,
            // and a step limit alone would never end. The score-calculation bound (as
            // reproducible as the step count) ends such a search: 1,000 moves tried per step.
            localSearch.setTerminationConfig(new TerminationConfig().withStepCountLimit(options.stepLimit().intValue()));
        }
        TerminationConfig termination = new TerminationConfig();
        if (options.stepLimit() != null) {
            // solver level: OptaPlanner counts score calculations per solver, not per phase
            termination.setScoreCalculationCountLimit(options.stepLimit() * 1000L);
        }
        if (options.timeLimit() != null) {
            termination.setSpentLimit(options.timeLimit());
            if (options.unimprovedLimit() != null && options.stepLimit() == null) {
                // phase level: the wait starts when local search starts, not when the LP seed was loaded
                localSearch.setTerminationConfig(new TerminationConfig().withUnimprovedSpentLimit(options.unimprovedLimit()));
            }
        }
        return new SolverConfig()
                .withSolutionClass(CapacityPlan.class)
                .withEntityClasses(DemandChunk.class, ServerPurchase.class, PhaseBuild.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(CapacityConstraints.class)
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET))
                .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE)
                .withRandomSeed(options.seed())
                .withTerminationConfig(termination)
                .withPhases(new CustomPhaseConfig().withCustomPhaseCommands(new StartingPurchases()),
                        // purchases start initialised (0, or the start's): only chunks are constructed
                        new CustomPhaseConfig().withCustomPhaseCommands(unrouted),
                        new CustomPhaseConfig().withCustomPhaseCommands(constructionEnd),
                        localSearch);
    }

    /**
     * The construction's time in a time-limited search: at most {@link #CONSTRUCTION_SHARE} of the
     * limit, so that local search always gets the rest (null: a step-limited search, reproducible).
     */
    private static Duration constructionLimit(Options options) {
        return options.timeLimit() == null || options.stepLimit() != null ? null
                : Duration.ofMillis((long) (options.timeLimit().toMillis() * CONSTRUCTION_SHARE));
    }

    /** The construction's share of a time-limited search at most; local search has the rest. */
    static final double CONSTRUCTION_SHARE = 0.5;

    /**
     * Local search's moves: a chunk to another route, two chunks swapping routes (OptaPlanner's
     * change and swap moves), the purchase moves ({@link PurchaseMoves}), the phase moves
     * ({@link PhaseMoves}: none without phases), and a purchase move with a chunk's change move
     * together, each child as likely.
     */
    private static UnionMoveSelectorConfig moves() {
        return new UnionMoveSelectorConfig().withMoveSelectors(
                new ChangeMoveSelectorConfig().withEntitySelectorConfig(new EntitySelectorConfig(DemandChunk.class)),
                new SwapMoveSelectorConfig().withEntitySelectorConfig(new EntitySelectorConfig(DemandChunk.class)),
                new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(PurchaseMoves.class),
                new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(PhaseMoves.class),
                // a purchase and a chunk moved together: buying ahead of need only pays once a chunk
                // uses the servers, and neither move alone improves the score
                new CartesianProductMoveSelectorConfig().withMoveSelectors(
                        new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(PurchaseMoves.class),
                        new ChangeMoveSelectorConfig().withEntitySelectorConfig(new EntitySelectorConfig(DemandChunk.class))));
    }

    public Result solve(PlanningModel model, List<DemandCell> demand, Options options) {
        return solve(ProblemBuilder.build(model, demand, options.chunksPerCell()), options);
    }

    /** Solves from a given problem, possibly already routed (a warm start). */
    public Result solve(CapacityPlan problem, Options options) {
        ConstructionEnd constructionEnd = new ConstructionEnd();
        UnroutedChunks unrouted = unroutedChunks(options, () -> stopRequested);
        Solver<CapacityPlan> solver = SolverFactory.<CapacityPlan>create(config(options, constructionEnd, unrouted))
                .buildSolver();
        LocalSearchStats stats = new LocalSearchStats();
        ((DefaultSolver<CapacityPlan>) solver).addPhaseLifecycleListener(stats);
        if (options.onNewBest() != null) {
            solver.addEventListener(event -> options.onNewBest().accept((HardMediumSoftLongScore) event.getNewBestScore()));
        }
        AtomicBoolean proven = new AtomicBoolean();
        ScoreReading reading = options.gapStop() == null ? null : new ScoreReading(problem);
        // called on the solver's thread at the step that found the best: as reproducible as the steps
        java.util.function.Consumer<HardMediumSoftLongScore> check = score -> {
            if (stopRequested) {
                // asked before solving began: OptaPlanner clears an early stop when solving starts
                solver.terminateEarly();
            } else if (reading != null && isProven(options.gapStop(), reading, score)) {
                proven.set(true);
                solver.terminateEarly();
            }
        };
        if (reading != null) {
            solver.addEventListener(event -> check.accept((HardMediumSoftLongScore) event.getNewBestScore()));
        }
        AtomicBoolean startProven = new AtomicBoolean();
        AtomicLong constructionEndedAt = new AtomicLong();
        constructionEnd.onEnd(score -> {
            constructionEndedAt.set(System.nanoTime());
            check.accept(score);
            if (!proven.get() && !stopRequested && options.gapStop() != null && options.gapStop().startProven()) {
                // the start is proven, the search's reading of it is not: a search cannot gain more
                // than the gap, and the Planner writes the start where the search's best is worse
                // (GapStop#startProven)
                startProven.set(true);
                solver.terminateEarly();
            }
        });
        running = solver;
        if (stopRequested) {
            solver.terminateEarly();
        }
        long start = System.nanoTime();
        CapacityPlan best = solver.solve(problem);
        double seconds = (System.nanoTime() - start) / 1e9;
        running = null;
        double constructionSeconds = constructionEnd.score() == null ? seconds : (constructionEndedAt.get() - start) / 1e9;
        return new Result(best, PlanExtractor.extract(best), best.getScore(), seconds, stopRequested,
                startProven.get() ? START_PROVEN : ended(options, proven.get(), seconds), constructionEnd.score(),
                constructionSeconds, unrouted.seconds(), unrouted.unfinished(), stats);
    }

    /**
     * Whether {@code best} is proven within the gap by {@code stop}: USD and inferences read off the
     * score. The served reading is taken back up by {@link StartChunks#SHAVE}: a start's chunks are
     * cut that much short of its flows, so a start serving the most reads that much less; the plan
     * written is re-split by the LP over the servers bought, and where it still serves less than
     * the start the Planner keeps the start (served first).
     */
    static boolean isProven(GapStop stop, ScoreReading reading, HardMediumSoftLongScore best) {
        return best.isSolutionInitialized()
                && stop.reached(best.hardScore() >= 0, reading.costUsd(best), reading.servedInferences(best) / (1 - StartChunks.SHAVE));
    }

    /** Why the search ended, as the log says it. */
    private String ended(Options options, boolean proven, double seconds) {
        if (stopRequested) {
            return "stopped by the user";
        }
        if (proven) {
            return PROVEN + options.gap() + " of the " + options.gapStop().kind() + " bound";
        }
        if (options.stepLimit() != null) {
            return "step limit";
        }
        if (options.unimprovedLimit() != null && seconds < options.timeLimit().toMillis() / 1000.0 - 0.5) {
            return UNIMPROVED + options.unimprovedLimit().toMillis() / 1000.0 + " s";
        }
        return "time limit";
    }

    /** Stops the solve in progress; {@link #solve} then returns the best plan so far. */
    public void terminateEarly() {
        stopRequested = true;
        Solver<CapacityPlan> solver = running;
        if (solver != null) {
            solver.terminateEarly();
        }
    }
}
