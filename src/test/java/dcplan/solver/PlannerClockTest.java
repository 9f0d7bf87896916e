package dcplan.solver;

import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.HardInstances;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole planning step against its deadline: the final search skipped, and the start written,
 * when the starts were judged too late for it (read on a fake clock, no wall time asserted); and
 * on two cores the MIP started before the relaxation, so that SCIP has the limit from the planning
 * step's start as SCIP alone has (the step order the deadline marks).
 */
class PlannerClockTest {

    private static final HardInstances.Instance TINY_MIXED =
            HardInstances.generate(HardInstances.Flavor.MIXED, HardInstances.Size.TINY, 1, true);
    private static final Planner.LpLimits LP = new Planner.LpLimits(Duration.ofSeconds(60), Duration.ofSeconds(60));
    private static final CapacitySolver.Options THIRTY_SECONDS = CapacitySolver.Options.timeLimited(Duration.ofSeconds(30), 1);

    /**
     * A clock that moves three seconds each time the planning step reads it (one read in ten of
     * the 30 s limit): the starts are built and judged, each step shortened or skipped at its share,
     * and by the final search the limit is spent; the search is not run and the start, a feasible
     * plan, is written.
     */
    @Test
    void theFinalSearchIsSkippedAndTheStartWrittenWhenTheStartsEndTooLateForIt() {
        AtomicLong now = new AtomicLong();
        Planner planner = new Planner(false, o -> Deadline.of(o.timeLimit(), () -> now.addAndGet(3_000_000_000L)));
        Planner.Outcome outcome = planner.plan(TINY_MIXED.model(), TINY_MIXED.demand(), THIRTY_SECONDS, LP);

        assertFalse(outcome.search().ran(), outcome.search().ended());
        assertTrue(outcome.polishNote().endsWith("(kept: no time left for the final search)"), outcome.polishNote());
        assertTrue(stepNames(outcome).contains("final search skipped: no time left"), stepNames(outcome).toString());
        assertTrue(outcome.evaluation().feasible(), outcome.evaluation().violations().toString());
        assertEquals(PlanEvaluator.evaluate(TINY_MIXED.model(), TINY_MIXED.demand(), outcome.plan()).totalCostUsd(),
                outcome.evaluation().totalCostUsd(), 1e-6, "the start's evaluation is the written plan's");
    }

    /** The same instance on a clock that never moves: the search runs and its best is judged. */
    @Test
    void withTimeLeftTheFinalSearchRuns() {
        AtomicLong frozen = new AtomicLong();
        Planner planner = new Planner(false, o -> Deadline.of(o.timeLimit(), frozen::get));
        Planner.Outcome outcome = planner.plan(TINY_MIXED.model(), TINY_MIXED.demand(),
                CapacitySolver.Options.timeLimited(Duration.ofSeconds(2), 1), LP);

        assertTrue(outcome.search().ran(), outcome.search().ended());
        assertTrue(stepNames(outcome).contains("search"), stepNames(outcome).toString());
        assertFalse(outcome.polishNote().contains("no time left for the final search"), outcome.polishNote());
    }

    /**
     * On two cores SCIP starts with the planning step, before the relaxation: started after it, it
     * lost the relaxation's seconds (1.5-5.3 s of a 10 s limit on large v2 #1) while the second core
     * was idle.
     */
    @Test
    void onTwoCoresTheMipStartsBeforeTheRelaxation() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "the MIP runs beside the search on two cores only");
        Planner.Outcome outcome = new Planner(true).plan(TINY_MIXED.model(), TINY_MIXED.demand(),
                CapacitySolver.Options.timeLimited(Duration.ofSeconds(5), 1), LP);

        List<String> steps = stepNames(outcome);
        assertEquals(List.of("MIP started on its own thread", "relaxation"), steps.subList(0, 2), steps.toString());
        assertTrue(steps.contains("waiting for the MIP"), steps.toString());
    }

    private static List<String> stepNames(Planner.Outcome outcome) {
        return outcome.steps().stream().map(Planner.Step::name).toList();
    }
}
