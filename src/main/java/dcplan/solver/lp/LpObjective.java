package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The LP's cost objective read at a given plan, in USD: what the formulation's coefficients say
 * the plan costs. It exists so that one test can hold the LP objective, the search's score and
 * the evaluator to the same cost model on the same plans; a coefficient that drifts from
 * {@link UnitCosts} shows up there.
 *
 * <p>The objective prices I and M as wholes; the constant it leaves out (existing servers'
 * capex, which is sunk; fixed servers' idle draw; existing MW) is added back here.
 */
public final class LpObjective {
    private LpObjective() {
    }

    /**
     * The cost objective of the relaxed formulation at {@code plan}'s flows, servers and MW,
     * plus the constant it leaves out. Flows at ineligible options are not in the formulation
     * and are ignored; plans the search or the LP make have none.
     */
    public static double costUsd(PlanningModel model, List<DemandCell> demand, Plan plan) {
        LpVariables v = new LpVariables(model, demand, null, HeldLevels.of(model, Commitments.NONE), Map.of(), LpWindow.ALL);
        LpFormulation.Built b = new LpFormulation(v).build(false, LpFormulation.Goal.MIN_COST, Double.NaN);
        double[] x = new double[b.lm.columns()];
        Map<String, Double> flowOf = new HashMap<>();
        for (Plan.Flow f : plan.flows()) {
            flowOf.merge(f.region() + "\u0000" + f.workload() + "\u0000" + f.quarter() + "\u0000" + f.site() + "\u0000" + f.chip(),
                    f.peakIps(), Double::sum);
        }
        for (int k = 0; k < v.flowKeys.size(); k++) {
            LpVariables.FlowKey fk = v.flowKeys.get(k);
            DemandCell d = v.cells.get(fk.cell());
            Double flow = flowOf.get(d.region() + "\u0000" + d.workload() + "\u0000" + d.quarter() + "\u0000"
                    + v.site(fk.site()).id() + "\u0000" + v.chip(fk.chip()).id());
            x[b.flow[k]] = flow == null ? 0.0 : flow / LpFormulation.FLOW_UNIT_IPS;
        }
        List<Quarter> qs = v.quarters;
        double offset = 0;
        for (int s = 0; s < v.sites(); s++) {
            Site site = v.site(s);
            for (int c = 0; c < v.chips(); c++) {
                Chip chip = v.chip(c);
                int existing = site.existingServers(chip.id());
                for (int q = 0; q < qs.size(); q++) {
                    if (b.inst[s][c] != null) {
                        x[b.inst[s][c][q]] = plan.installed().getOrDefault(new Plan.SiteChipQuarter(site.id(), chip.id(), qs.get(q)), 0);
                        // the objective prices all I servers; existing ones are sunk: capex of I = 0 is -existing * unit
                        offset += UnitCosts.serverCapex(site, chip, 0);
                    } else {
                        // an inactive pair keeps its existing servers: their idle draw is a constant
                        offset += UnitCosts.energy(site, chip, existing, 0);
                    }
                }
            }
            for (int q = 0; q < qs.size(); q++) {
                if (b.mw[s] != null) {
                    x[b.mw[s][q]] = plan.itMwBuilt().getOrDefault(new Plan.SiteQuarter(site.id(), qs.get(q)), site.existingItMw());
                    // likewise the objective prices all M; existing MW are free
                    offset += UnitCosts.facilityCapex(site, model.policy(), 0);
                }
            }
        }
        return b.lm.objectiveValue(x) * LpFormulation.MONEY_UNIT_USD + offset;
    }
}
