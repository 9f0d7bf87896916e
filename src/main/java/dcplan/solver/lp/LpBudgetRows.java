package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.Site;
import dcplan.model.UnitCosts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Row family 5 of {@link LpFormulation}: one budget row per year with a budget, the cash paid in
 * that year (rule 5'), every cash coefficient from {@link UnitCosts}, money in
 * {@link LpFormulation#MONEY_UNIT_USD}.
 */
final class LpBudgetRows {
    private final LpVariables v;

    LpBudgetRows(LpVariables variables) {
        this.v = variables;
    }

    /**
     * 5. budget per year: the cash paid in the year for servers and MW (rule 5'). Servers are
     * paid when installed, so their cash telescopes to {@code I[last q of y] - I[q before the
     * year]}. Facility cash: see {@link #addFacilityCash}.
     */
    void addTo(LpFormulation.Built b) {
        for (Map.Entry<Integer, int[]> ye : yearSpans().entrySet()) {
            double budget = v.model.policy().budgetUsd(ye.getKey());
            if (Double.isInfinite(budget)) {
                continue;
            }
            int first = ye.getValue()[0];
            int last = ye.getValue()[1];
            LinearModel.Row e = new LinearModel.Row("budget_" + ye.getKey());
            double rhs = budget / LpFormulation.MONEY_UNIT_USD;
            for (int s = 0; s < v.sites(); s++) {
                rhs = addServerCash(b, e, s, first, last, rhs);
                rhs = addFacilityCash(b, e, s, first, last, rhs);
            }
            if (e.size > 0) {
                b.lm.addRow(e.upper(rhs));
            }
        }
    }

    /**
     * Site s's servers in a budget row; returns {@code rhs} plus, in the first year, the cash of
     * what existed before the horizon (the additions telescope from it).
     */
    private double addServerCash(LpFormulation.Built b, LinearModel.Row e, int s, int first, int last, double rhs) {
        Site site = v.site(s);
        for (int c = 0; c < v.chips(); c++) {
            if (b.inst[s][c] == null) {
                continue;
            }
            Chip chip = v.chip(c);
            double price = UnitCosts.serverCash(chip) / LpFormulation.MONEY_UNIT_USD;
            e.set(b.inst[s][c][last], price);
            if (first > 0) {
                e.set(b.inst[s][c][first - 1], -price);
            } else {
                rhs += price * site.existingServers(chip.id());
            }
        }
        return rhs;
    }

    /**
     * Site s's facility cash in a budget row. With {@code L = build_quarters}, an increment
     * {@code dM[q]} is paid {@code p / L} in each of quarters {@code q-L .. q-1}, so the cash paid
     * through quarter k is {@code C(k) = p/L * sum_{j=1..L} (M[k+j] - existing)} (M past the horizon
     * is M of its last quarter: nothing is built after it); the year's cash is
     * {@code C(last) - C(first - 1)}, and {@code C} before the horizon is 0 since rule 3' keeps
     * those M at existing (their columns, fixed by their bounds, stand in the row). With
     * {@code L = 0} the increment is paid in q itself: {@code p * (M[last] - M[first - 1])}, M
     * before the horizon being existing. Returns the adjusted {@code rhs}.
     */
    private double addFacilityCash(LpFormulation.Built b, LinearModel.Row e, int s, int first, int last, double rhs) {
        Site site = v.site(s);
        if (b.mw[s] == null || UnitCosts.facilityCashPerMw(site) == 0) {
            return rhs;
        }
        double perMw = UnitCosts.facilityCashPerMw(site) / LpFormulation.MONEY_UNIT_USD;
        int lead = site.buildQuarters();
        if (lead == 0) {
            e.set(b.mw[s][last], perMw);
            if (first > 0) {
                e.set(b.mw[s][first - 1], -perMw);
            } else {
                rhs += perMw * site.existingItMw();
            }
            return rhs;
        }
        int nq = v.quarters.size();
        Map<Integer, Double> coefficient = new LinkedHashMap<>();
        for (int j = 1; j <= lead; j++) {
            coefficient.merge(b.mw[s][Math.min(last + j, nq - 1)], perMw / lead, Double::sum);
            coefficient.merge(b.mw[s][Math.min(first - 1 + j, nq - 1)], -perMw / lead, Double::sum);
        }
        coefficient.forEach((col, a) -> {
            if (a != 0) {
                e.set(col, a);
            }
        });
        return rhs;
    }

    /** Each year of the horizon with its first and last quarter index. */
    private Map<Integer, int[]> yearSpans() {
        Map<Integer, int[]> years = new LinkedHashMap<>();
        for (int q = 0; q < v.quarters.size(); q++) {
            int y = v.quarters.get(q).year();
            int[] span = years.computeIfAbsent(y, k -> new int[]{Integer.MAX_VALUE, -1});
            span[0] = Math.min(span[0], q);
            span[1] = Math.max(span[1], q);
        }
        return years;
    }
}
