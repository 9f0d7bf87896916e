package dcplan.solver;

import dcplan.plan.Evaluation;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner against an exact reference on seeded {@link RandomInstances#small} instances
 * (3 regions, 5 sites, 3 chips, 3 workloads, 8 quarters: 72 demand cells).
 *
 * <h2>Reference: the LP bound, not the MIP</h2>
 * The MIP ({@code LpOptions.integer()}) is too slow for CI. Measured on 2 cores with a 120 s
 * limit: seed 1 stopped at its time limit after 86 s without proof, seed 2 proved optimal in
 * 3.6 s, seeds 3 and 4 stopped at 120 s without proof, seed 5 ended FEASIBLE with an 11 % gap.
 * So the reference is the LP relaxation, a stronger claim than the MIP: for each instance,
 * <ul>
 *   <li>unmet: the relaxation's phase 1 serves the most any plan can (servers continuous), so
 *   ours must be within 1e-6 of the total volume of its unmet;</li>
 *   <li>cost: {@link PlanLinearProgram#lowerBound} at <i>our</i> served volume is at most the
 *   cost of every feasible plan serving as much (so at most the MIP optimum); our cost must be
 *   within 1 % of it.</li>
 * </ul>
 * With {@code -Ddcplan.exact.mip=true} the MIP is solved too (120 s limit) and, when proven
 * optimal, our cost is also checked against it (1 %); otherwise the message says the LP bound
 * was used.
 *
 * <p>Each run: 20 s of search (the planner's budget is 30 s; 20 s leaves room for CI), the LP
 * relaxation (seed and bound) and the dispatch polish on. Elapsed times are printed.
 */
class ExactReferenceTest {
    static final Duration SEARCH = Duration.ofSeconds(20);
    static final double COST_FACTOR = 1.01;
    static final double UNMET_REL = 1e-6;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void plannerIsWithinOnePercentOfTheLpBoundAndServesAsMuchAsTheRelaxation(long seed) {
        RandomInstances.Instance inst = RandomInstances.small(seed);
        long start = System.nanoTime();
        Planner.Outcome outcome = new Planner().plan(inst.model(), inst.demand(),
                CapacitySolver.Options.timeLimited(SEARCH, 1), new Planner.LpLimits(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        double planSeconds = (System.nanoTime() - start) / 1e9;
        Evaluation ev = outcome.evaluation();
        assertTrue(ev.feasible(), "seed " + seed + ": plan must be feasible: " + ev.violations());

        start = System.nanoTime();
        LpResult relaxed = PlanLinearProgram.solve(inst.model(), inst.demand(),
                LpOptions.relaxed().withTimeLimit(Duration.ofSeconds(60)));
        assertTrue(relaxed.status().hasSolution(), "seed " + seed + ": LP relaxation " + relaxed.status() + " " + relaxed.message());
        LpResult bound = PlanLinearProgram.lowerBound(inst.model(), inst.demand(), ev.servedInferences(),
                LpOptions.relaxed().withTimeLimit(Duration.ofSeconds(60)));
        assertTrue(bound.provenOptimal(), "seed " + seed + ": the LP bound must be proven optimal to be a bound: "
                + bound.status() + " " + bound.message());
        double lpSeconds = (System.nanoTime() - start) / 1e9;

        double volume = ev.servedInferences() + ev.unmetInferences();
        double costGap = ev.totalCostUsd() / bound.totalCostUsd() - 1;
        double unmetExcess = (ev.unmetInferences() - relaxed.unmetInferences()) / volume;
        String line = String.format(Locale.ROOT,
                "seed %d: cost %.2f USD, LP bound at our served volume %.2f USD, gap %.3f %% (limit %.0f %%); "
                        + "unmet %.6g vs relaxation %.6g inferences (excess %.3g of volume, limit %.0g); "
                        + "plan %.1f s, LP bound %.1f s, polish %s",
                seed, ev.totalCostUsd(), bound.totalCostUsd(), 100 * costGap, 100 * (COST_FACTOR - 1),
                ev.unmetInferences(), relaxed.unmetInferences(), unmetExcess, UNMET_REL, planSeconds, lpSeconds,
                outcome.polishNote());
        System.out.println("ExactReferenceTest " + line);

        String reference = "reference = LP relaxation lower bound (MIP not run: too slow for CI)";
        if (Boolean.getBoolean("dcplan.exact.mip")) {
            LpResult mip = PlanLinearProgram.solve(inst.model(), inst.demand(),
                    LpOptions.integer().withTimeLimit(Duration.ofSeconds(120)));
            System.out.printf(Locale.ROOT, "ExactReferenceTest seed %d: MIP %s proven=%s cost %.2f unmet %.6g in %.1f s%n",
                    seed, mip.status(), mip.provenOptimal(), mip.totalCostUsd(), mip.unmetInferences(), mip.solveSeconds());
            if (mip.provenOptimal()) {
                reference = "reference = proven MIP optimum " + mip.totalCostUsd();
                assertTrue(ev.totalCostUsd() <= COST_FACTOR * mip.totalCostUsd(), reference + "; " + line);
            } else {
                reference = "MIP not proven optimal (" + mip.status() + "), fell back to the LP relaxation lower bound";
            }
        }
        assertTrue(unmetExcess <= UNMET_REL, "unmet above the relaxation's minimum; " + line);
        assertTrue(ev.totalCostUsd() <= COST_FACTOR * bound.totalCostUsd(), reference + "; " + line);
    }
}
