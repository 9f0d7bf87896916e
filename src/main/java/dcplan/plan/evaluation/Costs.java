package dcplan.plan.evaluation;

import dcplan.model.UnitCosts;
import dcplan.plan.Evaluation.CostTerms;
import dcplan.plan.Evaluation.QuarterCost;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objective's three cost terms of a plan (contract, "Objective"), each per (s, c, q) or
 * (s, q) from {@link UnitCosts}, summed over the horizon, by quarter, site and chip, and shared
 * out to regions and chips.
 *
 * <h2>Cost shares (per region and per chip)</h2>
 * Per region, following the contract ("site costs shared out by each region's share of busy
 * servers there"), with {@code busy_r[s,c,q] = sum_w flow_avg[r,w,q,s,c] / throughput[c][w]}:
 * <ul>
 *   <li>the server capex and energy of (s, c, q) go to each region r in proportion to
 *   {@code busy_r[s,c,q]};</li>
 *   <li>the facility capex of (s, q) goes to each region in proportion to
 *   {@code sum_c busy_r[s,c,q]} (busy servers at the site, all chips);</li>
 *   <li>where that weight is 0 for every region (idle servers, e.g. built ahead of demand), the
 *   cost is shared by the region's busy servers at the same site over the whole horizon, and if
 *   the site never serves anything, by the region's busy servers over every site and quarter;
 *   only when nothing at all is served does cost stay unattributed. So region costs add up to
 *   the total whenever anything is served.</li>
 * </ul>
 * Per chip: a chip carries its own server capex and energy; the facility capex of (s, q) is
 * shared by the chip's share of installed IT kW ({@code I[s,c,q] * server_kw}) there, falling
 * back to its share at the site over the horizon, then everywhere.
 * USD per million inferences is the (attributed) cost over the served inferences times 1e6,
 * null where nothing was served.
 */
public final class Costs {
    private final PlanArrays a;
    private final ModelIndex ix;
    private final double[][][] serverCapex;   // [s][c][q]
    private final double[][][] energy;        // [s][c][q]
    private final double[][] facilityCapex;   // [s][q]

    private CostTerms total = CostTerms.ZERO;
    private final List<QuarterCost> byQuarter = new ArrayList<>();
    private final Map<String, CostTerms> bySite = new LinkedHashMap<>();
    private final Map<String, CostTerms> byChip = new LinkedHashMap<>();
    private final Map<String, Double> byRegion = new LinkedHashMap<>();
    private final Map<String, Double> perMillionBySite = new LinkedHashMap<>();
    private final Map<String, Double> perMillionByChip = new LinkedHashMap<>();
    private final Map<String, Double> perMillionByRegion = new LinkedHashMap<>();
    private double unattributedToRegions;
    private double unattributedToChips;

    private Costs(PlanArrays a) {
        this.a = a;
        this.ix = a.index();
        serverCapex = new double[ix.sites()][ix.chips()][ix.quarters()];
        energy = new double[ix.sites()][ix.chips()][ix.quarters()];
        facilityCapex = new double[ix.sites()][ix.quarters()];
    }

    /** Every cost figure of the plan read into {@code a}. */
    public static Costs of(PlanArrays a) {
        Costs costs = new Costs(a);
        costs.terms();
        double[][] chipServerAndEnergy = costs.totals();
        costs.regionShares();
        costs.chipShares(chipServerAndEnergy);
        return costs;
    }

    /** The three terms per (s, c, q) and (s, q), from {@link UnitCosts}. */
    private void terms() {
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                for (int q = 0; q < ix.quarters(); q++) {
                    int installed = a.installed(s, c, q);
                    serverCapex[s][c][q] = UnitCosts.serverCapex(ix.site(s), ix.chip(c), installed);
                    energy[s][c][q] = UnitCosts.energy(ix.site(s), ix.chip(c), installed, a.busyOnAverage(s, c, q));
                }
            }
            for (int q = 0; q < ix.quarters(); q++) {
                facilityCapex[s][q] = UnitCosts.facilityCapex(ix.site(s), ix.model().policy(), a.built(s, q));
            }
        }
    }

    /**
     * Sums the terms over the horizon, by quarter and by site; returns the server capex and
     * energy of each chip ({@code [c][0]}, {@code [c][2]}), whose facility share comes later.
     */
    private double[][] totals() {
        double[][] quarterTerms = new double[ix.quarters()][3];
        double[][] siteTerms = new double[ix.sites()][3];
        double[][] chipTerms = new double[ix.chips()][3];
        for (int s = 0; s < ix.sites(); s++) {
            for (int q = 0; q < ix.quarters(); q++) {
                for (int c = 0; c < ix.chips(); c++) {
                    quarterTerms[q][0] += serverCapex[s][c][q];
                    quarterTerms[q][2] += energy[s][c][q];
                    siteTerms[s][0] += serverCapex[s][c][q];
                    siteTerms[s][2] += energy[s][c][q];
                    chipTerms[c][0] += serverCapex[s][c][q];
                    chipTerms[c][2] += energy[s][c][q];
                }
                quarterTerms[q][1] += facilityCapex[s][q];
                siteTerms[s][1] += facilityCapex[s][q];
            }
        }
        for (int q = 0; q < ix.quarters(); q++) {
            CostTerms t = new CostTerms(quarterTerms[q][0], quarterTerms[q][1], quarterTerms[q][2]);
            byQuarter.add(new QuarterCost(ix.quarter(q), t));
            total = total.plus(t);
        }
        for (int s = 0; s < ix.sites(); s++) {
            CostTerms t = new CostTerms(siteTerms[s][0], siteTerms[s][1], siteTerms[s][2]);
            bySite.put(ix.site(s).id(), t);
            perMillionBySite.put(ix.site(s).id(), perMillion(t.total(), a.servedAtSite(s)));
        }
        return chipTerms;
    }

    /** Shares every cost out to regions by their busy servers (see the class comment). */
    private void regionShares() {
        int nR = ix.regions();
        double[][] regionAtSite = new double[ix.sites()][nR];   // busy_r at s over the horizon
        double[] regionEverywhere = new double[nR];
        for (int r = 0; r < nR; r++) {
            for (int s = 0; s < ix.sites(); s++) {
                for (int c = 0; c < ix.chips(); c++) {
                    for (int q = 0; q < ix.quarters(); q++) {
                        regionAtSite[s][r] += a.busyOfRegion(r, s, c, q);
                    }
                }
                regionEverywhere[r] += regionAtSite[s][r];
            }
        }
        double[] regionCost = new double[nR];
        for (int s = 0; s < ix.sites(); s++) {
            for (int q = 0; q < ix.quarters(); q++) {
                double[] siteQuarter = new double[nR];
                for (int c = 0; c < ix.chips(); c++) {
                    double[] w = new double[nR];
                    for (int r = 0; r < nR; r++) {
                        w[r] = a.busyOfRegion(r, s, c, q);
                        siteQuarter[r] += w[r];
                    }
                    unattributedToRegions += allocate(serverCapex[s][c][q] + energy[s][c][q], regionCost,
                            w, regionAtSite[s], regionEverywhere);
                }
                unattributedToRegions += allocate(facilityCapex[s][q], regionCost, siteQuarter, regionAtSite[s],
                        regionEverywhere);
            }
        }
        for (int r = 0; r < nR; r++) {
            byRegion.put(ix.region(r).id(), regionCost[r]);
            perMillionByRegion.put(ix.region(r).id(), perMillion(regionCost[r], a.servedInRegion(r)));
        }
    }

    /** Each chip's own server capex and energy, plus facility capex shared by installed kW. */
    private void chipShares(double[][] chipTerms) {
        double[][] chipKwAtSite = new double[ix.sites()][ix.chips()];
        double[] chipKwEverywhere = new double[ix.chips()];
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                for (int q = 0; q < ix.quarters(); q++) {
                    chipKwAtSite[s][c] += installedKw(s, c, q);
                }
                chipKwEverywhere[c] += chipKwAtSite[s][c];
            }
        }
        double[] chipFacility = new double[ix.chips()];
        for (int s = 0; s < ix.sites(); s++) {
            for (int q = 0; q < ix.quarters(); q++) {
                double[] kw = new double[ix.chips()];
                for (int c = 0; c < ix.chips(); c++) {
                    kw[c] = installedKw(s, c, q);
                }
                unattributedToChips += allocate(facilityCapex[s][q], chipFacility, kw, chipKwAtSite[s], chipKwEverywhere);
            }
        }
        for (int c = 0; c < ix.chips(); c++) {
            CostTerms t = new CostTerms(chipTerms[c][0], chipFacility[c], chipTerms[c][2]);
            byChip.put(ix.chip(c).id(), t);
            perMillionByChip.put(ix.chip(c).id(), perMillion(t.total(), a.servedOnChip(c)));
        }
    }

    private double installedKw(int s, int c, int q) {
        return a.installed(s, c, q) * ix.chip(c).serverKw();
    }

    /**
     * Adds {@code amount} to {@code out} in proportion to the first weight vector with a
     * positive total; returns the part left unattributed (all of it when no vector qualifies).
     */
    static double allocate(double amount, double[] out, double[]... levels) {
        if (amount == 0) {
            return 0;
        }
        for (double[] w : levels) {
            double t = 0;
            for (double x : w) {
                t += x;
            }
            if (t > 0) {
                for (int i = 0; i < w.length; i++) {
                    out[i] += amount * (w[i] / t);
                }
                return 0;
            }
        }
        return amount;
    }

    /** USD per million inferences; null when nothing was served. */
    static Double perMillion(double usd, double inferences) {
        return inferences > 0 ? usd / inferences * 1e6 : null;
    }

    /** The three terms summed over the horizon. */
    public CostTerms total() {
        return total;
    }

    /** USD per million inferences over the whole plan; null when nothing was served. */
    public Double usdPerMillionInferences() {
        return perMillion(total.total(), a.servedTotal());
    }

    public List<QuarterCost> byQuarter() {
        return Collections.unmodifiableList(byQuarter);
    }

    public Map<String, CostTerms> bySite() {
        return Collections.unmodifiableMap(bySite);
    }

    public Map<String, CostTerms> byChip() {
        return Collections.unmodifiableMap(byChip);
    }

    public Map<String, Double> byRegion() {
        return Collections.unmodifiableMap(byRegion);
    }

    public double unattributedToRegions() {
        return unattributedToRegions;
    }

    public double unattributedToChips() {
        return unattributedToChips;
    }

    public Map<String, Double> usdPerMillionBySite() {
        return Collections.unmodifiableMap(perMillionBySite);
    }

    public Map<String, Double> usdPerMillionByChip() {
        return Collections.unmodifiableMap(perMillionByChip);
    }

    public Map<String, Double> usdPerMillionByRegion() {
        return Collections.unmodifiableMap(perMillionByRegion);
    }
}
