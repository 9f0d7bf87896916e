package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.List;

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
        return of(model, relaxation, Commitments.NONE);
    }

    /**
     * The same for a relaxation solved holding {@code held} (a hedge's shared commitments): the
     * rounding starts from the held levels, so whether the result keeps every limit says whether
     * whole servers and phases after D can honour the commitments where fractional ones could.
     */
    public static Plan of(PlanningModel model, LpResult relaxation, Commitments held) {
        return PlanTrimming.clippedToCapacity(model, RelaxationRounding.roundedUp(model, relaxation, HeldLevels.of(model, held)));
    }

    /**
     * {@link #of(PlanningModel, LpResult, Commitments)}, its flows re-split over its servers by the
     * LP within {@code limit} ({@link PlanLinearProgram#polishDispatch}): a candidate ready to judge.
     */
    static LpResult reSplit(PlanningModel model, List<DemandCell> demand, LpResult relaxation, Commitments held,
                            Duration limit) {
        return PlanLinearProgram.polishDispatch(model, demand, of(model, relaxation, held),
                LpOptions.relaxed().withTimeLimit(limit));
    }
}
