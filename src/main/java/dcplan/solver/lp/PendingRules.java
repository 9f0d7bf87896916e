package dcplan.solver.lp;

import dcplan.model.LeadTimes;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.plan.Sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * TODO use UnitCosts/Sizing from v2core: the two shared rules of contract version 2 that the
 * branch v2core adds to {@link UnitCosts} ({@code facilityCashSchedule}) and {@link Sizing}
 * (phase-aware {@code fewestMw}), with the same signatures and meaning, until that branch lands.
 * Delete this class then and call theirs.
 */
public final class PendingRules {
    private PendingRules() {
    }

    /** Cash paid in one quarter. */
    public record CashPart(Quarter quarter, double usd) {
    }

    /**
     * Rule 5': {@code addedMw} usable from {@code ready} is paid in {@code L} equal parts over
     * {@code ready - L .. ready - 1}; with {@code L = 0} in one part, in {@code ready}.
     */
    public static List<CashPart> facilityCashSchedule(Site site, double addedMw, Quarter ready) {
        double whole = UnitCosts.facilityCashFor(site, addedMw);
        int l = site.buildQuarters();
        if (l == 0) {
            return List.of(new CashPart(ready, whole));
        }
        List<CashPart> parts = new ArrayList<>(l);
        Quarter start = LeadTimes.constructionStart(site, ready);
        for (int k = 0; k < l; k++) {
            parts.add(new CashPart(Quarter.ofOrdinal(start.ordinal() + k), whole / l));
        }
        return parts;
    }

    /**
     * The least IT MW a plan may build to power {@code serverKw}: never below existing; with
     * phases, existing plus the fewest whole phases that cover the load (a load within round-off
     * of a phase boundary buys no further phase). May exceed the site's ceiling.
     */
    public static double fewestMw(double serverKw, Site site) {
        double existing = site.existingItMw();
        Double phase = site.phaseMw();
        double need = serverKw / 1000.0;
        if (phase == null || need <= existing) {
            return Sizing.fewestMw(serverKw, existing);
        }
        long k = (long) Math.ceil((need - existing) / phase);
        if (k > 0 && Sizing.leq(need, existing + (k - 1) * phase)) {
            k--;
        }
        return existing + k * phase;
    }

    /** {@link #fewestMw(double, Site)}, never below {@code atLeastMw}. */
    public static double fewestMw(double serverKw, Site site, double atLeastMw) {
        return Math.max(atLeastMw, fewestMw(serverKw, site));
    }
}
