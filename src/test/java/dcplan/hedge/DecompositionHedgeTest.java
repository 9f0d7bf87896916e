package dcplan.hedge;

import dcplan.forecast.Spark;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decomposition on a few Monte Carlo futures of the tiny model, in this JVM and as tasks of
 * a local[2] session: the same hedged plan, commitments identical in every future, reproducible.
 */
class DecompositionHedgeTest {
    static final int FUTURES = 6;
    @TempDir
    static Path tmp;
    static PlanningModel model;
    static HedgeInstance instance;
    static HedgedPlan inThisJvm;

    @BeforeAll
    static void solveInThisJvm() throws Exception {
        model = HedgeFixture.model(tmp.resolve("models"));
        instance = HedgeFixture.instance(model, FUTURES, 7);
        inThisJvm = local().solve(instance, HedgeFixture.SETTINGS);
    }

    static DecompositionHedge local() {
        return new DecompositionHedge(FutureExecutor.LOCAL, new SparkCaseRunner(FutureExecutor.LOCAL));
    }

    @Test
    void everyFutureKeepsTheSharedCommitmentsBeforeTheDecisionQuarter() {
        assertEquals(FUTURES, inThisJvm.plans().size());
        assertEquals(HedgeFixture.DECISION, inThisJvm.shared().decidedUntil());
        assertTrue(inThisJvm.shared().heldAdded().values().stream().anyMatch(a -> a > 0),
                "the tiny model needs servers before 2026Q3: " + inThisJvm.shared());
        for (int i = 0; i < FUTURES; i++) {
            CasePlan p = inThisJvm.plans().get(i);
            HedgeCase c = instance.cases().get(i);
            assertEquals(c.name(), p.name());
            assertTrue(p.evaluation().feasible(), p.name() + " " + p.evaluation());
            Commitments made = Commitments.of(c.model(), p.plan(), c.model(), HedgeFixture.DECISION);
            inThisJvm.shared().heldAdded().forEach((k, v) -> assertEquals(v, made.heldAdded().getOrDefault(k, 0),
                    p.name() + " " + k));
            made.heldAdded().forEach((k, v) -> assertEquals(v, inThisJvm.shared().heldAdded().getOrDefault(k, 0),
                    p.name() + " " + k));
            inThisJvm.shared().heldAddedMw().forEach((k, v) -> assertEquals(v, made.heldAddedMw().getOrDefault(k, 0.0),
                    1e-9, p.name() + " " + k));
        }
        assertTrue(inThisJvm.method().startsWith("decomposition"), inThisJvm.method());
        assertTrue(inThisJvm.expectedCostBoundUsd() > 0);
    }

    /** The bound is each future's LP alone: no plan of that future, hedged or not, serving its most, is cheaper. */
    @Test
    void theWaitAndSeeBoundIsBelowTheHedgedExpectedCost() {
        double expected = inThisJvm.plans().stream()
                .mapToDouble(p -> p.probability() * p.evaluation().totalCostUsd()).sum();
        assertTrue(inThisJvm.expectedCostBoundUsd() <= expected * (1 + 1e-9),
                inThisJvm.expectedCostBoundUsd() + " > " + expected);
    }

    @Test
    void theSameSeedGivesTheSameHedgedPlan() {
        HedgedPlan again = local().solve(instance, HedgeFixture.SETTINGS);
        assertEquals(inThisJvm.shared(), again.shared());
        assertEquals(plans(inThisJvm), plans(again));
    }

    @Test
    void sparkTasksGiveTheSamePlansAsThisJvm() {
        SparkSession spark = Spark.session("local[2]", "dcplan hedge tests");
        SparkFutureExecutor executor = new SparkFutureExecutor(spark);
        HedgedPlan onSpark = new DecompositionHedge(executor, new SparkCaseRunner(executor))
                .solve(instance, HedgeFixture.SETTINGS);
        assertEquals(inThisJvm.shared(), onSpark.shared());
        assertEquals(plans(inThisJvm), plans(onSpark));
        assertEquals(inThisJvm.expectedCostBoundUsd(), onSpark.expectedCostBoundUsd());
        for (int i = 0; i < FUTURES; i++) {
            assertEquals(inThisJvm.plans().get(i).evaluation().totalCostUsd(),
                    onSpark.plans().get(i).evaluation().totalCostUsd());
        }
    }

