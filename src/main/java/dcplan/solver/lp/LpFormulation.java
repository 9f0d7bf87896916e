package dcplan.solver.lp;

import dcplan.model.LeadTimes;
import dcplan.model.Chip;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.plan.Plan;
import dcplan.plan.Sizing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows 2-6 of the contract and the two objectives over the variables of {@link LpVariables},
 * written in one pass into a {@link LinearModel}, one method per row family (the budget rows, 5,
 * in {@link LpBudgetRows}). Every cost and cash
 * coefficient comes from {@link UnitCosts}, every server count per flow from {@link Sizing}.
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
 * <p>The order of columns, rows and coefficients is part of the behaviour: a simplex breaks ties
 * by it, so reordering the writing may pick another optimal vertex.
 */
final class LpFormulation {

    /** One flow variable unit, in peak inferences per second. */
    static final double FLOW_UNIT_IPS = 1000.0;
    /** One money unit in the objective and budget rows, in USD. */
    static final double MONEY_UNIT_USD = 1e6;

    /** What a built model optimises. */
    enum Goal {
        /** Maximise served volume (phase 1). */
        MAX_SERVED,
        /** Minimise cost (phase 2), served volume bounded below when a bound is given. */
        MIN_COST
    }

    /** One built model with the column indices of its variables. */
    static final class Built {
        final LinearModel lm = new LinearModel();
        final int[] flow;
        /** [s][c][q] column of I, null when the pair is inactive or I is given. */
        final int[][][] inst;
        /** [s][q] column of M, null when M stays at existing. */
        final int[][] mw;
        /** [s][q] column of the MIP's whole phases P, -1 where there is none. */
        final int[][] phases;
        private final boolean integer;
        private final LpWindow window;
        private final Goal goal;

        private Built(LpVariables v, boolean integer, Goal goal) {
            this.integer = integer;
            this.window = v.window;
            this.goal = goal;
            flow = new int[v.flowKeys.size()];
            inst = new int[v.sites()][v.chips()][];
            mw = new int[v.sites()][];
            phases = new int[v.sites()][v.quarters.size()];
            for (int[] row : phases) {
                java.util.Arrays.fill(row, -1);
            }
        }

        boolean integer() {
            return integer;
        }

        /** Whether quarter index {@code q} has whole servers and phases: a MIP's, within its window. */
        boolean integerAt(int q) {
            return integer && window.integerAt(q);
        }

        Goal goal() {
            return goal;
        }
    }

    private final LpVariables v;

    LpFormulation(LpVariables variables) {
        this.v = variables;
    }

    LpVariables variables() {
        return v;
    }

    /** Served volume in model units (thousands of average ips) as inferences over a quarter. */
    static double inferences(double servedUnits) {
        return servedUnits * FLOW_UNIT_IPS * Quarter.SECONDS;
    }

    /** Inferences over a quarter in model units (thousands of average ips). */
    static double servedUnits(double inferences) {
        return inferences / (FLOW_UNIT_IPS * Quarter.SECONDS);
    }

    /**
     * Writes the model in one pass: columns (flows, then I and M site by site), rows 2-6 and the
     * objective of {@code goal}. With {@code servedLower} a number, a row
     * {@code served >= servedLower} (thousands of average ips) is added. With I given
     * ({@link LpVariables#fixedInstalled}) only the flows and their rows 2 and 6 are written.
     */
    Built build(boolean integer, Goal goal, double servedLower) {
        Built b = new Built(v, integer, goal);
        addFlowColumns(b);
        addNoOverServing(b);
        Map<Integer, LinearModel.Row> capacity = addCapacityOfFlows(b);
        addServedRow(b, servedLower);
        addFlowObjective(b);
        if (v.fixedInstalled != null) {
            return b; // dispatch: I and M are data
        }
        for (int s = 0; s < v.sites(); s++) {
            for (int c = 0; c < v.chips(); c++) {
                if (v.active[s][c]) {
                    addServers(b, s, c, capacity);
                }
            }
            if (v.siteHasMw[s]) {
                addFacilityAndPower(b, s);
            }
        }
        addSupply(b);
        new LpBudgetRows(v).addTo(b);
        return b;
    }

