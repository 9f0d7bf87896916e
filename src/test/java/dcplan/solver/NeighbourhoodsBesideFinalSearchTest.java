package dcplan.solver;

import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.HeldLevels;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.HardInstances;
import dcplan.solver.lp.HardInstances.Flavor;
import dcplan.solver.lp.HardInstances.Instance;
import dcplan.solver.lp.HardInstances.Size;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The final search with the MIP neighbourhoods beside it, on small budget-bound v2 #1 from the
 * rounded relaxation (which serves less than a plan can): the neighbourhoods serve more, the
 * search is stopped at half time, and a second OptaPlanner search runs from their plan.
 */
@Tag("solver-quality")
class NeighbourhoodsBesideFinalSearchTest {

    @Test
    void aSecondSearchStartsFromTheNeighbourhoodsPlanWhenTheyBeatTheSearch() {
        Instance in = HardInstances.generate(Flavor.BUDGET_BOUND, Size.SMALL, 1, true);
        CapacityPlan problem = ProblemBuilder.build(in.model(), in.demand(), 0, Commitments.NONE);
        StartingPlans.Start rounded = roundedStart(in, problem);
        NeighbourhoodsBesideFinalSearch.Ran ran = new NeighbourhoodsBesideFinalSearch().run(in.model(), in.demand(), problem,
                rounded, CapacitySolver.Options.timeLimited(Duration.ofSeconds(24), 1), Commitments.NONE, new CapacitySolver(),
                null, () -> CapacitySolver.Options.timeLimited(Duration.ofSeconds(4), 1));
        assertTrue(ran.start().name().startsWith(NeighbourhoodsBesideFinalSearch.NAME), ran.start().name());
        // re-split, as the planner writes it: the search's chunks are shaved 1e-5 short of its start's flows
        LpResult split = PlanLinearProgram.polishDispatch(in.model(), in.demand(), ran.search().plan(), LpOptions.relaxed());
        Evaluation best = PlanEvaluator.evaluate(in.model(), in.demand(), split.plan());
        System.out.println("NeighbourhoodsBesideFinalSearchTest " + in.name() + ": rounded serves "
                + rounded.evaluation().servedInferences() + ", neighbourhoods " + ran.start().evaluation().servedInferences()
                + ", second search " + best.servedInferences() + " (" + ran.search().ended() + ")");
        assertTrue(best.feasible(), best.violations().toString());
        assertTrue(Planner.servesMore(best, rounded.evaluation()), "the second search's best serves more than the rounded start");
        assertFalse(Planner.servesMore(ran.start().evaluation(), best), "the second search keeps what its start serves");
    }

    /**
     * The CLI's --unimproved-limit ends a search that finds nothing new for that long; the
     * neighbourhoods' plans count as something new. Here the search from the rounded start stalls
     * within a second, long before the neighbourhoods' first plan: they go on, and the second
     * search starts from their plan (before, they were stopped with the search and their plan lost).
     */
    @Test
    void theNeighbourhoodsGoOnPastASearchEndedByItsUnimprovedLimitWhileTheyImprove() {
        Instance in = HardInstances.generate(Flavor.BUDGET_BOUND, Size.SMALL, 1, true);
        CapacityPlan problem = ProblemBuilder.build(in.model(), in.demand(), 0, Commitments.NONE);
        StartingPlans.Start rounded = roundedStart(in, problem);
        Duration unimproved = Duration.ofMillis(500);
        NeighbourhoodsBesideFinalSearch.Ran ran = new NeighbourhoodsBesideFinalSearch().run(in.model(), in.demand(), problem,
                rounded, CapacitySolver.Options.timeLimited(Duration.ofSeconds(24), 1).withUnimprovedLimit(unimproved),
                Commitments.NONE, new CapacitySolver(), null,
                () -> CapacitySolver.Options.timeLimited(Duration.ofSeconds(4), 1).withUnimprovedLimit(unimproved));
        assertTrue(ran.start().name().startsWith(NeighbourhoodsBesideFinalSearch.NAME), ran.start().name());
        assertTrue(Planner.servesMore(ran.start().evaluation(), rounded.evaluation()),
                "the neighbourhoods' plan serves more than the rounded start");
    }

    @Test
    void afterTheSearchStallsTheNeighbourhoodsStartAnotherOnlyWithinTheUnimprovedLimitOfTheirLastImprovement() {
        long s = 1_000_000_000L;
        Duration unimproved = Duration.ofSeconds(10);
        long stalled = 20 * s;
        long never = MipNeighbourhoods.NEVER;
        long none = NeighbourhoodsBesideFinalSearch.NOT_STALLED;
        assertTrue(NeighbourhoodsBesideFinalSearch.startAnother(15 * s, none, never, unimproved), "the search still runs");
        assertFalse(NeighbourhoodsBesideFinalSearch.startAnother(stalled, stalled, never, unimproved),
                "stalled, and the neighbourhoods found nothing either: nothing improved for the limit");
        assertTrue(NeighbourhoodsBesideFinalSearch.startAnother(24 * s, stalled, 15 * s, unimproved),
                "their last plan 9 s ago: within the limit");
        assertFalse(NeighbourhoodsBesideFinalSearch.startAnother(25 * s, stalled, 15 * s, unimproved),
                "their last plan 10 s ago: the limit");
        assertFalse(NeighbourhoodsBesideFinalSearch.startAnother(21 * s, stalled, 5 * s, unimproved),
                "their last plan before the search's last new best: nothing since");
        assertTrue(NeighbourhoodsBesideFinalSearch.startAnother(99 * s, none, 5 * s, null), "no unimproved limit");
        assertTrue(NeighbourhoodsBesideFinalSearch.startAnother(99 * s, stalled, 5 * s, null), "no unimproved limit");
    }

    @Test
    void theNeighbourhoodsRunBesideAFinalSearchOfSixteenSecondsOrMore() {
        assertFalse(NeighbourhoodsBesideFinalSearch.worthIt(Duration.ofSeconds(15)));
        assertTrue(NeighbourhoodsBesideFinalSearch.worthIt(Duration.ofSeconds(16)));
        assertFalse(NeighbourhoodsBesideFinalSearch.worthIt(null), "a step-limited search: never");
    }

    /** The rounded relaxation, loaded into {@code problem} as the search's start. */
    private static StartingPlans.Start roundedStart(Instance in, CapacityPlan problem) {
        LpResult relaxation = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.relaxed());
        StartingPlans.Start rounded = StartingPlans.start(in.model(), in.demand(), problem, false, relaxation,
                new Planner.LpLimits(Duration.ofSeconds(30), Duration.ofSeconds(30)), MipCandidates.Found.NONE, 1e-4,
                HeldLevels.of(in.model(), Commitments.NONE), Commitments.NONE, Deadline.none());
        Planner.seed(problem, rounded, false, relaxation);
        return rounded;
    }
}
