package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.HardInstances;
import dcplan.solver.lp.HardInstances.Flavor;
import dcplan.solver.lp.HardInstances.Instance;
import dcplan.solver.lp.HardInstances.Size;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpWindow;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Relax-and-fix on a small hard instance (8 quarters: two windows of four): a window's MIP keeps
 * the servers pinned before it, makes its own whole, and the last window's plan keeps every limit.
 */
@Tag("solver-quality")
class RelaxAndFixTest {
    static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void aWindowKeepsThePinnedServersAndMakesItsOwnWhole() {
        Instance in = HardInstances.generate(Flavor.MIXED, Size.SMALL, 1);
        LpResult first = PlanLinearProgram.solve(in.model(), in.demand(),
                LpOptions.integer().withTimeLimit(LIMIT).withWindow(new LpWindow(0, 4, Map.of())));
        assertTrue(first.status().hasSolution(), first.status() + " " + first.message());
        Map<Plan.SiteChipQuarter, Double> pins = new HashMap<>();
        for (Quarter q : in.model().quarters().subList(0, 4)) {
            for (Site site : in.model().sites()) {
                for (Chip chip : in.model().chips()) {
                    Plan.SiteChipQuarter k = new Plan.SiteChipQuarter(site.id(), chip.id(), q);
                    double v = first.installedExact().getOrDefault(k, 0.0);
                    assertEquals(Math.rint(v), v, 1e-6, "whole servers in the window: " + k);
                    pins.put(k, (double) Math.round(v)); // every pair, as RelaxAndFix pins them: none left free
                }
            }
        }
        assertTrue(first.installedExact().values().stream().anyMatch(v -> Math.abs(v - Math.rint(v)) > 1e-6),
                "the quarters after the window are relaxed (fractional somewhere)");
        LpResult second = PlanLinearProgram.solve(in.model(), in.demand(),
                LpOptions.integer().withTimeLimit(LIMIT).withWindow(new LpWindow(4, 8, pins)));
        assertTrue(second.status().hasSolution(), second.status() + " " + second.message());
        pins.forEach((k, v) -> assertEquals(v, second.installedExact().getOrDefault(k, 0.0), 1e-6, "pinned " + k));
        second.installedExact().values().forEach(v -> assertEquals(Math.rint(v), v, 1e-6, "every quarter whole"));
    }

    @Test
    void theLastWindowsPlanKeepsEveryLimit() {
        Instance in = HardInstances.generate(Flavor.BUDGET_BOUND, Size.SMALL, 1);
        LpResult plan = RelaxAndFix.solve(in.model(), in.demand(), Duration.ofSeconds(60), Commitments.NONE);
        assertNotNull(plan, "relax-and-fix found a plan");
        Evaluation ev = PlanEvaluator.evaluate(in.model(), in.demand(), plan.plan());
        System.out.println("RelaxAndFixTest " + in.name() + ": cost " + ev.totalCostUsd() + ", unmet " + ev.unmetInferences()
                + " of " + (ev.servedInferences() + ev.unmetInferences()) + ", " + plan.status());
        assertTrue(ev.feasible(), in.name() + ": " + ev.violations());
        assertTrue(in.model().quarters().stream().map(Quarter::year).distinct().count() > 1, "the budget spans years");
    }
}
