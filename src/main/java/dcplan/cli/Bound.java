package dcplan.cli;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.Planner;

import java.time.Duration;
import java.util.List;

/**
 * A proven lower bound on the total cost of any feasible plan serving at least as much as this
 * one (keeping the same commitments), and which bound it is: the LP relaxation of the contract's
 * model (servers and MW continuous), or, where phases make that weak, the MIP's dual bound when
 * SCIP proves a stronger one in the time given ({@code PlanLinearProgram.strongestBound}); or the
 * dual bound of the MIP the planning step already ran ({@link Planner.Outcome#mip}), reused
 * rather than proved again. summary.json carries it as {@code lower_bound_usd} and
 * {@code lower_bound_kind}. Public for {@code bin/bench whatif}, which times it as the command runs it.
 */
public record Bound(Double usd, String kind, String note) {

    /** The kind of a bound reused from the planning step's MIP. */
    static final String PLANNING_MIP = "MIP dual bound (SCIP)";
    /** Said after a bound's kind where SCIP stopped before proving the plan within {@code --gap}. */
    private static final String UNPROVEN = ", not proven within --gap";
    /** The planning MIP's bound where SCIP stopped before proving the plan within {@code --gap}. */
    static final String PLANNING_MIP_UNPROVEN = PLANNING_MIP + UNPROVEN;

    static Bound of(PlanningModel model, List<DemandCell> demand, Evaluation ev, LpResult relaxation, Duration limit) {
        return of(model, demand, ev, relaxation, limit, Commitments.NONE);
    }

    /**
     * {@link #of(PlanningModel, List, Evaluation, LpResult, Duration, Commitments)}, reusing the
     * planning step's MIP ({@code planningMip}, null when none ran) where its dual bound holds for
     * this plan ({@link #reusable}); the bound MIP is then not run again, whether or not SCIP
     * proved the plan within {@code gap}. That MIP is the planning MIP's cost phase again (the same
     * variables and commitments, served held to at most as much), so in {@code --bound-time-limit}
     * it could only raise SCIP's bound where the planning MIP left it short, at the price of that
     * time; SCIP's dual bound holds whatever time it had. The kind says when it is short
     * ({@link #PLANNING_MIP_UNPROVEN}). Without a reusable bound, the bound MIP runs.
     */
    public static Bound of(PlanningModel model, List<DemandCell> demand, Evaluation ev, LpResult relaxation,
                           Duration boundLimit, Commitments held, LpResult planningMip, double gap) {
        Bound reused = reusable(ev, planningMip);
        if (reused == null) {
            return of(model, demand, ev, relaxation, boundLimit, held);
        }
        Bound relaxed = relaxation != null && relaxation.hasLowerBound() && servesAsMuch(ev, relaxation)
                ? new Bound(relaxation.lowerBoundUsd(), relaxation.lowerBoundKind(), "") : null;
        Bound planning = stronger(reused, relaxed);
        boolean proven = planningMip.provenOptimal() || (gap >= 0 && ev.totalCostUsd() <= planning.usd() * (1 + gap));
        return proven || planning != reused ? planning : new Bound(reused.usd(), reused.kind() + UNPROVEN, "");
    }

    /**
     * The planning MIP's dual bound when it holds for this plan: SCIP proved one, and the plan
     * serves at least what the MIP's cost phase was held to (its served phase's value, less
     * {@code Planner.SAME_SERVED} of all demand: the round-off within which the planner calls two
     * plans equally served, which its re-splits and crumb merges may take); null otherwise.
     */
    static Bound reusable(Evaluation ev, LpResult planningMip) {
        if (planningMip == null || !planningMip.hasLowerBound() || Double.isNaN(planningMip.maxServedInferences())) {
            return null;
        }
        double volume = Math.max(1.0, planningMip.servedInferences() + planningMip.unmetInferences());
        return ev.servedInferences() >= planningMip.maxServedInferences() - Planner.SAME_SERVED * volume
                ? new Bound(planningMip.lowerBoundUsd(), planningKind(planningMip), "") : null;
    }

    /**
     * The kind of the planning MIP's bound: {@link #PLANNING_MIP}, or the kind the MIP's result
     * names when it is another (a held cost phase solved phases first may prove its plan against
     * the dual bound of its relaxation with servers continuous: {@code PhasesFirst}).
     */
    private static String planningKind(LpResult planningMip) {
        String kind = planningMip.lowerBoundKind();
        return kind.isEmpty() || LpResult.MIP_DUAL_BOUND.equals(kind) ? PLANNING_MIP : kind + " (SCIP)";
    }

    /** The higher of two bounds on the same plans; a bound without a figure loses. */
    private static Bound stronger(Bound a, Bound b) {
        if (a == null || a.usd() == null) {
            return b == null || b.usd() == null ? a : b;
        }
        return b != null && b.usd() != null && b.usd() > a.usd() ? b : a;
    }

    /**
     * For a plan that keeps {@code held} (a what-if): the bound of plans that keep them too.
     * {@code boundLimit} ({@code --bound-time-limit}) is the time for the LP at the plan's served
     * volume and, with phases, the MIP's dual bound; zero keeps the relaxation's own bound.
     */
    static Bound of(PlanningModel model, List<DemandCell> demand, Evaluation ev, LpResult relaxation, Duration boundLimit,
                    Commitments held) {
        if (relaxation == null) {
            return new Bound(null, null, "not computed (--lp-time-limit 0)");
        }
        if (!relaxation.status().hasSolution() || !relaxation.provenOptimal()) {
            return new Bound(null, null, "not proven: the relaxation did not solve to optimality within --lp-time-limit ("
                    + relaxation.status() + ")");
        }
        if (boundLimit == null || boundLimit.isZero() || boundLimit.isNegative()) {
            return servesAsMuch(ev, relaxation) ? new Bound(relaxation.lowerBoundUsd(), relaxation.lowerBoundKind(), "")
                    : new Bound(null, null, "not computed (--bound-time-limit 0, and the plan serves less than the relaxation)");
        }
        // the relaxation when it bounds this plan; else (less served, or phases, where the MIP's
        // dual bound can be much stronger) a solve for the strongest bound in the time given
        LpResult lp = PlanLinearProgram.strongestBound(model, demand, ev.servedInferences(), relaxation,
                LpOptions.relaxed().withTimeLimit(boundLimit).withCommitments(held));
        if (!lp.hasLowerBound()) {
            return new Bound(null, null, "not proven: the LP at the plan's served volume did not solve to optimality within "
                    + boundLimit.toSeconds() + " s (" + lp.status() + ")");
        }
        return new Bound(lp.lowerBoundUsd(), lp.lowerBoundKind(), "");
    }

    /** Whether the plan serves as much as the relaxation (the rounding the LP solvers leave aside). */
    private static boolean servesAsMuch(Evaluation ev, LpResult relaxation) {
        double volume = Math.max(1.0, relaxation.servedInferences() + relaxation.unmetInferences());
        return ev.servedInferences() >= relaxation.servedInferences() - 1e-9 * volume;
    }

    Double gap(double costUsd) {
        return usd == null || usd <= 0 ? null : costUsd / usd - 1.0;
    }

    String describe(double costUsd) {
        if (usd == null) {
            return note;
        }
        return Format.usd(usd) + " USD, " + kind + " (the plan costs " + Format.percent(gap(costUsd))
                + " more than this bound; no plan serving as much can cost less than the bound)";
    }
}
