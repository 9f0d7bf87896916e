package dcplan.solver.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Derived, not a variable: servers of a route installed beyond the existing and the held ones by
 * quarter q, E[s,c,q] = max(0, max over q' <= q of the servers needed in q' - existing - held[q]).
 * The running maximum makes installed servers never decrease; E[q] - E[q-1] plus the held
 * additions are the servers bought in q (the held ones are taken off the supply in the facts).
 *
 * <p>{@code aheadWatts}: the MW built ahead at the route's site, usable by quarter q, in watts
 * ({@link PhaseBuild}s claim them on one route of the site, 0 on the others), cumulative.
 */
public record AddedServers(SiteChip route, QuarterSlot quarter, long added, long aheadWatts) {

    /**
     * Telescoping contributions to "servers bought per (chip, quarter)": +E in q, -E in q+1,
     * so that summing over a (chip, quarter) gives sum over sites of E[q] - E[q-1].
     */
    public List<SupplyDelta> supplyDeltas() {
        List<SupplyDelta> out = new ArrayList<>(2);
        ChipFact chip = route.chip();
        out.add(new SupplyDelta(chip.in(quarter.index()), added));
        if (quarter.next() != null) {
            out.add(new SupplyDelta(chip.in(quarter.next().index()), -added));
        }
        return out;
    }

    /** A share of the servers bought in one (chip, quarter). */
    public record SupplyDelta(ChipFact.ChipQuarter chipQuarter, long servers) {
    }
}
