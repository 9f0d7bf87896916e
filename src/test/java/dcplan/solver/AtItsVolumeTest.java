package dcplan.solver;

import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.HardInstances;
import dcplan.solver.lp.HardInstances.Flavor;
import dcplan.solver.lp.HardInstances.Instance;
import dcplan.solver.lp.HardInstances.Size;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AtItsVolume} on long budget-bound v2 #3, whose rounded start (the LP with the rounding's
 * whole phases fixed, rounded up and re-split) serves 1.7 % of its volume less than the
 * relaxation's most, at about what that most costs (6,142 M USD against 6,145 M).
 */
class AtItsVolumeTest {
    static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void theRelaxationAtTheStartsVolumeIsAFarCheaperPlanServingAsMuch() {
        Instance in = HardInstances.generate(Flavor.BUDGET_BOUND, Size.LONG, 3, true);
        LpResult relaxation = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.relaxed().withTimeLimit(LIMIT));
        Evaluation start = PlanEvaluator.evaluate(in.model(), in.demand(), roundingsPhasesStart(in, relaxation));
        assertTrue(start.feasible(), "the rounded start: " + start.violations());
        assertTrue(start.servedInferences() < relaxation.servedInferences() * (1 - 1e-3), "it serves less than the relaxation");

        List<StartingPlans.Candidate> found = AtItsVolume.candidates(in.model(), in.demand(), start, relaxation, LIMIT,
                Commitments.NONE, Deadline.none());

        assertFalse(found.isEmpty());
        double tie = Planner.SAME_SERVED * (start.servedInferences() + start.unmetInferences());
        StartingPlans.Candidate best = found.get(found.size() - 1);
        Evaluation e = best.evaluation();
        System.out.println("AtItsVolumeTest: start " + start.totalCostUsd() + " serving " + start.servedInferences()
                + "; " + best.name() + " " + e.totalCostUsd() + " serving " + e.servedInferences());
        assertTrue(e.feasible(), best.name() + ": " + e.violations());
        assertTrue(e.servedInferences() >= start.servedInferences() - tie, "serves as much as the start");
        assertTrue(e.totalCostUsd() < 0.5 * start.totalCostUsd(), "at less than half its cost");
    }

    @Test
    void aStartServingTheRelaxationsMostGetsNone() {
        Instance in = HardInstances.generate(Flavor.BUDGET_BOUND, Size.SMALL, 1, true);
        LpResult relaxation = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.relaxed().withTimeLimit(LIMIT));
        Evaluation asMuch = PlanEvaluator.evaluate(in.model(), in.demand(), relaxation.plan());
        assertTrue(asMuch.servedInferences() >= relaxation.servedInferences() * (1 - 1e-9));
        assertTrue(AtItsVolume.candidates(in.model(), in.demand(), asMuch, relaxation, LIMIT, Commitments.NONE,
                Deadline.none()).isEmpty());
    }

    /** The planner's rounded start there: the LP with the rounding's whole phases fixed, rounded up, re-split. */
    private static Plan roundingsPhasesStart(Instance in, LpResult relaxation) {
        Plan rounded = RelaxationRounding.roundedUp(in.model(), relaxation, HeldLevels.of(in.model(), Commitments.NONE));
        LpResult phasesFixed = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.relaxed().withTimeLimit(LIMIT)
                .withFixedMw(RelaxationRounding.wholePhases(in.model(), rounded.itMwBuilt())));
        Plan start = RoundedRelaxation.of(in.model(), phasesFixed);
        return PlanLinearProgram.polishDispatch(in.model(), in.demand(), start, LpOptions.relaxed().withTimeLimit(LIMIT)).plan();
    }
}