    /** Flow columns, the no-over-serving limit also as each flow's upper bound. */
    private void addFlowColumns(Built b) {
        for (int k = 0; k < v.flowKeys.size(); k++) {
            LpVariables.FlowKey fk = v.flowKeys.get(k);
            b.flow[k] = b.lm.addColumn("f" + k, 0.0, v.cells.get(fk.cell()).peakIps() / FLOW_UNIT_IPS, false);
        }
    }

    /** 6. no over-serving: a cell's flows sum to at most its peak (one flow: its bound suffices). */
    private void addNoOverServing(Built b) {
        for (int cell = 0; cell < v.cells.size(); cell++) {
            List<Integer> mine = v.flowsOfCell.get(cell);
            if (mine.size() > 1) {
                LinearModel.Row e = b.lm.addRow("demand" + cell).upper(v.cells.get(cell).peakIps() / FLOW_UNIT_IPS);
                for (int k : mine) {
                    e.set(b.flow[k], 1.0);
                }
            }
        }
    }

    /**
     * 2. capacity, the flows' side: one row per (s, c, q) with flows, {@code sum busy servers}
     * against {@code u * I} (given I: on the right-hand side; else -u * I is added by
     * {@link #addServers}). Returns the rows by {@link LpVariables#capacityKey}.
     */
    private Map<Integer, LinearModel.Row> addCapacityOfFlows(Built b) {
        Map<Integer, LinearModel.Row> capacity = new HashMap<>();
        for (int k = 0; k < v.flowKeys.size(); k++) {
            LpVariables.FlowKey fk = v.flowKeys.get(k);
            int key = v.capacityKey(fk);
            LinearModel.Row e = capacity.get(key);
            if (e == null) {
                e = b.lm.addRow("cap" + key);
                e.upper(v.fixedInstalled == null ? 0.0
                        : Sizing.capacity(v.u, v.fixedInstalled[fk.site()][fk.chip()][fk.quarter()]));
                capacity.put(key, e);
            }
            e.set(b.flow[k], Sizing.busyServers(FLOW_UNIT_IPS, v.throughput(fk)));
        }
        return capacity;
    }

    /** {@code served >= servedLower}, served in thousands of average ips; none when NaN. */
    private void addServedRow(Built b, double servedLower) {
        if (Double.isNaN(servedLower)) {
            return;
        }
        LinearModel.Row served = b.lm.addRow("served").lower(servedLower);
        for (int k = 0; k < v.flowKeys.size(); k++) {
            served.set(b.flow[k], v.flowKeys.get(k).avgPerPeak());
        }
    }

    /** Phase 1: served volume; phase 2: the busy energy each flow unit draws. */
    private void addFlowObjective(Built b) {
        for (int k = 0; k < v.flowKeys.size(); k++) {
            LpVariables.FlowKey fk = v.flowKeys.get(k);
            if (b.goal == Goal.MAX_SERVED) {
                b.lm.objective(b.flow[k], fk.avgPerPeak());
                continue;
            }
            double busyPerUnit = Sizing.busyServers(FLOW_UNIT_IPS * fk.avgPerPeak(), v.throughput(fk));
            double busyUsdPerUnit = busyPerUnit * UnitCosts.busyEnergyPerServerQuarter(v.site(fk.site()), v.chip(fk.chip()));
            if (busyUsdPerUnit != 0) {
                b.lm.objective(b.flow[k], busyUsdPerUnit / MONEY_UNIT_USD);
            }
        }
    }

