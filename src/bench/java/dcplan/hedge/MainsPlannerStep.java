package dcplan.hedge;

import dcplan.plan.Commitments;
import dcplan.plan.PlanEvaluator;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The decomposition's planner step as main ran it before branch mc18 (85ad46a), for {@code bin/bench
 * hedge --versus-main}: the futures handed to the executor in their own order (not longest first)
 * and the plans evaluated one after another on the driver (not on all its cores). The same solves
 * otherwise, so the same plans; the bench times both in the same session, runs interleaved.
 */
final class MainsPlannerStep implements CaseRunner {
    private final FutureExecutor executor;
    private final Map<String, Integer> place = new HashMap<>();

    MainsPlannerStep(FutureExecutor executor, List<HedgeCase> futures) {
        this.executor = executor;
        for (int i = 0; i < futures.size(); i++) {
            place.put(futures.get(i).name(), i);
        }
    }

    @Override
    public List<CasePlan> plan(List<HedgeCase> cases, List<Commitments> held, HedgeSettings settings) {
        List<Integer> order = IntStream.range(0, cases.size()).boxed()
                .sorted(Comparator.comparing(i -> place.get(cases.get(i).name()))).toList();
        List<HedgeCase> inOrder = order.stream().map(cases::get).toList();
        List<Commitments> heldInOrder = order.stream().map(held::get).toList();
        List<FutureOutcome> outcomes = FutureExecutor.requireAll(executor.run(
                FutureTask.batch(FutureTask.Kind.PLAN, 0, inOrder, heldInOrder, settings)));
        CasePlan[] out = new CasePlan[cases.size()];
        for (int j = 0; j < order.size(); j++) {
            HedgeCase c = inOrder.get(j);
            var plan = outcomes.get(j).plan();
            out[order.get(j)] = new CasePlan(c.name(), c.probability(), plan,
                    PlanEvaluator.evaluate(c.model(), c.demand(), plan, heldInOrder.get(j)));
        }
        return List.of(out);
    }
}
