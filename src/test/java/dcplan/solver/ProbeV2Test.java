package dcplan.solver;

import dcplan.plan.Evaluation;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.api.Test;

import java.time.Duration;

class ProbeV2Test {
    @Test
    void probe() {
        for (long seed = 1; seed <= 6; seed++) {
            RandomInstances.Instance inst = RandomInstances.withLeadTimesAndPhases(RandomInstances.tiny(seed), seed);
            long t0 = System.nanoTime();
            LpResult mip = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer().withTimeLimit(Duration.ofSeconds(60)));
            double mipS = (System.nanoTime() - t0) / 1e9;
            Planner.Outcome o = new Planner().plan(inst.model(), inst.demand(), CapacitySolver.Options.timeLimited(Duration.ofSeconds(10), 1),
                    new Planner.LpLimits(Duration.ofSeconds(30), Duration.ofSeconds(30)));
            Evaluation ev = o.evaluation();
            LpResult lb = PlanLinearProgram.lowerBound(inst.model(), inst.demand(), ev.servedInferences(), LpOptions.relaxed().withTimeLimit(Duration.ofSeconds(30)));
            System.out.printf("PROBE seed %d: MIP %s proven=%s cost %.0f unmet %.4g bound %.0f (%s) %.1fs | planner feasible=%s cost %.0f unmet %.4g kept=%s viol=%s | LB %.0f %s%n",
                    seed, mip.status(), mip.provenOptimal(), mip.totalCostUsd(), mip.unmetInferences(), mip.lowerBoundUsd(), mip.lowerBoundKind(), mipS,
                    ev.feasible(), ev.totalCostUsd(), ev.unmetInferences(), o.polishNote(), ev.feasible() ? "" : ev.violations(), lb.lowerBoundUsd(), lb.lowerBoundKind());
        }
    }
}
