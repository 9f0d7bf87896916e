package dcplan.solver;

import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.Sizing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan's servers and flows made to agree, each way round, through {@link Sizing}: flows cut to
 * the servers ({@link #clippedToCapacity}) or servers and MW cut to the flows ({@link #trimmed}).
 */
final class PlanTrimming {
    private PlanTrimming() {
    }

    /**
     * Flows scaled down, per (site, chip, quarter), to what the plan's servers carry at target
     * utilisation ({@link Sizing#clipFactor}): after servers were trimmed, the flows are a
     * feasible start for the re-split.
     */
    static Plan clippedToCapacity(PlanningModel model, Plan plan) {
        double u = model.policy().targetUtilization();
        Map<Plan.SiteChipQuarter, Double> load = new HashMap<>();
        for (Plan.Flow f : plan.flows()) {
            double throughput = model.chip(f.chip()).orElseThrow().throughput(f.workload());
            load.merge(new Plan.SiteChipQuarter(f.site(), f.chip(), f.quarter()),
                    Sizing.busyServers(f.peakIps(), throughput), Double::sum);
        }
        List<Plan.Flow> flows = new ArrayList<>();
        for (Plan.Flow f : plan.flows()) {
            Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(f.site(), f.chip(), f.quarter());
            double scale = Sizing.clipFactor(load.get(key), u, plan.installed().getOrDefault(key, 0));
            flows.add(new Plan.Flow(f.region(), f.workload(), f.quarter(), f.site(), f.chip(),
                    f.peakIps() * scale, f.avgIps() * scale));
        }
        return new Plan(flows, plan.installed(), plan.itMwBuilt());
    }

    /**
     * The same flows on the fewest servers and MW that carry them: installed servers as the
     * running maximum of {@link Sizing#fewestServers}, never below existing nor what
     * {@code held} keeps (lead times, commitments); MW as the least whole phases that power them,
     * never below the held MW ({@link RelaxationRounding#leastMw}).
     */
    static Plan trimmed(PlanningModel model, Plan plan, HeldLevels held) {
        List<Quarter> quarters = model.quarters();
        double u = model.policy().targetUtilization();
        Map<String, double[]> load = busyAtPeak(model, plan);
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        for (int s = 0; s < model.sites().size(); s++) {
            var site = model.sites().get(s);
            double[] kw = new double[quarters.size()];
            for (int c = 0; c < model.chips().size(); c++) {
                var chip = model.chips().get(c);
                double[] l = load.getOrDefault(site.id() + "\u0000" + chip.id(), new double[quarters.size()]);
                int servers = site.existingServers(chip.id());
                for (int q = 0; q < quarters.size(); q++) {
                    servers = Sizing.fewestServers(l[q], u, Math.max(servers, held.servers(s, c, q)));
                    if (servers > 0) {
                        installed.put(new Plan.SiteChipQuarter(site.id(), chip.id(), quarters.get(q)), servers);
                    }
                    kw[q] += servers * chip.serverKw();
                }
            }
            double mw = site.existingItMw();
            for (int q = 0; q < quarters.size(); q++) {
                mw = RelaxationRounding.leastMw(site, kw[q], mw, held.mw(s, q));
                built.put(new Plan.SiteQuarter(site.id(), quarters.get(q)), mw);
            }
        }
        return new Plan(new ArrayList<>(plan.flows()), installed, built);
    }

    /** Busy servers at peak per (site, chip), by quarter of the horizon. */
    private static Map<String, double[]> busyAtPeak(PlanningModel model, Plan plan) {
        List<Quarter> quarters = model.quarters();
        Map<String, double[]> load = new HashMap<>();
        for (Plan.Flow f : plan.flows()) {
            double throughput = model.chip(f.chip()).orElseThrow().throughput(f.workload());
            int q = quarters.indexOf(f.quarter());
            if (throughput > 0 && q >= 0) {
                load.computeIfAbsent(f.site() + "\u0000" + f.chip(), k -> new double[quarters.size()])[q]
                        += Sizing.busyServers(f.peakIps(), throughput);
            }
        }
        return load;
    }
}
