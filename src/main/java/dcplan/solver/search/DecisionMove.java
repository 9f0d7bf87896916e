package dcplan.solver.search;

import dcplan.solver.domain.IntegerDecision;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Sets a few whole-number decisions at once: one move type for every purchase move of the
 * capacity search (servers, {@code ServerPurchase}; phases of MW, {@code PhaseBuild};
 * {@link PurchaseMoves}: shift earlier or later, move between sites, swap a chip, buy or drop;
 * {@link PhaseMoves}: build, drop or shift MW ahead) and of the hedge's search over shared
 * commitments ({@code hedge.CommitmentMoves}), since each is "these decisions take these values";
 * its undo is the same move with the old values.
 *
 * @param <S> the planning solution the decisions belong to
 */
public final class DecisionMove<S> extends AbstractMove<S> {
    private final String kind;
    private final List<? extends IntegerDecision> purchases;
    private final int[] values;

    public DecisionMove(String kind, List<? extends IntegerDecision> purchases, int[] values) {
        this.kind = kind;
        this.purchases = purchases;
        this.values = values;
    }

    /** Doable when it changes something and every value is within its decision's range. */
    @Override
    public boolean isMoveDoable(ScoreDirector<S> scoreDirector) {
        boolean changes = false;
        for (int i = 0; i < values.length; i++) {
            IntegerDecision p = purchases.get(i);
            if (values[i] < 0 || values[i] > p.maxValue()) {
                return false;
            }
            changes |= p.value() != values[i];
        }
        return changes;
    }

    @Override
    protected DecisionMove<S> createUndoMove(ScoreDirector<S> scoreDirector) {
        int[] old = new int[values.length];
        for (int i = 0; i < old.length; i++) {
            old[i] = purchases.get(i).value();
        }
        return new DecisionMove<>(kind, purchases, old);
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<S> scoreDirector) {
        for (int i = 0; i < values.length; i++) {
            IntegerDecision p = purchases.get(i);
            scoreDirector.beforeVariableChanged(p, p.variableName());
            p.setValue(values[i]);
            scoreDirector.afterVariableChanged(p, p.variableName());
        }
    }

    @Override
    public DecisionMove<S> rebase(ScoreDirector<S> destinationScoreDirector) {
        return new DecisionMove<>(kind, rebaseList(purchases, destinationScoreDirector), values.clone());
    }

    @Override
    public String getSimpleMoveTypeDescription() {
        return "DecisionMove(" + kind + ")";
    }

    @Override
    public Collection<?> getPlanningEntities() {
        return purchases;
    }

    @Override
    public Collection<?> getPlanningValues() {
        List<Integer> out = new ArrayList<>(values.length);
        Arrays.stream(values).forEach(out::add);
        return out;
    }

    @Override
    public String toString() {
        return kind + " " + purchases + " -> " + Arrays.toString(values);
    }
}
