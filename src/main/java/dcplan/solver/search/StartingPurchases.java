package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.ServerPurchase;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;

/**
 * The first construction phase: loads the purchases of the starting plan
 * ({@link ServerPurchase#startServers}, set by {@code PurchaseSeed}) into the working solution,
 * so that the search starts from the best candidate the planner had (the chunks' routes are
 * seeded from the same plan before solving; the construction heuristic places the rest).
 */
public final class StartingPurchases implements CustomPhaseCommand<CapacityPlan> {
    @Override
    public void changeWorkingSolution(ScoreDirector<CapacityPlan> scoreDirector) {
        for (ServerPurchase p : scoreDirector.getWorkingSolution().getPurchases()) {
            if (p.getServers() == null || p.getServers() != p.startServers()) {
                scoreDirector.beforeVariableChanged(p, PurchaseMove.VARIABLE);
                p.setServers(p.startServers());
                scoreDirector.afterVariableChanged(p, PurchaseMove.VARIABLE);
            }
        }
        scoreDirector.triggerVariableListeners();
    }
}
