package dcplan.hedge;

import dcplan.plan.Commitments;
import dcplan.plan.PlanEvaluator;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans each distinct future of a round once: a future whose model, demand and held commitments
 * equal an earlier one's (a risk file listing a scenario that changes nothing the planner sees,
 * or two Monte Carlo samples drawn alike) gets that plan under its own name and probability,
 * evaluated under its own model, instead of a second solve of the same problem. Each future the
 * wrapped runner plans keeps the share of the round's time limit it would have had among all of
 * them ({@link HedgeSettings#forPart}). A step-limited plan is the same either way: the same
 * problem, settings and seed give the same plan.
 */
public final class DistinctCaseRunner implements CaseRunner {
    private final CaseRunner runner;

    public DistinctCaseRunner(CaseRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<CasePlan> plan(List<HedgeCase> cases, List<Commitments> held, HedgeSettings settings) {
        if (held.size() != cases.size()) {
            throw new IllegalArgumentException(held.size() + " commitments for " + cases.size() + " cases");
        }
        List<HedgeCase> distinct = new ArrayList<>();
        List<Commitments> distinctHeld = new ArrayList<>();
        int[] planOf = new int[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            planOf[i] = indexOf(distinct, distinctHeld, cases.get(i), held.get(i));
            if (planOf[i] < 0) {
                planOf[i] = distinct.size();
                distinct.add(cases.get(i));
                distinctHeld.add(held.get(i));
            }
        }
        if (distinct.size() == cases.size()) {
            return runner.plan(cases, held, settings);
        }
        List<CasePlan> planned = runner.plan(distinct, distinctHeld, settings.forPart(distinct.size(), cases.size()));
        List<CasePlan> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            HedgeCase c = cases.get(i);
            CasePlan p = planned.get(planOf[i]);
            out.add(distinct.get(planOf[i]) == c ? p : new CasePlan(c.name(), c.probability(), p.plan(),
                    PlanEvaluator.evaluate(c.model(), c.demand(), p.plan(), held.get(i))));
        }
        return out;
    }

    /** The index of the earlier future with the same problem, else -1. */
    private static int indexOf(List<HedgeCase> distinct, List<Commitments> distinctHeld, HedgeCase c, Commitments held) {
        for (int j = 0; j < distinct.size(); j++) {
            HedgeCase d = distinct.get(j);
            if (distinctHeld.get(j).equals(held) && d.model().equals(c.model()) && d.demand().equals(c.demand())) {
                return j;
            }
        }
        return -1;
    }
}
