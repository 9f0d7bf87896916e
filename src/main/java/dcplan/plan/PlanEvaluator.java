package dcplan.plan;

import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.plan.Evaluation.BindingLimit;
import dcplan.plan.Evaluation.YearCapex;
import dcplan.plan.evaluation.BindingLimits;
import dcplan.plan.evaluation.CapexCash;
import dcplan.plan.evaluation.Costs;
import dcplan.plan.evaluation.Feasibility;
import dcplan.plan.evaluation.ModelIndex;
import dcplan.plan.evaluation.PlanArrays;
import dcplan.plan.evaluation.PlanRows;
import dcplan.plan.evaluation.ServedFrom;
import dcplan.plan.evaluation.Shortfalls;
import dcplan.plan.evaluation.WorkloadCosts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a plan straight from the contract (shared/spec/planning-model.md), independently
 * of any solver. Pure: no I/O, no state. The work is done in {@code dcplan.plan.evaluation}:
 * <ul>
 *   <li>{@link PlanArrays}: the plan read into arrays (and how missing or invalid entries read);</li>
 *   <li>{@link Feasibility}: one method per hard constraint and structural rule;</li>
 *   <li>{@link CapexCash}: capex cash paid per year (construction over its quarters), what the budget caps;</li>
 *   <li>{@link Costs}: the three cost terms, their breakdowns and the region and chip shares;</li>
 *   <li>{@link BindingLimits} and {@link Shortfalls}: what binds, what is unmet and why;</li>
 *   <li>{@link WorkloadCosts} and {@link ServedFrom}: cost per workload, where each region is served from.</li>
 * </ul>
 */
public final class PlanEvaluator {
    /** Violation groups, in report order. */
    public static final List<String> CONSTRAINTS = Feasibility.CONSTRAINTS;

    private PlanEvaluator() {
    }

    /**
     * Evaluates {@code plan}, made with nothing committed ({@link Commitments#NONE}), against the
     * model and demand. Throws {@link InputException} when the demand table itself is invalid for
     * the model ({@link DemandTable#validate}).
     */
    public static Evaluation evaluate(PlanningModel model, List<DemandCell> demand, Plan plan) {
        return evaluate(model, demand, plan, Commitments.NONE);
    }

    /**
     * As {@link #evaluate(PlanningModel, List, Plan)} for a plan that must keep {@code commitments}
     * (a what-if at {@code decided_until}, see {@link Commitments#of}): a held {@code added} or
     * {@code dM} the plan changes, or a commitment the model cannot hold, is a violation of
     * {@code commitments}. Costs are the plan's under {@code model}, whatever was committed.
     */
    public static Evaluation evaluate(PlanningModel model, List<DemandCell> demand, Plan plan, Commitments commitments) {
        List<String> demandProblems = DemandTable.validate(demand, model, "demand");
        if (!demandProblems.isEmpty()) {
            throw new InputException(demandProblems);
        }
        PlanArrays a = PlanArrays.read(new ModelIndex(model, demand), plan);
        List<YearCapex> capexByYear = CapexCash.byYear(a);
        Map<String, List<String>> violations = Feasibility.violations(plan, a, capexByYear, commitments);
        boolean feasible = violations.values().stream().allMatch(List::isEmpty);
        Costs costs = Costs.of(a);
        Shortfalls shortfalls = Shortfalls.of(a, capexByYear);
        List<BindingLimit> binding = new ArrayList<>(BindingLimits.of(a, capexByYear));
        binding.addAll(shortfalls.noEligibleSite());
        return new Evaluation(feasible, violations, a.servedTotal(), shortfalls.unmetTotal(), costs.total(),
                costs.usdPerMillionInferences(), costs.byQuarter(), costs.bySite(), costs.byChip(), costs.byRegion(),
                costs.unattributedToRegions(), costs.unattributedToChips(), costs.usdPerMillionBySite(),
                costs.usdPerMillionByChip(), costs.usdPerMillionByRegion(), shortfalls.cells(), shortfalls.regions(),
                capexByYear, binding, a.storedAverageWarnings(), PlanRows.tables(a, shortfalls.unmetRows()),
                WorkloadCosts.byWorkload(a, costs, shortfalls.cells()),
                WorkloadCosts.byRegionAndWorkload(a, costs, shortfalls.cells()), ServedFrom.of(a));
    }
}
