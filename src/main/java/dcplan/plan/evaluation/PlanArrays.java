package dcplan.plan.evaluation;

import dcplan.model.DemandCell;
import dcplan.model.Quarter;
import dcplan.plan.Plan;
import dcplan.plan.Sizing;
import dcplan.plan.evaluation.ModelIndex.CellKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan read into arrays indexed by the model's positions ({@link ModelIndex}):
 * {@code I[s][c][q]}, {@code M[s][q]}, busy servers at peak and on average, busy servers per
 * region, MW used and servers added per chip; and what the flows serve.
 *
 * <ul>
 *   <li>{@code I[s,c,q]} is {@code plan.installed()}, a missing key meaning 0. A (site, chip)
 *   with existing servers that is absent from the map therefore has {@code I = 0} and violates
 *   {@code I >= existing_servers}: a plan must always list its existing servers.</li>
 *   <li>{@code M[s,q]} is {@code plan.itMwBuilt()}, a missing key meaning {@code existing_it_mw}.</li>
 *   <li>Flows with the same (r, w, q, s, c) are added up. A flow's {@code avgIps} field is not
 *   used: {@code flow_avg = flow * avg_ips / peak_ips} of its demand cell (0 when the cell is
 *   absent); a stored value that differs is reported as a warning. Aggregated flows are summed
 *   in a fixed (sorted) order, so a plan evaluates to the same doubles whatever the order of its
 *   flow list (and after a write / read-back round trip).</li>
 *   <li>A flow that is not finite and {@code >= 0}, or one naming a region, workload, site or
 *   chip absent from the model or a quarter outside the horizon, is left out of every sum (the
 *   constraints {@code flow_non_negative} and {@code unknown_keys} report it). Likewise installed
 *   or MW entries with unknown keys.</li>
 *   <li>A flow with throughput 0 for its workload is an eligibility violation and is left out
 *   of busy servers (capacity and energy), as it cannot be converted to servers.</li>
 * </ul>
 */
public final class PlanArrays {
    /** The key of one aggregated flow. */
    public record FlowKey(String region, String workload, Quarter quarter, String site, String chip) {
        /** "r/w/q at s/c", how violation lines name a flow. */
        public String where() {
            return region + "/" + workload + "/" + quarter + " at " + site + "/" + chip;
        }

        public CellKey cell() {
            return new CellKey(region, workload, quarter);
        }
    }

    /**
     * One aggregated flow: its positions, the peak ips summed, {@code flow_avg} from its demand
     * cell, and the sum of the avg ips the plan stored (only compared, never used).
     */
    public record Flow(FlowKey key, int r, int s, int c, int q, double peakIps, double avgIps, double storedAvgIps) {
    }

    private static final Comparator<FlowKey> FLOW_ORDER = Comparator.comparing(FlowKey::region)
            .thenComparing(FlowKey::workload).thenComparing(FlowKey::quarter)
            .thenComparing(FlowKey::site).thenComparing(FlowKey::chip);

    private final ModelIndex ix;
    private final List<Flow> flows = new ArrayList<>();
    private final int[][][] installed;        // I[s][c][q]
    private final boolean[][][] listed;       // I[s][c][q] given by the plan (not defaulted to 0)
    private final double[][] built;           // M[s][q]
    private final double[][][] busyPeak;      // sum flow / throughput
    private final double[][][] busyAvg;       // sum flow_avg / throughput
    private final double[][][][] busyByRegion; // [r][s][c][q] sum flow_avg / throughput
    private final double[][] usedMw;          // sum_c I * kW / 1000
    private final long[][] addedByChip;       // [c][q] sum_s (I[q] - I[q-1])
    private final Map<CellKey, Double> servedPeak = new LinkedHashMap<>();
    private final double[] servedAtSite;      // inferences
    private final double[] servedOnChip;
    private final double[] servedInRegion;
    private double servedTotal;

