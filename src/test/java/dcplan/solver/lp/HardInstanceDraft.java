package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.model.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * A {@link HardInstances} instance while it is shaped: drawn roomy by {@link HardInstanceBase},
 * tightened by a flavor ({@link HardFlavors}), then frozen into the model's records by {@link #model()} and {@link #demand()}. The estimates below (servers, MW and
 * cash a demand needs on a given chip) are what the flavors size their limits against; they are
 * rough on purpose (one typical site's prices, no rounding), and {@code HardInstancesTest} checks
 * with the exact LP that each flavor binds as documented.
 */
final class HardInstanceDraft {

    static final String[] WORKLOADS = {"llm-chat", "llm-batch", "embedding", "recsys"};
    /** The workloads' SLOs of models/workloads.yaml (ms; null: batch, no limit). */
    static final Double[] SLO = {100.0, null, 60.0, 40.0};
    /** Throughput per workload (ips per server) of the cheapest and the dearest chip (as RandomInstances). */
    static final double[][] THROUGHPUT = {{12, 45}, {8, 40}, {1500, 13000}, {5000, 30000}};
    static final double U = 0.8;
    static final int FACILITY_AMORTIZATION = 60;
    /** Share of an installed server's peak capacity busy on average (u times avg / peak of about 0.5). */
    private static final double BUSY_SHARE = 0.4;

    /** A region while it is shaped. */
    static final class RegionDraft {
        String id;
        String jurisdiction;
        List<String> residency = new ArrayList<>();
        Map<String, Double> slo = new LinkedHashMap<>();

        Region toRegion() {
            return new Region(id, "Region " + id, List.of("C" + id), residency, slo);
        }
    }

    /** A site while it is shaped; {@code ready} is a quarter index or null (from the start). */
    static final class SiteDraft {
        String id;
        int home;
        String country;
        String jurisdiction;
        Map<String, Double> latency = new LinkedHashMap<>();
        double existingMw;
        double maxMw;
        double usdPerMw;
        Integer ready;
        double usdPerMwh;
        double pue;
        Map<String, Integer> existingServers = new LinkedHashMap<>();
        /** Contract version 2 ({@link HardCommitments}); 0 and null: built in no time, continuously. */
        int buildQuarters;
        Double phaseMw;

        Site toSite(List<Quarter> qs) {
            return new Site(id, "Site " + id, country, jurisdiction, latency, existingMw, maxMw, usdPerMw,
                    ready == null ? null : qs.get(ready), usdPerMwh, pue, existingServers, buildQuarters, phaseMw);
        }
    }

    /** A chip while it is shaped; {@code supplyByQuarter} is keyed by quarter index. */
    static final class ChipDraft {
        String id;
        double price;
        double kw;
        double idle;
        int amortization;
        Map<String, Double> throughput = new LinkedHashMap<>();
        Long supplyDefault;
        Map<Integer, Long> supplyByQuarter = new LinkedHashMap<>();
        /** Contract version 2 ({@link HardCommitments}); 0: installed in the quarter ordered. */
        int orderLead;

        Chip toChip(List<Quarter> qs) {
            Map<Quarter, Long> per = new LinkedHashMap<>();
            supplyByQuarter.forEach((q, v) -> per.put(qs.get(q), v));
            return new Chip(id, "vendor-" + id, false, price, kw, idle, amortization, throughput,
                    new Chip.Supply(supplyDefault, per), List.of(), orderLead);
        }
    }

    final List<Quarter> quarters;
    final List<Workload> workloads = new ArrayList<>();
    final List<RegionDraft> regions = new ArrayList<>();
    final List<SiteDraft> sites = new ArrayList<>();
    final List<ChipDraft> chips = new ArrayList<>();
    /** [region][workload][quarter], ips. */
    final double[][][] peak;
    final double[][][] avg;
    final Map<Integer, Double> budgets = new LinkedHashMap<>();

    static HardInstanceDraft empty(int regions, int workloads, int quarters) {
        return new HardInstanceDraft(regions, workloads, quarters);
    }

    private HardInstanceDraft(int regions, int workloads, int quarters) {
        Quarter from = new Quarter(2026, 1);
        this.quarters = Quarter.range(from, Quarter.ofOrdinal(from.ordinal() + quarters - 1));
        this.peak = new double[regions][workloads][quarters];
        this.avg = new double[regions][workloads][quarters];
    }

    // ------------------------------------------------------------------ estimates the flavors size against

    /** Sites whose home is region r, in site order (the hub of the residency flavor excluded). */
    List<SiteDraft> homeSites(int r) {
        return sites.stream().filter(s -> s.home == r).toList();
    }

    /** MW per peak ips served on chip c (at u). */
    double mwPerIps(ChipDraft c, int w) {
        return c.kw / (c.throughput.get(WORKLOADS[w]) * U * 1000.0);
    }

    /** MW per peak ips of workload w on its most power-frugal chip. */
    double minMwPerIps(int w) {
        return chips.stream().mapToDouble(c -> mwPerIps(c, w)).min().orElseThrow();
    }

    /** The least MW region r's demand of quarter q needs: every workload on its most power-frugal chip. */
    double minMw(int r, int q) {
        double mw = 0;
        for (int w = 0; w < workloads.size(); w++) {
            mw += peak[r][w][q] * minMwPerIps(w);
        }
        return mw;
    }

    /** The most MW region r's demand of quarter q may take: every workload on its most power-hungry chip. */
    double worstMw(int r, int q) {
        double mw = 0;
        for (int w = 0; w < workloads.size(); w++) {
            final int ww = w;
            mw += peak[r][w][q] * chips.stream().mapToDouble(c -> mwPerIps(c, ww)).max().orElseThrow();
        }
        return mw;
    }

    /** Servers of chip c that all the demand of quarter q would need, were c the only chip. */
    double serversOnly(ChipDraft c, int q) {
        double n = 0;
        for (int r = 0; r < regions.size(); r++) {
            for (int w = 0; w < workloads.size(); w++) {
                n += peak[r][w][q] / (c.throughput.get(WORKLOADS[w]) * U);
            }
        }
        return n;
    }

    /** Existing servers of chip c over every site. */
    int existingServers(ChipDraft c) {
        return sites.stream().mapToInt(s -> s.existingServers.getOrDefault(c.id, 0)).sum();
    }

    /** A site with the sites' mean prices, for per-unit cost estimates. */
    private Site typicalSite() {
        SiteDraft t = new SiteDraft();
        t.id = "typical";
        t.country = "C";
        t.jurisdiction = "J";
        t.usdPerMw = sites.stream().mapToDouble(s -> s.usdPerMw).average().orElseThrow();
        t.usdPerMwh = sites.stream().mapToDouble(s -> s.usdPerMwh).average().orElseThrow();
        t.pue = sites.stream().mapToDouble(s -> s.pue).average().orElseThrow();
        return t.toSite(quarters);
    }

    private Policy policy() {
        return new Policy(quarters.get(0), quarters.get(quarters.size() - 1), 0.9, 0.3, U, budgets, FACILITY_AMORTIZATION);
    }

    /** Cost per quarter of one peak ips of workload w on chip c at a typical site (capex, MW, energy). */
    double costPerIpsQuarter(ChipDraft c, int w) {
        Site site = typicalSite();
        Chip chip = c.toChip(quarters);
        double perServer = UnitCosts.installedServerPerQuarter(site, chip)
                + BUSY_SHARE * UnitCosts.busyEnergyPerServerQuarter(site, chip)
                + UnitCosts.facilityCapexPerMwQuarter(site, policy()) * c.kw / 1000.0;
        return perServer / (c.throughput.get(WORKLOADS[w]) * U);
    }

    /** Cash to buy servers and MW for one more peak ips of workload w on chip c at a typical site. */
    double cashPerIps(ChipDraft c, int w) {
        Site site = typicalSite();
        Chip chip = c.toChip(quarters);
        return (UnitCosts.serverCash(chip) + UnitCosts.facilityCashPerMw(site) * c.kw / 1000.0)
                / (c.throughput.get(WORKLOADS[w]) * U);
    }

    /** The chip of least {@link #costPerIpsQuarter} for workload w (index). */
    int cheapestToRun(int w) {
        return argMin(c -> costPerIpsQuarter(chips.get(c), w));
    }

    /** The chip of least {@link #cashPerIps} for workload w (index). */
    int cheapestToBuy(int w) {
        return argMin(c -> cashPerIps(chips.get(c), w));
    }

    private int argMin(java.util.function.IntToDoubleFunction f) {
        int best = 0;
        for (int c = 1; c < chips.size(); c++) {
            if (f.applyAsDouble(c) < f.applyAsDouble(best)) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Cash the growth of the quarters of year index y needs (the whole fleet in the first year)
     * when workload w runs on chip {@code chipOf(w)}: its servers, and the MW beyond what is
     * already built (existing servers not counted).
     */
    double cashNeed(int yearIndex, IntUnaryOperator chipOf) {
        List<Integer> years = years();
        int last = lastQuarterOf(years.get(yearIndex));
        int before = yearIndex == 0 ? -1 : lastQuarterOf(years.get(yearIndex - 1));
        double serverCash = 0;
        for (int r = 0; r < regions.size(); r++) {
            for (int w = 0; w < workloads.size(); w++) {
                ChipDraft c = chips.get(chipOf.applyAsInt(w));
                double added = peak[r][w][last] - (before < 0 ? 0 : peak[r][w][before]);
                serverCash += Math.max(0, added) / (c.throughput.get(WORKLOADS[w]) * U) * UnitCosts.serverCash(c.toChip(quarters));
            }
        }
        double built = sites.stream().mapToDouble(s -> s.existingMw).sum();
        double mwBefore = before < 0 ? built : Math.max(built, mwNeed(before, chipOf));
        double mwAdded = Math.max(0, mwNeed(last, chipOf) - mwBefore);
        return serverCash + mwAdded * UnitCosts.facilityCashPerMw(typicalSite());
    }

    /** MW the whole demand of quarter q needs when workload w runs on chip {@code chipOf(w)}. */
    private double mwNeed(int q, IntUnaryOperator chipOf) {
        double mw = 0;
        for (int r = 0; r < regions.size(); r++) {
            for (int w = 0; w < workloads.size(); w++) {
                mw += peak[r][w][q] * mwPerIps(chips.get(chipOf.applyAsInt(w)), w);
            }
        }
        return mw;
    }

    List<Integer> years() {
        return quarters.stream().map(Quarter::year).distinct().toList();
    }

    private int lastQuarterOf(int year) {
        int last = -1;
        for (int q = 0; q < quarters.size(); q++) {
            if (quarters.get(q).year() == year) {
                last = q;
            }
        }
        return last;
    }

    /** Average volume (sum of avg ips over the horizon) of region r; the unit of served shares. */
    double volume(int r) {
        double v = 0;
        for (int w = 0; w < workloads.size(); w++) {
            for (int q = 0; q < quarters.size(); q++) {
                v += avg[r][w][q];
            }
        }
        return v;
    }

    double volume() {
        double v = 0;
        for (int r = 0; r < regions.size(); r++) {
            v += volume(r);
        }
        return v;
    }

    // ------------------------------------------------------------------ frozen

    PlanningModel model() {
        return new PlanningModel(regions.stream().map(RegionDraft::toRegion).toList(), workloads,
                sites.stream().map(s -> s.toSite(quarters)).toList(), chips.stream().map(c -> c.toChip(quarters)).toList(),
                policy());
    }

    List<DemandCell> demand() {
        List<DemandCell> cells = new ArrayList<>();
        for (int r = 0; r < regions.size(); r++) {
            for (int w = 0; w < workloads.size(); w++) {
                for (int q = 0; q < quarters.size(); q++) {
                    cells.add(new DemandCell(regions.get(r).id, WORKLOADS[w], quarters.get(q), peak[r][w][q], avg[r][w][q]));
                }
            }
        }
        return cells;
    }

    // ------------------------------------------------------------------ draws

    /** n positive shares summing to 1. */
    static double[] shares(int n, SplittableRandom rnd) {
        double[] s = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            s[i] = uniform(rnd, 0.5, 1.5);
            sum += s[i];
        }
        for (int i = 0; i < n; i++) {
            s[i] /= sum;
        }
        return s;
    }

    static double uniform(SplittableRandom rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    static double clamp01(double v) {
        return Math.min(1, Math.max(0, v));
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
