package dcplan.solver.lp;

import dcplan.solver.lp.HardInstanceDraft.ChipDraft;
import dcplan.solver.lp.HardInstanceDraft.SiteDraft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static dcplan.solver.lp.HardInstanceDraft.uniform;

/**
 * The version-2 commitments of {@link HardInstances} (the contract's "Commitments and lead
 * times"), drawn after the flavor has shaped the draft, from a random stream of their own (see
 * the class comment there for the draw). The flavor's limits are left as they are: phases divide
 * each site's headroom exactly (to a kW), so whole phases can still reach {@code max_it_mw}.
 */
final class HardCommitments {

    /** A phase is about this share of the site's headroom ... */
    private static final double PHASE_SHARE_LO = 0.15;
    private static final double PHASE_SHARE_HI = 0.4;
    /** ... held to this many MW (a smaller headroom is one phase). */
    private static final double PHASE_MW_LO = 4;
    private static final double PHASE_MW_HI = 24;
    private static final int MAX_BUILD_QUARTERS = 4;
    private static final int MAX_ORDER_LEAD = 2;
    /** Share of the seeds in which the dear chips are the quick ones to order. */
    private static final double REVERSED = 1.0 / 3;
    /** Share of the seeds in which even the quickest chip takes a quarter (no server added in the first). */
    private static final double NONE_AT_ONCE = 0.25;

    private HardCommitments() {
    }

    static void add(HardInstanceDraft d, SplittableRandom rnd) {
        int quarters = d.quarters.size();
        for (SiteDraft site : d.sites) {
            site.buildQuarters = 1 + rnd.nextInt(Math.max(1, Math.min(MAX_BUILD_QUARTERS, quarters / 2)));
            site.phaseMw = phase(site.maxMw - site.existingMw, rnd);
        }
        orderLeads(d.chips, rnd);
    }

    /**
     * A phase of about 15..40 % of the headroom within 4..24 MW, then adjusted so that a whole
     * number of phases fills the headroom (at most 24 MW each; rounded down to a kW, so that they
     * still fit); null where the site cannot grow.
     */
    static Double phase(double headroom, SplittableRandom rnd) {
        double target = Math.min(PHASE_MW_HI, Math.max(PHASE_MW_LO, uniform(rnd, PHASE_SHARE_LO, PHASE_SHARE_HI) * headroom));
        if (headroom < 0.001) {
            return null;
        }
        long phases = Math.max(Math.max(1, Math.round(headroom / target)), (long) Math.ceil(headroom / PHASE_MW_HI));
        return Math.floor(headroom / phases * 1000) / 1000.0;
    }

    /**
     * Order lead times 0..2 quarters rising with the price (the cheap chips are quick to get), in
     * a third of the seeds falling with it; in a quarter of the seeds the quickest chip takes a
     * quarter too, so that no server at all can be added in the first quarter.
     */
    private static void orderLeads(List<ChipDraft> chips, SplittableRandom rnd) {
        List<ChipDraft> byPrice = new ArrayList<>(chips);
        byPrice.sort(Comparator.comparingDouble(c -> c.price));
        boolean reversed = rnd.nextDouble() < REVERSED;
        boolean noneAtOnce = rnd.nextDouble() < NONE_AT_ONCE;
        int n = byPrice.size();
        for (int i = 0; i < n; i++) {
            int rank = reversed ? n - 1 - i : i;
            int lead = n == 1 ? 0 : (int) Math.round((double) MAX_ORDER_LEAD * rank / (n - 1));
            byPrice.get(i).orderLead = noneAtOnce ? Math.max(1, lead) : lead;
        }
    }
}
