package dcplan.hedge;

import dcplan.plan.Commitments;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the futures one after another in this JVM, each by {@link Planner} keeping its
 * commitments (as {@code dcplan whatif} does), and evaluates each plan under its own future's
 * model with those commitments ({@link PlanEvaluator}): a commitment a future cannot keep shows
 * as a violation, never as a silently relaxed plan.
 *
 * <p>The settings' time limit is the whole call's: each case gets an equal share of it for its
 * search (at least a second), and the LP limit for its relaxation and each polish.
 */
public final class LocalCaseRunner implements CaseRunner {

    @Override
    public List<CasePlan> plan(List<HedgeCase> cases, List<Commitments> held, HedgeSettings settings) {
        if (held.size() != cases.size()) {
            throw new IllegalArgumentException(held.size() + " commitments for " + cases.size() + " cases");
        }
        CapacitySolver.Options options = options(settings, cases.size());
        Planner.LpLimits lp = new Planner.LpLimits(settings.lpTimeLimit(), settings.lpTimeLimit());
        List<CasePlan> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            HedgeCase c = cases.get(i);
            Commitments kept = held.get(i);
            Planner.Outcome o = new Planner().plan(c.model(), c.demand(), options, lp, kept);
            out.add(new CasePlan(c.name(), c.probability(), o.plan(),
                    PlanEvaluator.evaluate(c.model(), c.demand(), o.plan(), kept)));
        }
        return out;
    }

    /** The search options of one case: its share of the time limit, the step limit and seed as given. */
    static CapacitySolver.Options options(HedgeSettings settings, int cases) {
        Duration each = settings.timeLimit() == null ? null
                : Duration.ofMillis(Math.max(1000, settings.timeLimit().toMillis() / Math.max(1, cases)));
        return CapacitySolver.Options.of(each, settings.steps(), settings.seed());
    }
}
