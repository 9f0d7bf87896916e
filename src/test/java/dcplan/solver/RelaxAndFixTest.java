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
import dcplan.solver.lp.LpStatus;
import dcplan.solver.lp.LpWindow;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void theLastWindowsServedPhasePlanIsKeptAsAWholePlan() {
        Instance in = HardInstances.generate(Flavor.MIXED, Size.SMALL, 1);
        int lastFrom = in.model().quarters().size() - RelaxAndFix.WINDOW_QUARTERS;
        LpResult plan = RelaxAndFix.solve(in.model(), in.demand(), LIMIT, Commitments.NONE,
                servedPhaseOnlyFrom(lastFrom));
        assertNotNull(plan, "the last window ran out of time in its cost phase: its served-phase plan is kept");
        assertEquals(LpStatus.FEASIBLE, plan.status());
        plan.installedExact().values().forEach(v -> assertEquals(Math.rint(v), v, 1e-6, "every quarter whole"));
        Evaluation ev = PlanEvaluator.evaluate(in.model(), in.demand(), plan.plan());
        assertTrue(ev.feasible(), in.name() + ": " + ev.violations());
        assertEquals("relax-and-fix MIP (SCIP, windows of 4 quarters), its last window's served-phase plan",
                MipCandidates.relaxAndFixName(plan));
    }

    @Test
    void aServedPhasePlanBeforeTheLastWindowEndsRelaxAndFix() {
        Instance in = HardInstances.generate(Flavor.MIXED, Size.SMALL, 1);
        assertNull(RelaxAndFix.solve(in.model(), in.demand(), LIMIT, Commitments.NONE, servedPhaseOnlyFrom(0)),
                "the first window's served-phase plan, bought at any price, is not pinned for the next");
    }

    /**
     * The real window solve, its result marked as a served-phase plan (the cost phase out of time)
     * from the window starting at quarter {@code from}: what {@link PlanLinearProgram#solve} returns
     * when the cost phase finds no plan in time.
     */
    private static RelaxAndFix.WindowSolve servedPhaseOnlyFrom(int from) {
        return (model, demand, options) -> {
            LpResult r = PlanLinearProgram.solve(model, demand, options);
            if (options.window().integerFrom() < from || !r.status().hasSolution()) {
                return r;
            }
            return new LpResult(r.plan(), r.installedExact(), r.itMwExact(), r.servedInferences(), r.unmetInferences(),
                    r.maxServedInferences(), r.cost(), LpStatus.FEASIBLE, false, true, r.solveSeconds(), r.message());
        };
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