    /**
     * I[s,c,q] for every quarter, between existing and the most servers the site's max MW powers,
     * costing capex and idle energy; its -u in the capacity rows; never decreasing. Where
     * {@link dcplan.plan.HeldLevels} fixes I (before the chip's first delivery, rule 4'; held
     * commitments), or a relax-and-fix step pins it ({@link LpWindow#fixedServers}), both bounds
     * are that level; a crossover narrows it to its range ({@link LpWindow#serverRanges}); a MIP
     * makes it integer within its window only.
     */
    private void addServers(Built b, int s, int c, Map<Integer, LinearModel.Row> capacity) {
        Site site = v.site(s);
        Chip chip = v.chip(c);
        int nq = v.quarters.size();
        double floor = v.held.servers(s, c, nq - 1);
        double cap = Math.max(floor, Math.floor(site.maxItMw() * 1000.0 / chip.serverKw() + 1e-9));
        double perQuarterUsd = UnitCosts.installedServerPerQuarter(site, chip);
        b.inst[s][c] = new int[nq];
        for (int q = 0; q < nq; q++) {
            boolean fixed = v.held.serversFixed(s, c, q);
            double level = v.held.servers(s, c, q);
            Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(site.id(), chip.id(), v.quarters.get(q));
            Double pinned = fixed ? null : v.window.fixedServers().get(key);
            if (pinned != null) {
                level = Math.max(level, pinned);
                fixed = true;
            }
            double most = cap;
            LpWindow.Range range = fixed ? null : v.window.serverRanges().get(key);
            if (range != null) {
                level = Math.max(level, range.lower());
                most = Math.max(level, Math.min(cap, range.upper()));
            }
            int col = b.lm.addColumn("I_" + site.id() + "_" + chip.id() + "_" + q, level, fixed ? level : most, b.integerAt(q));
            b.inst[s][c][q] = col;
            if (b.goal == Goal.MIN_COST && perQuarterUsd != 0) {
                b.lm.objective(col, perQuarterUsd / MONEY_UNIT_USD);
            }
            // 2. capacity: sum flow / thr - u * I <= 0
            LinearModel.Row e = capacity.get(v.capacityKey(s, c, q));
            if (e != null) {
                e.set(col, -v.u);
            }
            if (q > 0) { // never decreasing
                b.lm.addRow("Imono_" + s + "_" + c + "_" + q).lower(0.0)
                        .set(col, 1.0).set(b.inst[s][c][q - 1], -1.0);
            }
        }
    }

    /**
     * M[s,q] between existing and the quarter's ceiling ({@link LeadTimes#maxMwIn}: existing
     * before the first expansion quarter, rule 3'; whole phases under max_it_mw after), costing
     * facility capex, never decreasing; fixed at its level where {@link dcplan.plan.HeldLevels}
     * says (held commitments) or the caller pins it ({@link LpOptions#fixedMw}), within a
     * crossover's range where it has one ({@link LpWindow#mwRanges}). 3. power: the
     * servers' MW (fixed ones included) within M.
     */
    private void addFacilityAndPower(Built b, int s) {
        Site site = v.site(s);
        double perMwUsd = UnitCosts.facilityCapexPerMwQuarter(site, v.model.policy());
        b.mw[s] = new int[v.quarters.size()];
        for (int q = 0; q < v.quarters.size(); q++) {
            boolean fixed = v.held.mwFixed(s, q);
            double level = v.held.mw(s, q);
            double ceiling = Math.max(level, LeadTimes.maxMwIn(site, v.model.policy(), v.quarters.get(q)));
            Plan.SiteQuarter key = new Plan.SiteQuarter(site.id(), v.quarters.get(q));
            Double pinned = v.fixedMw.get(key);
            if (pinned != null) {
                level = pinned;
                fixed = true;
            }
            LpWindow.Range range = fixed ? null : v.window.mwRanges().get(key);
            if (range != null) {
                level = Math.max(level, range.lower());
                ceiling = Math.max(level, Math.min(ceiling, range.upper()));
            }
            int m = b.lm.addColumn("M_" + site.id() + "_" + q, level, fixed ? level : ceiling, false);
            b.mw[s][q] = m;
            if (b.goal == Goal.MIN_COST && perMwUsd != 0) {
                b.lm.objective(m, perMwUsd / MONEY_UNIT_USD);
            }
            if (q > 0) {
                b.lm.addRow("Mmono_" + s + "_" + q).lower(0.0).set(m, 1.0).set(b.mw[s][q - 1], -1.0);
            }
            if (b.integerAt(q) && !fixed) {
                addWholePhases(b, s, q);
            }
            // 3. power: sum I * kW / 1000 - M <= -fixed load
            LinearModel.Row p = b.lm.addRow("power_" + s + "_" + q).upper(-v.fixedLoadMw[s]).set(m, -1.0);
            for (int c = 0; c < v.chips(); c++) {
                if (b.inst[s][c] != null) {
                    p.set(b.inst[s][c][q], v.chip(c).serverKw() / 1000.0);
                }
            }
        }
    }

