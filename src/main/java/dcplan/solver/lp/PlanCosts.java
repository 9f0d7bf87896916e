package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.plan.Plan;
import dcplan.plan.Sizing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec's objective terms ({@link UnitCosts}) summed over a plan's values as doubles, so a
 * relaxation's fractional I is costed too (the evaluator takes whole servers). The LP layer
 * reports costs this way rather than from the solver's scaled objective value.
 */
public final class PlanCosts {
    private PlanCosts() {
    }

    /**
     * Cost over the horizon. {@code installed}: I[s,c,q], a missing key is 0 servers;
     * {@code itMw}: M[s,q], a missing key is existing_it_mw. Only the horizon's quarters count.
     */
    public static CostBreakdown cost(PlanningModel model, Map<Plan.SiteChipQuarter, Double> installed,
                                     Map<Plan.SiteQuarter, Double> itMw, List<Plan.Flow> flows) {
        Map<Plan.SiteChipQuarter, Double> busy = new HashMap<>();
        for (Plan.Flow f : flows) {
            Chip c = model.chip(f.chip()).orElseThrow(() -> new IllegalArgumentException("unknown chip " + f.chip()));
            busy.merge(new Plan.SiteChipQuarter(f.site(), f.chip(), f.quarter()),
                    Sizing.busyServers(f.avgIps(), c.throughput(f.workload())), Double::sum);
        }
        double serverCapex = 0;
        double facilityCapex = 0;
        double energy = 0;
        for (Site s : model.sites()) {
            for (Quarter q : model.quarters()) {
                double m = itMw.getOrDefault(new Plan.SiteQuarter(s.id(), q), s.existingItMw());
                facilityCapex += UnitCosts.facilityCapex(s, model.policy(), m);
                for (Chip c : model.chips()) {
                    Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(s.id(), c.id(), q);
                    double i = installed.getOrDefault(key, 0.0);
                    serverCapex += UnitCosts.serverCapex(s, c, i);
                    energy += UnitCosts.energy(s, c, i, busy.getOrDefault(key, 0.0));
                }
            }
        }
        return new CostBreakdown(serverCapex, facilityCapex, energy);
    }

    /** Sum of flow_avg over the flows, times the seconds of a quarter. */
    public static double servedInferences(List<Plan.Flow> flows) {
        double avg = 0;
        for (Plan.Flow f : flows) {
            avg += f.avgIps();
        }
        return avg * Quarter.SECONDS;
    }

    /** Sum over demand cells of (peak - served) * avg / peak * seconds, served capped at peak. */
    public static double unmetInferences(List<DemandCell> demand, List<Plan.Flow> flows) {
        Map<String, Double> served = new HashMap<>();
        for (Plan.Flow f : flows) {
            served.merge(f.region() + "\u0000" + f.workload() + "\u0000" + f.quarter(), f.peakIps(), Double::sum);
        }
        double unmet = 0;
        for (DemandCell d : demand) {
            if (d.peakIps() <= 0) {
                continue;
            }
            double s = served.getOrDefault(d.region() + "\u0000" + d.workload() + "\u0000" + d.quarter(), 0.0);
            unmet += Math.max(0.0, d.peakIps() - s) * d.avgPerPeak();
        }
        return unmet * Quarter.SECONDS;
    }
}
