package dcplan.solver.lp;

import dcplan.model.DemandCell;
import dcplan.model.Site;
import dcplan.plan.Plan;
import dcplan.plan.Sizing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a solver's solution back as a plan: I, M and flows in the model's own units, flows
 * cleaned to satisfy rows 2 and 6 exactly, costs recomputed by {@link PlanCosts} from the values
 * (constants included) rather than taken from the solver's scaled objective.
 */
final class LpExtraction {
    private final LpVariables v;
    /** Prefix of every message: why a fallback backend is in use, or "". */
    private final String note;

    LpExtraction(LpVariables variables, LpBackends backends) {
        this.v = variables;
        this.note = backends.note();
    }

    /** A result without a plan (nothing served, every cell unmet). */
    LpResult failure(LpStatus status, boolean hit, LpClock clock, String message) {
        return new LpResult(new Plan(List.of(), Map.of(), Map.of()), Map.of(), Map.of(), 0.0,
                PlanCosts.unmetInferences(v.demand, List.of()), Double.NaN, null,
                status == LpStatus.OPTIMAL ? LpStatus.FAILED : status, false, hit, clock.elapsedSeconds(),
                note + message);
    }

    /** Reads I, M and flows; cleans flows to satisfy rows 2 and 6 exactly; builds the plan. */
    LpResult result(LpFormulation.Built b, double[] x, double maxServedInf, LpStatus status,
                    boolean proven, boolean hit, LpClock clock, String message) {
        double[][][] inst = installed(b, x);
        double[][] mw = itMw(b, x);
        double[] flow = flowsIps(b, x);
        clean(flow, inst);

        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<Plan.SiteChipQuarter, Double> installedExact = new HashMap<>();
        Map<Plan.SiteQuarter, Double> mwMap = new HashMap<>();
        for (int s = 0; s < v.sites(); s++) {
            String sid = v.site(s).id();
            for (int q = 0; q < v.quarters.size(); q++) {
                for (int c = 0; c < v.chips(); c++) {
                    if (inst[s][c][q] > 0) {
                        Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(sid, v.chip(c).id(), v.quarters.get(q));
                        installedExact.put(key, inst[s][c][q]);
                        // the plan's servers: the nearest whole number (exact for the MIP); a
                        // relaxation's fractional I is a bound, not a plan (see installedExact)
                        long rounded = Math.round(inst[s][c][q]);
                        if (rounded > 0) {
                            installed.put(key, (int) rounded);
                        }
                    }
                }
                if (mw[s][q] > 0) {
                    mwMap.put(new Plan.SiteQuarter(sid, v.quarters.get(q)), mw[s][q]);
                }
            }
        }
        List<Plan.Flow> flows = toFlows(flow);
        Plan plan = new Plan(flows, installed, mwMap);
        CostBreakdown cost = PlanCosts.cost(v.model, installedExact, mwMap, flows);
        return new LpResult(plan, installedExact, mwMap, PlanCosts.servedInferences(flows),
                PlanCosts.unmetInferences(v.demand, flows), maxServedInf, cost, status, proven, hit,
                clock.elapsedSeconds(), note + message);
    }

    /**
     * I[s,c,q]: a MIP's values as the integers they are (a solver leaves them within its
     * integrality tolerance on either side, so the nearest), a relaxation's as they are (never
     * below existing); existing servers where I is no variable.
     */
    private double[][][] installed(LpFormulation.Built b, double[] x) {
        double[][][] inst = new double[v.sites()][v.chips()][v.quarters.size()];
        for (int s = 0; s < v.sites(); s++) {
            Site site = v.site(s);
            for (int c = 0; c < v.chips(); c++) {
                int existing = site.existingServers(v.chip(c).id());
                for (int q = 0; q < v.quarters.size(); q++) {
                    if (b.inst[s][c] != null) {
                        double i = x[b.inst[s][c][q]];
                        inst[s][c][q] = b.integerAt(q) ? Math.round(i) : Math.max(i, existing);
                    } else {
                        inst[s][c][q] = existing;
                    }
                }
            }
        }
        return inst;
    }

    /**
     * M[s,q], never below existing; existing where M is no variable. Where the MIP counts whole
     * phases P, M is existing plus the nearest whole number of phases: SCIP leaves P within its
     * integrality tolerance (0.9999999983 phases, measured when its cost phase started from a
     * hint), and M follows P by its row, so M read as is was not a whole number of phases.
     */
    private double[][] itMw(LpFormulation.Built b, double[] x) {
        double[][] mw = new double[v.sites()][v.quarters.size()];
        for (int s = 0; s < v.sites(); s++) {
            Site site = v.site(s);
            for (int q = 0; q < v.quarters.size(); q++) {
                if (b.mw[s] == null) {
                    mw[s][q] = site.existingItMw();
                } else if (b.phases[s][q] >= 0 && b.integerAt(q)) {
                    mw[s][q] = site.existingItMw() + Math.round(x[b.phases[s][q]]) * site.phaseMw();
                } else {
                    mw[s][q] = Math.max(site.existingItMw(), x[b.mw[s][q]]);
                }
            }
        }
        return mw;
    }

