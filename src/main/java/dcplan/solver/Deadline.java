package dcplan.solver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The planning step's clock: {@code --time-limit} counted from the start of {@link Planner#plan},
 * computed once and passed to every step, so that the limit bounds the planning step as a whole
 * (issue 11: on large instances the LP steps outside the search once took 33-174 s of a 30 s
 * limit). A step reads how much of the limit is left for it ({@link #left}, {@link #capped}) and
 * is shortened or skipped when it is near ({@link #passed}).
 *
 * <p>{@link #none()} (a step-limited run, or no time limit) never passes and caps nothing: a
 * {@code --steps} run must take the same decisions on any machine, so no clock decides there.
 *
 * <p>With {@code -Ddcplan.planning.steps=true} it prints how long each step took ({@link #mark}),
 * to measure where the time goes.
 */
final class Deadline {

    /** No deadline: nothing is ever skipped or shortened (its steps are still timed). */
    static Deadline none() {
        return new Deadline(null, System::nanoTime);
    }

    /**
     * The share of the limit by which the steps before the final search (the relaxation, the
     * starting plans and their crumb tidy, relax-and-fix, the first search and its re-split, the
     * judging of every start) end: the final search keeps the last tenth ({@link Planner#withTimeLeft}
     * gives it at least that).
     */
    static final double STARTS = 0.9;

    /**
     * The share of the limit by which the MIP on the second core ends its solves (SCIP; on
     * instances up to {@link MipCandidates#RELAX_AND_FIX_ALONGSIDE_MAX} decisions also relax-and-fix
     * beside it on the main thread): a little before {@link #STARTS}, so that the re-splits of its
     * plans and the judging fit too. At {@link #STARTS} what is still running is stopped, keeping
     * what it found. Most of the limit, because a planner compares dcplan with SCIP given the same
     * wall time: with the MIP ending by 0.75 of the limit, two thirds of it SCIP's, SCIP alone
     * proved medium mixed (seed 1, 30 s) in 15 s while dcplan's SCIP did not, and dcplan's plan
     * was 14.1 % dearer (docs/benchmarks.md).
     */
    static final double MIP = 0.85;

    /**
     * The least share of the limit until which the MIP's served phase (phase 1, maximise served)
     * may run when it is not proven sooner ({@link #leftForServedPhase}). dcplan's SCIP starts with
     * the planning step ({@link MipBesideSearch#startMip}), so it counts from the same start as SCIP
     * alone given the same limit, whose served phase has half of it. A fifth more than that,
     * because dcplan's SCIP shares the two cores with the planner's own solves and its JVM and does
     * a little less in the same wall time: on medium supply-bound v2 #1 at 10 s, half served 2e-6
     * of the demand less than SCIP alone in two of eight runs (docs/benchmarks.md, "Twenty-first
     * session").
     */
    static final double SERVED_PHASE = 0.6;

    /**
     * The most the served phase may take ({@link #leftForServedPhase}) while the cost phase keeps
     * {@link #COST_PHASE_AT_LEAST}. SCIP's incumbents come in the same order from run to run, but
     * not at the same times: on medium budget-bound v2 #1 at 30 s the last one before 0.7 of the
     * limit came at about 17.7 s, right at 0.6 (18 s), and dcplan's SCIP had it in two of five
     * runs at 0.6; one run at 0.6 (twenty-first session) served 4.4e-5 of the demand less than
     * SCIP alone. Ended at 0.7, it had that incumbent in each of the three runs that logged it, and
     * dcplan served more than SCIP alone in each of four side-by-side runs (docs/benchmarks.md,
     * "Twenty-second session").
     */
    static final double SERVED_PHASE_AT_MOST = 0.7;

    /**
     * The time the MIP's cost phase keeps before {@link #MIP} when the served phase runs past
     * {@link #SERVED_PHASE}: on medium supply-bound v2 #1 at 10 s it found no plan in the 1.5 s
     * that 0.7 left it in four of ten runs, and dcplan wrote the served phase's plan, 22.9 % dearer
     * than SCIP alone's; with the 2.5 s of 0.6 it wrote SCIP alone's plan in each of five runs.
     */
    static final Duration COST_PHASE_AT_LEAST = Duration.ofMillis(2_500);

    /**
     * {@code -Ddcplan.mip.servedPhase=0.7}: the served phase until that fixed share of the limit,
     * for measurements (NaN: the rule of {@link #leftForServedPhase}).
     */
    static final double SERVED_PHASE_FIXED = Double.parseDouble(System.getProperty("dcplan.mip.servedPhase", "NaN"));

    /**
     * The share of the limit by which the starting plans' LPs end (the rounding's re-split, the
     * LPs with phases fixed): the rest until {@link #STARTS} is for judging the candidates (the
     * evaluator took 2-3 s a plan on large instances under load) and tidying the best one's crumbs.
     */
    static final double CANDIDATES = 0.6;

    /**
     * The share of the limit the LP relaxation may take: the rest of {@link #STARTS} is for the
     * starting plans built from it (its rounding, a re-split, the LPs with phases fixed).
     */
    static final double RELAXATION = 0.5;

    /**
     * The one step allowed past the limit where nothing else can give a plan ({@link #forLastStep}):
     * a rescue re-split of the starting plans while none is feasible, and the final re-split of
     * the solver's best when the search had no start ({@link #forFinalResplit}). It runs for what
     * is left of the limit but at least this share of it.
     */
    static final double FINAL_OVERRUN = 0.1;

    /** {@code -Ddcplan.planning.steps=true}: the seconds each step took, on stderr. */
    static final boolean LOG_STEPS = Boolean.getBoolean("dcplan.planning.steps");

    private final Duration limit;
    private final LongSupplier clock;
    private final long start;
    private long lastMark;
    private final List<Planner.Step> steps = new ArrayList<>();
    /** The longest LP re-split of a plan and the longest evaluation of one in this planning step. */
    private long longestResplitNanos;
    private long longestEvaluationNanos;
    /**
     * The longest construction of a search measured ({@link #searched}) less its placing of the
     * unrouted chunks: the start's purchases and chunks loaded and the whole plan scored, which no
     * clock cuts; 0 before any.
     */
    private long longestLoadingNanos;
    /** The longest placing of a search's unrouted chunks measured to its end ({@link #searched}); 0 before any. */
    private long longestRoutingNanos;
    /**
     * Whether a search's placing of its unrouted chunks ended at its limit or was stopped
     * ({@link #searched}): how long it takes is not known.
     */
    private boolean routingUnfinished;
    /** Whether a search's construction was measured to its end ({@link #searched}). */
    private boolean constructionMeasured;
    /** The longest a search ran without ending its construction ({@link #searched}): a construction takes at least that. */
    private long constructionAtLeastNanos;

    private Deadline(Duration limit, LongSupplier clock) {
        this.limit = limit;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastMark = start;
    }

    /** {@code limit} from now, read on {@code clock} (nanoseconds; a fake one in tests). */
    static Deadline of(Duration limit, LongSupplier clock) {
        return new Deadline(limit, clock);
    }

    /** The deadline of a planning step with these options, from now: none when step-limited or unlimited. */
    static Deadline forPlanning(CapacitySolver.Options options) {
        if (options.stepLimit() != null || options.timeLimit() == null) {
            return none();
        }
        return new Deadline(options.timeLimit(), System::nanoTime);
    }

    /** Whether a clock limits the planning step. */
    boolean limited() {
        return limit != null;
    }

    /** Nanoseconds since the planning step began. */
    long elapsedNanos() {
        return clock.getAsLong() - start;
    }

    /** Whether {@code share} of the limit is used up (never without a limit). */
    boolean passed(double share) {
        return limited() && elapsedNanos() >= share(share);
    }

    /** What is left until {@code share} of the limit (zero when passed); null without a limit. */
    Duration left(double share) {
        if (!limited()) {
            return null;
        }
        return leftUntil(share(share));
    }

    /** What is left until {@code endNanos} after the planning step's start (zero when passed). */
    Duration leftUntil(long endNanos) {
        return Duration.ofNanos(Math.max(0, endNanos - elapsedNanos()));
    }

    /**
     * What is left until the MIP's served phase must end when it is not proven sooner, on both
     * concurrent paths (beside relax-and-fix, and on large before relax-and-fix on the MIP's
     * thread): {@link #SERVED_PHASE_AT_MOST} of the limit where the cost phase still keeps
     * {@link #COST_PHASE_AT_LEAST} until {@link #MIP}, never less than {@link #SERVED_PHASE}. So
     * 6 s of 10 s (0.6), 10.25 s of 15 s, 0.7 from 16.7 s up (21 s of 30). A served phase proven
     * sooner (tiny, small, the sample: seconds) ends then; proven here means within the planner's
     * tie ({@link MipCandidates#SERVED_PHASE_GAP}). Null without a limit.
     */
    Duration leftForServedPhase() {
        if (!limited()) {
            return null;
        }
        if (!Double.isNaN(SERVED_PHASE_FIXED)) {
            return left(SERVED_PHASE_FIXED);
        }
        long costPhaseKept = share(MIP) - COST_PHASE_AT_LEAST.toNanos();
        long end = Math.max(share(SERVED_PHASE), Math.min(share(SERVED_PHASE_AT_MOST), costPhaseKept));
        return leftUntil(end);
    }

    /**
     * A step's own time limit ({@code stepLimit}; null or zero: the step is off) cut to what is
     * left until {@code share} of the limit; zero when that has passed, so that the step is
     * skipped ({@link Planner#isOn}). Without a limit, {@code stepLimit} as it is.
     */
    Duration capped(Duration stepLimit, double share) {
        Duration left = left(share);
        if (left == null || stepLimit == null) {
            return stepLimit;
        }
        // whole milliseconds: the LP layer's clock counts in them, and 0 means skipped
        Duration cut = Duration.ofMillis(left.toMillis());
        return cut.compareTo(stepLimit) < 0 ? cut : stepLimit;
    }

    /**
     * The last step's time limit ({@code stepLimit}): what is left of the limit, but at least
     * {@link #FINAL_OVERRUN} of it, so that it always runs, and ends at most that long after the
     * limit when every step before kept its share. Without a limit, {@code stepLimit}.
     */
    Duration forLastStep(Duration stepLimit) {
        if (!limited() || stepLimit == null) {
            return stepLimit;
        }
        // the whole limit: the reserve held back from the other steps is this step's
        Duration left = Duration.ofNanos(Math.max(0, limit.toNanos() - elapsedNanos()));
        long millis = Math.max(left.toMillis(), (long) (limit.toMillis() * FINAL_OVERRUN));
        return millis < stepLimit.toMillis() ? Duration.ofMillis(millis) : stepLimit;
    }

    /**
     * The final re-split's time limit ({@code stepLimit}). With a start to fall back on
     * ({@code startToFallBackOn}: the Planner writes the start where the search's best, not
     * re-split, is worse), what is left of the limit once the re-split plan is evaluated (the
     * longest evaluation seen): zero, so skipped, when nothing is; a time-limited plan is then
     * written by the limit. The re-split of the search's best can take longer than the re-splits
     * timed before it: on large power-bound and mixed v2 #1 it took 1.7 s after the search's
     * reserve of 1.7-1.8 s, and the planning step ended 0.2-0.4 s past 30 s (ninth session,
     * docs/benchmarks.md); both times the start was kept anyway. Zero as well when what is left is
     * shorter than the longest re-split measured: it would not end in time. Without a start, the search's
     * plan is the only one: {@link #forLastStep}, which always runs.
     */
    Duration forFinalResplit(Duration stepLimit, boolean startToFallBackOn) {
        if (!startToFallBackOn || !limited() || stepLimit == null) {
            return forLastStep(stepLimit);
        }
        long leftNanos = limit.toNanos() - elapsedNanos() - longestEvaluationNanos;
        if (leftNanos < longestResplitNanos) {
            // an LP cut shorter than a re-split took still builds its model first, and overran:
            // 0.1 s left on large residency-bound v2 #1 at 10 s, the re-split took 0.7 s
            return Duration.ZERO;
        }
        long millis = leftNanos / 1_000_000;
        return millis < stepLimit.toMillis() ? Duration.ofMillis(millis) : stepLimit;
    }

    /**
     * Marks that {@code step} ended now: its seconds since the previous mark, kept ({@link #steps})
     * and printed with {@link #LOG_STEPS}.
     */
    void mark(String step) {
        long now = clock.getAsLong();
        Planner.Step marked = new Planner.Step(step, (now - lastMark) / 1e9, (now - start) / 1e9);
        synchronized (steps) {
            steps.add(marked);
        }
        if (LOG_STEPS) {
            System.err.println("[dcplan] planning step: " + marked);
        }
        lastMark = now;
    }

    /** The steps marked so far, in order. */
    List<Planner.Step> steps() {
        synchronized (steps) {
            return List.copyOf(steps);
        }
    }

    /** {@code resplit} (an LP re-split of a plan's flows over its servers), timed for {@link #finishReserve}. */
    <T> T resplit(Supplier<T> resplit) {
        long begin = clock.getAsLong();
        T result = resplit.get();
        longestResplitNanos = Math.max(longestResplitNanos, clock.getAsLong() - begin);
        return result;
    }

    /** {@code evaluation} (the evaluator on a whole plan), timed for {@link #finishReserve}. */
    <T> T evaluation(Supplier<T> evaluation) {
        long begin = clock.getAsLong();
        T result = evaluation.get();
        longestEvaluationNanos = Math.max(longestEvaluationNanos, clock.getAsLong() - begin);
        return result;
    }

    /**
     * What the steps after the final search take, as this planning step measured their like
     * before it: the search's best evaluated, re-split by the LP, the re-split evaluated (the
     * longest re-split and twice the longest evaluation seen). The final search ends that much
     * before the limit, so that the plan is written by it: on large instances these steps took
     * 0.5-5 s past a 30 s limit (docs/benchmarks.md, sixth session). Plus {@link #UNTIMED_MARGIN} of
     * the limit: only that before anything was timed.
     */
    Duration finishReserve() {
        long margin = limited() ? (long) (limit.toNanos() * UNTIMED_MARGIN) : 0;
        return Duration.ofNanos(longestResplitNanos + 2 * longestEvaluationNanos + margin);
    }

    /**
     * Nanoseconds from the start by which the final search ends even when it has not had its
     * least share ({@link Planner#withTimeLeft}): the limit less its best's evaluation (the longest
     * seen) and {@link #UNTIMED_MARGIN}; the final re-split then finds no time and is skipped
     * ({@link #forFinalResplit}). No end without a limit.
     */
    long finalSearchLatestEndNanos() {
        if (!limited()) {
            return Long.MAX_VALUE;
        }
        return limit.toNanos() - longestEvaluationNanos - (long) (limit.toNanos() * UNTIMED_MARGIN);
    }

    /**
     * What the construction of a search given {@code searchLimit} is expected to take before its
     * first local-search step: the longest construction measured in this planning step
     * ({@link #searched}: the first search's, beside the MIP), and before any, twice the longest
     * evaluation of a plan seen. The construction loads the start's purchases and chunks and scores
     * the whole plan (OptaPlanner's custom phases, which run whole whatever the search's time
     * limit), and places the chunks the start left unrouted, which ends by
     * {@link CapacitySolver#CONSTRUCTION_SHARE} of the search's limit ({@code UnroutedChunks}). So
     * the placing measured counts at most that share of this search's limit, and all of it where
     * the measured one ended at its own limit or was stopped. On large v2 #1 at 10 s constructions
     * took 0.2-1.6 s where evaluations took 0.2-0.9 s (docs/benchmarks.md, twentieth session); on
     * large budget-bound v2 #3 at 30 s the first search's construction, 8.3 s read whole, its
     * placing cut at half its limit, skipped a final search of about 6.6 s whose placing would have
     * ended by 3.3 s (thirty-ninth and fortieth sessions). Where one was measured it is read as it
     * is: on medium v2 #1 at 10 s twice an evaluation skipped a final search that took 1.8 % off its
     * start in what time was left.
     */
    long constructionNanos(Duration searchLimit) {
        long measured;
        if (constructionMeasured) {
            long mostRouting = (long) (searchLimit.toNanos() * CapacitySolver.CONSTRUCTION_SHARE);
            measured = longestLoadingNanos + (routingUnfinished ? mostRouting : Math.min(longestRoutingNanos, mostRouting));
        } else {
            measured = 2 * longestEvaluationNanos;
        }
        return Math.max(measured, constructionAtLeastNanos);
    }

    /**
     * A search that ran, for {@link #constructionNanos}: its construction's seconds, or, where it
     * ended before its construction did by its own clock, its seconds as what a construction takes
     * at least. A search stopped from outside (the first search when the MIP returns; Ctrl-C) says
     * nothing: its construction places chunks until it is stopped (on medium partly-unservable v2 #1
     * at 10 s one stopped in its construction made the final search look too late, and it was
     * skipped).
     */
    void searched(CapacitySolver.Result search) {
        if (search == null || !search.ran()) {
            return;
        }
        long nanos = (long) (search.constructionSeconds() * 1e9);
        if (search.constructionScore() != null) {
            constructionMeasured = true;
            long routing = (long) (search.routingSeconds() * 1e9);
            longestLoadingNanos = Math.max(longestLoadingNanos, Math.max(0, nanos - routing));
            if (search.routingUnfinished()) {
                routingUnfinished = true;
            } else {
                longestRoutingNanos = Math.max(longestRoutingNanos, routing);
            }
        } else if (!search.stoppedEarly()) {
            constructionAtLeastNanos = Math.max(constructionAtLeastNanos, nanos);
        }
    }

    /**
     * Whether a search given {@code searchLimit} would be its construction alone, ending past its
     * limit: a limit shorter than {@link #constructionNanos} (or none left). The first search
     * beside the MIP is skipped then: on large v2 #1 at 10 s one given 0.8 s until
     * {@link #STARTS} took 1.6 s, all of it construction, and pushed the starts' judging past the limit.
     */
    boolean noRoomForASearch(Duration searchLimit) {
        return !Planner.isOn(searchLimit) || (limited() && searchLimit.toNanos() < constructionNanos(searchLimit));
    }

    /**
     * Whether the final search, started now, would be its construction alone and end past
     * {@link #finalSearchLatestEndNanos} ({@link #constructionNanos} of a search given the time
     * until then): no local search fits before its best's evaluation is due, and the construction
     * only reads the start back through chunks. On large v2 #1 at 10 s such searches ended at 9.2-10.3 s and their best's evaluation
     * the planning step at 9.5-10.6 s, four or five of six past 10 s (docs/benchmarks.md, nineteenth
     * and twentieth sessions). The Planner then writes the start without the search. Never without a limit.
     */
    boolean tooLateForTheFinalSearch() {
        if (!limited()) {
            return false;
        }
        long fits = finalSearchLatestEndNanos() - elapsedNanos();
        return fits <= 0 || constructionNanos(Duration.ofNanos(fits)) >= fits;
    }

    /**
     * Whether a plan's evaluation started now would end past the limit: it takes about as long as
     * the longest evaluation seen, give or take half of {@link #UNTIMED_MARGIN} (a large plan's
     * evaluations ranged 0.2-0.9 s within one run). Then a final search's best that ended this late
     * is not judged, and the start it began from is written. A search cut at
     * {@link #finalSearchLatestEndNanos} ends in time (the whole margin before this). Never without a limit.
     */
    boolean tooLateToJudge() {
        long halfMargin = limited() ? (long) (limit.toNanos() * UNTIMED_MARGIN / 2) : 0;
        return limited() && elapsedNanos() + longestEvaluationNanos + halfMargin >= limit.toNanos();
    }

    /**
     * How long past its own limit the MIP's thread is waited for before the planner takes what it
     * knows of it ({@link #mipWaitEndNanos}): its return came at most 0.8 s after its limit in the
     * 395 runs logged in the thirty-sixth to fortieth sessions (the plan's re-split and trims
     * after SCIP), but for one instance, where SCIP's cost phase went 5-12 s past it
     * (docs/benchmarks.md, fortieth session).
     */
    static final Duration MIP_LATE = Duration.ofSeconds(1);

    /**
     * The plans of the MIP the main thread judges once it stops waiting for it: its served phase's
     * plan as is, re-split, trimmed and trimmed in place ({@link MipCandidates#add}); each evaluated.
     */
    static final int MIP_PLANS_JUDGED = 4;

    /**
     * Nanoseconds from the start until which the main thread waits for a MIP due back at
     * {@code mipEndNanos} (its thread's own limit): until its plans can still be judged
     * ({@link #MIP_PLANS_JUDGED} evaluations, the longest seen) and the judged start written
     * within the limit ({@link #finishReserve}), but never before {@link #MIP_LATE} past its own
     * limit, where a MIP on time returns. SCIP does not always keep its limit (scipopt/scip issue
     * 192): on large partly-unservable v2 #1 at 30 s its root went on to 34.0 s of the planning
     * step, which ended at 34.4 s (fortieth session); with this end, at 28.7 s (forty-first). No
     * end without a limit.
     */
    long mipWaitEndNanos(long mipEndNanos) {
        if (!limited()) {
            return Long.MAX_VALUE;
        }
        long judged = limit.toNanos() - finishReserve().toNanos() - MIP_PLANS_JUDGED * longestEvaluationNanos;
        return Math.max(judged, mipEndNanos + MIP_LATE.toNanos());
    }

    /**
     * The share of the limit held back, beyond the measured steps, for what no clock cuts after
     * the final search: building the final re-split's LP, the evaluations' own spread (a large
     * plan's took 0.4-1.7 s within one run), writing the outcome. Without it the large
     * partly-unservable v2 #1 plan ended at 30.0 s of a 30 s limit, its reserve used to the
     * last tenth of a second (tenth session, docs/benchmarks.md).
     */
    static final double UNTIMED_MARGIN = 0.02;

    /**
     * Nanoseconds from the start until {@code share} of the limit, the limit less the
     * {@link #finishReserve} measured so far (its margin is the final search's alone): every step
     * before the final search budgets within what is left once the steps after it are paid for.
     */
    private long share(double share) {
        return (long) (Math.max(0, limit.toNanos() - longestResplitNanos - 2 * longestEvaluationNanos) * share);
    }
}
