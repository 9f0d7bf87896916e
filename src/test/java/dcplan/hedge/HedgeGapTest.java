package dcplan.hedge;

import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.solver.lp.ExtensiveForm;
import dcplan.solver.lp.HardInstances;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relaxation path (extensive-form LP, rounded commitments, each future re-planned by
 * OptaPlanner) against the extensive-form MIP on a small random instance with lead times and
 * phases: the same expected unmet, an expected cost close to the MIP's dual bound.
 */
class HedgeGapTest {
    /** What the relaxation path may cost above the MIP's bound (the goal is 0.5 %; this allows for a short search). */
    static final double MAX_GAP = 0.03;

    @Test
    void relaxationPathIsCloseToTheExtensiveFormMipBound() {
        RandomInstances.Instance inst = RandomInstances.withLeadTimesAndPhases(RandomInstances.small(3), 3);
        PlanningModel base = inst.model();
        Quarter d = base.quarters().get(3);
        PlanningModel ban = HardInstances.bannedEverywhere(base, base.chips().get(0).id(), base.quarters().get(2));
        HedgeInstance instance = new HedgeInstance(List.of(
                new HedgeCase("base", 0.6, base, inst.demand(), ""),
                new HedgeCase("ban", 0.4, ban, inst.demand(), "")), d, 0);
        ExtensiveForm.Result mip = ExtensiveForm.solve(instance.cases().stream()
                        .map(c -> new ExtensiveForm.Future(c.model(), c.demand(), c.probability())).toList(), d, 0,
                LpOptions.integer().withTimeLimit(Duration.ofSeconds(60)));
        assertTrue(mip.status().hasSolution(), mip.message());
        HedgedPlan hedged = new ExtensiveFormHedge(new LocalCaseRunner(), false)
                .solve(instance, new HedgeSettings(Duration.ofSeconds(30), 1, 3000L, Duration.ofSeconds(30)));
        HedgeFigures.Expectation x = HedgeFigures.Expectation.of(hedged.plans());
        double mipUnmet = 0;
        for (int k = 0; k < 2; k++) {
            mipUnmet += instance.cases().get(k).probability() * mip.plans().get(k).unmetInferences();
        }
        double gap = (x.totalCostUsd() - mip.lowerBoundUsd()) / mip.lowerBoundUsd();
        System.out.printf("[hedge-gap] relaxation path %.0f USD, EF MIP %.0f USD (bound %.0f, %s), gap to bound %.3f %%, "
                        + "unmet %.4g vs %.4g%n", x.totalCostUsd(), mip.expectedCostUsd(), mip.lowerBoundUsd(),
                mip.lowerBoundKind(), 100 * gap, x.unmetInferences(), mipUnmet);
        assertTrue(hedged.plans().stream().allMatch(p -> p.evaluation().feasible()), hedged.method());
        assertEquals(mipUnmet, x.unmetInferences(), 1e-4 * Math.max(1, x.servedInferences()), "expected unmet");
        assertTrue(gap <= MAX_GAP, "gap " + gap);
        System.out.printf("[hedge-gap] the relaxation path's own bound %s (%s)%n", hedged.expectedCostBoundUsd(), hedged.boundKind());
        assertTrue(hedged.expectedCostBoundUsd() != null && hedged.expectedCostBoundUsd() <= x.totalCostUsd() * (1 + 1e-9),
                "its bound is below its expected cost");
    }
}
