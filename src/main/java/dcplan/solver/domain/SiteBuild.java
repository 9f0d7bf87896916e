package dcplan.solver.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Derived per (site, quarter): watts drawn by servers added beyond the existing ones, and the
 * cash value (USD) of those servers. Both are cumulative, so the capex spent in a year is the
 * value at the year's last quarter minus the value at the previous year's last quarter.
 */
public record SiteBuild(SiteFact site, QuarterSlot quarter, long addedServerWatts, long serverValueUsd) {

    /** IT power drawn by all servers of the site in this quarter, in watts. */
    public long usedWatts() {
        return site.existingServerWatts() + addedServerWatts;
    }

    public long expansionWatts() {
        return site.expansionWatts(addedServerWatts);
    }

    /** Cumulative cash capex (servers and facility) at the site up to this quarter, in USD. */
    public long cumulativeCapexUsd() {
        return serverValueUsd + site.facilityCapexUsd(expansionWatts());
    }

    /** Telescoping contributions to yearly capex: +V in this quarter's year, -V in the next's. */
    public List<BudgetDelta> budgetDeltas() {
        List<BudgetDelta> out = new ArrayList<>(2);
        long value = cumulativeCapexUsd();
        out.add(new BudgetDelta(quarter.budgetYear(), value));
        if (quarter.next() != null) {
            out.add(new BudgetDelta(quarter.next().budgetYear(), -value));
        }
        return out;
    }

    /** A share of one year's cash capex. */
    public record BudgetDelta(BudgetYear year, long usd) {
    }
}
