package dcplan.hedge;

import dcplan.plan.Evaluation;
import dcplan.plan.Plan;

/** One future's plan and its evaluation under that future's own model. */
public record CasePlan(String name, double probability, Plan plan, Evaluation evaluation) {
}
