package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.Eligibility;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which variables the LP has, decided once per solve from the model and the demand.
 *
 * <p>Only eligible flows exist: {@code flow[r,w,q,s,c]} for (r, w, q) cells with peak &gt; 0
 * and (s, c) passing {@link Eligibility#eligible} (for a dispatch polish, also with servers at
 * (s, c, q)). {@code I[s,c,q]} exists for every quarter of an "active" (s, c) pair, one with an
 * eligible flow in some quarter; an inactive pair is fixed at its existing servers (more servers
 * there could only cost, consume power, supply and budget, so fixing them is exact) and
 * contributes constants: the idle energy of those servers and their power. A pair with servers
 * held beyond the existing ones ({@link HeldLevels}: a what-if's commitments) is active too, flows
 * or not: held servers are paid and draw power. {@code M[s,q]} exists for sites with an active
 * pair, with held MW, or whose fixed servers need more than existing_it_mw (forced facility MW);
 * other sites stay at existing_it_mw at zero cost.
 */
final class LpVariables {

    /** One flow variable: demand cell (index into {@link #cells}), site, chip, quarter index. */
    record FlowKey(int cell, int site, int chip, int quarter, double avgPerPeak) {
    }

    final PlanningModel model;
    final List<Quarter> quarters;
    /** Every demand cell given, peak 0 included (unmet volume is counted over these). */
    final List<DemandCell> demand;
    /** The cells with peak &gt; 0, in demand order. */
    final List<DemandCell> cells = new ArrayList<>();
    final List<FlowKey> flowKeys = new ArrayList<>();
    /** Flow indices of each cell of {@link #cells}. */
    final List<List<Integer>> flowsOfCell = new ArrayList<>();
    /** [s][c]: the pair has an eligible flow, so I[s,c,q] is a variable. */
    final boolean[][] active;
    /** [s]: M[s,q] is a variable. */
    final boolean[] siteHasMw;
    /** [s]: MW drawn by the fixed (existing) servers of inactive pairs. */
    final double[] fixedLoadMw;
    /** Target utilisation u. */
    final double u;
    /** Given I for a dispatch polish, [s][c][q]; null when I is a decision. */
    final double[][][] fixedInstalled;
    /** The quarters whose I and M are fixed (lead times, commitments) and their levels. */
    final HeldLevels held;
    /** M[s,q] pinned by the caller ({@link LpOptions#fixedMw}); empty for a plain solve. */
    final Map<Plan.SiteQuarter, Double> fixedMw;

    /**
     * @throws IllegalArgumentException on a demand cell of an unknown region or workload,
     *                                  outside the horizon, or given twice
     */
    LpVariables(PlanningModel model, List<DemandCell> demand, double[][][] fixedInstalled, HeldLevels held,
                Map<Plan.SiteQuarter, Double> fixedMw) {
        this(model, demand, fixedInstalled, held, fixedMw, Set.of());
    }

    /**
     * As above, with the (s, c) pairs named in {@code activePairs} ("site/chip") active whether or
     * not they have an eligible flow: in an extensive form, a pair one future can use may be
     * committed in every future (the servers then idle where they cannot serve), so fixing it at
     * its existing servers in the others would cut such hedges off.
     */
    LpVariables(PlanningModel model, List<DemandCell> demand, double[][][] fixedInstalled, HeldLevels held,
                Map<Plan.SiteQuarter, Double> fixedMw, Set<String> activePairs) {
        this.model = model;
        this.held = held;
        this.fixedMw = fixedMw;
        this.quarters = model.quarters();
        this.demand = List.copyOf(demand);
        this.fixedInstalled = fixedInstalled;
        this.u = model.policy().targetUtilization();
        int ns = model.sites().size();
        active = new boolean[ns][model.chips().size()];
        siteHasMw = new boolean[ns];
        fixedLoadMw = new double[ns];
        indexFlows();
        for (int s = 0; s < ns; s++) {
            for (int c = 0; c < model.chips().size(); c++) {
                active[s][c] |= activePairs.contains(pairId(s, c));
            }
        }
        indexFacilities();
    }

    private void indexFlows() {
        Map<Quarter, Integer> qIndex = new HashMap<>();
        for (int i = 0; i < quarters.size(); i++) {
            qIndex.put(quarters.get(i), i);
        }
        Set<String> seen = new HashSet<>();
        for (DemandCell d : demand) {
            Region r = model.region(d.region()).orElseThrow(() -> new IllegalArgumentException("unknown region " + d.region()));
            Workload w = model.workload(d.workload()).orElseThrow(() -> new IllegalArgumentException("unknown workload " + d.workload()));
            Integer qi = qIndex.get(d.quarter());
            if (qi == null) {
                throw new IllegalArgumentException("demand quarter " + d.quarter() + " outside the horizon");
            }
            if (!seen.add(d.region() + "/" + d.workload() + "/" + d.quarter())) {
                throw new IllegalArgumentException("duplicate demand cell " + d.region() + "/" + d.workload() + "/" + d.quarter());
            }
            if (d.peakIps() > 0) {
                flowsOfCell.add(indexFlowsOf(d, r, w, qi));
            }
        }
    }

    /** Adds the cell and a flow per eligible (s, c) (with servers, for a polish); returns their indices. */
    private List<Integer> indexFlowsOf(DemandCell d, Region r, Workload w, int qi) {
        int cellIdx = cells.size();
        cells.add(d);
        List<Integer> mine = new ArrayList<>();
        for (int s = 0; s < model.sites().size(); s++) {
            Site site = model.sites().get(s);
            for (int c = 0; c < model.chips().size(); c++) {
                if (!Eligibility.eligible(r, w, d.quarter(), site, model.chips().get(c))) {
                    continue;
                }
                if (fixedInstalled != null && !(fixedInstalled[s][c][qi] > 0)) {
                    continue; // no servers: no capacity for this flow
                }
                mine.add(flowKeys.size());
                flowKeys.add(new FlowKey(cellIdx, s, c, qi, d.avgPerPeak()));
                active[s][c] = true;
            }
        }
        return mine;
    }

    /** The fixed servers' MW at each site and whether the site's M is a variable. */
    private void indexFacilities() {
        int last = quarters.size() - 1;
        for (int s = 0; s < model.sites().size(); s++) {
            Site site = model.sites().get(s);
            boolean any = false;
            for (int c = 0; c < model.chips().size(); c++) {
                Chip chip = model.chips().get(c);
                if (fixedInstalled == null && last >= 0 && held.heldBeyondExisting(s, c, last) > 0) {
                    active[s][c] = true; // held servers are decided: paid, powered, idle if nothing may use them
                }
                if (active[s][c]) {
                    any = true;
                } else {
                    fixedLoadMw[s] += site.existingServers(chip.id()) * chip.serverKw() / 1000.0;
                }
            }
            boolean heldMw = last >= 0 && held.mw(s, last) > site.existingItMw();
            siteHasMw[s] = any || heldMw || fixedLoadMw[s] > site.existingItMw() + 1e-12;
        }
    }

    /** "site/chip", how {@link #LpVariables(PlanningModel, List, double[][][], HeldLevels, Map, Set)} names a pair. */
    String pairId(int s, int c) {
        return model.sites().get(s).id() + "/" + model.chips().get(c).id();
    }

    int sites() {
        return model.sites().size();
    }

    int chips() {
        return model.chips().size();
    }

    Site site(int s) {
        return model.sites().get(s);
    }

    Chip chip(int c) {
        return model.chips().get(c);
    }

    /** Throughput of the flow's chip on its cell's workload (positive: the flow is eligible). */
    double throughput(FlowKey fk) {
        return chip(fk.chip()).throughput(cells.get(fk.cell()).workload());
    }

    /** One number per (s, c, q), the key of its capacity row and load. */
    int capacityKey(FlowKey fk) {
        return capacityKey(fk.site(), fk.chip(), fk.quarter());
    }

    int capacityKey(int s, int c, int q) {
        return (s * chips() + c) * quarters.size() + q;
    }
}
