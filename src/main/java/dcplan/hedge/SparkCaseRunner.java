package dcplan.hedge;

import dcplan.plan.Commitments;
import dcplan.plan.PlanEvaluator;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Plans each future as one Spark task ({@link FutureTask.Kind#PLAN}: the planner holding the
 * future's commitments, as {@code dcplan whatif} does) and evaluates the plans on the driver
 * under each future's own model and commitments. With a step limit (and LP limits the LPs do not
 * reach) the plans equal those made in this JVM: the same code on the same inputs, which the
 * tasks rebuild exactly from text.
 */
public final class SparkCaseRunner implements CaseRunner {
    private final FutureExecutor executor;

    public SparkCaseRunner(SparkSession spark) {
        this(new SparkFutureExecutor(spark));
    }

    /** Runs the same tasks on {@code executor} ({@link FutureExecutor#LOCAL}: in this JVM, for tests). */
    public SparkCaseRunner(FutureExecutor executor) {
        this.executor = executor;
    }

    @Override
    public List<CasePlan> plan(List<HedgeCase> cases, List<Commitments> held, HedgeSettings settings) {
        List<FutureOutcome> outcomes = FutureExecutor.requireAll(executor.run(
                FutureTask.batch(FutureTask.Kind.PLAN, 0, cases, held, settings)));
        // The plans are evaluated on the driver once the batch is back, while every executor waits
        // for the next step: on all the driver's cores (the evaluator is pure), in the futures' order.
        return IntStream.range(0, cases.size()).parallel().mapToObj(i -> {
            HedgeCase c = cases.get(i);
            var plan = outcomes.get(i).plan();
            return new CasePlan(c.name(), c.probability(), plan,
                    PlanEvaluator.evaluate(c.model(), c.demand(), plan, held.get(i)));
        }).toList();
    }
}
