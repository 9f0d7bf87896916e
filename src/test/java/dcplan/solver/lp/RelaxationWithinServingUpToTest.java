package dcplan.solver.lp;

import dcplan.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relaxation within floors on the purchases (a try's top-up in {@code AtItsVolume}): it must
 * keep every floor, serve what it is asked where the floors allow it, cost no less than the
 * whole relaxation at that volume (it is a restriction), and serve the most the floors allow,
 * rather than nothing, where it is asked for more.
 */
class RelaxationWithinServingUpToTest {

    private static final HardInstances.Instance BUDGET_BOUND = HardInstances.generate(
            HardInstances.Flavor.BUDGET_BOUND, HardInstances.Size.SMALL, 2, true);

    @Test
    void withinFloorsItKeepsThemAndServesWhatItIsAsked() {
        LpResult relaxation = PlanLinearProgram.solve(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), LpOptions.relaxed());
        double most = relaxation.maxServedInferences();
        LpResult half = PlanLinearProgram.relaxationServing(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), 0.5 * most,
                LpOptions.relaxed());
        LpWindow floors = floorsAtWholeServers(half);

        double asked = 0.9 * most;
        LpResult within = PlanLinearProgram.relaxationWithinServingUpTo(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), asked,
                LpOptions.relaxed().withWindow(floors));
        LpResult whole = PlanLinearProgram.relaxationServing(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), asked,
                LpOptions.relaxed());

        assertEquals(LpStatus.OPTIMAL, within.status(), within.message());
        assertTrue(within.servedInferences() >= asked * (1 - 1e-6), "serves what it is asked");
        assertTrue(within.totalCostUsd() >= whole.totalCostUsd() * (1 - 1e-7),
                "a restriction costs no less than the whole relaxation at that volume");
        assertFalse(within.hasLowerBound(), "a restriction proves no bound");
        assertTrue(Double.isNaN(within.servedBoundInferences()), "nor a served bound");
        for (Map.Entry<Plan.SiteChipQuarter, LpWindow.Range> floor : floors.serverRanges().entrySet()) {
            double level = within.installedExact().getOrDefault(floor.getKey(), 0.0);
            assertTrue(level >= floor.getValue().lower() - 1e-6, floor.getKey() + ": " + level + " under its floor "
                    + floor.getValue().lower());
        }
    }

    @Test
    void askedForMoreThanTheFloorsAllowItServesTheMostTheyAllow() {
        LpResult relaxation = PlanLinearProgram.solve(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), LpOptions.relaxed());
        double most = relaxation.maxServedInferences();
        LpWindow floors = floorsAtWholeServers(relaxation);

        LpResult within = PlanLinearProgram.relaxationWithinServingUpTo(BUDGET_BOUND.model(), BUDGET_BOUND.demand(),
                1.01 * most, LpOptions.relaxed().withWindow(floors));
        LpResult windowsMost = PlanLinearProgram.solve(BUDGET_BOUND.model(), BUDGET_BOUND.demand(),
                LpOptions.relaxed().withWindow(floors));

        assertTrue(within.status().hasSolution(), within.status() + " " + within.message());
        assertEquals(windowsMost.servedInferences(), within.servedInferences(), 1e-7 * most, "the most the floors allow");
        assertTrue(within.servedInferences() <= most * (1 + 1e-7), "no more than the relaxation's most");
        // the whole relaxation refuses that volume outright
        LpResult whole = PlanLinearProgram.relaxationServing(BUDGET_BOUND.model(), BUDGET_BOUND.demand(), 1.01 * most,
                LpOptions.relaxed());
        assertEquals(LpStatus.INFEASIBLE, whole.status(), whole.message());
    }

    /** Each server level of {@code lp} rounded down to whole servers, as a floor with no ceiling; MW free. */
    private static LpWindow floorsAtWholeServers(LpResult lp) {
        Map<Plan.SiteChipQuarter, LpWindow.Range> servers = new HashMap<>();
        for (Map.Entry<Plan.SiteChipQuarter, Double> level : lp.installedExact().entrySet()) {
            servers.put(level.getKey(), new LpWindow.Range(Math.floor(level.getValue() + 1e-9), Double.POSITIVE_INFINITY));
        }
        return LpWindow.between(servers, Map.of());
    }
}
