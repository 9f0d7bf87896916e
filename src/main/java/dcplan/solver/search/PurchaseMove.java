package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.ServerPurchase;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Sets the servers bought by a few purchases at once: one move type for every purchase move
 * ({@link PurchaseMoves}: shift earlier or later, move between sites, swap a chip, buy or drop),
 * since each is "these purchases take these values"; its undo is the same move with the old values.
 */
public final class PurchaseMove extends AbstractMove<CapacityPlan> {
    static final String VARIABLE = "servers";

    private final String kind;
    private final List<ServerPurchase> purchases;
    private final int[] values;

    PurchaseMove(String kind, List<ServerPurchase> purchases, int[] values) {
        this.kind = kind;
        this.purchases = purchases;
        this.values = values;
    }

    /** Doable when it changes something and every value is within its purchase's range. */
    @Override
    public boolean isMoveDoable(ScoreDirector<CapacityPlan> scoreDirector) {
        boolean changes = false;
        for (int i = 0; i < values.length; i++) {
            ServerPurchase p = purchases.get(i);
            if (values[i] < 0 || values[i] > p.maxServers()) {
                return false;
            }
            changes |= p.getServers() == null || p.getServers() != values[i];
        }
        return changes;
    }

    @Override
    protected PurchaseMove createUndoMove(ScoreDirector<CapacityPlan> scoreDirector) {
        int[] old = new int[values.length];
        for (int i = 0; i < old.length; i++) {
            Integer v = purchases.get(i).getServers();
            old[i] = v == null ? 0 : v;
        }
        return new PurchaseMove(kind, purchases, old);
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<CapacityPlan> scoreDirector) {
        for (int i = 0; i < values.length; i++) {
            ServerPurchase p = purchases.get(i);
            scoreDirector.beforeVariableChanged(p, VARIABLE);
            p.setServers(values[i]);
            scoreDirector.afterVariableChanged(p, VARIABLE);
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
