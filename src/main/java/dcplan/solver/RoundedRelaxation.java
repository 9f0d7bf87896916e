package dcplan.solver;

import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.solver.lp.LpResult;

/**
 * An LP relaxation's solution made a plan from outside the planner (a hedge's extensive form
 * gives one relaxation per future): servers rounded up to whole ones and MW to whole phases
 * with {@link RelaxationRounding}'s repairs for supply, power and budget, flows clipped to the
 * servers. Whether the result keeps every limit is the evaluator's to say.
 */
public final class RoundedRelaxation {
    private RoundedRelaxation() {
    }

    public static Plan of(PlanningModel model, LpResult relaxation) {
        HeldLevels held = HeldLevels.of(model, Commitments.NONE);
        return PlanTrimming.clippedToCapacity(model, RelaxationRounding.roundedUp(model, relaxation, held));
    }
}