    /** Flows in peak ips (the solver's are in thousands), never negative. */
    double[] flowsIps(LpFormulation.Built b, double[] x) {
        double[] flow = new double[v.flowKeys.size()];
        for (int k = 0; k < flow.length; k++) {
            flow[k] = Math.max(0.0, x[b.flow[k]]) * LpFormulation.FLOW_UNIT_IPS;
        }
        return flow;
    }

    /** Served volume of a solution in model units (thousands of average ips). */
    double servedUnits(LpFormulation.Built b, double[] x) {
        double s = 0;
        for (int k = 0; k < v.flowKeys.size(); k++) {
            s += v.flowKeys.get(k).avgPerPeak() * Math.max(0.0, x[b.flow[k]]);
        }
        return s;
    }

    /** Flows in peak ips as plan flows (avg = peak * avg / peak of the cell); zero flows left out. */
    List<Plan.Flow> toFlows(double[] flow) {
        List<Plan.Flow> flows = new ArrayList<>();
        for (int k = 0; k < flow.length; k++) {
            if (flow[k] > 0) {
                LpVariables.FlowKey fk = v.flowKeys.get(k);
                DemandCell d = v.cells.get(fk.cell());
                flows.add(new Plan.Flow(d.region(), d.workload(), d.quarter(), v.site(fk.site()).id(),
                        v.chip(fk.chip()).id(), flow[k], flow[k] * fk.avgPerPeak()));
            }
        }
        return flows;
    }

    /**
     * Makes solver flows (peak ips) satisfy rows 6 and 2 without tolerance: scales a cell down
     * where it over-serves and an (s, c, q) down where it exceeds u * I, then tops cells up
     * greedily with the spare capacity left (so the cleaning does not lose served volume).
     */
    void clean(double[] flow, double[][][] inst) {
        scaleDownOverServed(flow);
        scaleDownOverCapacity(flow, inst);
        topUp(flow, inst);
    }

    private void scaleDownOverServed(double[] flow) {
        for (int cell = 0; cell < v.cells.size(); cell++) {
            double peak = v.cells.get(cell).peakIps();
            double sum = 0;
            for (int k : v.flowsOfCell.get(cell)) {
                sum += flow[k];
            }
            if (sum > peak) {
                for (int k : v.flowsOfCell.get(cell)) {
                    flow[k] *= peak / sum;
                }
            }
        }
    }

    /**
     * Scales each (s, c, q)'s flows by capacity / load where the load is over. The exact ratio,
     * not {@link Sizing#clipFactor}'s hair under it: here the solver's flows are over only by its
     * round-off, and the margin would leave capacity that {@link #topUp} cannot always hand back
     * to the same cell (tried on the sample model: the relaxation's unmet volume rose from 1259
     * to 1310 inferences and every clipped flow changed).
     */
    private void scaleDownOverCapacity(double[] flow, double[][][] inst) {
        Map<Integer, Double> load = loads(flow);
        for (int k = 0; k < flow.length; k++) {
            LpVariables.FlowKey fk = v.flowKeys.get(k);
            double cap = Sizing.capacity(v.u, inst[fk.site()][fk.chip()][fk.quarter()]);
            double l = load.get(v.capacityKey(fk));
            if (l > cap) {
                flow[k] *= cap / l;
            }
        }
    }

    /** Cells served below peak take what spare capacity their (s, c, q) have left, in flow order. */
    private void topUp(double[] flow, double[][][] inst) {
        Map<Integer, Double> load = loads(flow);
        for (int cell = 0; cell < v.cells.size(); cell++) {
            double peak = v.cells.get(cell).peakIps();
            double sum = 0;
            for (int k : v.flowsOfCell.get(cell)) {
                sum += flow[k];
            }
            for (int k : v.flowsOfCell.get(cell)) {
                double deficit = peak - sum;
                if (deficit <= 0) {
                    break;
                }
                LpVariables.FlowKey fk = v.flowKeys.get(k);
                int key = v.capacityKey(fk);
                double spare = Sizing.capacity(v.u, inst[fk.site()][fk.chip()][fk.quarter()]) - load.get(key);
                if (spare <= 0) {
                    continue;
                }
                double thr = v.throughput(fk);
                double add = Math.min(deficit, spare * thr);
                flow[k] += add;
                sum += add;
                load.merge(key, Sizing.busyServers(add, thr), Double::sum);
            }
        }
    }

    /** Busy servers at peak per (s, c, q), by {@link LpVariables#capacityKey}. */
    private Map<Integer, Double> loads(double[] flow) {
        Map<Integer, Double> load = new HashMap<>();
        for (int k = 0; k < flow.length; k++) {
            LpVariables.FlowKey fk = v.flowKeys.get(k);
            load.merge(v.capacityKey(fk), Sizing.busyServers(flow[k], v.throughput(fk)), Double::sum);
        }
        return load;
    }
}
