package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.SiteChip;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The construction of the chunks a start leaves unrouted (its unserved share): each in turn to
 * its best eligible route by the score, or left unrouted where no route scores better. Once a
 * chunk of a cell stays unrouted, the cell's other unrouted chunks of the same size are not tried:
 * nothing changed in between, so each would score every route exactly as the first did. A start
 * leaves a cell's unserved share as several equal chunks ({@code StartChunks}); OptaPlanner's
 * construction heuristic tried each on every route, which on medium and large instances, where
 * the limits leave thousands of such chunks unservable, took the search's whole time (local search
 * never ran; docs/solver.md, "What the local search adds, per flavor").
 * It stops when {@code stop} says so (the search stopped) or after {@code limit} (null: none; a
 * share of a time-limited search, so that local search gets the rest), leaving the chunks not
 * reached unrouted, as the start left them.
 */
public final class UnroutedChunks implements CustomPhaseCommand<CapacityPlan> {
    private final BooleanSupplier stop;
    private final Duration limit;
    private volatile int tried;
    /** How long {@link #changeWorkingSolution} ran (the whole command, as its limit counts it), in nanoseconds. */
    private volatile long nanos;
    /** Whether it ended with chunks not reached: at its {@code limit}, or by {@code stop}. */
    private volatile boolean unfinished;

    public UnroutedChunks(BooleanSupplier stop, Duration limit) {
        this.stop = stop;
        this.limit = limit;
    }

    @Override
    public void changeWorkingSolution(ScoreDirector<CapacityPlan> scoreDirector) {
        @SuppressWarnings("unchecked")
        InnerScoreDirector<CapacityPlan, HardMediumSoftLongScore> inner =
                (InnerScoreDirector<CapacityPlan, HardMediumSoftLongScore>) scoreDirector;
        long began = System.nanoTime();
        long end = limit == null ? Long.MAX_VALUE : began + limit.toNanos();
        HardMediumSoftLongScore score = inner.calculateScore();
        DemandChunk unplaceable = null;
        for (DemandChunk chunk : List.copyOf(scoreDirector.getWorkingSolution().getChunks())) {
            if (chunk.getRoute() != null || sameAs(chunk, unplaceable)) {
                continue;
            }
            if (stop.getAsBoolean() || System.nanoTime() > end) {
                unfinished = true;
                break;
            }
            tried++;
            SiteChip best = null;
            HardMediumSoftLongScore bestScore = score;
            for (SiteChip route : chunk.eligibleRoutes()) {
                HardMediumSoftLongScore s = scoreWith(inner, chunk, route);
                if (s.compareTo(bestScore) > 0) {
                    best = route;
                    bestScore = s;
                }
                route(inner, chunk, null);
            }
            if (best == null) {
                unplaceable = chunk;
            } else {
                route(inner, chunk, best);
                score = bestScore;
                unplaceable = null; // the state changed: the cell's next chunk may now fit
            }
        }
        inner.calculateScore();
        nanos = System.nanoTime() - began;
    }

    /**
     * Seconds this command took (0 before it ran): the part of a search's construction its limit
     * bounds; the rest (the start's purchases loaded, the whole plan scored) no clock cuts.
     */
    public double seconds() {
        return nanos / 1e9;
    }

    /**
     * Whether it ended at its limit or was stopped, leaving chunks it had not reached unrouted: it
     * would have taken longer.
     */
    public boolean unfinished() {
        return unfinished;
    }

    /** Chunks this construction tried on every route (the skipped ones not counted). */
    public int tried() {
        return tried;
    }

    /** Whether {@code chunk} is another chunk of the cell that {@code unplaceable} stayed unrouted in, as large. */
    private static boolean sameAs(DemandChunk chunk, DemandChunk unplaceable) {
        return unplaceable != null && chunk.cell() == unplaceable.cell() && chunk.peakIps() == unplaceable.peakIps();
    }

    private static HardMediumSoftLongScore scoreWith(InnerScoreDirector<CapacityPlan, HardMediumSoftLongScore> inner,
                                                     DemandChunk chunk, SiteChip route) {
        route(inner, chunk, route);
        return inner.calculateScore();
    }

    private static void route(ScoreDirector<CapacityPlan> scoreDirector, DemandChunk chunk, SiteChip route) {
        scoreDirector.beforeVariableChanged(chunk, "route");
        chunk.setRoute(route);
        scoreDirector.afterVariableChanged(chunk, "route");
    }
}