    /**
     * The MIP's phases: {@code M[s,q] = existing + phase_mw * P[s,q]}, P a whole number of phases
     * (up to those under max_it_mw). The relaxation leaves P out: with P continuous the row says
     * no more than M's own bounds, so the relaxation stays a relaxation of the MIP and its cost a
     * lower bound.
     */
    private void addWholePhases(Built b, int s, int q) {
        Site site = v.site(s);
        if (site.phaseMw() == null) {
            return;
        }
        double most = Math.floor((site.usableMaxItMw() - site.existingItMw()) / site.phaseMw() + 1e-9);
        int p = b.lm.addColumn("P_" + site.id() + "_" + q, 0.0, Math.max(0.0, most), true);
        b.phases[s][q] = p;
        b.lm.addRow("phases_" + s + "_" + q).lower(site.existingItMw()).upper(site.existingItMw())
                .set(b.mw[s][q], 1.0).set(p, -site.phaseMw());
    }

    /** 4. supply per (c, q): servers added across sites within the quarter's supply. */
    private void addSupply(Built b) {
        for (int c = 0; c < v.chips(); c++) {
            Chip chip = v.chip(c);
            for (int q = 0; q < v.quarters.size(); q++) {
                long supply = chip.supply().in(v.quarters.get(q));
                if (supply == Long.MAX_VALUE) {
                    continue;
                }
                LinearModel.Row e = null;
                double rhs = supply;
                for (int s = 0; s < v.sites(); s++) {
                    if (b.inst[s][c] == null) {
                        continue;
                    }
                    if (e == null) {
                        e = b.lm.addRow("supply_" + c + "_" + q);
                    }
                    e.set(b.inst[s][c][q], 1.0);
                    if (q > 0) {
                        e.set(b.inst[s][c][q - 1], -1.0);
                    } else {
                        rhs += v.site(s).existingServers(chip.id());
                    }
                }
                if (e != null) {
                    e.upper(rhs);
                }
            }
        }
    }

    /**
     * The cost of any solution of a phase-2 model less its objective value, in USD: what the
     * objective leaves out (the idle draw of inactive pairs' existing servers, constants) less
     * what it counts beyond the cost (the objective prices I and M from 0, the cost from the
     * existing servers and MW). A MIP's dual bound times {@link #MONEY_UNIT_USD} plus this is a
     * bound on cost.
     */
    double constantCostUsd(Built b) {
        double k = 0;
        int nq = v.quarters.size();
        for (int s = 0; s < v.sites(); s++) {
            Site site = v.site(s);
            for (int c = 0; c < v.chips(); c++) {
                Chip chip = v.chip(c);
                int existing = site.existingServers(chip.id());
                k += b.inst[s][c] != null ? -existing * UnitCosts.serverCapexPerServerQuarter(chip) * nq
                        : existing * UnitCosts.idleEnergyPerServerQuarter(site, chip) * nq;
            }
            if (b.mw[s] != null) {
                k -= site.existingItMw() * UnitCosts.facilityCapexPerMwQuarter(site, v.model.policy()) * nq;
            }
        }
        return k;
    }

}
