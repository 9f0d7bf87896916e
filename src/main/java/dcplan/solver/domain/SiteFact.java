package dcplan.solver.domain;

import dcplan.model.Policy;
import dcplan.model.Site;
import dcplan.model.UnitCosts;

/**
 * A site with what the score needs in whole numbers: power in watts, facility capex in micro-dollars.
 * {@code maxWatts[q]} is the IT power ceiling in quarter slot q (existing MW before expansion may
 * be used, the held MW where a what-if's commitments fix them, the usable maximum after).
 *
 * <p>Version 2: MW come in whole phases of {@code phaseWatts} (0: continuously) and take
 * {@code buildQuarters} to build, paid over those quarters. What a what-if keeps is a constant
 * of the facts: {@code fixedServerWatts[q]} is the draw of the existing and the held servers,
 * {@code heldExpansionWatts[q]} the MW held beyond the existing ones (the least the site has).
 * The score prices only what the search adds beyond them ({@link SiteBuild}); the held part is a
 * constant, its cash taken off the budgets ({@link BudgetYear}).
 */
public final class SiteFact {
    private final int index;
    private final Site site;
    private final long existingWatts;
    private final long existingServerWatts;
    private final long[] fixedServerWatts;
    private final long[] maxWatts;
    private final double[] heldMw;
    private final long[] heldExpansionWatts;
    private final long phaseWatts;
    private final long usdPerMw;
    private final double facilityUsdPerMwQuarter;

    /**
     * @param fixedServerWatts   per quarter slot: existing servers' draw plus the held servers'
     * @param heldMw           per quarter slot: the least IT MW the site has (existing_it_mw, or
     *                         the MW a what-if holds)
     */
    public SiteFact(int index, Site site, long existingServerWatts, long[] fixedServerWatts, long[] maxWatts,
                    double[] heldMw, Policy policy) {
        this.index = index;
        this.site = site;
        this.existingWatts = Math.round(site.existingItMw() * 1e6);
        this.existingServerWatts = existingServerWatts;
        this.fixedServerWatts = fixedServerWatts.clone();
        this.maxWatts = maxWatts.clone();
        this.heldMw = heldMw.clone();
        this.heldExpansionWatts = new long[heldMw.length];
        for (int q = 0; q < heldMw.length; q++) {
            heldExpansionWatts[q] = Math.max(0L, Math.round(heldMw[q] * 1e6) - existingWatts);
        }
        this.phaseWatts = site.phaseMw() == null ? 0L : Math.round(site.phaseMw() * 1e6);
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

    /** Power drawn in quarter slot q by the existing and the held servers, whatever the search does. */
    public long fixedServerWatts(QuarterSlot q) {
        return fixedServerWatts[q.index()];
    }

    public long maxWatts(QuarterSlot q) {
        return maxWatts[q.index()];
    }

    /** The least IT MW the site has in quarter slot q: existing_it_mw, or the MW a what-if holds. */
    public double heldMw(QuarterSlot q) {
        return heldMw[q.index()];
    }

    /** MW held beyond existing in quarter slot q, in watts (0 without commitments). */
    public long heldExpansionWatts(QuarterSlot q) {
        return heldExpansionWatts[q.index()];
    }

    /** build_quarters: MW usable from q are paid over q - L .. q - 1 (in q when 0). */
    public int buildQuarters() {
        return site.buildQuarters();
    }

    /**
     * Watts of IT capacity built beyond existing_it_mw in quarter slot q when servers draw
     * {@code usedWatts} and the search built {@code aheadWatts} usable by q ({@link PhaseBuild}:
     * whole phases, or watts where MW are continuous): the fewest (whole phases of) MW that power
     * the servers, never below what is held plus those built ahead.
     */
    public long expansionWatts(long usedWatts, QuarterSlot q, long aheadWatts) {
        long need = Math.max(0L, usedWatts - existingWatts);
        if (phaseWatts > 0) {
            need = Math.floorDiv(need + phaseWatts - 1, phaseWatts) * phaseWatts;
        }
        return Math.max(heldExpansionWatts[q.index()] + aheadWatts, need);
    }

    /** existing_it_mw in watts. */
    public long existingWatts() {
        return existingWatts;
    }

    /** phase_mw in watts (0: MW are added continuously). */
    public long phaseWatts() {
        return phaseWatts;
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
