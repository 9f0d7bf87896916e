package dcplan.solver.lp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link LpOptions#servedPhaseSeen} is told the plain MIP's served-phase plan once, between its
 * served phase and its cost phase (the planner's main thread crosses it with its own starts while
 * SCIP's cost phase runs), and never a restriction's or the relaxation's. Small budget-bound v2
 * #1, whose served phase is a MIP of its own (its LP optimum rounded up breaks a phase's MW).
 */
class ServedPhaseSeenTest {

    static HardInstances.Instance inst;

    @BeforeAll
    static void instance() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        inst = HardInstances.generate(HardInstances.Flavor.BUDGET_BOUND, HardInstances.Size.SMALL, 1, true);
    }

    /** SCIP and GLOP, each MIP call recorded as "max MIP" or "min MIP" in {@code events}. */
    static final class Recording implements LpBackend {
        final LpBackend real = new OrToolsBackend("GLOP", "SCIP");
        final List<String> events;

        Recording(List<String> events) {
            this.events = events;
        }

        @Override
        public String name(boolean integer) {
            return real.name(integer);
        }

        @Override
        public Solution solve(LinearModel m, boolean maximise, long budgetMillis, double relativeGap) {
            if (m.anyInteger()) {
                events.add(maximise ? "max MIP" : "min MIP");
            }
            return real.solve(m, maximise, budgetMillis, relativeGap);
        }
    }

    @Test
    void thePlainMipTellsItsServedPhasesPlanOnceBetweenItsTwoPhases() {
        List<String> events = new ArrayList<>();
        List<LpResult> told = new ArrayList<>();
        LpResult result = new LexicographicSolve(LpBackends.of(new Recording(events))).solve(inst.model(), inst.demand(),
                LpOptions.integer().withTimeLimit(Duration.ofSeconds(30)).withServedPhaseSeen((r, columns) -> {
                    told.add(r);
                    events.add("told");
                }));
        assertEquals(1, told.size(), "told once: " + events);
        int at = events.indexOf("told");
        assertTrue(events.subList(0, at).contains("max MIP") && !events.subList(0, at).contains("min MIP"),
                "after the served phase's MIP, before any cost-phase MIP: " + events);
        assertTrue(events.subList(at, events.size()).contains("min MIP"), "the cost phase ran after: " + events);
        LpResult plan = told.get(0);
        assertEquals(LpStatus.FEASIBLE, plan.status(), "a plan, not cost-minimised");
        assertTrue(result.status().hasSolution(), result.message());
        double volume = result.servedInferences() + result.unmetInferences();
        // within SCIP's feasibility tolerance on the served row (measured: 8e-8 of the volume less)
        assertEquals(plan.servedInferences(), result.servedInferences(), 1e-6 * volume,
                "the cost phase keeps the served phase's level");
        assertTrue(result.totalCostUsd() <= plan.totalCostUsd() * (1 + 1e-9),
                "the cost phase starts from it: " + result.totalCostUsd() + " > " + plan.totalCostUsd());
    }

    @Test
    void theRelaxationAndARestrictionTellNothing() {
        List<LpResult> told = new ArrayList<>();
        LexicographicSolve solve = new LexicographicSolve(LpBackends.of(new Recording(new ArrayList<>())));
        solve.solve(inst.model(), inst.demand(), LpOptions.relaxed().withServedPhaseSeen((r, columns) -> told.add(r)));
        solve.solve(inst.model(), inst.demand(), LpOptions.integer().withTimeLimit(Duration.ofSeconds(20))
                .withWindow(new LpWindow(0, 4, Map.of())).withServedPhaseSeen((r, columns) -> told.add(r)));
        assertEquals(0, told.size(), "a relaxation's or a window's served level is no plan's most");
    }
}
