package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The final search with the MIP neighbourhoods on the second core beside it: on the concurrent
 * path the MIP's thread has returned by then and its core is idle for the final search's tenth of
 * the limit. The neighbourhoods start from the final search's own start (often the MIP's plan,
 * which serves the most), for half of the search's time. When they improved on the start, the
 * search is stopped then, and where the evaluator finds their plan better than the search's best
 * (served first) a second search starts from it for the time left; its best is the plan written,
 * as always an OptaPlanner solver's best. Otherwise the search's best stands (when it was stopped
 * at half time, the rest of the time is not used: the neighbourhoods' plan was judged worse).
 * When the search ends first because it found nothing new for its unimproved limit (the CLI's
 * {@code --unimproved-limit}, 10 s by default), the neighbourhoods go on while they still improve
 * (see {@link #startAnother}), and their plan, when better, starts the second search as above:
 * the run ends when neither has found anything for that long.
 *
 * <p>Why: at 300 s on medium, the start of the final search was SCIP's incumbent on supply-bound
 * and partly-unservable (it serves the most; the neighbourhoods beside the MIP had started from
 * a plan serving less), and the final search found nothing in its ~38 s (docs/benchmarks.md,
 * fourteenth session).
 */
final class NeighbourhoodsBesideFinalSearch {

    /**
     * The final search's least time for the neighbourhoods to run beside it: half of it is theirs,
     * room for two neighbourhoods of {@link MipNeighbourhoods#LEAST_TIME} after the start's re-split.
     * From a limit of about 160 s (the final search gets a tenth of the limit).
     */
    static final Duration LEAST_SEARCH_TIME = Duration.ofSeconds(16);

    /** The name of the second search's start. */
    static final String NAME = "MIP neighbourhoods beside the final search";

    /** What ran: the search whose best is written, and the start it began from. */
    record Ran(CapacitySolver.Result search, StartingPlans.Start start) {
    }

    private final CapacitySolver firstHalf = new CapacitySolver();
    private volatile MipInBackground<MipNeighbourhoods.Outcome> neighbourhoods;
    private volatile boolean stopRequested;
    /** {@link #searchStalledAtNanos} while the search runs (or ended otherwise than by its unimproved limit). */
    static final long NOT_STALLED = Long.MIN_VALUE;
    /** When the search ended by its unimproved limit ({@link System#nanoTime}), or {@link #NOT_STALLED}. */
    private volatile long searchStalledAtNanos = NOT_STALLED;

    /** Whether the neighbourhoods run beside a final search of {@code searchLimit} (null: unlimited). */
    static boolean worthIt(Duration searchLimit) {
        return MipBesideSearch.NEIGHBOURHOODS && searchLimit != null && searchLimit.compareTo(LEAST_SEARCH_TIME) >= 0;
    }

    /**
     * Runs the final search from {@code start} (loaded into {@code problem} already) with the
     * neighbourhoods beside it; {@code second} runs the second search, {@code timeLeft} gives its
     * options when it starts, and {@code mip} (or null) bounds what it may serve for its tie
     * ({@link Planner#tie}).
     */
    Ran run(PlanningModel model, List<DemandCell> demand, CapacityPlan problem, StartingPlans.Start start,
            CapacitySolver.Options searchOptions, Commitments commitments, CapacitySolver second, LpResult mip,
            Supplier<CapacitySolver.Options> timeLeft) {
        Duration theirs = searchOptions.timeLimit().dividedBy(2);
        long began = System.nanoTime();
        MipNeighbourhoods lnsSearch = new MipNeighbourhoods(model, demand, commitments, searchOptions.seed());
        CapacitySolver.Result first;
        MipNeighbourhoods.Outcome outcome;
        try (MipInBackground<MipNeighbourhoods.Outcome> lns = MipInBackground.start(() -> {
            LpResult split = PlanLinearProgram.polishDispatch(model, demand, start.plan(), LpOptions.relaxed().withTimeLimit(theirs));
            if (!split.status().hasSolution()) {
                return null;
            }
            Duration left = theirs.minusNanos(System.nanoTime() - began);
            MipNeighbourhoods.Outcome o = lnsSearch.improve(split, left, () -> Thread.currentThread().isInterrupted(),
                    () -> stillImproving(lnsSearch, searchOptions.unimprovedLimit()));
            if (o.improvedStart()) {
                firstHalf.terminateEarly(); // the rest of the time is the second search's
            }
            return o;
        }, () -> { }, null, "dcplan-neighbourhoods")) {
            neighbourhoods = lns;
            if (stopRequested) {
                stop();
            }
            first = firstHalf.solve(problem, searchOptions);
            if (first.endedUnimproved() && !stopRequested) {
                // "nothing improved for --unimproved-limit" counts the neighbourhoods' plans too:
                // they go on (within their half) until they too have found nothing for that long
                searchStalledAtNanos = System.nanoTime();
            } else {
                lns.stop(); // the search ended first (proven, or at its time limit): no time for a second
            }
            outcome = lns.join();
        } finally {
            neighbourhoods = null;
        }
        if (Deadline.LOG_STEPS) {
            System.err.println("[dcplan] planning step: neighbourhoods beside the final search: "
                    + (outcome == null ? "none (the start's re-split failed)" : String.format(Locale.ROOT, "%s, best %,.0f USD",
                    outcome.describe(), outcome.best().totalCostUsd())));
        }
        if (outcome == null || !outcome.improvedStart() || stopRequested || !(first.stoppedEarly() || first.endedUnimproved())) {
            return new Ran(first, start);
        }
        Evaluation theirsEval = PlanEvaluator.evaluate(model, demand, outcome.best().plan(), commitments);
        Evaluation searchEval = PlanEvaluator.evaluate(model, demand, first.plan(), commitments);
        if (!Planner.isBetter(theirsEval, searchEval)) {
            return new Ran(first, start);
        }
        StartingPlans.Start next = new StartingPlans.Start(NAME + " (from " + start.name() + ")", outcome.best().plan(), theirsEval);
        Planner.seed(problem, next, false, null);
        CapacitySolver.Options secondOptions = timeLeft.get();
        Planner.tie(problem, next, secondOptions.gapStop(), mip);
        return new Ran(second.solve(problem, secondOptions), next);
    }

    private boolean stillImproving(MipNeighbourhoods lnsSearch, Duration unimproved) {
        return startAnother(System.nanoTime(), searchStalledAtNanos, lnsSearch.lastImprovedNanos(), unimproved);
    }

    /**
     * Whether the neighbourhoods start another one at {@code now}: always while the search runs
     * ({@code stalledAt} {@link #NOT_STALLED}) or without an unimproved limit; once the search has
     * stalled (ended by {@code unimproved}, its last new best that long before), only while something
     * improved within that limit: until {@code unimproved} after their last improvement
     * ({@code lastImproved}, {@link MipNeighbourhoods#NEVER}: none), and not at all when they have none.
     */
    static boolean startAnother(long now, long stalledAt, long lastImproved, Duration unimproved) {
        if (stalledAt == NOT_STALLED || unimproved == null) {
            return true;
        }
        long stopAt = lastImproved == MipNeighbourhoods.NEVER ? stalledAt : Math.max(stalledAt, lastImproved + unimproved.toNanos());
        return now - stopAt < 0;
    }

    /** Stops the search and the neighbourhoods (Ctrl-C): the search's best so far is then written. */
    void stop() {
        stopRequested = true;
        firstHalf.terminateEarly();
        MipInBackground<MipNeighbourhoods.Outcome> n = neighbourhoods;
        if (n != null) {
            n.stop();
        }
    }
}
