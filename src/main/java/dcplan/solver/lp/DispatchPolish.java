package dcplan.solver.lp;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-solves only the flows of a plan, with an injected backend: I and M fixed at the plan's
 * values, maximise served, then minimise busy energy (with I and M fixed, the only
 * flow-dependent cost). The result never serves less than the given flows (up to
 * {@value #POLISH_ROUNDING} relative, the rounding of a floating-point sum).
 */
public final class DispatchPolish {

    /** Relative rounding slack when checking that polish serves no less than its input. */
    static final double POLISH_ROUNDING = 1e-12;

    private final LpBackends backends;

    public DispatchPolish(LpBackends backends) {
        this.backends = backends;
    }

    /** See {@link PlanLinearProgram#polishDispatch}. */
    public LpResult polish(PlanningModel model, List<DemandCell> demand, Plan plan, LpOptions options) {
        return polish(model, demand, plan, options, Double.NaN, 0);
    }

    /** See {@link PlanLinearProgram#polishDispatch(PlanningModel, List, Plan, LpOptions, double, double)}. */
    public LpResult polish(PlanningModel model, List<DemandCell> demand, Plan plan, LpOptions options, double servedFloorInferences,
                           double tieInferences) {
        double[][][] fixed = installed(model, plan);
        // I and M are the plan's: lead times and commitments bind nothing the polish decides
        return new Run(new LpVariables(model, demand, fixed, HeldLevels.of(model, Commitments.NONE), Map.of(), LpWindow.ALL), options)
                .run(plan, servedFloorInferences, tieInferences);
    }

    /** The plan's I as [s][c][q], 0 where it has no servers. */
    private static double[][][] installed(PlanningModel model, Plan plan) {
        List<Quarter> qs = model.quarters();
        int ns = model.sites().size();
        int nc = model.chips().size();
        double[][][] fixed = new double[ns][nc][qs.size()];
        for (int s = 0; s < ns; s++) {
            for (int c = 0; c < nc; c++) {
                for (int q = 0; q < qs.size(); q++) {
                    Integer i = plan.installed().get(new Plan.SiteChipQuarter(model.sites().get(s).id(),
                            model.chips().get(c).id(), qs.get(q)));
                    fixed[s][c][q] = i == null ? 0.0 : i;
                }
            }
        }
        return fixed;
    }

    /** One polish: the flows' variables, the clock and the options. */
    private final class Run {
        final LpVariables variables;
        final LpFormulation formulation;
        final LpExtraction extraction;
        final LpOptions options;
        final LpClock clock;
        Phase p1;
        Phase p2;
        LpFormulation.Built b1;
        LpFormulation.Built b2;

        Run(LpVariables variables, LpOptions options) {
            this.variables = variables;
            this.formulation = new LpFormulation(variables);
            this.extraction = new LpExtraction(variables, backends);
            this.options = options;
            this.clock = new LpClock(options.timeLimit());
        }

        LpResult run(Plan given, double servedFloor, double tie) {
            double givenServed = PlanCosts.servedInferences(given.flows());
            double s1 = solve(givenServed, servedFloor, tie);
            boolean phase2 = p2 != null && p2.ok();
            LpFormulation.Built best = phase2 ? b2 : (p1.ok() ? b1 : null);
            boolean hit = p1.timeLimitHit() || (p2 != null && p2.timeLimitHit());

            List<Plan.Flow> flows = null;
            String message = "";
            if (best != null) {
                double[] flow = extraction.flowsIps(best, phase2 ? p2.x() : p1.x());
                extraction.clean(flow, variables.fixedInstalled);
                flows = extraction.toFlows(flow);
                if (PlanCosts.servedInferences(flows) < givenServed * (1 - POLISH_ROUNDING)) {
                    flows = null;
                    message = "the solver's flows served less than the given ones; kept the given flows";
                }
            } else {
                message = "flow LP ended " + p1.state() + "; kept the given flows";
            }
            LpStatus status;
            if (flows == null) {
                flows = given.flows();
                status = hit ? LpStatus.TIME_LIMIT : LpStatus.FEASIBLE;
            } else if (phase2) {
                status = p1.status() == LpStatus.OPTIMAL ? p2.status() : LpStatus.FEASIBLE;
            } else {
                status = hit ? LpStatus.TIME_LIMIT : LpStatus.FEASIBLE;
                message = "phase 2 (minimise busy energy) did not finish; flows of phase 1";
            }
            double maxServedInf = Double.isNaN(s1) ? Double.NaN : LpFormulation.inferences(s1);
            return result(given, flows, maxServedInf, status, hit, message);
        }

        /**
         * Phase 1 (most served) then phase 2 (least busy energy, served at least the given
         * flows' or within the tolerance of phase 1's, whichever is more, retried at 1e-7 below
         * phase 1 if that fails); with a served floor, within the tie of phase 1's or the floor,
         * whichever is more, if that is less (never below the given flows). Returns phase 1's
         * served units, NaN without a solution.
         */
        double solve(double givenServed, double servedFloor, double tie) {
            long budget = clock.halfRemainingMillis();
            b1 = formulation.build(false, LpFormulation.Goal.MAX_SERVED, Double.NaN);
            p1 = Phase.run(backends, b1, budget, options.mipRelativeGap());
            double s1 = p1.ok() ? extraction.servedUnits(b1, p1.x()) : Double.NaN;
            if (p1.ok() && !clock.expired()) {
                double givenUnits = LpFormulation.servedUnits(givenServed);
                double target = s1 - Math.max(options.servedTolerance() * s1, 1e-12);
                if (!Double.isNaN(servedFloor)) {
                    // the planner's tie: serving more than the floor, within the tie of the most,
                    // buys nothing it counts; serving more than the start beyond it does
                    double floor = Math.max(LpFormulation.servedUnits(servedFloor), s1 - LpFormulation.servedUnits(tie));
                    target = Math.min(target, floor);
                }
                if (givenUnits <= s1) {
                    target = Math.max(target, givenUnits); // keep at least what was given
                }
                b2 = formulation.build(false, LpFormulation.Goal.MIN_COST, target);
                p2 = Phase.run(backends, b2, clock.remainingMillis(), options.mipRelativeGap());
                double looser = s1 - Math.max(1e-7 * s1, 1e-12);
                if (!p2.ok() && target > looser) {
                    b2 = formulation.build(false, LpFormulation.Goal.MIN_COST, looser);
                    p2 = Phase.run(backends, b2, clock.remainingMillis(), options.mipRelativeGap());
                }
            }
            return s1;
        }

        /** The given servers and MW with {@code flows}, costs recomputed. */
        LpResult result(Plan given, List<Plan.Flow> flows, double maxServedInf, LpStatus status, boolean hit,
                        String message) {
            Map<Plan.SiteChipQuarter, Double> installedExact = new HashMap<>();
            given.installed().forEach((k, i) -> installedExact.put(k, i.doubleValue()));
            Map<Plan.SiteQuarter, Double> mw = new HashMap<>(given.itMwBuilt());
            CostBreakdown cost = PlanCosts.cost(variables.model, installedExact, mw, flows);
            boolean proven = status == LpStatus.OPTIMAL && p1.status() == LpStatus.OPTIMAL;
            return new LpResult(new Plan(flows, given.installed(), given.itMwBuilt()), installedExact, mw,
                    PlanCosts.servedInferences(flows), PlanCosts.unmetInferences(variables.demand, flows), maxServedInf,
                    cost, status, proven, hit, clock.elapsedSeconds(), backends.note() + message);
        }
    }
}
