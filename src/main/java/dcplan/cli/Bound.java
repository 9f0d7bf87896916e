package dcplan.cli;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.LpOptions;

import java.time.Duration;
import java.util.List;

/**
 * A proven lower bound on the total cost of any feasible plan serving at least as much as this
 * one: the LP relaxation (servers and MW continuous) of the spec's model. When the plan serves
 * what the relaxation serves, the relaxation's cost is that bound; when it serves less, the LP
 * is solved again with served volume held at the plan's.
 */
record Bound(Double usd, String note) {

    static Bound of(PlanningModel model, List<DemandCell> demand, Evaluation ev, LpResult relaxation, Duration limit) {
        return of(model, demand, ev, relaxation, limit, Commitments.NONE);
    }

    /** For a plan that keeps {@code held} (a what-if): the bound of plans that keep them too. */
    static Bound of(PlanningModel model, List<DemandCell> demand, Evaluation ev, LpResult relaxation, Duration limit,
                    Commitments held) {
        if (relaxation == null) {
            return new Bound(null, "not computed (--lp-time-limit 0)");
        }
        LpResult lp = relaxation;
        double volume = Math.max(1.0, ev.servedInferences() + ev.unmetInferences());
        if (lp.status().hasSolution() && lp.provenOptimal()
                && ev.servedInferences() < lp.servedInferences() - 1e-9 * volume) {
            lp = PlanLinearProgram.lowerBound(model, demand, ev.servedInferences(),
                    LpOptions.relaxed().withTimeLimit(limit).withCommitments(held));
        }
        if (!lp.status().hasSolution() || !lp.provenOptimal()) {
            return new Bound(null, "not proven: the relaxation did not solve to optimality within "
                    + limit.toSeconds() + " s (" + lp.status() + ")");
        }
        return new Bound(lp.totalCostUsd(), "");
    }

    Double gap(double costUsd) {
        return usd == null || usd <= 0 ? null : costUsd / usd - 1.0;
    }

    String describe(double costUsd) {
        if (usd == null) {
            return note;
        }
        return Format.usd(usd) + " USD (the plan costs " + Format.percent(gap(costUsd))
                + " more than this bound; no plan serving as much can cost less than the bound)";
    }
}
