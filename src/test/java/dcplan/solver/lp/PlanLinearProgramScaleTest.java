package dcplan.solver.lp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OR-Tools backend on the seeded random instances at the sizes of docs/lp.md: the
 * relaxation of MEDIUM (about 6,400 columns, 1,600 rows; under a second with GLOP, more than
 * 110 s unsolved with ojAlgo) and the MIP of SMALL seeds 1-3 (5-10 s each with SCIP on a busy
 * 2-core machine). Limits leave room for a loaded CI machine.
 */
class PlanLinearProgramScaleTest {

    @Test
    void orToolsIsTheBackend() {
        String b = PlanLinearProgram.backendDescription();
        assertTrue(b.startsWith("OR-Tools GLOP / OR-Tools SCIP"), "backend: " + b + " " + OrToolsNatives.error());
        assertEquals("", OrToolsNatives.error());
    }

    @Test
    void relaxationSolvesMediumSeed1() {
        RandomInstances.Instance in = RandomInstances.medium(1);
        LpResult r = PlanLinearProgram.solve(in.model(), in.demand(),
                LpOptions.relaxed().withTimeLimit(Duration.ofSeconds(20)));
        assertEquals(LpStatus.OPTIMAL, r.status(), r.message());
        assertTrue(r.provenOptimal());
        assertFalse(r.timeLimitHit());
        assertTrue(r.solveSeconds() < 20, r.solveSeconds() + " s");
        assertTrue(r.totalCostUsd() > 0);
        // served within the LP's own phase-1 maximum (cleaning never over-serves)
        assertTrue(r.servedInferences() <= r.maxServedInferences() * (1 + 1e-9));
        assertEquals(r.maxServedInferences(), r.servedInferences(), 1e-6 * r.maxServedInferences());
        assertCapacityRespected(in.model(), r);
    }

    /** Row 2 against the relaxation's fractional servers. */
    static void assertCapacityRespected(dcplan.model.PlanningModel m, LpResult r) {
        java.util.Map<dcplan.plan.Plan.SiteChipQuarter, Double> load = new java.util.HashMap<>();
        for (dcplan.plan.Plan.Flow f : r.plan().flows()) {
            double thr = m.chip(f.chip()).orElseThrow().throughput(f.workload());
            load.merge(new dcplan.plan.Plan.SiteChipQuarter(f.site(), f.chip(), f.quarter()), f.peakIps() / thr, Double::sum);
        }
        double u = m.policy().targetUtilization();
        load.forEach((k, l) -> assertTrue(l <= u * r.installedExact().getOrDefault(k, 0.0) * (1 + 1e-9), k + " load " + l));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void mipProvesOptimalityOnSmall(long seed) {
        RandomInstances.Instance in = RandomInstances.small(seed);
        LpResult mip = PlanLinearProgram.solve(in.model(), in.demand(),
                LpOptions.integer().withTimeLimit(Duration.ofSeconds(60)));
        assertEquals(LpStatus.OPTIMAL, mip.status(), mip.message());
        assertTrue(mip.provenOptimal(), mip.message());
        assertFalse(mip.timeLimitHit());
        mip.installedExact().values().forEach(v -> assertEquals(Math.rint(v), v, 0.0));
        // the relaxation at the MIP's served volume bounds its cost from below, and closely
        LpResult bound = PlanLinearProgram.lowerBound(in.model(), in.demand(), mip.servedInferences());
        assertEquals(LpStatus.OPTIMAL, bound.status(), bound.message());
        assertTrue(mip.totalCostUsd() >= bound.totalCostUsd() * (1 - 1e-9),
                "MIP " + mip.totalCostUsd() + " < LP bound " + bound.totalCostUsd());
        assertTrue(mip.totalCostUsd() <= bound.totalCostUsd() * 1.01,
                "MIP " + mip.totalCostUsd() + " far above LP bound " + bound.totalCostUsd());
    }
}
