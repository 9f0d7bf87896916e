package dcplan.solver;

import dcplan.plan.Commitments;
import dcplan.solver.lp.HardInstances;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner's MIP is solved bound first where that was measured to pay (the sample, small
 * instances: SCIP proves the cost phase, sooner), and as before on medium and large, where one run
 * each of the six flavors went both ways (docs/lp.md, "Bound first").
 */
class BoundFirstScopeTest {

    @Test
    void thePlannersMipIsSolvedBoundFirstOnSmallInstancesOnly() {
        var small = HardInstances.generate(HardInstances.Flavor.MIXED, HardInstances.Size.SMALL, 1, true).model();
        var medium = HardInstances.generate(HardInstances.Flavor.MIXED, HardInstances.Size.MEDIUM, 1, true).model();
        assertTrue(MipCandidates.serverDecisions(small) <= MipCandidates.BOUND_FIRST_MAX_DECISIONS);
        assertTrue(MipCandidates.mipOptions(small, Commitments.NONE).boundFirst(), "small: bound first");
        assertTrue(MipCandidates.serverDecisions(medium) > MipCandidates.BOUND_FIRST_MAX_DECISIONS);
        assertFalse(MipCandidates.mipOptions(medium, Commitments.NONE).boundFirst(), "medium: as before");
        assertFalse(MipCandidates.mipOptions(Commitments.NONE).boundFirst(), "without a model: as before");
    }
}
