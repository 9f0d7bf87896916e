package dcplan.plan;

import dcplan.model.Chip;
import dcplan.model.LeadTimes;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;

import java.util.List;

/**
 * What a plan may no longer choose, as levels: for each (site, chip) the first quarters whose
 * additions are fixed and the servers installed there, for each site the same for MW. Two rules
 * fix them (contract version 2):
 * <ul>
 *   <li>lead times: no servers added before the chip's first delivery quarter (rule 4'), no MW
 *   added before the site's first expansion quarter (rule 3'; {@link LeadTimes});</li>
 *   <li>commitments: {@code added[s,c,q]} and {@code dM[s,q]} as held for the quarters before
 *   {@code D + L} ({@link Commitments}).</li>
 * </ul>
 * Both fix a prefix of the horizon: in its quarters the level is the existing capacity plus the
 * held additions so far; after it the level is a floor (never decreasing) and additions are free.
 * The LP turns these into variable bounds, the search into floors, the roundings and trims into
 * limits they keep; all read them from here. Sites and chips are indexed as in the model's lists,
 * quarters as in {@link PlanningModel#quarters()}.
 */
public final class HeldLevels {
    private final PlanningModel model;
    private final Commitments commitments;
    /** [s][c]: quarters 0 .. fixedServers-1 have their I fixed. */
    private final int[][] fixedServerQuarters;
    /** [s][c][q]: I in fixed quarters; from the first free quarter on, the floor. */
    private final int[][][] servers;
    /** [s]: quarters 0 .. fixedMw-1 have their M fixed. */
    private final int[] fixedMwQuarters;
    /** [s][q]: M in fixed quarters; from the first free quarter on, the floor. */
    private final double[][] mw;

    private HeldLevels(PlanningModel model, Commitments commitments) {
        this.model = model;
        this.commitments = commitments;
        List<Quarter> qs = model.quarters();
        int ns = model.sites().size();
        int nc = model.chips().size();
        fixedServerQuarters = new int[ns][nc];
        servers = new int[ns][nc][qs.size()];
        fixedMwQuarters = new int[ns];
        mw = new double[ns][qs.size()];
        for (int s = 0; s < ns; s++) {
            Site site = model.sites().get(s);
            for (int c = 0; c < nc; c++) {
                fillServers(s, site, c, model.chips().get(c));
            }
            fillMw(s, site);
        }
    }

    /** The levels of {@code model}'s lead times and of {@code commitments} ({@link Commitments#NONE}: lead times only). */
    public static HeldLevels of(PlanningModel model, Commitments commitments) {
        return new HeldLevels(model, commitments == null ? Commitments.NONE : commitments);
    }

    private void fillServers(int s, Site site, int c, Chip chip) {
        List<Quarter> qs = model.quarters();
        int level = site.existingServers(chip.id());
        int fixed = index(LeadTimes.firstDeliveryQuarter(chip, model.policy()));
        for (int q = 0; q < qs.size(); q++) {
            if (commitments.holdsServers(chip, qs.get(q))) {
                level += commitments.heldAdded(site, chip, qs.get(q));
                fixed = Math.max(fixed, q + 1);
            }
            servers[s][c][q] = level;
        }
        fixedServerQuarters[s][c] = Math.min(fixed, qs.size());
    }

    private void fillMw(int s, Site site) {
        List<Quarter> qs = model.quarters();
        double level = site.existingItMw();
        int fixed = index(LeadTimes.firstExpansionQuarter(site, model.policy()));
        for (int q = 0; q < qs.size(); q++) {
            if (commitments.holdsMw(site, qs.get(q))) {
                level += commitments.heldAddedMw(site, qs.get(q));
                fixed = Math.max(fixed, q + 1);
            }
            mw[s][q] = level;
        }
        fixedMwQuarters[s] = Math.min(fixed, qs.size());
    }

    /** Position of {@code q} in the horizon, 0 when before it (clamped at 0). */
    private int index(Quarter q) {
        return Math.max(0, q.ordinal() - model.policy().horizonFrom().ordinal());
    }

    public Commitments commitments() {
        return commitments;
    }

    /** How many of the horizon's first quarters have I[s,c,q] fixed (0: none). */
    public int fixedServerQuarters(int s, int c) {
        return fixedServerQuarters[s][c];
    }

    public boolean serversFixed(int s, int c, int q) {
        return q < fixedServerQuarters[s][c];
    }

    /**
     * I[s,c,q] where it is fixed; from the first free quarter on, the least I may be (the level
     * of the last fixed quarter, or the existing servers).
     */
    public int servers(int s, int c, int q) {
        int f = fixedServerQuarters[s][c];
        return q < f ? servers[s][c][q]
                : (f == 0 ? model.sites().get(s).existingServers(model.chips().get(c).id()) : servers[s][c][f - 1]);
    }

    /** Servers held beyond the existing ones at (s, c) in quarter q ({@link #servers} less existing). */
    public int heldBeyondExisting(int s, int c, int q) {
        return servers(s, c, q) - model.sites().get(s).existingServers(model.chips().get(c).id());
    }

    /** How many of the horizon's first quarters have M[s,q] fixed (0: none). */
    public int fixedMwQuarters(int s) {
        return fixedMwQuarters[s];
    }

    public boolean mwFixed(int s, int q) {
        return q < fixedMwQuarters[s];
    }

    /** M[s,q] where it is fixed; from the first free quarter on, the least M may be. */
    public double mw(int s, int q) {
        int f = fixedMwQuarters[s];
        return q < f ? mw[s][q] : (f == 0 ? model.sites().get(s).existingItMw() : mw[s][f - 1]);
    }

    /** Whether any held addition (servers or MW) lies beyond the existing capacity at site s. */
    public boolean holdsAnythingAt(int s) {
        int nq = model.quarters().size();
        if (nq == 0) {
            return false;
        }
        if (mw(s, nq - 1) > model.sites().get(s).existingItMw()) {
            return true;
        }
        for (int c = 0; c < model.chips().size(); c++) {
            if (heldBeyondExisting(s, c, nq - 1) > 0) {
                return true;
            }
        }
        return false;
    }
}
