package dcplan.plan;

import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a what-if made at quarter D ({@code decided_until}, the first quarter not yet decided)
 * keeps of the baseline plan (contract version 2, "What-ifs that keep what was already
 * committed"): for each (s, c), {@code added[s,c,q]} for every q < D + order_lead_quarters; for
 * each site, {@code dM[s,q]} for every q < D + build_quarters. The same notion, with D the
 * decision quarter, is what a hedged plan's scenarios share.
 *
 * <p>Lead times are the what-if model's. A commitment at a site or of a chip the what-if model
 * no longer has is kept in {@link #orphans()}: it cannot be honoured, and the plan is then
 * infeasible (nothing is relaxed silently).
 */
public record Commitments(Quarter decidedUntil, Map<Plan.SiteChipQuarter, Integer> heldAdded,
                          Map<Plan.SiteQuarter, Double> heldAddedMw, List<String> orphans) {

    /** No commitments: every quarter is free (a plan made from scratch, or {@code --replan-all}). */
    public static final Commitments NONE = new Commitments(null, Map.of(), Map.of(), List.of());

    public Commitments {
        heldAdded = Map.copyOf(heldAdded);
        heldAddedMw = Map.copyOf(heldAddedMw);
        orphans = List.copyOf(orphans);
    }

    public boolean isNone() {
        return decidedUntil == null;
    }

    /**
     * The commitments of {@code baseline} (a plan of {@code baselineModel}) that a plan of
     * {@code model} made at {@code decidedUntil} must keep.
     */
    public static Commitments of(PlanningModel baselineModel, Plan baseline, PlanningModel model, Quarter decidedUntil) {
        Map<Plan.SiteChipQuarter, Integer> added = new HashMap<>();
        Map<Plan.SiteQuarter, Double> addedMw = new HashMap<>();
        List<String> orphans = new java.util.ArrayList<>();
        List<Quarter> qs = baselineModel.quarters();
        for (Site baseSite : baselineModel.sites()) {
            Site site = model.site(baseSite.id()).orElse(null);
            for (Chip baseChip : baselineModel.chips()) {
                Chip chip = model.chip(baseChip.id()).orElse(null);
                int previous = baseSite.existingServers(baseChip.id());
                for (Quarter q : qs) {
                    int installed = baseline.installed().getOrDefault(new Plan.SiteChipQuarter(baseSite.id(), baseChip.id(), q), 0);
                    int a = installed - previous;
                    previous = installed;
                    int lead = chip == null ? baseChip.orderLeadQuarters() : chip.orderLeadQuarters();
                    if (q.ordinal() >= decidedUntil.ordinal() + lead) {
                        continue;
                    }
                    if (site == null || chip == null) {
                        if (a != 0) {
                            orphans.add(a + " servers of " + baseChip.id() + " at " + baseSite.id() + " in " + q
                                    + " were committed, but the what-if has no " + (site == null ? "site " + baseSite.id() : "chip " + baseChip.id()));
                        }
                        continue;
                    }
                    added.put(new Plan.SiteChipQuarter(site.id(), chip.id(), q), a);
                }
            }
            double previousMw = baseSite.existingItMw();
            for (Quarter q : qs) {
                double m = baseline.itMwBuilt().getOrDefault(new Plan.SiteQuarter(baseSite.id(), q), baseSite.existingItMw());
                double dm = m - previousMw;
                previousMw = m;
                int lead = site == null ? baseSite.buildQuarters() : site.buildQuarters();
                if (q.ordinal() >= decidedUntil.ordinal() + lead) {
                    continue;
                }
                if (site == null) {
                    if (dm != 0) {
                        orphans.add(dm + " MW at " + baseSite.id() + " usable from " + q
                                + " were committed, but the what-if has no site " + baseSite.id());
                    }
                    continue;
                }
                addedMw.put(new Plan.SiteQuarter(site.id(), q), dm);
            }
        }
        return new Commitments(decidedUntil, added, addedMw, orphans);
    }

    /** Whether {@code added[s,c,q]} is held (q before D + the chip's order lead time). */
    public boolean holdsServers(Chip chip, Quarter q) {
        return !isNone() && q.ordinal() < decidedUntil.ordinal() + chip.orderLeadQuarters();
    }

    /** Whether {@code dM[s,q]} is held (q before D + the site's build time). */
    public boolean holdsMw(Site site, Quarter q) {
        return !isNone() && q.ordinal() < decidedUntil.ordinal() + site.buildQuarters();
    }

    /** The held {@code added[s,c,q]}; 0 where the baseline added none. */
    public int heldAdded(Site site, Chip chip, Quarter q) {
        return heldAdded.getOrDefault(new Plan.SiteChipQuarter(site.id(), chip.id(), q), 0);
    }

    /** The held {@code dM[s,q]}; 0 where the baseline built none. */
    public double heldAddedMw(Site site, Quarter q) {
        return heldAddedMw.getOrDefault(new Plan.SiteQuarter(site.id(), q), 0.0);
    }
}
