package dcplan.solver.lp;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Plan;

import java.util.List;

/**
 * The planning model of {@code spec/planning-model.md} as an LP / MIP, through the default
 * backend ({@link LpBackends#standard()}: OR-Tools GLOP / SCIP, ojAlgo when OR-Tools' natives
 * cannot load or with {@code -Ddcplan.lp.backend=ojalgo}). See docs/lp.md for timings.
 *
 * <p>The parts, each with its own class: which variables exist ({@link LpVariables}), rows 2-6
 * and the objectives ({@link LpFormulation}), the two phases and the lower bound
 * ({@link LexicographicSolve}), reading a solution back ({@link LpExtraction}) and re-solving
 * only the flows of a plan ({@link DispatchPolish}). A caller that wants another backend builds
 * {@link LexicographicSolve} or {@link DispatchPolish} with it.
 */
public final class PlanLinearProgram {

    /** One flow variable unit, in peak inferences per second. */
    public static final double FLOW_UNIT_IPS = LpFormulation.FLOW_UNIT_IPS;
    /** One money unit in the objective and budget rows, in USD. */
    public static final double MONEY_UNIT_USD = LpFormulation.MONEY_UNIT_USD;

    private PlanLinearProgram() {
    }

    /**
     * Solves the full model lexicographically: phase 1 maximises served volume, phase 2
     * minimises cost keeping served within {@code options.servedTolerance()} of phase 1.
     * With {@code options.integerServers()} this is the MIP (exact reference for small
     * instances); otherwise the LP relaxation (its cost is a lower bound for every plan that
     * serves as much as the phase-1 maximum).
     */
    public static LpResult solve(PlanningModel model, List<DemandCell> demand, LpOptions options) {
        return solve(model, demand, options, LpBackends.standard());
    }

    /** {@link #solve(PlanningModel, List, LpOptions)} with the given solvers. */
    public static LpResult solve(PlanningModel model, List<DemandCell> demand, LpOptions options, LpBackends backends) {
        return new LexicographicSolve(backends).solve(model, demand, options);
    }

    /**
     * Lower bound on the cost of any plan that satisfies the hard constraints, keeps
     * {@code options.commitments()} and serves at least {@code minServedInferences}: the relaxed
     * LP (I and phases continuous, whatever {@code options.integerServers()} says) minimising cost
     * subject to {@code served >= (1 - tol) * minServedInferences}; when the model has phases, also
     * the MIP for the time left, whose dual bound replaces the relaxation's when stronger
     * ({@link LpResult#lowerBoundUsd}, {@link LpResult#lowerBoundKind}). A target within 1e-6
     * relative above the phase-1 maximum is clamped to it (rounding); beyond that the result is
     * INFEASIBLE, since no feasible plan can serve that much.
     */
    public static LpResult lowerBound(PlanningModel model, List<DemandCell> demand, double minServedInferences,
                                      LpOptions options) {
        return new LexicographicSolve(LpBackends.standard()).lowerBound(model, demand, minServedInferences, options);
    }

    /**
     * The relaxation at its cheapest serving at least {@code minServedInferences} (less the
     * served tolerance), keeping {@code options.commitments()}: {@link #lowerBound}'s relaxation
     * alone, a plan to round rather than a bound to prove.
     */
    public static LpResult relaxationServing(PlanningModel model, List<DemandCell> demand, double minServedInferences,
                                             LpOptions options) {
        return new LexicographicSolve(LpBackends.standard()).relaxationServing(model, demand, minServedInferences, options);
    }

    /**
     * {@link #relaxationServing(PlanningModel, List, double, LpOptions)} where the most the
     * relaxation serves is already proven ({@code maxServedInferences}, the
     * {@link LpResult#maxServedInferences} of a relaxation of the same model, demand and
     * commitments that ended optimal): the cost phase alone.
     */
    public static LpResult relaxationServing(PlanningModel model, List<DemandCell> demand, double minServedInferences,
                                             double maxServedInferences, LpOptions options) {
        return new LexicographicSolve(LpBackends.standard()).relaxationServing(model, demand, minServedInferences,
                maxServedInferences, options);
    }

