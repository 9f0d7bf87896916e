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

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RelaxationRounding#trimToBudgetsAndSupply} on an instance where one pass of the budget's
 * repair and then the supply's left a year over its budget: long mixed v2 #2, the LP with the
 * rounding's whole phases fixed (one of the planner's rounded starts), rounded up.
 */
class RelaxationRoundingBudgetsTest {
    static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void theSupplysRepairDoesNotLeaveAYearOverItsBudget() {
        Instance in = HardInstances.generate(Flavor.MIXED, Size.LONG, 2, true);
        HeldLevels held = HeldLevels.of(in.model(), Commitments.NONE);
        LpResult relaxation = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.relaxed().withTimeLimit(LIMIT));
        Plan rounded = RelaxationRounding.roundedUp(in.model(), relaxation, held);
        LpResult phasesFixed = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.relaxed().withTimeLimit(LIMIT)
                .withFixedMw(RelaxationRounding.wholePhases(in.model(), rounded.itMwBuilt())));
        assertTrue(phasesFixed.status().hasSolution(), phasesFixed.status() + " " + phasesFixed.message());

        Evaluation ev = PlanEvaluator.evaluate(in.model(), in.demand(), RoundedRelaxation.of(in.model(), phasesFixed));

        // one pass left 2029 at 427.22 M USD against its 427.0 M budget, and the planner's every rounded start was rejected
        assertTrue(ev.feasible(), in.name() + ": " + ev.violations());
        assertTrue(ev.violations().getOrDefault("budget", List.of()).isEmpty());
        double demand = ev.servedInferences() + ev.unmetInferences();
        assertTrue(ev.unmetInferences() < 1e-3 * demand, "unmet " + ev.unmetInferences() / demand + " of the demand");
    }
}
