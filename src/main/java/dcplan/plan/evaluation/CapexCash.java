package dcplan.plan.evaluation;

import dcplan.model.UnitCosts;
import dcplan.model.UnitCosts.CashPart;
import dcplan.plan.Evaluation.YearCapex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Capex cash per year, what the budget (constraint 5, rule 5') caps: the cash PAID in the
 * horizon's quarters of each year. Servers are paid in the quarter they are installed; a
 * facility increment {@code dM[s,q]} is paid over its construction quarters
 * ({@link UnitCosts#facilityCashSchedule}), so MW usable in January may weigh on the previous
 * year's budget. With {@code build_quarters} 0 everywhere this is the version-1 cash, to the bit.
 *
 * <p>Cash that an increment would have paid before the horizon (construction started before the
 * plan was made, which rule 3' forbids and {@code power} reports) is counted in the horizon's
 * first quarter, so no cash goes unaccounted.
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
            double[] paid = facilityCashPaid(a, s);
            for (int q = 0; q < ix.quarters(); q++) {
                cash.get(ix.quarter(q).year())[1] += paid[q];
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

    /** The whole cash cost of the facility increment {@code dM[s,q]} usable from q, whenever it is paid. */
    public static double facilityIncrementCash(PlanArrays a, int s, int q) {
        return UnitCosts.facilityCashFor(a.index().site(s), a.addedMw(s, q));
    }

    /**
     * Cash paid for MW at site s in each quarter of the horizon (indexed like the horizon): the
     * parts of every increment's {@link UnitCosts#facilityCashSchedule} that fall in that quarter.
     */
    public static double[] facilityCashPaid(PlanArrays a, int s) {
        ModelIndex ix = a.index();
        double[] paid = new double[ix.quarters()];
        if (paid.length == 0) {
            return paid;
        }
        int first = ix.quarter(0).ordinal();
        for (int q = 0; q < ix.quarters(); q++) {
            double dm = a.addedMw(s, q);
            if (dm == 0) {
                continue;
            }
            for (CashPart part : UnitCosts.facilityCashSchedule(ix.site(s), dm, ix.quarter(q))) {
                paid[Math.max(0, part.quarter().ordinal() - first)] += part.usd();
            }
        }
        return paid;
    }
}
