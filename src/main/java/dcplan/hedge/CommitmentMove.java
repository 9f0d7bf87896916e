package dcplan.hedge;

import dcplan.hedge.domain.CommitmentPlan;
import dcplan.hedge.domain.HeldAmount;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Sets a few shared commitments at once: one move type for every commitment move
 * ({@link CommitmentMoves}: more or fewer, a quarter earlier or later, another site or chip), since
 * each is "these amounts take these values"; its undo is the same move with the old values.
 */
final class CommitmentMove extends AbstractMove<CommitmentPlan> {
    private static final String VARIABLE = "amount";

    private final String kind;
    private final List<HeldAmount> amounts;
    private final int[] values;

    CommitmentMove(String kind, List<HeldAmount> amounts, int[] values) {
        this.kind = kind;
        this.amounts = amounts;
        this.values = values;
    }

    /** Doable when it changes something and every value is within its commitment's range. */
    @Override
    public boolean isMoveDoable(ScoreDirector<CommitmentPlan> scoreDirector) {
        boolean changes = false;
        for (int i = 0; i < values.length; i++) {
            HeldAmount a = amounts.get(i);
            if (values[i] < 0 || values[i] > a.max()) {
                return false;
            }
            changes |= a.amount() != values[i];
        }
        return changes;
    }

    @Override
    protected CommitmentMove createUndoMove(ScoreDirector<CommitmentPlan> scoreDirector) {
        int[] old = new int[values.length];
        for (int i = 0; i < old.length; i++) {
            old[i] = amounts.get(i).amount();
        }
        return new CommitmentMove(kind, amounts, old);
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<CommitmentPlan> scoreDirector) {
        for (int i = 0; i < values.length; i++) {
            HeldAmount a = amounts.get(i);
            scoreDirector.beforeVariableChanged(a, VARIABLE);
            a.setAmount(values[i]);
            scoreDirector.afterVariableChanged(a, VARIABLE);
        }
    }

    @Override
    public CommitmentMove rebase(ScoreDirector<CommitmentPlan> destinationScoreDirector) {
        return new CommitmentMove(kind, rebaseList(amounts, destinationScoreDirector), values.clone());
    }

    @Override
    public String getSimpleMoveTypeDescription() {
        return "CommitmentMove(" + kind + ")";
    }

    @Override
    public Collection<?> getPlanningEntities() {
        return amounts;
    }

    @Override
    public Collection<?> getPlanningValues() {
        List<Integer> out = new ArrayList<>(values.length);
        Arrays.stream(values).forEach(out::add);
        return out;
    }

    @Override
    public String toString() {
        return kind + " " + amounts + " -> " + Arrays.toString(values);
    }
}
