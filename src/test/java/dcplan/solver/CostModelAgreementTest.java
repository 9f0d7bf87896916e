package dcplan.solver;

import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.domain.ServerPurchase;
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
        agreeOnCost(seed, false);
    }

    /**
     * The same with servers bought ahead of need: a random third of the purchases buy up to 5
     * servers, so installed servers exceed what the routes need (more servers installed than with
     * no purchases, checked), and all three still agree.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void scoreEvaluatorAndLpObjectiveAgreeOnCostWithPurchasesAheadOfNeed(long seed) {
        agreeOnCost(seed, true);
    }

    /**
     * The same with contract version 2's lead times and phases, and a phase of MW built ahead of
     * its servers at each site with phase builds ({@link PhaseBuild}, in a random quarter): the
     * MW built exceed the fewest whole phases the servers need (checked), and all three agree,
     * construction cash timing included.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void scoreEvaluatorAndLpObjectiveAgreeOnCostWithAPhaseBuiltAheadOfItsServers(long seed) {
        agreeOnCost(seed, false, true);
    }

    private void agreeOnCost(long seed, boolean buyAhead) {
        agreeOnCost(seed, buyAhead, false);
    }

    private void agreeOnCost(long seed, boolean buyAhead, boolean phaseAhead) {
        boolean small = seed % 2 == 0;
        RandomInstances.Instance inst = small
                ? RandomInstances.generate(3, 5, 3, 3, 8, seed)
                : RandomInstances.generate(2, 3, 2, 2, 4, seed);
        if (phaseAhead) {
            inst = RandomInstances.withLeadTimesAndPhases(inst, seed);
        }
        CapacityPlan problem = ProblemBuilder.build(inst.model(), inst.demand(), 4);
        SplittableRandom rnd = new SplittableRandom(seed * 7919);
        for (DemandChunk chunk : problem.getChunks()) {
            List<SiteChip> routes = chunk.eligibleRoutes();
            chunk.setRoute(routes.isEmpty() || rnd.nextDouble() < 0.2 ? null : routes.get(rnd.nextInt(routes.size())));
        }
        if (buyAhead) {
            int before = installedTotal(PlanExtractor.extract(problem));
            for (ServerPurchase p : problem.getPurchases()) {
                p.setServers(rnd.nextInt(3) == 0 ? Math.min(p.maxServers(), 1 + rnd.nextInt(5)) : 0);
            }
            // and, where the routes leave most room below it, a purchase of its whole range, so that
            // some servers surely exceed the need
            Plan routedOnly = PlanExtractor.extract(problem);
            problem.getPurchases().stream().max(java.util.Comparator.comparingLong(p -> p.maxServers()
                            - (long) routedOnly.installed().getOrDefault(new Plan.SiteChipQuarter(
                                    p.route().site().id(), p.route().chip().id(), p.quarter().quarter()), 0)))
                    .ifPresent(p -> p.setServers(p.maxServers()));
            assertTrue(installedTotal(PlanExtractor.extract(problem)) > before, "purchases install servers beyond the need: " + problem.getPurchases());
        }
        if (phaseAhead) {
            Plan derived = PlanExtractor.extract(problem);
            boolean ahead = false;
            java.util.Set<String> sites = new java.util.HashSet<>();
            for (PhaseBuild b : problem.getPhaseBuilds()) {
                // at each site's first build: a step (a phase, or 1 MW where MW are continuous) more
                // than its servers need in the last quarter
                if (sites.add(b.site().id())) {
                    double unitMw = b.unitWatts() / 1e6;
                    double lastMw = derived.itMwBuilt().get(new Plan.SiteQuarter(b.site().id(),
                            inst.model().quarters().get(inst.model().quarters().size() - 1)));
                    long need = Math.round((lastMw - b.site().heldMw(b.quarter())) / unitMw);
                    b.setPhases((int) Math.min(b.maxValue(), need + b.stepUnits()));
                    ahead |= need + b.stepUnits() <= b.maxValue();
                }
            }
            if (ahead) {
                assertTrue(builtTotal(PlanExtractor.extract(problem)) > builtTotal(derived),
                        "phases built beyond the servers' need: " + problem.getPhaseBuilds());
            }
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

    private static double builtTotal(Plan plan) {
        return plan.itMwBuilt().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static int installedTotal(Plan plan) {
        return plan.installed().values().stream().mapToInt(Integer::intValue).sum();
    }
}
