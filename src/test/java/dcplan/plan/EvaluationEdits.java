package dcplan.plan;

import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.RandomInstances;

/** Test fixture: an {@link Evaluation} with its headline figures changed, all else the same (for rules that compare plans). */
public final class EvaluationEdits {
    private EvaluationEdits() {
    }

    /** The evaluation of a small random instance's MIP plan: feasible, serving and costing something. */
    public static Evaluation ofASmallMipPlan() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        LpResult mip = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer());
        return PlanEvaluator.evaluate(inst.model(), inst.demand(), mip.plan());
    }

    /** {@code e} with its energy term moved so that its total is {@code totalUsd}. */
    public static Evaluation withCost(Evaluation e, double totalUsd) {
        Evaluation.CostTerms c = e.cost();
        return with(e, e.feasible(), e.servedInferences(), e.unmetInferences(), new Evaluation.CostTerms(
                c.serverCapexAmortized(), c.facilityCapexAmortized(), c.energy() + (totalUsd - e.totalCostUsd())));
    }

    /** {@code e} serving {@code served} more inferences (and leaving as many fewer unmet). */
    public static Evaluation servingMore(Evaluation e, double served) {
        return with(e, e.feasible(), e.servedInferences() + served, e.unmetInferences() - served, e.cost());
    }

    /** {@code e} marked infeasible. */
    public static Evaluation infeasible(Evaluation e) {
        return with(e, false, e.servedInferences(), e.unmetInferences(), e.cost());
    }

    private static Evaluation with(Evaluation e, boolean feasible, double served, double unmet, Evaluation.CostTerms cost) {
        return new Evaluation(feasible, e.violations(), served, unmet, cost,
                e.usdPerMillionInferences(), e.costByQuarter(), e.costBySite(), e.costByChip(), e.costByRegionUsd(),
                e.unattributedToRegionsUsd(), e.unattributedToChipsUsd(), e.usdPerMillionBySite(), e.usdPerMillionByChip(),
                e.usdPerMillionByRegion(), e.cells(), e.regions(), e.capexByYear(), e.bindingLimits(), e.warnings(),
                e.tables(), e.costByWorkload(), e.costByRegionAndWorkload(), e.sourcing());
    }
}
