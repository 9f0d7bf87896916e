package dcplan.solver;

import dcplan.plan.Plan;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.ServerPurchase;
import dcplan.solver.domain.SiteChip;

import java.util.HashMap;
import java.util.Map;

/**
 * Sets the purchases the construction loads ({@link ServerPurchase#startServers}) from a plan's
 * installed servers: per route, the servers beyond the existing and the held ones, as a running
 * maximum, bought in the quarter they first appear. With {@link FlowSeed} routing the chunks as
 * the plan's flows, the search starts from that plan's capex (its servers are floors).
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
                before = added;
            }
        }
        return total;
    }
}
