package dcplan.plan.evaluation;

import dcplan.model.UnitCosts;
import dcplan.plan.Evaluation.YearCapex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Capex cash per year, what the budget (constraint 5) caps: servers added times their price
 * plus MW added times the expansion price, over the horizon's quarters of each year, both via
 * {@link UnitCosts}.
 */
public final class CapexCash {
    private CapexCash() {
    }

    /** One entry per year of the horizon, in year order, with that year's budget ({@code +inf} when unset). */
    public static List<YearCapex> byYear(PlanArrays a) {
        ModelIndex ix = a.index();
        Map<Integer, double[]> cash = new TreeMap<>(); // year -> {servers, facility}
        for (int q = 0; q < ix.quarters(); q++) {
            cash.computeIfAbsent(ix.quarter(q).year(), y -> new double[2]);
        }
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                for (int q = 0; q < ix.quarters(); q++) {
                    cash.get(ix.quarter(q).year())[0] += serverCash(a, s, c, q);
                }
            }
        }
        for (int s = 0; s < ix.sites(); s++) {
            for (int q = 0; q < ix.quarters(); q++) {
                cash.get(ix.quarter(q).year())[1] += facilityCash(a, s, q);
            }
        }
        List<YearCapex> years = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : cash.entrySet()) {
            years.add(new YearCapex(e.getKey(), e.getValue()[0], e.getValue()[1],
                    ix.model().policy().budgetUsd(e.getKey())));
        }
        return years;
    }

    /** Cash for the servers added at (s, c, q), paid in q. */
    public static double serverCash(PlanArrays a, int s, int c, int q) {
        return UnitCosts.serverCashFor(a.index().chip(c), a.added(s, c, q));
    }

    /** Cash for the MW added at (s, q), paid in q. */
    public static double facilityCash(PlanArrays a, int s, int q) {
        return UnitCosts.facilityCashFor(a.index().site(s), a.addedMw(s, q));
    }
}
