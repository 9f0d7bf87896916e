package dcplan.solver.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Derived per (site, quarter): watts drawn by servers the search adds (beyond the existing and the
 * held ones), the cash value (USD) of those servers, and the MW the search built ahead, usable
 * by this quarter ({@link PhaseBuild}, cumulative, in watts). All are cumulative, so the capex
 * spent in a year telescopes: each quarter's value counts plus in one year and minus in a later
 * one. MW are the larger of the fewest (whole phases of) MW that power every server and the held
 * MW plus those built ahead; only the MW beyond the held ones ({@link #addedExpansionWatts}) are priced here, the
 * held ones being constants of the facts.
 */
public record SiteBuild(SiteFact site, QuarterSlot quarter, long addedServerWatts, long serverValueUsd, long aheadWatts) {

    /** IT power drawn by all servers of the site in this quarter, in watts. */
    public long usedWatts() {
        return site.fixedServerWatts(quarter) + addedServerWatts;
    }

    /** MW built beyond existing_it_mw in this quarter, in watts (held MW included). */
    public long expansionWatts() {
        return site.expansionWatts(usedWatts(), quarter, aheadWatts);
    }

    /** IT MW built in this quarter, in watts: existing_it_mw plus {@link #expansionWatts}. */
    public long builtWatts() {
        return site.existingWatts() + expansionWatts();
    }

    /** MW built beyond the held ones: what the search decides, in watts. */
    public long addedExpansionWatts() {
        return expansionWatts() - site.heldExpansionWatts(quarter);
    }

    /** Cumulative cash capex (servers and facility) the search adds at the site up to this quarter, in USD. */
    public long cumulativeCapexUsd() {
        return serverValueUsd + site.facilityCapexUsd(addedExpansionWatts());
    }

    /**
     * Telescoping contributions to yearly capex cash (rule 5'). Servers are paid when installed:
     * +V in this quarter's year, -V in the next quarter's. Facility MW usable from q are paid in
     * equal parts over q - L .. q - 1, so the cash of quarter t is {@code p/L * (E(t+L) - E(t))}
     * with E the cumulative expansion (past the horizon, the last quarter's): E(q) counts +E/L in
     * the year of q - L and -E/L in the year of q; the last quarter's E also stands for the
     * quarters after the horizon, +E/L in each of last - L .. last - 1 (and nothing in last).
     * Quarters before the horizon have no budget (rule 3' builds nothing usable then). With
     * L = 0 the facility is paid in q, like the servers, in one contribution.
     */
    public List<BudgetDelta> budgetDeltas() {
        int lead = site.buildQuarters();
        if (lead == 0) {
            return telescoping(cumulativeCapexUsd());
        }
        List<BudgetDelta> out = telescoping(serverValueUsd);
        long part = Math.round((double) site.facilityCapexUsd(addedExpansionWatts()) / lead);
        if (part == 0) {
            return out;
        }
        if (quarter.isLast()) {
            for (int k = 1; k <= lead; k++) {
                add(out, quarter.back(k), part);
            }
        } else {
            add(out, quarter.back(lead), part);
            add(out, quarter, -part);
        }
        return out;
    }

    /** +value in this quarter's year, -value in the next quarter's. */
    private List<BudgetDelta> telescoping(long value) {
        List<BudgetDelta> out = new ArrayList<>(4);
        out.add(new BudgetDelta(quarter.budgetYear(), value));
        if (quarter.next() != null) {
            out.add(new BudgetDelta(quarter.next().budgetYear(), -value));
        }
        return out;
    }

    private static void add(List<BudgetDelta> out, QuarterSlot slot, long usd) {
        if (slot != null) {
            out.add(new BudgetDelta(slot.budgetYear(), usd));
        }
    }

    /** A share of one year's cash capex. */
    public record BudgetDelta(BudgetYear year, long usd) {
    }
}
