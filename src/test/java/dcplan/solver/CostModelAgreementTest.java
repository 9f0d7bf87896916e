package dcplan.solver;

import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.SiteChip;
import dcplan.solver.lp.LpObjective;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: the contract's cost is computed once ({@code UnitCosts}), so the three places that
 * price a plan agree on it. On seeded random instances, at random integer plans (chunks routed
 * at random, a fifth left unmet; servers and MW the fewest that carry them), the search's score
 * cost ({@link ScoreReading}), the independent evaluator's total and the LP's cost objective
 * read at the plan ({@link LpObjective}) agree to 1e-9 relative.
 */
class CostModelAgreementTest {
    private static final double REL = 1e-9;

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 12).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void scoreEvaluatorAndLpObjectiveAgreeOnCost(long seed) {
        boolean small = seed % 2 == 0;
        RandomInstances.Instance inst = small
                ? RandomInstances.generate(3, 5, 3, 3, 8, seed)
                : RandomInstances.generate(2, 3, 2, 2, 4, seed);
        CapacityPlan problem = ProblemBuilder.build(inst.model(), inst.demand(), 4);
        SplittableRandom rnd = new SplittableRandom(seed * 7919);
        for (DemandChunk chunk : problem.getChunks()) {
            List<SiteChip> routes = chunk.eligibleRoutes();
            chunk.setRoute(routes.isEmpty() || rnd.nextDouble() < 0.2 ? null : routes.get(rnd.nextInt(routes.size())));
        }
        SolutionManager<CapacityPlan, HardMediumSoftLongScore> manager = SolutionManager.create(
                SolverFactory.create(CapacitySolver.config(CapacitySolver.Options.stepLimited(1, 0))));
        HardMediumSoftLongScore score = manager.update(problem);
        double scoreCost = new ScoreReading(problem).costUsd(score);

        Plan plan = PlanExtractor.extract(problem);
        Evaluation ev = PlanEvaluator.evaluate(inst.model(), inst.demand(), plan);
        double evaluatorCost = ev.totalCostUsd();
        double lpCost = LpObjective.costUsd(inst.model(), inst.demand(), plan);

        assertTrue(evaluatorCost > 0, "a plan with servers costs something");
        assertEquals(evaluatorCost, scoreCost, REL * evaluatorCost, "score vs evaluator");
        assertEquals(evaluatorCost, lpCost, REL * evaluatorCost, "LP objective vs evaluator");
    }
}