    /** One Spark task per future gives LocalCaseRunner's plans and figures, alone and holding commitments. */
    @Test
    void theSparkCaseRunnerGivesTheLocalCaseRunnersPlans() {
        List<HedgeCase> two = instance.cases().subList(0, 2);
        SparkSession spark = Spark.session("local[2]", "dcplan hedge tests");
        for (Commitments held : List.of(Commitments.NONE, inThisJvm.shared())) {
            List<CasePlan> local = new LocalCaseRunner().plan(two, Collections.nCopies(2, held), HedgeFixture.SETTINGS);
            List<CasePlan> tasks = new SparkCaseRunner(spark).plan(two, Collections.nCopies(2, held), HedgeFixture.SETTINGS);
            assertEquals(List.of("sample-001", "sample-002"), tasks.stream().map(CasePlan::name).toList());
            assertEquals(local, tasks, "held " + held);
            tasks.forEach(p -> assertTrue(p.evaluation().feasible(), p.name()));
        }
    }

    /** The candidates' LPs send back their figures only: the decomposition reads no plan of theirs. */
    @Test
    void theCandidatesAreScoredByFiguresOnlyTasks() {
        List<List<FutureTask.Kind>> batches = new ArrayList<>();
        FutureExecutor recording = tasks -> {
            batches.add(tasks.stream().map(FutureTask::kind).distinct().toList());
            return FutureExecutor.LOCAL.run(tasks);
        };
        HedgedPlan h = new DecompositionHedge(recording, new SparkCaseRunner(FutureExecutor.LOCAL))
                .solve(instance, HedgeFixture.SETTINGS);
        assertEquals(List.of(List.of(FutureTask.Kind.LP), List.of(FutureTask.Kind.LP_FIGURES)), batches);
        assertEquals(inThisJvm.shared(), h.shared());
    }

    @Test
    void longestFirstOrdersTheIndicesByTheirEstimateLargestFirstTiesInOrder() {
        assertEquals(List.of(1, 3, 2, 0), DecompositionHedge.longestFirst(List.of(0.1, 0.3, 0.2, 0.3)));
    }

    /**
     * The planner step gets the futures longest first by their LPs' seconds (here made to grow
     * with the future's number, so the last future is the longest), and the hedged plans come
     * back in the futures' order, the same as planned in order.
     */
    @Test
    void thePlannerStepGetsTheFuturesLongestFirstAndGivesThePlansInOrder() {
        FutureExecutor timed = tasks -> FutureExecutor.LOCAL.run(tasks).stream()
                .map(o -> o.withSeconds(o.index() % FUTURES)).toList();
        List<String> handed = new ArrayList<>();
        CaseRunner recording = (cases, held, settings) -> {
            cases.forEach(c -> handed.add(c.name()));
            return new SparkCaseRunner(FutureExecutor.LOCAL).plan(cases, held, settings);
        };
        HedgedPlan h = new DecompositionHedge(timed, recording).solve(instance, HedgeFixture.SETTINGS);
        List<String> names = instance.cases().stream().map(HedgeCase::name).toList();
        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        assertEquals(reversed, handed);
        assertEquals(names, h.plans().stream().map(CasePlan::name).toList());
        assertEquals(inThisJvm.shared(), h.shared());
        assertEquals(plans(inThisJvm), plans(h));
    }

    static List<dcplan.plan.Plan> plans(HedgedPlan h) {
        return h.plans().stream().map(CasePlan::plan).toList();
    }
}
