package dcplan.hedge;

import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch of future solves as one Spark partition runs them: the model written once on the
 * driver, read once on the executor, and every outcome the one its task gives alone.
 */
class FutureSolveTest {
    static final int FUTURES = 4;
    @TempDir
    static Path tmp;
    static HedgeInstance instance;

    @BeforeAll
    static void futures() throws Exception {
        PlanningModel model = HedgeFixture.model(tmp.resolve("models"));
        instance = HedgeFixture.instance(model, FUTURES, 7);
    }

    static List<FutureTask> lpTasks() {
        return FutureTask.batch(FutureTask.Kind.LP, 10, instance.cases(),
                Collections.nCopies(FUTURES, Commitments.NONE), HedgeFixture.SETTINGS);
    }

    @Test
    void aBatchWritesTheSharedModelOnceAndIndexesFromItsFirst() {
        List<FutureTask> tasks = lpTasks();
        assertEquals(List.of(10, 11, 12, 13), tasks.stream().map(FutureTask::index).toList());
        tasks.forEach(t -> assertSame(tasks.get(0).modelYaml(), t.modelYaml(), t.name()));
    }

    /** Each future's outcome in a batch equals the one of its task run alone (its own model read). */
    @Test
    void aBatchGivesEachTasksOwnOutcome() {
        List<FutureTask> tasks = lpTasks();
        List<FutureOutcome> batch = FutureSolve.runAll(tasks.iterator());
        for (int i = 0; i < FUTURES; i++) {
            FutureOutcome alone = FutureSolve.run(tasks.get(i));
            assertFalse(alone.failed(), alone.error());
            assertEquals(alone.plan(), batch.get(i).plan(), tasks.get(i).name());
            assertEquals(alone.totalCostUsd(), batch.get(i).totalCostUsd());
            assertEquals(alone.unmetInferences(), batch.get(i).unmetInferences());
        }
    }

    /** A task whose model cannot be read fails alone; the tasks after it read the good model again. */
    @Test
    void aBadModelFailsOnlyItsOwnTask() {
        List<FutureTask> tasks = new ArrayList<>(lpTasks());
        FutureTask good = tasks.get(1);
        Map<String, String> broken = new HashMap<>(good.modelYaml());
        broken.put("chips.yaml", "chips: [");
        tasks.set(1, new FutureTask(good.kind(), good.index(), good.name(), broken, good.demand(), good.held(),
                good.seed(), good.steps(), good.searchMs(), good.lpMs()));
        List<FutureOutcome> out = FutureSolve.runAll(tasks.iterator());
        assertFalse(out.get(0).failed(), out.get(0).error());
        assertTrue(out.get(1).failed());
        assertTrue(out.get(1).error().startsWith(good.name() + ": "), out.get(1).error());
        assertFalse(out.get(2).failed(), out.get(2).error());
        assertFalse(out.get(3).failed(), out.get(3).error());
    }

    /** A figures-only LP task gives the LP task's unmet volume and cost, and no plan. */
    @Test
    void aFiguresOnlyLpTaskGivesTheLpTasksFiguresWithoutItsPlan() {
        FutureTask lp = lpTasks().get(0);
        FutureTask figures = new FutureTask(FutureTask.Kind.LP_FIGURES, lp.index(), lp.name(), lp.modelYaml(),
                lp.demand(), lp.held(), lp.seed(), lp.steps(), lp.searchMs(), lp.lpMs());
        FutureOutcome full = FutureSolve.run(lp);
        FutureOutcome only = FutureSolve.run(figures);
        assertFalse(only.failed(), only.error());
        assertEquals(full.unmetInferences(), only.unmetInferences());
        assertEquals(full.totalCostUsd(), only.totalCostUsd());
        assertNull(only.rows());
        assertThrows(IllegalStateException.class, only::plan);
    }

    /** A plan read back from Java serialisation (as Spark collects it) equals the solver's: flow order, exact doubles. */
    @Test
    void aPlanSentBackIsReadBackEqual() throws Exception {
        FutureTask task = lpTasks().get(1);
        Plan plan = CommitmentEvaluator.relaxation(task.model(), task.demandCells(), Commitments.NONE, null).plan();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(FutureOutcome.of(task, plan, 1.0, 2.0, "", 0.5));
        }
        FutureOutcome back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (FutureOutcome) in.readObject();
        }
        assertTrue(plan.flows().size() > 10 && !plan.installed().isEmpty() && !plan.itMwBuilt().isEmpty(),
                "a plan with flows, servers and MW: " + plan);
        assertEquals(plan, back.plan());
    }

    /** LP solves go in shrinking runs (the last ones small, so the slots end together), planner solves one each. */
    @Test
    void lpSolvesGoInShrinkingSlicesAndPlannerSolvesOneEach() {
        List<FutureTask> lp = FutureTask.batch(FutureTask.Kind.LP_FIGURES, 0, Collections.nCopies(600,
                instance.cases().get(0)), Collections.nCopies(600, Commitments.NONE), HedgeFixture.SETTINGS);
        List<Integer> sizes = SparkFutureExecutor.sliceSizes(lp, 2);
        assertEquals(600, sizes.stream().mapToInt(Integer::intValue).sum());
        assertEquals(150, sizes.get(0));
        for (int i = 1; i < sizes.size(); i++) {
            assertTrue(sizes.get(i) <= sizes.get(i - 1), sizes.toString());
        }
        assertTrue(sizes.subList(sizes.size() - 3, sizes.size() - 1).stream()
                .allMatch(s -> s == SparkFutureExecutor.LP_MIN_SLICE), sizes.toString());
        assertEquals(List.of(1, 1), SparkFutureExecutor.sliceSizes(lp.subList(0, 2), 2), "one per slot");
        List<FutureTask> plans = FutureTask.batch(FutureTask.Kind.PLAN, 0, instance.cases(),
                Collections.nCopies(FUTURES, Commitments.NONE), HedgeFixture.SETTINGS);
        assertEquals(Collections.nCopies(FUTURES, 1), SparkFutureExecutor.sliceSizes(plans, 1));
    }
}
