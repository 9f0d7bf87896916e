package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The relaxation re-solved at the rounded start's volume. Where no plan reaches the relaxation's
 * most-served level, the starts are all rounded from the relaxation at that level and serve a
 * few percent less, at what that level cost: on long budget-bound v2 #3 the plan written served
 * 1.7 % of its volume less than the relaxation, at 6,142.5 M USD, where the relaxation serving
 * exactly as much costs 2,189.5 M (forty-fourth session). This solves the relaxation at its
 * cheapest serving at least the start's volume, rounds it up ({@link RoundedRelaxation#of}) and
 * re-splits it; where the rounding's repairs lose volume, it asks again for that much more, a
 * few times. Each plan is a candidate, judged with the others (served first); run as soon as
 * the rounded start is chosen ({@code MipBesideSearch}).
 */
final class AtItsVolume {

    /** {@code -Ddcplan.atItsVolume=false} turns this off, for before/after measurements. */
    static final boolean ON = Boolean.parseBoolean(System.getProperty("dcplan.atItsVolume", "true"));

    /** Solves at most this many times, each asking for what the previous rounding lost on top. */
    static final int TRIES = 3;

    private AtItsVolume() {
    }

    /**
     * The candidates, named by the volume asked for and evaluated; none where this is off or the
     * start serves the relaxation's most (within {@link Planner#SAME_SERVED}). Each LP gets
     * {@code polish}, cut to what is left until {@code deadline}'s {@link Deadline#STARTS}, and is
     * skipped with under {@link WithinPurchases#LEAST_TIME}; the tries stop once a plan serves at
     * least the start's volume less the tie.
     */
    static List<StartingPlans.Candidate> candidates(PlanningModel model, List<DemandCell> demand, Evaluation start,
                                                    LpResult relaxation, Duration polish, Commitments commitments,
                                                    Deadline deadline) {
        List<StartingPlans.Candidate> plans = new ArrayList<>();
        if (!ON || start == null || relaxation == null || !relaxation.status().hasSolution()) {
            return plans;
        }
        double volume = Math.max(1.0, start.servedInferences() + start.unmetInferences());
        double wanted = start.servedInferences();
        double most = relaxation.servedInferences();
        if (wanted >= most - Planner.SAME_SERVED * volume) {
            return plans;
        }
        double asked = wanted;
        for (int t = 0; t < TRIES; t++) {
            long began = System.nanoTime();
            Duration limit = WithinPurchases.limit(polish, deadline.left(Deadline.STARTS));
            if (limit == null) {
                break;
            }
            LpResult lp = PlanLinearProgram.relaxationServing(model, demand, asked,
                    LpOptions.relaxed().withTimeLimit(limit).withCommitments(commitments));
            Duration splitLimit = WithinPurchases.limit(polish, deadline.left(Deadline.STARTS));
            if (!lp.status().hasSolution() || splitLimit == null) {
                break;
            }
            LpResult split = RoundedRelaxation.reSplit(model, demand, lp, commitments, splitLimit);
            if (!split.status().hasSolution()) {
                break;
            }
            Evaluation e = deadline.evaluation(() -> PlanEvaluator.evaluate(model, demand, split.plan(), commitments));
            String name = String.format(Locale.ROOT, "LP at the rounded start's volume%s, rounded up, LP re-split",
                    t == 0 ? "" : String.format(Locale.ROOT, " and %.2g of it more", asked / wanted - 1));
            plans.add(new StartingPlans.Candidate(name, split.plan(), false, e, true));
            if (Deadline.LOG_STEPS) {
                System.err.printf(Locale.ROOT, "[dcplan] planning step: %s: the LP %,.0f USD serving %.9g, the plan %s%,.0f USD serving %.9g (the start %,.0f USD serving %.9g), in %.1f s (at %.1f s)%n",
                        name, lp.totalCostUsd(), lp.servedInferences(), e.feasible() ? "" : "INFEASIBLE, ", e.totalCostUsd(),
                        e.servedInferences(), start.totalCostUsd(), wanted, (System.nanoTime() - began) / 1e9,
                        deadline.elapsedNanos() / 1e9);
            }
            double lost = wanted - e.servedInferences();
            if (lost <= Planner.SAME_SERVED * volume || !e.feasible()) {
                break;
            }
            asked = Math.min(most, asked + lost);
        }
        return plans;
    }
}
