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

    /**
     * Contract version 2 against the MIP itself. {@link RandomInstances#tiny} instances (2
     * regions, 3 sites, 2 chips, 2 workloads, 6 quarters) with lead times and phases drawn by
     * {@link RandomInstances#withLeadTimesAndPhases}: small enough that the MIP (whole servers and
     * phases, 60 s limit) proves its optimum in seconds (seeds 4, 8 and 10, which each have a site
     * with phases, one that builds in quarters and a chip ordered ahead: 0.1-0.2 s on 2 cores).
     * The planner (10 s of search, LP seed, polish, roundings) must be feasible and serve within
     * {@value #V2_UNMET_REL} of the volume of what the MIP serves, at a cost within 1 % of the
     * MIP's optimum. Measured on seeds 1-10 but 2 (whose MIP does not prove optimality in 60 s):
     * cost within 0.17 %, unmet above the MIP's by at most 1.0e-4 of the volume (seed 8: supply
     * binds, and rounding takes a server or two back).
     */
    static final double V2_UNMET_REL = 2e-4;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 8, 10})
    void withLeadTimesAndPhasesThePlannerIsCloseToTheProvenMipOptimum(long seed) {
        RandomInstances.Instance inst = RandomInstances.withLeadTimesAndPhases(RandomInstances.tiny(seed), seed);
        assertTrue(inst.model().sites().stream().anyMatch(s -> s.phaseMw() != null)
                && inst.model().sites().stream().anyMatch(s -> s.buildQuarters() > 0)
                && inst.model().chips().stream().anyMatch(c -> c.orderLeadQuarters() > 0), "seed " + seed + " uses the v2 fields");
        LpResult mip = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer().withTimeLimit(Duration.ofSeconds(60)));
        assertTrue(mip.provenOptimal(), "seed " + seed + ": MIP " + mip.status() + " " + mip.message());
        assertTrue(mip.lowerBoundUsd() <= mip.totalCostUsd() * (1 + 1e-9), "the MIP's dual bound is below its cost");

        Planner.Outcome outcome = new Planner().plan(inst.model(), inst.demand(),
                CapacitySolver.Options.timeLimited(Duration.ofSeconds(10), 1), new Planner.LpLimits(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        Evaluation ev = outcome.evaluation();
        double volume = ev.servedInferences() + ev.unmetInferences();
        double unmetExcess = (ev.unmetInferences() - mip.unmetInferences()) / volume;
        String line = String.format(Locale.ROOT, "seed %d: cost %.2f USD, MIP optimum %.2f USD (%.3f %%); unmet excess %.3g of volume; kept %s",
                seed, ev.totalCostUsd(), mip.totalCostUsd(), 100 * (ev.totalCostUsd() / mip.totalCostUsd() - 1), unmetExcess,
                outcome.polishNote());
        System.out.println("ExactReferenceTest v2 " + line);
        assertTrue(ev.feasible(), line + "; " + ev.violations());
        assertTrue(unmetExcess <= V2_UNMET_REL, "unmet above the MIP's; " + line);
        assertTrue(ev.totalCostUsd() <= COST_FACTOR * mip.totalCostUsd(), "cost above the MIP's optimum; " + line);
    }
}
