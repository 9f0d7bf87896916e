package dcplan.solver;

import dcplan.plan.Plan;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.domain.QuarterSlot;
import dcplan.solver.domain.ServerPurchase;
import dcplan.solver.domain.SiteChip;
import dcplan.solver.domain.SiteFact;

import java.util.HashMap;
import java.util.Map;

/**
 * Sets the purchases the construction loads ({@link ServerPurchase#startServers}) from a plan's
 * installed servers: per route, the servers beyond the existing and the held ones, as a running
 * maximum, bought in the quarter they first appear; and the MW built ahead ({@link PhaseBuild})
 * from its built MW the same way: whole phases, or at a site whose MW are continuous the watts it
 * built beyond what its servers need. With {@link StartChunks} routing the chunks as the plan's
 * flows, the search starts from that plan's capex (its servers and MW are floors), MW built ahead
 * of their servers included.
 */
public final class PurchaseSeed {
    private PurchaseSeed() {
    }

    /** Loads {@code plan}'s installed servers as starting purchases; returns the servers bought. */
    public static long apply(CapacityPlan problem, Plan plan) {
        Map<String, ServerPurchase> purchaseOf = new HashMap<>();
        for (ServerPurchase p : problem.getPurchases()) {
            purchaseOf.put(p.route() + "@" + p.quarter().index(), p);
        }
        long total = 0;
        Map<SiteFact, long[]> addedWatts = new HashMap<>();
        int quarters = problem.getQuarters().size();
        for (SiteChip route : problem.getRoutes()) {
            long before = 0;
            for (var q : problem.getQuarters()) {
                int servers = plan.installed().getOrDefault(
                        new Plan.SiteChipQuarter(route.site().id(), route.chip().id(), q.quarter()), 0);
                long added = Math.max(before, servers - route.existingServers() - route.heldServers(q.index()));
                ServerPurchase p = purchaseOf.get(route + "@" + q.index());
                if (p != null) {
                    p.setStartServers((int) (added - before));
                    total += p.startServers();
                }
                addedWatts.computeIfAbsent(route.site(), s -> new long[quarters])[q.index()] += added * route.serverWatts();
                before = added;
            }
        }
        applyBuildsAhead(problem, plan, addedWatts);
        return total;
    }

    /**
     * Per site with builds ahead, the plan's MW beyond the held ones as a running maximum, the
     * increase counted in the quarter it first appears (quarters without a build, where MW are
     * fixed, add none): whole phases at a site with phases; at a site whose MW are continuous,
     * watts, and only where the plan built more than the servers loaded here draw (there the
     * search derives the MW from the servers, as the plan did), so that the search reads the
     * plan's MW exactly and does not hold MW its servers may later leave.
     */
    private static void applyBuildsAhead(CapacityPlan problem, Plan plan, Map<SiteFact, long[]> addedWatts) {
        Map<String, PhaseBuild> buildOf = new HashMap<>();
        for (PhaseBuild b : problem.getPhaseBuilds()) {
            buildOf.put(b.site().id() + "@" + b.quarter().index(), b);
        }
        for (SiteFact site : problem.getSites()) {
            long[] serverWatts = addedWatts.getOrDefault(site, new long[problem.getQuarters().size()]);
            long before = 0;
            long floor = 0;
            for (QuarterSlot q : problem.getQuarters()) {
                PhaseBuild b = buildOf.get(site.id() + "@" + q.index());
                double mw = plan.itMwBuilt().getOrDefault(new Plan.SiteQuarter(site.id(), q.quarter()), 0.0);
                if (site.phaseWatts() > 0) {
                    floor = Math.max(floor, Math.round((mw - site.heldMw(q)) / (site.phaseWatts() / 1e6)));
                } else {
                    long built = Math.round(mw * 1e6) - site.existingWatts();
                    long need = Math.max(site.heldExpansionWatts(q),
                            site.fixedServerWatts(q) + serverWatts[q.index()] - site.existingWatts());
                    if (built > need) {
                        floor = Math.max(floor, built - site.heldExpansionWatts(q));
                    }
                }
                if (b != null) {
                    b.setStartPhases((int) Math.min(Integer.MAX_VALUE, floor - before));
                    before = floor;
                }
            }
        }
    }
}
