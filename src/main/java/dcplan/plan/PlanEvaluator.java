package dcplan.plan;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;
import dcplan.plan.Evaluation.BindingLimit;
import dcplan.plan.Evaluation.CellResult;
import dcplan.plan.Evaluation.CostTerms;
import dcplan.plan.Evaluation.QuarterCost;
import dcplan.plan.Evaluation.RegionResult;
import dcplan.plan.Evaluation.YearCapex;
import dcplan.plan.PlanTables.FacilityRow;
import dcplan.plan.PlanTables.FlowRow;
import dcplan.plan.PlanTables.ServerRow;
import dcplan.plan.PlanTables.UnmetRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates a plan straight from the spec's formulas (shared/spec/planning-model.md),
 * independently of any solver. Pure: no I/O, no state.
 *
 * <h2>Reading the plan</h2>
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
 *   <li>A negative or non-finite flow (constraint {@code flow_non_negative}) or one naming a
 *   region, workload, site or chip absent from the model or a quarter outside the horizon
 *   ({@code unknown_keys}) is reported and otherwise left out of every sum. Likewise installed
 *   or MW entries with unknown keys.</li>
 *   <li>A flow with throughput 0 for its workload is an eligibility violation and is left out
 *   of busy servers (capacity and energy), as it cannot be converted to servers.</li>
 * </ul>
 *
 * <h2>Tolerances</h2>
 * {@code a <= b} holds when {@code a <= b + 1e-9 * max(|a|, |b|) + 1e-9} ({@link #leq}), so float
 * round-off in flows, MW and money is not a violation. Integer quantities (servers, supply)
 * are compared exactly. Eligibility is strict: any flow {@code > 0} at an ineligible option is a
 * violation. Unmet volumes are exact ({@code max(0, peak - served)}); only the "short" flag of a
 * cell or region uses the tolerance.
 *
 * <h2>Cost shares (per region and per chip)</h2>
 * Per region, following the spec ("site costs shared out by each region's share of busy
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
public final class PlanEvaluator {
    public static final double REL_TOL = 1e-9;
    public static final double ABS_TOL = 1e-9;

    /** Violation groups, in report order. */
    public static final List<String> CONSTRAINTS = List.of(
            "unknown_keys", "flow_non_negative", "eligibility", "capacity", "power", "supply", "budget",
            "no_over_serving", "installed_at_least_existing", "installed_non_decreasing",
            "it_mw_at_least_existing", "it_mw_non_decreasing");

    private PlanEvaluator() {
    }

    /** {@code a <= b} up to a relative 1e-9 plus an absolute 1e-9; false when either is NaN. */
    /** Share of a cell's peak that must be unmet for the cell (and its region) to count as short. */
    public static final double SHORT_SHARE = 1e-6;

    public static boolean leq(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return false;
        }
        if (b == Double.POSITIVE_INFINITY || a == Double.NEGATIVE_INFINITY) {
            return true;
        }
        return a <= b + REL_TOL * Math.max(Math.abs(a), Math.abs(b)) + ABS_TOL;
    }

    private record FlowKey(String region, String workload, Quarter quarter, String site, String chip) {
    }

    private record CellKey(String region, String workload, Quarter quarter) {
    }

    private static final Comparator<FlowKey> FLOW_ORDER = Comparator.comparing(FlowKey::region)
            .thenComparing(FlowKey::workload).thenComparing(FlowKey::quarter)
            .thenComparing(FlowKey::site).thenComparing(FlowKey::chip);

    /**
     * Evaluates {@code plan} against the model and demand. Throws {@link InputException} when the
     * demand table itself is invalid for the model ({@link DemandTable#validate}).
     */
    public static Evaluation evaluate(PlanningModel model, List<DemandCell> demand, Plan plan) {
        List<String> demandProblems = DemandTable.validate(demand, model, "demand");
        if (!demandProblems.isEmpty()) {
            throw new InputException(demandProblems);
        }
        return new Run(model, demand, plan).evaluate();
    }

    /** One evaluation's working state, indexed by site, chip, quarter and region position. */
    private static final class Run {
        final PlanningModel model;
        final List<DemandCell> demand;
        final Plan plan;
        final List<Site> sites;
        final List<Chip> chips;
        final List<Region> regions;
        final List<Quarter> qs;
        final int nS;
        final int nC;
        final int nQ;
        final int nR;
        final Map<String, Integer> siteIx = new HashMap<>();
        final Map<String, Integer> chipIx = new HashMap<>();
        final Map<String, Integer> regionIx = new HashMap<>();
        final Map<String, Workload> workloads = new HashMap<>();
        final Map<Quarter, Integer> qIx = new HashMap<>();
        final Map<String, List<String>> violations = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();
        final Map<CellKey, DemandCell> cells = new LinkedHashMap<>();

        final int[][][] installed;      // I[s][c][q]
        final double[][] built;         // M[s][q]
        final double[][][] busyPeak;    // sum flow / throughput
        final double[][][] busyAvg;     // sum flow_avg / throughput
        final double[][][][] busyByRegion; // [r][s][c][q] sum flow_avg / throughput
        final double[][] usedMw;        // sum_c I * kW / 1000
        final long[][] addedByChip;     // [c][q] sum_s (I[q] - I[q-1])

        Run(PlanningModel model, List<DemandCell> demand, Plan plan) {
            this.model = model;
            this.demand = demand;
            this.plan = plan;
            sites = model.sites();
            chips = model.chips();
            regions = model.regions();
            qs = model.quarters();
            nS = sites.size();
            nC = chips.size();
            nQ = qs.size();
            nR = regions.size();
            for (int i = 0; i < nS; i++) {
                siteIx.put(sites.get(i).id(), i);
            }
            for (int i = 0; i < nC; i++) {
                chipIx.put(chips.get(i).id(), i);
            }
            for (int i = 0; i < nR; i++) {
                regionIx.put(regions.get(i).id(), i);
            }
            for (int i = 0; i < nQ; i++) {
                qIx.put(qs.get(i), i);
            }
            for (Workload w : model.workloads()) {
                workloads.put(w.id(), w);
            }
            for (String c : CONSTRAINTS) {
                violations.put(c, new ArrayList<>());
            }
            for (DemandCell d : demand) {
                cells.put(new CellKey(d.region(), d.workload(), d.quarter()), d);
            }
            installed = new int[nS][nC][nQ];
            built = new double[nS][nQ];
            busyPeak = new double[nS][nC][nQ];
            busyAvg = new double[nS][nC][nQ];
            busyByRegion = new double[nR][nS][nC][nQ];
            usedMw = new double[nS][nQ];
            addedByChip = new long[nC][nQ];
        }

        void violation(String constraint, String line) {
            violations.get(constraint).add(line);
        }

        Evaluation evaluate() {
            // ---- flows: validate keys, aggregate in a fixed order
            Map<FlowKey, Double> flowSum = new TreeMap<>(FLOW_ORDER);
            Map<FlowKey, Double> storedAvg = new HashMap<>();
            for (Plan.Flow f : plan.flows()) {
                String at = "flow " + f.region() + "/" + f.workload() + "/" + f.quarter() + " at " + f.site() + "/" + f.chip();
                List<String> unknown = new ArrayList<>();
                if (!regionIx.containsKey(f.region())) {
                    unknown.add("region '" + f.region() + "'");
                }
                if (!workloads.containsKey(f.workload())) {
                    unknown.add("workload '" + f.workload() + "'");
                }
                if (!siteIx.containsKey(f.site())) {
                    unknown.add("site '" + f.site() + "'");
                }
                if (!chipIx.containsKey(f.chip())) {
                    unknown.add("chip '" + f.chip() + "'");
                }
                if (f.quarter() == null || !qIx.containsKey(f.quarter())) {
                    unknown.add("quarter outside the horizon");
                }
                if (!unknown.isEmpty()) {
                    violation("unknown_keys", at + ": unknown " + String.join(", ", unknown));
                    continue;
                }
                if (!(f.peakIps() >= 0) || Double.isInfinite(f.peakIps())) {
                    violation("flow_non_negative", at + ": flow " + f.peakIps() + " ips must be finite and >= 0");
                    continue;
                }
                FlowKey k = new FlowKey(f.region(), f.workload(), f.quarter(), f.site(), f.chip());
                flowSum.merge(k, f.peakIps(), Double::sum);
                storedAvg.merge(k, f.avgIps(), Double::sum);
            }

            // ---- installed and built
            for (int s = 0; s < nS; s++) {
                for (int q = 0; q < nQ; q++) {
                    built[s][q] = sites.get(s).existingItMw();
                }
            }
            for (Map.Entry<Plan.SiteChipQuarter, Integer> e : plan.installed().entrySet()) {
                Plan.SiteChipQuarter k = e.getKey();
                Integer s = siteIx.get(k.site());
                Integer c = chipIx.get(k.chip());
                Integer q = k.quarter() == null ? null : qIx.get(k.quarter());
                if (s == null || c == null || q == null) {
                    violation("unknown_keys", "installed " + k.site() + "/" + k.chip() + "/" + k.quarter()
                            + ": unknown site, chip or quarter outside the horizon");
                    continue;
                }
                installed[s][c][q] = e.getValue();
            }
            for (Map.Entry<Plan.SiteQuarter, Double> e : plan.itMwBuilt().entrySet()) {
                Plan.SiteQuarter k = e.getKey();
                Integer s = siteIx.get(k.site());
                Integer q = k.quarter() == null ? null : qIx.get(k.quarter());
                if (s == null || q == null) {
                    violation("unknown_keys", "it_mw_built " + k.site() + "/" + k.quarter()
                            + ": unknown site or quarter outside the horizon");
                    continue;
                }
                built[s][q] = e.getValue();
            }

            // ---- flows: eligibility, busy servers, served volumes
            Map<CellKey, Double> servedPeak = new LinkedHashMap<>();
            double[] servedBySite = new double[nS];
            double[] servedByChip = new double[nC];
            double[] servedByRegion = new double[nR];
            double servedTotal = 0;
            List<FlowRow> flowRows = new ArrayList<>();
            for (Map.Entry<FlowKey, Double> e : flowSum.entrySet()) {
                FlowKey k = e.getKey();
                double flow = e.getValue();
                int s = siteIx.get(k.site());
                int c = chipIx.get(k.chip());
                int q = qIx.get(k.quarter());
                int r = regionIx.get(k.region());
                Site site = sites.get(s);
                Chip chip = chips.get(c);
                Region region = regions.get(r);
                Workload w = workloads.get(k.workload());
                if (flow > 0 && !PlanningModel.eligible(region, w, k.quarter(), site, chip)) {
                    violation("eligibility", "flow " + k.region() + "/" + k.workload() + "/" + k.quarter() + " at "
                            + k.site() + "/" + k.chip() + " = " + flow + " ips but the option is not eligible: "
                            + whyIneligible(region, w, k.quarter(), site, chip));
                }
                CellKey ck = new CellKey(k.region(), k.workload(), k.quarter());
                DemandCell cell = cells.get(ck);
                double ratio = cell == null ? 0.0 : cell.avgPerPeak();
                double flowAvg = flow * ratio;
                servedPeak.merge(ck, flow, Double::sum);
                double thr = chip.throughput(k.workload());
                if (thr > 0) {
                    busyPeak[s][c][q] += flow / thr;
                    busyAvg[s][c][q] += flowAvg / thr;
                    busyByRegion[r][s][c][q] += flowAvg / thr;
                }
                double inferences = flowAvg * Quarter.SECONDS;
                servedTotal += inferences;
                servedBySite[s] += inferences;
                servedByChip[c] += inferences;
                servedByRegion[r] += inferences;
                double stored = storedAvg.get(k);
                if (!(Math.abs(stored - flowAvg) <= REL_TOL * Math.max(Math.abs(stored), Math.abs(flowAvg)) + ABS_TOL)) {
                    warnings.add("flow " + k.region() + "/" + k.workload() + "/" + k.quarter() + " at " + k.site() + "/"
                            + k.chip() + ": avg_ips " + stored + " differs from flow * avg / peak = " + flowAvg
                            + " (the latter is used)");
                }
                if (flow > 0) {
                    flowRows.add(new FlowRow(k.region(), k.workload(), k.quarter(), k.site(), k.chip(), flow, flowAvg));
                }
            }

            // ---- the structural constraints on I and M
            for (int s = 0; s < nS; s++) {
                Site site = sites.get(s);
                for (int c = 0; c < nC; c++) {
                    Chip chip = chips.get(c);
                    int existing = site.existingServers(chip.id());
                    for (int q = 0; q < nQ; q++) {
                        int i = installed[s][c][q];
                        if (i < existing) {
                            violation("installed_at_least_existing", "installed " + site.id() + "/" + chip.id() + "/" + qs.get(q)
                                    + " = " + i + " < existing_servers " + existing
                                    + (plan.installed().containsKey(new Plan.SiteChipQuarter(site.id(), chip.id(), qs.get(q)))
                                    ? "" : " (absent from the plan, counted as 0: a plan must list existing servers)"));
                        }
                        if (q > 0 && i < installed[s][c][q - 1]) {
                            violation("installed_non_decreasing", "installed " + site.id() + "/" + chip.id() + " falls from "
                                    + installed[s][c][q - 1] + " in " + qs.get(q - 1) + " to " + i + " in " + qs.get(q));
                        }
                        int previous = q == 0 ? existing : installed[s][c][q - 1];
                        addedByChip[c][q] += (long) i - previous;
                        usedMw[s][q] += i * chip.serverKw() / 1000.0;
                    }
                }
                for (int q = 0; q < nQ; q++) {
                    double m = built[s][q];
                    if (!leq(site.existingItMw(), m)) {
                        violation("it_mw_at_least_existing", "it_mw_built " + site.id() + "/" + qs.get(q) + " = " + m
                                + " MW < existing_it_mw " + site.existingItMw());
                    }
                    if (q > 0 && !leq(built[s][q - 1], m)) {
                        violation("it_mw_non_decreasing", "it_mw_built " + site.id() + " falls from " + built[s][q - 1]
                                + " MW in " + qs.get(q - 1) + " to " + m + " MW in " + qs.get(q));
                    }
                }
            }

            // ---- capacity
            double u = model.policy().targetUtilization();
            for (int s = 0; s < nS; s++) {
                for (int c = 0; c < nC; c++) {
                    for (int q = 0; q < nQ; q++) {
                        double cap = u * installed[s][c][q];
                        if (!leq(busyPeak[s][c][q], cap)) {
                            violation("capacity", sites.get(s).id() + "/" + chips.get(c).id() + "/" + qs.get(q)
                                    + ": flows need " + busyPeak[s][c][q] + " servers at peak > u * I = " + u + " * "
                                    + installed[s][c][q] + " = " + cap);
                        }
                    }
                }
            }

            // ---- power
            for (int s = 0; s < nS; s++) {
                Site site = sites.get(s);
                for (int q = 0; q < nQ; q++) {
                    Quarter quarter = qs.get(q);
                    double m = built[s][q];
                    if (!leq(usedMw[s][q], m)) {
                        violation("power", site.id() + "/" + quarter + ": servers draw " + usedMw[s][q]
                                + " MW > it_mw_built " + m + " MW");
                    }
                    if (!site.canExpandIn(quarter)) {
                        if (!leq(m, site.existingItMw())) {
                            violation("power", site.id() + "/" + quarter + ": it_mw_built " + m
                                    + " MW must equal existing_it_mw " + site.existingItMw()
                                    + " MW before expansion_ready " + site.expansionReady());
                        }
                    } else if (!leq(m, site.maxItMw())) {
                        violation("power", site.id() + "/" + quarter + ": it_mw_built " + m + " MW > max_it_mw "
                                + site.maxItMw() + " MW");
                    }
                }
            }

            // ---- supply
            for (int c = 0; c < nC; c++) {
                Chip chip = chips.get(c);
                for (int q = 0; q < nQ; q++) {
                    long supply = chip.supply().in(qs.get(q));
                    if (addedByChip[c][q] > supply) {
                        violation("supply", chip.id() + "/" + qs.get(q) + ": " + addedByChip[c][q]
                                + " servers added over all sites > supply " + supply);
                    }
                }
            }

            // ---- budget (cash capex per year)
            List<ServerRow> serverRows = new ArrayList<>();
            List<FacilityRow> facilityRows = new ArrayList<>();
            Map<Integer, double[]> cashByYear = new TreeMap<>(); // year -> {servers, facility}
            for (Quarter quarter : qs) {
                cashByYear.computeIfAbsent(quarter.year(), y -> new double[2]);
            }
            for (int s = 0; s < nS; s++) {
                Site site = sites.get(s);
                for (int c = 0; c < nC; c++) {
                    Chip chip = chips.get(c);
                    int existing = site.existingServers(chip.id());
                    for (int q = 0; q < nQ; q++) {
                        int i = installed[s][c][q];
                        int added = i - (q == 0 ? existing : installed[s][c][q - 1]);
                        double cash = added * chip.serverPriceUsd();
                        cashByYear.get(qs.get(q).year())[0] += cash;
                        if (i > 0) {
                            serverRows.add(new ServerRow(site.id(), chip.id(), qs.get(q), i, added, cash));
                        }
                    }
                }
            }
            for (int s = 0; s < nS; s++) {
                Site site = sites.get(s);
                for (int q = 0; q < nQ; q++) {
                    double addedMw = built[s][q] - (q == 0 ? site.existingItMw() : built[s][q - 1]);
                    double cash = addedMw * site.expansionUsdPerMw();
                    cashByYear.get(qs.get(q).year())[1] += cash;
                    facilityRows.add(new FacilityRow(site.id(), qs.get(q), built[s][q], usedMw[s][q], cash));
                }
            }
            List<YearCapex> capexByYear = new ArrayList<>();
            for (Map.Entry<Integer, double[]> e : cashByYear.entrySet()) {
                YearCapex y = new YearCapex(e.getKey(), e.getValue()[0], e.getValue()[1],
                        model.policy().budgetUsd(e.getKey()));
                capexByYear.add(y);
                if (!leq(y.capexUsd(), y.budgetUsd())) {
                    violation("budget", y.year() + ": capex " + y.capexUsd() + " USD (servers " + y.serverCapexUsd()
                            + ", facility " + y.facilityCapexUsd() + ") > budget " + y.budgetUsd() + " USD");
                }
            }

            // ---- no over-serving
            for (Map.Entry<CellKey, Double> e : servedPeak.entrySet()) {
                DemandCell cell = cells.get(e.getKey());
                double peak = cell == null ? 0.0 : cell.peakIps();
                if (!leq(e.getValue(), peak)) {
                    CellKey k = e.getKey();
                    violation("no_over_serving", k.region() + "/" + k.workload() + "/" + k.quarter() + ": flows sum to "
                            + e.getValue() + " ips > peak_ips " + peak + (cell == null ? " (no demand cell)" : ""));
                }
            }

            // ---- costs
            double[][][] serverCost = new double[nS][nC][nQ];
            double[][][] energyCost = new double[nS][nC][nQ];
            double[][] facilityCost = new double[nS][nQ];
            int facAmort = model.policy().facilityAmortizationQuarters();
            for (int s = 0; s < nS; s++) {
                Site site = sites.get(s);
                for (int c = 0; c < nC; c++) {
                    Chip chip = chips.get(c);
                    int existing = site.existingServers(chip.id());
                    for (int q = 0; q < nQ; q++) {
                        int i = installed[s][c][q];
                        // (I - existing_servers) * server_price_usd / amortization_quarters
                        serverCost[s][c][q] = (i - existing) * chip.serverPriceUsd() / chip.amortizationQuarters();
                        // (idle_fraction * I + (1 - idle_fraction) * busy) * server_kw / 1000 * pue * 2190 * usd/MWh
                        energyCost[s][c][q] = (chip.idleFraction() * i + (1 - chip.idleFraction()) * busyAvg[s][c][q])
                                * chip.serverKw() / 1000.0 * site.pue() * Quarter.HOURS * site.electricityUsdPerMwh();
                    }
                }
                for (int q = 0; q < nQ; q++) {
                    // (M - existing_it_mw) * expansion_usd_per_mw / facility_amortization_quarters
                    facilityCost[s][q] = (built[s][q] - site.existingItMw()) * site.expansionUsdPerMw() / facAmort;
                }
            }
            double[] qServer = new double[nQ];
            double[] qFacility = new double[nQ];
            double[] qEnergy = new double[nQ];
            double[][] siteTerms = new double[nS][3];
            double[][] chipTerms = new double[nC][3];
            for (int s = 0; s < nS; s++) {
                for (int q = 0; q < nQ; q++) {
                    for (int c = 0; c < nC; c++) {
                        qServer[q] += serverCost[s][c][q];
                        qEnergy[q] += energyCost[s][c][q];
                        siteTerms[s][0] += serverCost[s][c][q];
                        siteTerms[s][2] += energyCost[s][c][q];
                        chipTerms[c][0] += serverCost[s][c][q];
                        chipTerms[c][2] += energyCost[s][c][q];
                    }
                    qFacility[q] += facilityCost[s][q];
                    siteTerms[s][1] += facilityCost[s][q];
                }
            }
            List<QuarterCost> costByQuarter = new ArrayList<>();
            CostTerms total = CostTerms.ZERO;
            for (int q = 0; q < nQ; q++) {
                CostTerms t = new CostTerms(qServer[q], qFacility[q], qEnergy[q]);
                costByQuarter.add(new QuarterCost(qs.get(q), t));
                total = total.plus(t);
            }

            // ---- cost shares: regions by busy servers, chips' facility by installed kW
            double[] regionCost = new double[nR];
            double unattributedRegions = 0;
            double[][] regionAtSite = new double[nS][nR];   // busy_r at s over the horizon
            double[] regionEverywhere = new double[nR];
            for (int r = 0; r < nR; r++) {
                for (int s = 0; s < nS; s++) {
                    for (int c = 0; c < nC; c++) {
                        for (int q = 0; q < nQ; q++) {
                            regionAtSite[s][r] += busyByRegion[r][s][c][q];
                        }
                    }
                    regionEverywhere[r] += regionAtSite[s][r];
                }
            }
            double[][] chipKwAtSite = new double[nS][nC];
            double[] chipKwEverywhere = new double[nC];
            for (int s = 0; s < nS; s++) {
                for (int c = 0; c < nC; c++) {
                    for (int q = 0; q < nQ; q++) {
                        chipKwAtSite[s][c] += installed[s][c][q] * chips.get(c).serverKw();
                    }
                    chipKwEverywhere[c] += chipKwAtSite[s][c];
                }
            }
            double[] chipFacility = new double[nC];
            double unattributedChips = 0;
            for (int s = 0; s < nS; s++) {
                for (int q = 0; q < nQ; q++) {
                    double[] siteQuarter = new double[nR];
                    for (int c = 0; c < nC; c++) {
                        double[] w = new double[nR];
                        for (int r = 0; r < nR; r++) {
                            w[r] = busyByRegion[r][s][c][q];
                            siteQuarter[r] += w[r];
                        }
                        unattributedRegions += allocate(serverCost[s][c][q] + energyCost[s][c][q], regionCost,
                                w, regionAtSite[s], regionEverywhere);
                    }
                    unattributedRegions += allocate(facilityCost[s][q], regionCost, siteQuarter, regionAtSite[s],
                            regionEverywhere);
                    double[] kw = new double[nC];
                    for (int c = 0; c < nC; c++) {
                        kw[c] = installed[s][c][q] * chips.get(c).serverKw();
                    }
                    unattributedChips += allocate(facilityCost[s][q], chipFacility, kw, chipKwAtSite[s], chipKwEverywhere);
                }
            }

            Map<String, CostTerms> costBySite = new LinkedHashMap<>();
            Map<String, Double> perMillionSite = new LinkedHashMap<>();
            for (int s = 0; s < nS; s++) {
                CostTerms t = new CostTerms(siteTerms[s][0], siteTerms[s][1], siteTerms[s][2]);
                costBySite.put(sites.get(s).id(), t);
                perMillionSite.put(sites.get(s).id(), perMillion(t.total(), servedBySite[s]));
            }
            Map<String, CostTerms> costByChip = new LinkedHashMap<>();
            Map<String, Double> perMillionChip = new LinkedHashMap<>();
            for (int c = 0; c < nC; c++) {
                CostTerms t = new CostTerms(chipTerms[c][0], chipFacility[c], chipTerms[c][2]);
                costByChip.put(chips.get(c).id(), t);
                perMillionChip.put(chips.get(c).id(), perMillion(t.total(), servedByChip[c]));
            }
            Map<String, Double> costByRegion = new LinkedHashMap<>();
            Map<String, Double> perMillionRegion = new LinkedHashMap<>();
            for (int r = 0; r < nR; r++) {
                costByRegion.put(regions.get(r).id(), regionCost[r]);
                perMillionRegion.put(regions.get(r).id(), perMillion(regionCost[r], servedByRegion[r]));
            }

            // ---- binding limits
            List<BindingLimit> binding = new ArrayList<>();
            double maxKw = 0;
            String maxKwChip = null;
            double minPrice = Double.POSITIVE_INFINITY;
            String minPriceChip = null;
            for (Chip chip : chips) {
                if (chip.serverKw() > maxKw) {
                    maxKw = chip.serverKw();
                    maxKwChip = chip.id();
                }
                if (chip.serverPriceUsd() < minPrice) {
                    minPrice = chip.serverPriceUsd();
                    minPriceChip = chip.id();
                }
            }
            for (int s = 0; s < nS; s++) {
                Site site = sites.get(s);
                for (int q = 0; q < nQ; q++) {
                    Quarter quarter = qs.get(q);
                    double ceiling = site.maxMwIn(quarter);
                    double headroomKw = (ceiling - usedMw[s][q]) * 1000.0;
                    if (usedMw[s][q] > 0 && headroomKw < maxKw) {
                        binding.add(new BindingLimit("power", site.id(), null, null, null, null, quarter,
                                "power at " + site.id() + " in " + quarter + ": servers draw " + human(usedMw[s][q])
                                        + " MW of a " + human(ceiling) + " MW ceiling"
                                        + (site.canExpandIn(quarter) ? "" : " (expansion not ready until " + site.expansionReady() + ")")
                                        + "; " + human(Math.max(0, headroomKw)) + " kW left, less than one "
                                        + maxKwChip + " server (" + human(maxKw) + " kW)"));
                    }
                }
            }
            for (YearCapex y : capexByYear) {
                if (Double.isFinite(y.budgetUsd()) && y.budgetUsd() - y.capexUsd() < minPrice) {
                    binding.add(new BindingLimit("budget", null, null, null, null, y.year(), null,
                            "budget " + y.year() + ": capex " + human(y.capexUsd()) + " of " + human(y.budgetUsd())
                                    + " USD leaves " + human(Math.max(0, y.budgetUsd() - y.capexUsd()))
                                    + " USD, less than the cheapest server (" + minPriceChip + ", " + human(minPrice) + " USD)"));
                }
            }
            for (int c = 0; c < nC; c++) {
                Chip chip = chips.get(c);
                for (int q = 0; q < nQ; q++) {
                    long supply = chip.supply().in(qs.get(q));
                    if (supply == 0) {
                        // a run of zero-supply quarters is one fact, said once where it starts
                        if (q == 0 || chip.supply().in(qs.get(q - 1)) != 0) {
                            binding.add(new BindingLimit("supply", null, chip.id(), null, null, null, qs.get(q),
                                    "supply of " + chip.id() + ": no new servers deliverable from " + qs.get(q)));
                        }
                    } else if (supply != Long.MAX_VALUE && addedByChip[c][q] >= supply) {
                        binding.add(new BindingLimit("supply", null, chip.id(), null, null, null, qs.get(q),
                                "supply of " + chip.id() + " in " + qs.get(q) + ": all " + supply
                                        + " servers deliverable were added (" + addedByChip[c][q] + ")"));
                    }
                }
            }

            // ---- demand cells: served, unmet, why short
            Map<Integer, YearCapex> yearCapex = new HashMap<>();
            for (YearCapex y : capexByYear) {
                yearCapex.put(y.year(), y);
            }
            List<CellResult> cellResults = new ArrayList<>();
            List<UnmetRow> unmetRows = new ArrayList<>();
            double[] unmetByRegion = new double[nR];
            List<Set<String>> reasonsByRegion = new ArrayList<>();
            boolean[] regionShort = new boolean[nR];
            for (int r = 0; r < nR; r++) {
                reasonsByRegion.add(new LinkedHashSet<>());
            }
            double unmetTotal = 0;
            for (DemandCell d : demand) {
                CellKey ck = new CellKey(d.region(), d.workload(), d.quarter());
                double served = servedPeak.getOrDefault(ck, 0.0);
                double unmetPeak = Math.max(0.0, d.peakIps() - served);
                double unmetInf = unmetPeak * d.avgPerPeak() * Quarter.SECONDS;
                double servedInf = served * d.avgPerPeak() * Quarter.SECONDS;
                // "short" means materially short: more than a millionth of the cell's peak unmet.
                // LP solutions leave round-off of about 1e-9 behind; unmet.csv keeps it exactly.
                boolean isShort = d.peakIps() - served > SHORT_SHARE * d.peakIps();
                List<String> reasons = isShort ? whyShort(d, yearCapex, binding) : List.of();
                cellResults.add(new CellResult(d.region(), d.workload(), d.quarter(), d.peakIps(), d.avgIps(), served,
                        unmetPeak, servedInf, unmetInf, isShort, reasons));
                unmetTotal += unmetInf;
                int r = regionIx.get(d.region());
                unmetByRegion[r] += unmetInf;
                if (isShort) {
                    regionShort[r] = true;
                    for (String why : reasons) {
                        reasonsByRegion.get(r).add(d.workload() + " " + d.quarter() + ": " + why);
                    }
                }
                if (unmetPeak > 0) {
                    unmetRows.add(new UnmetRow(d.region(), d.workload(), d.quarter(), unmetPeak, unmetInf));
                }
            }
            unmetRows.sort(Comparator.comparing(UnmetRow::region).thenComparing(UnmetRow::workload)
                    .thenComparing(UnmetRow::quarter));
            List<RegionResult> regionResults = new ArrayList<>();
            for (int r = 0; r < nR; r++) {
                regionResults.add(new RegionResult(regions.get(r).id(), regionShort[r], servedByRegion[r],
                        unmetByRegion[r], new ArrayList<>(reasonsByRegion.get(r))));
            }

            boolean feasible = violations.values().stream().allMatch(List::isEmpty);
            return new Evaluation(feasible, violations, servedTotal, unmetTotal, total,
                    perMillion(total.total(), servedTotal), costByQuarter, costBySite, costByChip, costByRegion,
                    unattributedRegions, unattributedChips, perMillionSite, perMillionChip, perMillionRegion,
                    cellResults, regionResults, capexByYear, binding, warnings,
                    new PlanTables(flowRows, serverRows, facilityRows, unmetRows));
        }

        /**
         * Why a cell is short: "no eligible site" when no (site, chip) may serve it, else one
         * sentence per eligible option naming the limits that keep it from serving more.
         * Adding one server of chip c at site s in quarter q is checked against: idle capacity
         * already there, the site's power ceiling in q, the chip's supply in q and the budget of
         * q's year (price plus any MW the server would need). Later quarters are not checked.
         */
        List<String> whyShort(DemandCell d, Map<Integer, YearCapex> yearCapex, List<BindingLimit> binding) {
            Region region = regions.get(regionIx.get(d.region()));
            Workload w = workloads.get(d.workload());
            Integer qi = qIx.get(d.quarter());
            List<String> reasons = new ArrayList<>();
            List<int[]> options = new ArrayList<>();
            for (int s = 0; s < nS; s++) {
                for (int c = 0; c < nC; c++) {
                    if (PlanningModel.eligible(region, w, d.quarter(), sites.get(s), chips.get(c))) {
                        options.add(new int[]{s, c});
                    }
                }
            }
            if (options.isEmpty()) {
                String sentence = "no eligible site: every (site, chip) fails latency, residency, an export ban or throughput";
                binding.add(new BindingLimit("no_eligible_site", null, null, d.region(), d.workload(), null, d.quarter(),
                        d.region() + " " + d.workload() + " " + d.quarter() + ": " + sentence));
                reasons.add(sentence);
                return reasons;
            }
            int q = qi;
            double u = model.policy().targetUtilization();
            YearCapex year = yearCapex.get(d.quarter().year());
            for (int[] o : options) {
                Site site = sites.get(o[0]);
                Chip chip = chips.get(o[1]);
                String at = site.id() + "/" + chip.id() + ": ";
                double idleIps = (u * installed[o[0]][o[1]][q] - busyPeak[o[0]][o[1]][q]) * chip.throughput(d.workload());
                if (idleIps > ABS_TOL + REL_TOL * d.peakIps()) {
                    reasons.add(at + "spare capacity for " + human(idleIps) + " ips left unused (no limit binds; the plan is not optimal)");
                    continue;
                }
                List<String> limits = new ArrayList<>();
                double kwMw = chip.serverKw() / 1000.0;
                double ceiling = site.maxMwIn(d.quarter());
                if (!leq(usedMw[o[0]][q] + kwMw, ceiling)) {
                    limits.add("power at " + site.id() + " (" + human(usedMw[o[0]][q]) + " of " + human(ceiling) + " MW used"
                            + (site.canExpandIn(d.quarter()) ? "" : ", expansion not ready until " + site.expansionReady())
                            + ")");
                }
                long supply = chip.supply().in(d.quarter());
                if (addedByChip[o[1]][q] >= supply) {
                    limits.add("supply of " + chip.id() + " (" + supply + " servers in " + d.quarter() + ")");
                }
                if (year != null && Double.isFinite(year.budgetUsd())) {
                    double extraMw = Math.max(0, usedMw[o[0]][q] + kwMw - built[o[0]][q]);
                    double need = chip.serverPriceUsd() + extraMw * site.expansionUsdPerMw();
                    if (!leq(year.capexUsd() + need, year.budgetUsd())) {
                        limits.add("budget " + year.year() + " (" + human(Math.max(0, year.budgetUsd() - year.capexUsd()))
                                + " USD left, one more server needs " + human(need) + ")");
                    }
                }
                reasons.add(at + (limits.isEmpty()
                        ? "no limit binds in " + d.quarter() + ": more servers could be added (the plan is not optimal)"
                        : String.join("; ", limits)));
            }
            return reasons;
        }

        static String whyIneligible(Region r, Workload w, Quarter q, Site s, Chip c) {
            List<String> why = new ArrayList<>();
            Double slo = PlanningModel.slo(r, w);
            if (slo != null) {
                Double latency = s.latencyMs().get(r.id());
                if (latency == null) {
                    why.add("no latency figure for " + r.id() + " (SLO " + slo + " ms)");
                } else if (latency > slo) {
                    why.add("latency " + latency + " ms > SLO " + slo + " ms");
                }
            }
            if (!r.allowsJurisdiction(s.jurisdiction())) {
                why.add("jurisdiction " + s.jurisdiction() + " not in residency " + r.residency());
            }
            if (c.isBannedIn(s.jurisdiction(), q)) {
                why.add(c.id() + " banned in " + s.jurisdiction() + " in " + q);
            }
            if (c.throughput(w.id()) <= 0) {
                why.add(c.id() + " has no throughput for " + w.id());
            }
            return String.join(", ", why);
        }
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

    /** A readable number for sentences (tables and violations use full precision). */
    static String human(double x) {
        if (Double.isInfinite(x) || Double.isNaN(x)) {
            return Double.toString(x);
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) x);
        }
        if (Math.abs(x) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", x);
        }
        return String.format(Locale.ROOT, "%.4g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
