package dcplan.solver.domain;

import dcplan.model.Policy;
import dcplan.model.Site;
import dcplan.model.UnitCosts;

/**
 * A site with what the score needs in whole numbers: power in watts, facility capex in micro-dollars.
 * {@code maxWatts[q]} is the IT power ceiling in quarter slot q (existing MW before expansion is
 * ready, max_it_mw after).
 */
public final class SiteFact {
    private final int index;
    private final Site site;
    private final long existingWatts;
    private final long existingServerWatts;
    private final long[] maxWatts;
    private final long usdPerMw;
    private final double facilityUsdPerMwQuarter;

    public SiteFact(int index, Site site, long existingServerWatts, long[] maxWatts, Policy policy) {
        this.index = index;
        this.site = site;
        this.existingWatts = Math.round(site.existingItMw() * 1e6);
        this.existingServerWatts = existingServerWatts;
        this.maxWatts = maxWatts.clone();
        this.usdPerMw = Math.round(UnitCosts.facilityCashPerMw(site));
        this.facilityUsdPerMwQuarter = UnitCosts.facilityCapexPerMwQuarter(site, policy);
    }

    public int index() {
        return index;
    }

    public Site site() {
        return site;
    }

    public String id() {
        return site.id();
    }

    /** Power drawn by existing servers of every chip: always installed, whatever the plan. */
    public long existingServerWatts() {
        return existingServerWatts;
    }

    public long maxWatts(QuarterSlot q) {
        return maxWatts[q.index()];
    }

    /** Watts of IT capacity built beyond existing_it_mw when servers draw {@code addedWatts} more. */
    public long expansionWatts(long addedWatts) {
        return Math.max(0L, existingServerWatts + addedWatts - existingWatts);
    }

    /** Amortised facility capex of one quarter for an expansion of {@code watts}, in micro-dollars. */
    public long facilityMicrosPerQuarter(long expansionWatts) {
        return Money.micros(expansionWatts / 1e6 * facilityUsdPerMwQuarter);
    }

    /** Cash capex of an expansion of {@code watts}, in whole USD. */
    public long facilityCapexUsd(long expansionWatts) {
        return Math.round(expansionWatts / 1e6 * usdPerMw);
    }

    @Override
    public String toString() {
        return site.id();
    }
}
