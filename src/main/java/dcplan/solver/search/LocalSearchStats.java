package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import org.optaplanner.core.impl.localsearch.scope.LocalSearchPhaseScope;
import org.optaplanner.core.impl.localsearch.scope.LocalSearchStepScope;
import org.optaplanner.core.impl.phase.event.PhaseLifecycleListenerAdapter;
import org.optaplanner.core.impl.phase.scope.AbstractPhaseScope;
import org.optaplanner.core.impl.phase.scope.AbstractStepScope;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the local search phase did, for the log and the benchmarks (docs/solver.md, "What the
 * local search adds, per flavor"): its seconds, steps (accepted moves), moves evaluated, and per
 * move kind how many steps it made and how many of them were a new best. Whether the search had
 * too little time, too few moves per second, or the wrong moves is read off these.
 */
public final class LocalSearchStats extends PhaseLifecycleListenerAdapter<CapacityPlan> {
    private final Map<String, int[]> stepsByKind = new TreeMap<>();
    private volatile long millis;
    private volatile long moves;
    private volatile int steps;
    private long movesAtStart;

    @Override
    public void stepEnded(AbstractStepScope<CapacityPlan> stepScope) {
        if (stepScope instanceof LocalSearchStepScope<CapacityPlan> step && step.getStep() != null) {
            int[] counts = stepsByKind.computeIfAbsent(step.getStep().getSimpleMoveTypeDescription(), k -> new int[2]);
            counts[0]++;
            if (step.getBestScoreImproved()) {
                counts[1]++;
            }
        }
    }

    @Override
    public void phaseStarted(AbstractPhaseScope<CapacityPlan> phaseScope) {
        if (phaseScope instanceof LocalSearchPhaseScope<CapacityPlan>) {
            movesAtStart = phaseScope.getSolverScope().getScoreCalculationCount();
        }
    }

    // the phase's own end time and count are set after its listeners run: read them as they stand
    @Override
    public void phaseEnded(AbstractPhaseScope<CapacityPlan> phaseScope) {
        if (phaseScope instanceof LocalSearchPhaseScope<CapacityPlan>) {
            millis = phaseScope.calculatePhaseTimeMillisSpentUpToNow();
            moves = phaseScope.getSolverScope().getScoreCalculationCount() - movesAtStart;
            steps = phaseScope.getNextStepIndex();
        }
    }

    /** Seconds spent in local search (0 when it did not run). */
    public double seconds() {
        return millis / 1000.0;
    }

    /** Moves evaluated (score calculations) in local search. */
    public long moves() {
        return moves;
    }

    /** Steps (accepted moves) in local search. */
    public int steps() {
        return steps;
    }

    /** New bests found by moves of one kind ({@code Move.getSimpleMoveTypeDescription}). */
    public int newBests(String kind) {
        int[] counts = stepsByKind.get(kind);
        return counts == null ? 0 : counts[1];
    }

    /** Time and moves per second, for a table's note. */
    public String brief() {
        return String.format(Locale.ROOT, "%.1f s at %.0f moves/s", seconds(), millis > 0 ? moves * 1000.0 / millis : 0.0);
    }

    /** One line: time, steps, moves per second, and per move kind "steps/new bests". */
    public String describe() {
        String kinds = stepsByKind.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1])
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%.1f s, %d steps, %d moves (%.0f/s); steps/new bests by move: %s",
                seconds(), steps, moves, millis > 0 ? moves * 1000.0 / millis : 0.0, kinds.isEmpty() ? "none" : kinds);
    }
}