    private PlanArrays(ModelIndex ix) {
        this.ix = ix;
        int nS = ix.sites();
        int nC = ix.chips();
        int nQ = ix.quarters();
        installed = new int[nS][nC][nQ];
        listed = new boolean[nS][nC][nQ];
        built = new double[nS][nQ];
        busyPeak = new double[nS][nC][nQ];
        busyAvg = new double[nS][nC][nQ];
        busyByRegion = new double[ix.regions()][nS][nC][nQ];
        usedMw = new double[nS][nQ];
        addedByChip = new long[nC][nQ];
        servedAtSite = new double[nS];
        servedOnChip = new double[nC];
        servedInRegion = new double[ix.regions()];
    }

    /** Reads {@code plan}; entries the model does not know, and invalid flows, are skipped. */
    public static PlanArrays read(ModelIndex ix, Plan plan) {
        PlanArrays a = new PlanArrays(ix);
        a.readInstalledAndBuilt(plan);
        a.readFlows(plan);
        a.sumUsedMwAndAdded();
        return a;
    }

    /** A flow value the evaluation can use: finite and {@code >= 0} (constraint flow_non_negative). */
    public static boolean finiteNonNegative(double ips) {
        return ips >= 0 && !Double.isInfinite(ips);
    }

    private void readInstalledAndBuilt(Plan plan) {
        for (int s = 0; s < ix.sites(); s++) {
            Arrays.fill(built[s], ix.site(s).existingItMw());
        }
        for (Map.Entry<Plan.SiteChipQuarter, Integer> e : plan.installed().entrySet()) {
            Plan.SiteChipQuarter k = e.getKey();
            if (ix.knows(k)) {
                int s = ix.siteIndex(k.site());
                int c = ix.chipIndex(k.chip());
                int q = ix.quarterIndex(k.quarter());
                installed[s][c][q] = e.getValue();
                listed[s][c][q] = true;
            }
        }
        for (Map.Entry<Plan.SiteQuarter, Double> e : plan.itMwBuilt().entrySet()) {
            Plan.SiteQuarter k = e.getKey();
            if (ix.knows(k)) {
                built[ix.siteIndex(k.site())][ix.quarterIndex(k.quarter())] = e.getValue();
            }
        }
    }

    private void readFlows(Plan plan) {
        Map<FlowKey, Double> flowSum = new TreeMap<>(FLOW_ORDER);
        Map<FlowKey, Double> storedAvg = new HashMap<>();
        for (Plan.Flow f : plan.flows()) {
            if (ix.unknownKeys(f).isEmpty() && finiteNonNegative(f.peakIps())) {
                FlowKey k = new FlowKey(f.region(), f.workload(), f.quarter(), f.site(), f.chip());
                flowSum.merge(k, f.peakIps(), Double::sum);
                storedAvg.merge(k, f.avgIps(), Double::sum);
            }
        }
        for (Map.Entry<FlowKey, Double> e : flowSum.entrySet()) {
            add(e.getKey(), e.getValue(), storedAvg.get(e.getKey()));
        }
    }

    /** One aggregated flow into busy servers and served volumes. */
    private void add(FlowKey k, double flow, double stored) {
        int s = ix.siteIndex(k.site());
        int c = ix.chipIndex(k.chip());
        int q = ix.quarterIndex(k.quarter());
        int r = ix.regionIndex(k.region());
        DemandCell cell = ix.cell(k.cell());
        double flowAvg = flow * (cell == null ? 0.0 : cell.avgPerPeak());
        servedPeak.merge(k.cell(), flow, Double::sum);
        double thr = ix.chip(c).throughput(k.workload());
        busyPeak[s][c][q] += Sizing.busyServers(flow, thr);
        busyAvg[s][c][q] += Sizing.busyServers(flowAvg, thr);
        busyByRegion[r][s][c][q] += Sizing.busyServers(flowAvg, thr);
        double inferences = flowAvg * Quarter.SECONDS;
        servedTotal += inferences;
        servedAtSite[s] += inferences;
        servedOnChip[c] += inferences;
        servedInRegion[r] += inferences;
        flows.add(new Flow(k, r, s, c, q, flow, flowAvg, stored));
    }