    /**
     * The relaxation within {@code options.window()} at its cheapest serving at least
     * {@code minServedInferences}, or the most the window serves where that is less (both
     * phases, within the window; a restriction, so no bound). A plan's purchases as floors make
     * it the cheapest way to serve more on top of them.
     */
    public static LpResult relaxationWithinServingUpTo(PlanningModel model, List<DemandCell> demand,
                                                       double minServedInferences, LpOptions options) {
        return new LexicographicSolve(LpBackends.standard()).relaxationWithinServingUpTo(model, demand,
                minServedInferences, options);
    }

    /** {@link #lowerBound(PlanningModel, List, double, LpOptions)} with default options. */
    public static LpResult lowerBound(PlanningModel model, List<DemandCell> demand, double minServedInferences) {
        return lowerBound(model, demand, minServedInferences, LpOptions.relaxed());
    }

    /**
     * The strongest lower bound this layer proves on the cost of any plan that keeps
     * {@code options.commitments()} and serves at least {@code servedInferences}, read from the
     * result's {@link LpResult#lowerBoundUsd} and {@link LpResult#lowerBoundKind}: the
     * {@code relaxation} already solved when it proved a bound, serves no more than that and the
     * model has no phases (nothing stronger is then to be had cheaply); else
     * {@link #lowerBound(PlanningModel, List, double, LpOptions)} at that volume, within
     * {@code options.timeLimit()}.
     */
    public static LpResult strongestBound(PlanningModel model, List<DemandCell> demand, double servedInferences,
                                          LpResult relaxation, LpOptions options) {
        if (relaxation != null && relaxation.hasLowerBound() && !LexicographicSolve.hasPhases(model)) {
            double volume = Math.max(1.0, relaxation.servedInferences() + relaxation.unmetInferences());
            if (servedInferences >= relaxation.servedInferences() - 1e-9 * volume) {
                return relaxation;
            }
        }
        return lowerBound(model, demand, servedInferences, options);
    }

    /**
     * Re-solves only the flows of a plan, its servers and MW fixed: maximise served, then
     * minimise busy energy. Returns a plan with the given installed / itMwBuilt and new flows.
     * The result never serves less than the given flows (up to
     * {@value DispatchPolish#POLISH_ROUNDING} relative, the rounding of a floating-point sum):
     * if the solver's flows would, the given flows are returned unchanged and the message says
     * so. Only time limit and tolerance are read from {@code options}.
     */
    public static LpResult polishDispatch(PlanningModel model, List<DemandCell> demand, Plan plan, LpOptions options) {
        return new DispatchPolish(LpBackends.standard()).polish(model, demand, plan, options);
    }

    /**
     * The same with the planner's tie: serving at least the most the servers allow less
     * {@code tieInferences}, or {@code servedFloorInferences} where that is more (a start judged
     * served first serving that much), but never more than the most nor less than the given flows;
     * then the least busy energy. NaN floor: the most, as without a tie.
     */
    public static LpResult polishDispatch(PlanningModel model, List<DemandCell> demand, Plan plan, LpOptions options,
                                          double servedFloorInferences, double tieInferences) {
        return new DispatchPolish(LpBackends.standard()).polish(model, demand, plan, options, servedFloorInferences, tieInferences);
    }

    /**
     * Whether some site adds MW in whole phases: then the MIP differs from its relaxation in more
     * than rounding servers, and the relaxation's bound can be weak.
     */
    public static boolean hasPhases(PlanningModel model) {
        return LexicographicSolve.hasPhases(model);
    }

    /** The solvers used for LPs and MIPs, for reports, such as "OR-Tools GLOP / OR-Tools SCIP". */
    public static String backendDescription() {
        return LpBackends.standard().description();
    }
}
