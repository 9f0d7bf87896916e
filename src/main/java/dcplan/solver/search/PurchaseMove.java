package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.IntegerDecision;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Sets what a few purchases buy at once (servers, {@code ServerPurchase}; phases of MW,
 * {@code PhaseBuild}): one move type for every purchase move ({@link PurchaseMoves}: shift earlier
 * or later, move between sites, swap a chip, buy or drop; {@link PhaseMoves}: build, drop or shift
 * a phase), since each is "these decisions take these values"; its undo is the same move with the
 * old values.
 */
public final class PurchaseMove extends AbstractMove<CapacityPlan> {
    private final String kind;
    private final List<? extends IntegerDecision> purchases;
    private final int[] values;

    PurchaseMove(String kind, List<? extends IntegerDecision> purchases, int[] values) {
        this.kind = kind;
        this.purchases = purchases;
        this.values = values;
    }

    /** Doable when it changes something and every value is within its purchase's range. */
    @Override
    public boolean isMoveDoable(ScoreDirector<CapacityPlan> scoreDirector) {
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
    protected PurchaseMove createUndoMove(ScoreDirector<CapacityPlan> scoreDirector) {
        int[] old = new int[values.length];
        for (int i = 0; i < old.length; i++) {
            old[i] = purchases.get(i).value();
        }
        return new PurchaseMove(kind, purchases, old);
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<CapacityPlan> scoreDirector) {
        for (int i = 0; i < values.length; i++) {
            IntegerDecision p = purchases.get(i);
            scoreDirector.beforeVariableChanged(p, p.variableName());
            p.setValue(values[i]);
            scoreDirector.afterVariableChanged(p, p.variableName());
        }
    }

    @Override
    public PurchaseMove rebase(ScoreDirector<CapacityPlan> destinationScoreDirector) {
        return new PurchaseMove(kind, rebaseList(purchases, destinationScoreDirector), values.clone());
    }

    @Override
    public String getSimpleMoveTypeDescription() {
        return "PurchaseMove(" + kind + ")";
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
