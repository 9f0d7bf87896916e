package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;
import dcplan.plan.Plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planning model of {@code spec/planning-model.md} written as an LP / MIP into a
 * solver-neutral {@link LinearModel} (one building pass) and solved by an {@link LpBackend}:
 * OR-Tools GLOP (LP) / SCIP (MIP) by default, ojAlgo when OR-Tools' natives cannot load
 * ({@link OrToolsNatives}; the reason is in every result's message) or with
 * {@code -Ddcplan.lp.backend=ojalgo}. See docs/lp.md for timings. Solved lexicographically in two
 * phases:
 * <ol>
 *   <li>maximise served volume {@code sum flow * avg / peak} (equivalent to minimising unmet
 *       inferences: the two differ by a constant);</li>
 *   <li>add {@code served >= (1 - tol) * phase-1 optimum} and minimise total cost.</li>
 * </ol>
 *
 * <h2>Variables</h2>
 * Only eligible flows exist: {@code flow[r,w,q,s,c]} for (r,w,q) cells with peak &gt; 0 and
 * (s, c) passing {@link PlanningModel#eligible}. {@code I[s,c,q]} exists for every quarter of
 * an "active" (s, c) pair, one with an eligible flow in some quarter; an inactive pair is fixed
 * at its existing servers (more servers there could only cost, consume power, supply and
 * budget, so fixing them is exact) and contributes constants: the idle energy of those servers
 * and their power. {@code M[s,q]} exists for sites with an active pair or whose fixed servers
 * need more than existing_it_mw (forced facility MW); other sites stay at existing_it_mw at
 * zero cost. Reported costs are recomputed by {@link PlanCosts} from the solution, constants
 * included, so they are comparable to any full plan's total cost.
 *
 * <h2>Scaling</h2>
 * The solvers work in doubles (GLOP also rescales internally); coefficients are kept within
 * about 1e-4..1e3:
 * <ul>
 *   <li>flow variables in thousands of peak ips ({@link #FLOW_UNIT_IPS}); served volume in
 *       thousands of average ips (per second; multiply by 2190 * 3600 for inferences);</li>
 *   <li>I in servers (1 .. 1e5), M in MW;</li>
 *   <li>money (objective, budget rows) in millions of USD ({@link #MONEY_UNIT_USD}).</li>
 * </ul>
 * Capacity rows then have coefficients 1000 / throughput (about 0.05 .. 60) against u,
 * power rows kW / 1000 against 1, budget rows price / 1e6 (0.08 .. 0.35) and USD-per-MW / 1e6.
 *
 * <h2>Lower bound claim (relaxed I)</h2>
 * With I continuous, phase 2 minimises cost over a superset of the integer plans. Hence for
 * any plan P that satisfies the hard constraints and serves {@code served(P) >= S}, the relaxed
 * optimum of "minimise cost subject to served >= (1 - tol) S" is {@code <= cost(P)}
 * ({@link #lowerBound}). In particular, the LP optimum of phase 2 with served fixed at the
 * MIP's served volume is {@code <= } the MIP optimum. The tolerance only loosens the LP, so the
 * bound stays valid; the only caveat is the solver's own floating-point accuracy (about 1e-9
 * relative).
 *
 * <h2>Dispatch polish</h2>
 * {@link #polishDispatch} fixes I and M at a given plan's values and re-solves only the flows:
 * maximise served, then minimise busy energy (with I and M fixed, the only flow-dependent cost).
 */
public final class PlanLinearProgram {

    /** One flow variable unit, in peak inferences per second. */
    public static final double FLOW_UNIT_IPS = 1000.0;
    /** One money unit in the objective and budget rows, in USD. */
    public static final double MONEY_UNIT_USD = 1e6;
    /** Looser fallbacks for the phase-2 served row if the tight one is declared infeasible. */
    private static final double[] FALLBACK_TOLERANCES = {1e-9, 1e-7};
    /** Relative rounding slack when checking that polish serves no less than its input. */
    static final double POLISH_ROUNDING = 1e-12;
    private static final boolean DEBUG = Boolean.getBoolean("dcplan.lp.debug");

    private final PlanningModel model;
    private final List<Quarter> quarters;
    private final List<DemandCell> demand;
    private final List<DemandCell> cells = new ArrayList<>(); // peak > 0
    private final List<FlowKey> flowKeys = new ArrayList<>();
    private final List<List<Integer>> flowsOfCell = new ArrayList<>();
    private final boolean[][] active;             // [s][c]
    private final boolean[] siteHasMw;            // [s]
    private final double[] fixedLoadMw;           // [s] MW of servers of inactive pairs
    private final double u;
    /** Given I for dispatch polish, [s][c][q]; null when I is a decision. */
    private final double[][][] fixedInstalled;

    private record FlowKey(int cell, int site, int chip, int quarter, double avgPerPeak) {
    }

    /** What a built model optimises. */
    private enum Goal {
        /** Maximise served volume (phase 1). */
        MAX_SERVED,
        /** Minimise cost (phase 2), served volume bounded below when a bound is given. */
        MIN_COST
    }

    /** One built model with the column indices of its variables. */
    private final class Built {
        final LinearModel lm = new LinearModel();
        final int[] flow = new int[flowKeys.size()];
        final int[][][] inst;   // [s][c][q] column, null when inactive / fixed
        final int[][] mw;       // [s][q] column, null when fixed at existing
        final boolean integer;
        Goal goal;

        Built(boolean integer) {
            this.integer = integer;
            int ns = model.sites().size();
            inst = new int[ns][model.chips().size()][];
            mw = new int[ns][];
        }
    }

    private PlanLinearProgram(PlanningModel model, List<DemandCell> demand, double[][][] fixedInstalled) {
        this.model = model;
        this.quarters = model.quarters();
        this.demand = List.copyOf(demand);
        this.fixedInstalled = fixedInstalled;
        this.u = model.policy().targetUtilization();
        int ns = model.sites().size();
        int nc = model.chips().size();
        active = new boolean[ns][nc];
        siteHasMw = new boolean[ns];
        fixedLoadMw = new double[ns];

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
            if (!(d.peakIps() > 0)) {
                continue;
            }
            int cellIdx = cells.size();
            cells.add(d);
            List<Integer> mine = new ArrayList<>();
            for (int s = 0; s < ns; s++) {
                Site site = model.sites().get(s);
                for (int c = 0; c < nc; c++) {
                    Chip chip = model.chips().get(c);
                    if (!PlanningModel.eligible(r, w, d.quarter(), site, chip)) {
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
            flowsOfCell.add(mine);
        }
        for (int s = 0; s < ns; s++) {
            Site site = model.sites().get(s);
            boolean any = false;
            for (int c = 0; c < nc; c++) {
                Chip chip = model.chips().get(c);
                if (active[s][c]) {
                    any = true;
                } else {
                    fixedLoadMw[s] += site.existingServers(chip.id()) * chip.serverKw() / 1000.0;
                }
            }
            siteHasMw[s] = any || fixedLoadMw[s] > site.existingItMw() + 1e-12;
        }
    }

    // ------------------------------------------------------------------ public API

    /**
     * Solves the full model lexicographically: phase 1 maximises served volume, phase 2
     * minimises cost keeping served within {@code options.servedTolerance()} of phase 1.
     * With {@code options.integerServers()} this is the MIP (exact reference for small
     * instances); otherwise the LP relaxation (its cost is a lower bound for every plan that
     * serves as much as the phase-1 maximum).
     */
    public static LpResult solve(PlanningModel model, List<DemandCell> demand, LpOptions options) {
        return new PlanLinearProgram(model, demand, null).run(options, Double.NaN);
    }

    /**
     * Lower bound on the cost of any plan that satisfies the hard constraints and serves at
     * least {@code minServedInferences}: the relaxed LP (I continuous, whatever
     * {@code options.integerServers()} says) minimising cost subject to
     * {@code served >= (1 - tol) * minServedInferences}. A target within 1e-6 relative above
     * the phase-1 maximum is clamped to it (rounding); beyond that the result is INFEASIBLE,
     * since no feasible plan can serve that much.
     */
    public static LpResult lowerBound(PlanningModel model, List<DemandCell> demand, double minServedInferences,
                                      LpOptions options) {
        LpOptions relaxed = new LpOptions(false, options.timeLimit(), options.servedTolerance(), options.mipRelativeGap());
        return new PlanLinearProgram(model, demand, null).run(relaxed, minServedInferences);
    }

    /** {@link #lowerBound(PlanningModel, List, double, LpOptions)} with default options. */
    public static LpResult lowerBound(PlanningModel model, List<DemandCell> demand, double minServedInferences) {
        return lowerBound(model, demand, minServedInferences, LpOptions.relaxed());
    }

    /**
     * Re-solves only the flows of a plan, its servers and MW fixed: maximise served, then
     * minimise busy energy. Returns a plan with the given installed / itMwBuilt and new flows.
     * The result never serves less than the given flows (up to {@value #POLISH_ROUNDING}
     * relative, the rounding of a floating-point sum): if the solver's flows would, the given
     * flows are returned unchanged and the message says so. Only time limit and tolerance are
     * read from {@code options}.
     */
    public static LpResult polishDispatch(PlanningModel model, List<DemandCell> demand, Plan plan, LpOptions options) {
        List<Quarter> qs = model.quarters();
        int ns = model.sites().size();
        int nc = model.chips().size();
        double[][][] fixed = new double[ns][nc][qs.size()];
        for (int s = 0; s < ns; s++) {
            for (int c = 0; c < nc; c++) {
                for (int q = 0; q < qs.size(); q++) {
                    Integer i = plan.installed().get(new Plan.SiteChipQuarter(model.sites().get(s).id(),
                            model.chips().get(c).id(), qs.get(q)));
                    fixed[s][c][q] = i == null ? 0.0 : i;
                }
            }
        }
        return new PlanLinearProgram(model, demand, fixed).runDispatch(plan, options);
    }

    // ------------------------------------------------------------------ building

    /**
     * Writes the model in one pass: columns (flows, then I and M), rows 2-6 and the objective
     * of {@code goal}. With {@code servedLower} a number, a row {@code served >= servedLower}
     * (thousands of average ips) is added.
     */
    private Built build(boolean integer, Goal goal, double servedLower) {
        Built b = new Built(integer);
        b.goal = goal;
        LinearModel lm = b.lm;
        int ns = model.sites().size();
        int nc = model.chips().size();
        int nq = quarters.size();

        // flows, with the no-over-serving upper bound also as a variable bound
        for (int k = 0; k < flowKeys.size(); k++) {
            FlowKey fk = flowKeys.get(k);
            b.flow[k] = lm.addColumn("f" + k, 0.0, cells.get(fk.cell).peakIps() / FLOW_UNIT_IPS, false);
        }
        // 6. no over-serving
        for (int cell = 0; cell < cells.size(); cell++) {
            List<Integer> mine = flowsOfCell.get(cell);
            if (mine.size() > 1) {
                LinearModel.Row e = lm.addRow("demand" + cell).upper(cells.get(cell).peakIps() / FLOW_UNIT_IPS);
                for (int k : mine) {
                    e.set(b.flow[k], 1.0);
                }
            }
        }
        // capacity rows, one per (s, c, q) with flows
        Map<Integer, LinearModel.Row> capacity = new HashMap<>();
        for (int k = 0; k < flowKeys.size(); k++) {
            FlowKey fk = flowKeys.get(k);
            int key = (fk.site * nc + fk.chip) * nq + fk.quarter;
            LinearModel.Row e = capacity.get(key);
            if (e == null) {
                e = lm.addRow("cap" + key);
                if (fixedInstalled != null) {
                    e.upper(u * fixedInstalled[fk.site][fk.chip][fk.quarter]);
                } else {
                    e.upper(0.0);
                }
                capacity.put(key, e);
            }
            Chip chip = model.chips().get(fk.chip);
            double thr = chip.throughput(cells.get(fk.cell).workload());
            e.set(b.flow[k], FLOW_UNIT_IPS / thr);
        }
        // served (thousands of average ips) and cost (millions of USD)
        LinearModel.Row served = Double.isNaN(servedLower) ? null : lm.addRow("served").lower(servedLower);
        for (int k = 0; k < flowKeys.size(); k++) {
            FlowKey fk = flowKeys.get(k);
            if (served != null) {
                served.set(b.flow[k], fk.avgPerPeak);
            }
            if (goal == Goal.MAX_SERVED) {
                lm.objective(b.flow[k], fk.avgPerPeak);
                continue;
            }
            Chip chip = model.chips().get(fk.chip);
            Site site = model.sites().get(fk.site);
            double thr = chip.throughput(cells.get(fk.cell).workload());
            double busyUsdPerUnit = FLOW_UNIT_IPS * fk.avgPerPeak / thr * (1 - chip.idleFraction())
                    * chip.serverKw() * site.energyUsdPerKwQuarter();
            if (busyUsdPerUnit != 0) {
                lm.objective(b.flow[k], busyUsdPerUnit / MONEY_UNIT_USD);
            }
        }
        boolean costs = goal == Goal.MIN_COST;
        if (fixedInstalled != null) {
            return b; // dispatch: I and M are data
        }

        int famort = model.policy().facilityAmortizationQuarters();
        for (int s = 0; s < ns; s++) {
            Site site = model.sites().get(s);
            for (int c = 0; c < nc; c++) {
                if (!active[s][c]) {
                    continue;
                }
                Chip chip = model.chips().get(c);
                int existing = site.existingServers(chip.id());
                double cap = Math.max(existing, Math.floor(site.maxItMw() * 1000.0 / chip.serverKw() + 1e-9));
                b.inst[s][c] = new int[nq];
                double perQuarterUsd = chip.serverPriceUsd() / chip.amortizationQuarters()
                        + chip.idleFraction() * chip.serverKw() * site.energyUsdPerKwQuarter();
                for (int q = 0; q < nq; q++) {
                    int v = lm.addColumn("I_" + site.id() + "_" + chip.id() + "_" + q, existing, cap, integer);
                    b.inst[s][c][q] = v;
                    if (costs && perQuarterUsd != 0) {
                        lm.objective(v, perQuarterUsd / MONEY_UNIT_USD);
                    }
                    // 2. capacity: sum flow / thr - u * I <= 0
                    LinearModel.Row e = capacity.get((s * nc + c) * nq + q);
                    if (e != null) {
                        e.set(v, -u);
                    }
                    if (q > 0) { // never decreasing
                        lm.addRow("Imono_" + s + "_" + c + "_" + q).lower(0.0)
                                .set(v, 1.0).set(b.inst[s][c][q - 1], -1.0);
                    }
                }
            }
            if (siteHasMw[s]) {
                b.mw[s] = new int[nq];
                for (int q = 0; q < nq; q++) {
                    Quarter qq = quarters.get(q);
                    int m = lm.addColumn("M_" + site.id() + "_" + q, site.existingItMw(),
                            Math.max(site.existingItMw(), site.maxMwIn(qq)), false);
                    b.mw[s][q] = m;
                    double perMwUsd = site.expansionUsdPerMw() / famort;
                    if (costs && perMwUsd != 0) {
                        lm.objective(m, perMwUsd / MONEY_UNIT_USD);
                    }
                    if (q > 0) {
                        lm.addRow("Mmono_" + s + "_" + q).lower(0.0).set(m, 1.0).set(b.mw[s][q - 1], -1.0);
                    }
                    // 3. power: sum I * kW / 1000 - M <= -fixed load
                    LinearModel.Row p = lm.addRow("power_" + s + "_" + q).upper(-fixedLoadMw[s]).set(m, -1.0);
                    for (int c = 0; c < nc; c++) {
                        if (b.inst[s][c] != null) {
                            p.set(b.inst[s][c][q], model.chips().get(c).serverKw() / 1000.0);
                        }
                    }
                }
            }
        }
        // 4. supply per (c, q)
        for (int c = 0; c < nc; c++) {
            Chip chip = model.chips().get(c);
            for (int q = 0; q < nq; q++) {
                long supply = chip.supply().in(quarters.get(q));
                if (supply == Long.MAX_VALUE) {
                    continue;
                }
                LinearModel.Row e = null;
                double rhs = supply;
                for (int s = 0; s < ns; s++) {
                    if (b.inst[s][c] == null) {
                        continue;
                    }
                    if (e == null) {
                        e = lm.addRow("supply_" + c + "_" + q);
                    }
                    e.set(b.inst[s][c][q], 1.0);
                    if (q > 0) {
                        e.set(b.inst[s][c][q - 1], -1.0);
                    } else {
                        rhs += model.sites().get(s).existingServers(chip.id());
                    }
                }
                if (e != null) {
                    e.upper(rhs);
                }
            }
        }
        // 5. budget per year: additions telescope to I[last q of y] - I[q before the year]
        Map<Integer, int[]> years = new LinkedHashMap<>();
        for (int q = 0; q < nq; q++) {
            int y = quarters.get(q).year();
            int[] span = years.computeIfAbsent(y, k -> new int[]{Integer.MAX_VALUE, -1});
            span[0] = Math.min(span[0], q);
            span[1] = Math.max(span[1], q);
        }
        for (Map.Entry<Integer, int[]> ye : years.entrySet()) {
            double budget = model.policy().budgetUsd(ye.getKey());
            if (Double.isInfinite(budget)) {
                continue;
            }
            int first = ye.getValue()[0];
            int last = ye.getValue()[1];
            LinearModel.Row e = new LinearModel.Row("budget_" + ye.getKey());
            double rhs = budget / MONEY_UNIT_USD;
            for (int s = 0; s < ns; s++) {
                Site site = model.sites().get(s);
                for (int c = 0; c < nc; c++) {
                    if (b.inst[s][c] == null) {
                        continue;
                    }
                    Chip chip = model.chips().get(c);
                    double price = chip.serverPriceUsd() / MONEY_UNIT_USD;
                    e.set(b.inst[s][c][last], price);
                    if (first > 0) {
                        e.set(b.inst[s][c][first - 1], -price);
                    } else {
                        rhs += price * site.existingServers(chip.id());
                    }
                }
                if (b.mw[s] != null && site.expansionUsdPerMw() != 0) {
                    double perMw = site.expansionUsdPerMw() / MONEY_UNIT_USD;
                    e.set(b.mw[s][last], perMw);
                    if (first > 0) {
                        e.set(b.mw[s][first - 1], -perMw);
                    } else {
                        rhs += perMw * site.existingItMw();
                    }
                }
            }
            if (e.size > 0) {
                lm.addRow(e.upper(rhs));
            }
        }
        return b;
    }

    // ------------------------------------------------------------------ solving

    private static final class Clock {
        final long start = System.nanoTime();
        final Duration limit;

        Clock(Duration limit) {
            this.limit = limit;
        }

        double elapsedSeconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        /** Milliseconds left, or -1 when no limit. */
        long remainingMillis() {
            if (limit == null) {
                return -1;
            }
            return Math.max(1, limit.toMillis() - (System.nanoTime() - start) / 1_000_000);
        }

        boolean expired() {
            return limit != null && (System.nanoTime() - start) / 1_000_000 >= limit.toMillis() * 0.97;
        }
    }

    private record Phase(LpBackend.Solution result, LpStatus status, boolean timeLimitHit) {
        boolean ok() {
            return status.hasSolution();
        }

        double[] x() {
            return result.x();
        }

        String state() {
            return result.detail();
        }
    }

    // ------------------------------------------------------------------ backend

    private static volatile LpBackend defaultBackend;
    private static String backendNote = "";

    /**
     * OR-Tools (GLOP / SCIP) unless {@code -Ddcplan.lp.backend=ojalgo}; ojAlgo also when
     * OR-Tools' natives cannot load ({@link OrToolsNatives} says why, in every result's message).
     */
    static LpBackend backend() {
        LpBackend b = defaultBackend;
        if (b != null) {
            return b;
        }
        synchronized (PlanLinearProgram.class) {
            if (defaultBackend == null) {
                String wanted = System.getProperty("dcplan.lp.backend", "ortools");
                if ("ojalgo".equalsIgnoreCase(wanted)) {
                    defaultBackend = new OjAlgoBackend();
                } else if (OrToolsNatives.load()) {
                    defaultBackend = new OrToolsBackend();
                } else {
                    backendNote = "ojAlgo fallback: " + OrToolsNatives.error() + "; ";
                    System.err.println("[dcplan] LP backend: " + backendNote);
                    defaultBackend = new OjAlgoBackend();
                }
            }
            return defaultBackend;
        }
    }

    /** The solvers used for LPs and MIPs, for reports, such as "OR-Tools GLOP / OR-Tools SCIP". */
    public static String backendDescription() {
        LpBackend b = backend();
        return b.name(false) + " / " + b.name(true) + (backendNote.isEmpty() ? "" : " (" + backendNote.replaceAll("; $", "") + ")");
    }

    private Phase runPhase(Built b, Clock clock, long budgetMillis, double relativeGap) {
        boolean maximise = b.goal == Goal.MAX_SERVED;
        long t0 = System.nanoTime();
        LpBackend.Solution r = backend().solve(b.lm, maximise, budgetMillis, relativeGap);
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        boolean hit = budgetMillis > 0 && tookMillis >= budgetMillis * 0.97;
        if (DEBUG) {
            System.err.printf("[lp] %s %s %s vars=%d rows=%d %d ms (solver %d ms) -> %s %.9g%n", maximise ? "max" : "min",
                    b.integer ? "MIP" : "LP", backend().name(b.integer), b.lm.columns(), b.lm.rows.size(),
                    tookMillis, r.millis(), r.detail(), r.objectiveValue());
        }
        LpStatus status = switch (r.outcome()) {
            case OPTIMAL -> LpStatus.OPTIMAL;
            case INFEASIBLE -> hit ? LpStatus.FAILED : LpStatus.INFEASIBLE;
            case FEASIBLE -> hit ? LpStatus.TIME_LIMIT : LpStatus.FEASIBLE;
            default -> LpStatus.FAILED;
        };
        if (status.hasSolution() && r.x() == null) {
            status = LpStatus.FAILED;
        }
        return new Phase(r, status, hit);
    }

    /** The LP solution with every I rounded up, M raised to the servers' power, still non-decreasing. */
    private double[] roundedUp(Built b, double[] lp) {
        double[] x = lp.clone();
        int ns = model.sites().size();
        int nc = model.chips().size();
        int nq = quarters.size();
        for (int s = 0; s < ns; s++) {
            for (int c = 0; c < nc; c++) {
                if (b.inst[s][c] != null) {
                    for (int q = 0; q < nq; q++) {
                        int i = b.inst[s][c][q];
                        x[i] = Math.ceil(x[i] - 1e-9 * Math.max(1.0, Math.abs(x[i])));
                    }
                }
            }
            if (b.mw[s] != null) {
                double prev = 0;
                for (int q = 0; q < nq; q++) {
                    double load = fixedLoadMw[s];
                    for (int c = 0; c < nc; c++) {
                        if (b.inst[s][c] != null) {
                            load += x[b.inst[s][c][q]] * model.chips().get(c).serverKw() / 1000.0;
                        }
                    }
                    int i = b.mw[s][q];
                    x[i] = Math.max(Math.max(x[i], load), prev);
                    prev = x[i];
                }
            }
        }
        return x;
    }

    private double servedValue(Built b, double[] x) {
        double s = 0;
        for (int k = 0; k < flowKeys.size(); k++) {
            s += flowKeys.get(k).avgPerPeak * Math.max(0.0, x[b.flow[k]]);
        }
        return s;
    }

    /** Phase 1 then phase 2. {@code minServedInferences} NaN: phase 2 keeps phase 1's optimum. */
    private LpResult run(LpOptions options, double minServedInferences) {
        Clock clock = new Clock(options.timeLimit());
        boolean integer = options.integerServers();
        // Phase 1 (served) wants the true maximum: a gap of at most 1e-9.
        double gap1 = Math.min(1e-9, options.mipRelativeGap());

        long phase1Budget = options.timeLimit() == null ? -1 : Math.max(1, clock.remainingMillis() / 2);
        Phase p1 = null;
        Built b1 = null;
        if (integer) {
            // Shortcut: the LP's maximum served is an upper bound for the MIP; when its solution
            // with I rounded up (and M raised to match) satisfies every row, it is a MIP optimum
            // of phase 1, found without branch and bound, and exact rather than within the gap.
            Built lp1 = build(false, Goal.MAX_SERVED, Double.NaN);
            Phase pl = runPhase(lp1, clock, phase1Budget, gap1);
            if (pl.status == LpStatus.INFEASIBLE) {
                return failure(LpStatus.INFEASIBLE, false, clock, "phase 1 (maximise served) is infeasible");
            }
            b1 = build(true, Goal.MAX_SERVED, Double.NaN);
            if (pl.status == LpStatus.OPTIMAL) {
                double[] up = roundedUp(lp1, pl.x());
                String[] why = new String[1];
                if (b1.lm.isFeasible(up, 1e-7, 1e-9, why)) {
                    p1 = new Phase(new LpBackend.Solution(LpBackend.Outcome.OPTIMAL, up, b1.lm.objectiveValue(up), 0,
                            "LP optimum rounded up"), LpStatus.OPTIMAL, false);
                } else if (DEBUG) {
                    System.err.println("[lp] rounded-up LP optimum not feasible: " + why[0]);
                }
            }
            phase1Budget = options.timeLimit() == null ? -1 : Math.max(1, clock.remainingMillis() / 2);
        } else {
            b1 = build(false, Goal.MAX_SERVED, Double.NaN);
        }
        if (p1 == null) {
            p1 = runPhase(b1, clock, phase1Budget, gap1);
        }
        if (!p1.ok()) {
            return failure(p1.status, p1.timeLimitHit, clock, "phase 1 (maximise served) ended " + p1.state());
        }
        double s1 = servedValue(b1, p1.x());
        double maxServedInf = s1 * FLOW_UNIT_IPS * Quarter.SECONDS;
        String note = "";
        double target = s1;
        if (!Double.isNaN(minServedInferences)) {
            double wanted = minServedInferences / (FLOW_UNIT_IPS * Quarter.SECONDS);
            if (wanted > s1 * (1 + 1e-6) + 1e-9) {
                return failure(LpStatus.INFEASIBLE, false, clock, "no plan can serve " + minServedInferences
                        + " inferences: the most the LP can serve is " + maxServedInf);
            }
            target = Math.min(Math.max(wanted, 0.0), s1);
        }

        Phase p2 = null;
        Built b2 = null;
        double[] tolerances = new double[1 + FALLBACK_TOLERANCES.length];
        tolerances[0] = options.servedTolerance();
        System.arraycopy(FALLBACK_TOLERANCES, 0, tolerances, 1, FALLBACK_TOLERANCES.length);
        for (double tol : tolerances) {
            if (tol < options.servedTolerance() || clock.expired()) {
                continue;
            }
            b2 = build(integer, Goal.MIN_COST, target - Math.max(tol * target, 1e-12));
            p2 = runPhase(b2, clock, clock.remainingMillis(), options.mipRelativeGap());
            if (p2.ok() || p2.timeLimitHit) {
                if (tol != options.servedTolerance()) {
                    note = "phase 2 needed served tolerance " + tol + "; ";
                }
                break;
            }
        }
        if (p2 == null || !p2.ok()) {
            // phase 1's solution is feasible, only not cost-minimised
            LpResult r = extract(b1, p1.x(), integer, maxServedInf, LpStatus.FEASIBLE, false,
                    p1.timeLimitHit || (p2 != null && p2.timeLimitHit), clock,
                    note + "phase 2 (minimise cost) ended " + (p2 == null ? "unrun (time limit)" : p2.state())
                            + "; reporting phase 1's solution");
            return r;
        }
        LpStatus status = p2.status;
        if (p1.status == LpStatus.TIME_LIMIT && status == LpStatus.OPTIMAL) {
            status = LpStatus.TIME_LIMIT; // phase 1 might not have reached the maximum served
        }
        boolean proven = p1.status == LpStatus.OPTIMAL && p2.status == LpStatus.OPTIMAL;
        return extract(b2, p2.x(), integer, maxServedInf, status, proven,
                p1.timeLimitHit || p2.timeLimitHit, clock, note);
    }

    private LpResult failure(LpStatus status, boolean hit, Clock clock, String message) {
        return new LpResult(new Plan(List.of(), Map.of(), Map.of()), Map.of(), Map.of(), 0.0,
                PlanCosts.unmetInferences(demand, List.of()), Double.NaN, null,
                status == LpStatus.OPTIMAL ? LpStatus.FAILED : status, false, hit, clock.elapsedSeconds(),
                backendNote + message);
    }

    /** Reads I, M and flows; cleans flows to satisfy rows 2 and 6 exactly; builds the plan. */
    private LpResult extract(Built b, double[] x, boolean integer, double maxServedInf, LpStatus status,
                             boolean proven, boolean hit, Clock clock, String message) {
        int ns = model.sites().size();
        int nc = model.chips().size();
        int nq = quarters.size();
        double[][][] inst = new double[ns][nc][nq];
        for (int s = 0; s < ns; s++) {
            Site site = model.sites().get(s);
            for (int c = 0; c < nc; c++) {
                for (int q = 0; q < nq; q++) {
                    if (b.inst[s][c] != null) {
                        double v = x[b.inst[s][c][q]];
                        inst[s][c][q] = integer ? Math.round(v) : Math.max(v, site.existingServers(model.chips().get(c).id()));
                    } else {
                        inst[s][c][q] = site.existingServers(model.chips().get(c).id());
                    }
                }
            }
        }
        double[][] mw = new double[ns][nq];
        for (int s = 0; s < ns; s++) {
            Site site = model.sites().get(s);
            for (int q = 0; q < nq; q++) {
                mw[s][q] = b.mw[s] == null ? site.existingItMw()
                        : Math.max(site.existingItMw(), x[b.mw[s][q]]);
            }
        }
        double[] flow = new double[flowKeys.size()];
        for (int k = 0; k < flow.length; k++) {
            flow[k] = Math.max(0.0, x[b.flow[k]]) * FLOW_UNIT_IPS;
        }
        clean(flow, inst);

        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<Plan.SiteChipQuarter, Double> installedExact = new HashMap<>();
        Map<Plan.SiteQuarter, Double> mwMap = new HashMap<>();
        for (int s = 0; s < ns; s++) {
            String sid = model.sites().get(s).id();
            for (int q = 0; q < nq; q++) {
                for (int c = 0; c < nc; c++) {
                    if (inst[s][c][q] > 0) {
                        Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(sid, model.chips().get(c).id(), quarters.get(q));
                        installedExact.put(key, inst[s][c][q]);
                        long rounded = Math.round(inst[s][c][q]);
                        if (rounded > 0) {
                            installed.put(key, (int) rounded);
                        }
                    }
                }
                if (mw[s][q] > 0) {
                    mwMap.put(new Plan.SiteQuarter(sid, quarters.get(q)), mw[s][q]);
                }
            }
        }
        List<Plan.Flow> flows = toFlows(flow);
        Plan plan = new Plan(flows, installed, mwMap);
        CostBreakdown cost = PlanCosts.cost(model, installedExact, mwMap, flows);
        return new LpResult(plan, installedExact, mwMap, PlanCosts.servedInferences(flows),
                PlanCosts.unmetInferences(demand, flows), maxServedInf, cost, status, proven, hit,
                clock.elapsedSeconds(), backendNote + message);
    }

    private List<Plan.Flow> toFlows(double[] flow) {
        List<Plan.Flow> flows = new ArrayList<>();
        for (int k = 0; k < flow.length; k++) {
            if (flow[k] > 0) {
                FlowKey fk = flowKeys.get(k);
                DemandCell d = cells.get(fk.cell);
                flows.add(new Plan.Flow(d.region(), d.workload(), d.quarter(), model.sites().get(fk.site).id(),
                        model.chips().get(fk.chip).id(), flow[k], flow[k] * fk.avgPerPeak));
            }
        }
        return flows;
    }

    /**
     * Makes solver flows (peak ips) satisfy rows 6 and 2 without tolerance: scales a cell down
     * where it over-serves and an (s, c, q) down where it exceeds u * I, then tops cells up
     * greedily with the spare capacity left (so the cleaning does not lose served volume).
     */
    private void clean(double[] flow, double[][][] inst) {
        int nc = model.chips().size();
        int nq = quarters.size();
        for (int cell = 0; cell < cells.size(); cell++) {
            double peak = cells.get(cell).peakIps();
            double sum = 0;
            for (int k : flowsOfCell.get(cell)) {
                sum += flow[k];
            }
            if (sum > peak) {
                for (int k : flowsOfCell.get(cell)) {
                    flow[k] *= peak / sum;
                }
            }
        }
        Map<Integer, Double> load = new HashMap<>();
        for (int k = 0; k < flow.length; k++) {
            FlowKey fk = flowKeys.get(k);
            load.merge((fk.site * nc + fk.chip) * nq + fk.quarter, flow[k] / thr(fk), Double::sum);
        }
        for (int k = 0; k < flow.length; k++) {
            FlowKey fk = flowKeys.get(k);
            int key = (fk.site * nc + fk.chip) * nq + fk.quarter;
            double cap = u * inst[fk.site][fk.chip][fk.quarter];
            double l = load.get(key);
            if (l > cap) {
                flow[k] *= cap / l;
            }
        }
        // recompute loads after scaling, then top up
        load.clear();
        for (int k = 0; k < flow.length; k++) {
            FlowKey fk = flowKeys.get(k);
            load.merge((fk.site * nc + fk.chip) * nq + fk.quarter, flow[k] / thr(fk), Double::sum);
        }
        for (int cell = 0; cell < cells.size(); cell++) {
            double peak = cells.get(cell).peakIps();
            double sum = 0;
            for (int k : flowsOfCell.get(cell)) {
                sum += flow[k];
            }
            for (int k : flowsOfCell.get(cell)) {
                double deficit = peak - sum;
                if (deficit <= 0) {
                    break;
                }
                FlowKey fk = flowKeys.get(k);
                int key = (fk.site * nc + fk.chip) * nq + fk.quarter;
                double spare = u * inst[fk.site][fk.chip][fk.quarter] - load.get(key);
                if (spare <= 0) {
                    continue;
                }
                double add = Math.min(deficit, spare * thr(fk));
                flow[k] += add;
                sum += add;
                load.merge(key, add / thr(fk), Double::sum);
            }
        }
    }

    private double thr(FlowKey fk) {
        return model.chips().get(fk.chip).throughput(cells.get(fk.cell).workload());
    }

    // ------------------------------------------------------------------ dispatch polish

    private LpResult runDispatch(Plan given, LpOptions options) {
        Clock clock = new Clock(options.timeLimit());
        double givenServed = PlanCosts.servedInferences(given.flows());
        Map<Plan.SiteChipQuarter, Double> installedExact = new HashMap<>();
        given.installed().forEach((k, v) -> installedExact.put(k, v.doubleValue()));

        Built b1 = build(false, Goal.MAX_SERVED, Double.NaN);
        long phase1Budget = options.timeLimit() == null ? -1 : Math.max(1, clock.remainingMillis() / 2);
        Phase p1 = runPhase(b1, clock, phase1Budget, options.mipRelativeGap());
        double s1 = p1.ok() ? servedValue(b1, p1.x()) : Double.NaN;
        Phase p2 = null;
        Built b2 = null;
        if (p1.ok() && !clock.expired()) {
            double givenUnits = givenServed / (FLOW_UNIT_IPS * Quarter.SECONDS);
            double target = s1 - Math.max(options.servedTolerance() * s1, 1e-12);
            if (givenUnits <= s1) {
                target = Math.max(target, givenUnits); // keep at least what was given
            }
            b2 = build(false, Goal.MIN_COST, target);
            p2 = runPhase(b2, clock, clock.remainingMillis(), options.mipRelativeGap());
            if (!p2.ok() && target > s1 - Math.max(1e-7 * s1, 1e-12)) {
                b2 = build(false, Goal.MIN_COST, s1 - Math.max(1e-7 * s1, 1e-12));
                p2 = runPhase(b2, clock, clock.remainingMillis(), options.mipRelativeGap());
            }
        }
        Built best = p2 != null && p2.ok() ? b2 : (p1.ok() ? b1 : null);
        double[] bestResult = p2 != null && p2.ok() ? p2.x() : (p1.ok() ? p1.x() : null);
        boolean hit = p1.timeLimitHit || (p2 != null && p2.timeLimitHit);
        double maxServedInf = Double.isNaN(s1) ? Double.NaN : s1 * FLOW_UNIT_IPS * Quarter.SECONDS;

        List<Plan.Flow> flows = null;
        String message = "";
        if (best != null) {
            int ns = model.sites().size();
            int nc = model.chips().size();
            double[] flow = new double[flowKeys.size()];
            for (int k = 0; k < flow.length; k++) {
                flow[k] = Math.max(0.0, bestResult[best.flow[k]]) * FLOW_UNIT_IPS;
            }
            clean(flow, fixedInstalled);
            flows = toFlows(flow);
            if (PlanCosts.servedInferences(flows) < givenServed * (1 - POLISH_ROUNDING)) {
                flows = null;
                message = "the solver's flows served less than the given ones; kept the given flows";
            }
        } else {
            message = "flow LP ended " + p1.state() + "; kept the given flows";
        }
        LpStatus status;
        if (flows == null) {
            flows = given.flows();
            status = hit ? LpStatus.TIME_LIMIT : LpStatus.FEASIBLE;
        } else if (p2 != null && p2.ok()) {
            status = p1.status == LpStatus.OPTIMAL ? p2.status : LpStatus.FEASIBLE;
        } else {
            status = hit ? LpStatus.TIME_LIMIT : LpStatus.FEASIBLE;
            message = "phase 2 (minimise busy energy) did not finish; flows of phase 1";
        }
        Map<Plan.SiteQuarter, Double> mw = new HashMap<>(given.itMwBuilt());
        CostBreakdown cost = PlanCosts.cost(model, installedExact, mw, flows);
        boolean proven = status == LpStatus.OPTIMAL && p1.status == LpStatus.OPTIMAL;
        return new LpResult(new Plan(flows, given.installed(), given.itMwBuilt()), installedExact, mw,
                PlanCosts.servedInferences(flows), PlanCosts.unmetInferences(demand, flows), maxServedInf, cost,
                status, proven, hit, clock.elapsedSeconds(), backendNote + message);
    }
}
