package dcplan.hedge;

import dcplan.plan.Commitments;

import java.util.List;

/**
 * A hedged solution: one plan per future (in the instance's order), whose commitments before the
 * decision quarter are {@code shared}, identical in every future.
 *
 * @param method               how it was found, for the summary and report (e.g. "extensive form, SCIP")
 * @param expectedCostBoundUsd a proven lower bound on the expected cost of any hedged plan that
 *                             serves as much in expectation; null when none was proven
 * @param boundKind            which bound that is (e.g. "extensive-form LP relaxation")
 */
public record HedgedPlan(List<CasePlan> plans, Commitments shared, String method, double solveSeconds,
                         Double expectedCostBoundUsd, String boundKind) {

    public HedgedPlan {
        plans = List.copyOf(plans);
    }
}