    private void sumUsedMwAndAdded() {
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                double kw = ix.chip(c).serverKw();
                for (int q = 0; q < ix.quarters(); q++) {
                    addedByChip[c][q] += added(s, c, q);
                    usedMw[s][q] += installed[s][c][q] * kw / 1000.0;
                }
            }
        }
    }

    /**
     * A warning per aggregated flow whose stored avg ips differ (beyond round-off) from
     * {@code flow * avg / peak}, which is what the evaluation uses.
     */
    public List<String> storedAverageWarnings() {
        List<String> warnings = new ArrayList<>();
        for (Flow f : flows) {
            if (!(Sizing.leq(f.storedAvgIps(), f.avgIps()) && Sizing.leq(f.avgIps(), f.storedAvgIps()))) {
                warnings.add("flow " + f.key().where() + ": avg_ips " + f.storedAvgIps()
                        + " differs from flow * avg / peak = " + f.avgIps() + " (the latter is used)");
            }
        }
        return warnings;
    }

    public ModelIndex index() {
        return ix;
    }

    /** The aggregated flows in (region, workload, quarter, site, chip) order, zero flows included. */
    public List<Flow> flows() {
        return Collections.unmodifiableList(flows);
    }

    /** {@code I[s,c,q]}. */
    public int installed(int s, int c, int q) {
        return installed[s][c][q];
    }

    /** Whether the plan lists {@code I[s,c,q]} (else it counts as 0). */
    public boolean listed(int s, int c, int q) {
        return listed[s][c][q];
    }

    /** {@code I[s,c,q] - I[s,c,q-1]}, with {@code I = existing_servers} before the horizon. */
    public int added(int s, int c, int q) {
        int previous = q == 0 ? ix.site(s).existingServers(ix.chip(c).id()) : installed[s][c][q - 1];
        return installed[s][c][q] - previous;
    }

    /** {@code M[s,q]}. */
    public double built(int s, int q) {
        return built[s][q];
    }

    /** {@code M[s,q] - M[s,q-1]}, with {@code M = existing_it_mw} before the horizon. */
    public double addedMw(int s, int q) {
        return built[s][q] - (q == 0 ? ix.site(s).existingItMw() : built[s][q - 1]);
    }

    /** {@code sum_{r,w} flow / throughput} at (s, c, q): servers busy at peak. */
    public double busyAtPeak(int s, int c, int q) {
        return busyPeak[s][c][q];
    }

    /** {@code busy[s,c,q] = sum_{r,w} flow_avg / throughput}: servers busy on average. */
    public double busyOnAverage(int s, int c, int q) {
        return busyAvg[s][c][q];
    }

    /** {@code sum_w flow_avg[r,...] / throughput} at (s, c, q): region r's busy servers. */
    public double busyOfRegion(int r, int s, int c, int q) {
        return busyByRegion[r][s][c][q];
    }

    /** {@code sum_c I[s,c,q] * server_kw / 1000}: MW the installed servers draw. */
    public double usedMw(int s, int q) {
        return usedMw[s][q];
    }

    /** {@code sum_s (I[s,c,q] - I[s,c,q-1])}: servers of chip c delivered in q. */
    public long addedOfChip(int c, int q) {
        return addedByChip[c][q];
    }

    /** Peak ips served per demand cell key (cells named by flows only, in flow order). */
    public Map<CellKey, Double> servedPeak() {
        return Collections.unmodifiableMap(servedPeak);
    }

    /** Inferences served over the horizon ({@code sum flow_avg * 2190 * 3600}). */
    public double servedTotal() {
        return servedTotal;
    }

    public double servedAtSite(int s) {
        return servedAtSite[s];
    }

    public double servedOnChip(int c) {
        return servedOnChip[c];
    }

    public double servedInRegion(int r) {
        return servedInRegion[r];
    }
}
