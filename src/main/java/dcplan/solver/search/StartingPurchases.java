package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.IntegerDecision;
import dcplan.solver.domain.ServerPurchase;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;

import java.util.List;

/**
 * The first construction phase: loads the purchases of the starting plan
 * ({@link ServerPurchase#startServers}, set by {@code PurchaseSeed}) and its phases of MW
 * ({@code PhaseBuild}, the start's built MW as floors) into the working solution, so that the
 * search starts from the best candidate the planner had, at its cost (the chunks' routes are
 * seeded from the same plan before solving; the construction heuristic places the rest).
 */
public final class StartingPurchases implements CustomPhaseCommand<CapacityPlan> {
    @Override
    public void changeWorkingSolution(ScoreDirector<CapacityPlan> scoreDirector) {
        CapacityPlan plan = scoreDirector.getWorkingSolution();
        load(scoreDirector, plan.getPurchases());
        load(scoreDirector, plan.getPhaseBuilds());
        scoreDirector.triggerVariableListeners();
    }

    private static void load(ScoreDirector<CapacityPlan> scoreDirector, List<? extends IntegerDecision> decisions) {
        for (IntegerDecision d : decisions) {
            if (d.value() != d.startValue()) {
                scoreDirector.beforeVariableChanged(d, d.variableName());
                d.setValue(d.startValue());
                scoreDirector.afterVariableChanged(d, d.variableName());
            }
        }
    }
}
