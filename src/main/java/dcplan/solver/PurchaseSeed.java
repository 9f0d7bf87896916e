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
 * maximum, bought in the quarter they first appear; and the phases ({@link PhaseBuild}) from its
 * built MW the same way. With {@link FlowSeed} routing the chunks as the plan's flows, the search
 * starts from that plan's capex (its servers and MW are floors), a phase built ahead of its
 * servers included.
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
        applyPhases(problem, plan);
        return total;
    }

    /**
     * Per site with phase builds, the whole phases of the plan's MW beyond the held ones, as a
     * running maximum, built in the quarter they first appear (quarters without a build, where MW
     * are fixed, add none).
     */
    private static void applyPhases(CapacityPlan problem, Plan plan) {
        Map<String, PhaseBuild> buildOf = new HashMap<>();
        for (PhaseBuild b : problem.getPhaseBuilds()) {
            buildOf.put(b.site().id() + "@" + b.quarter().index(), b);
        }
        for (SiteFact site : problem.getSites()) {
            if (site.phaseWatts() <= 0) {
                continue;
            }
            double phaseMw = site.phaseWatts() / 1e6;
            long before = 0;
            for (QuarterSlot q : problem.getQuarters()) {
                double mw = plan.itMwBuilt().getOrDefault(new Plan.SiteQuarter(site.id(), q.quarter()), 0.0);
                long phases = Math.max(before, Math.round((mw - site.heldMw(q)) / phaseMw));
                PhaseBuild b = buildOf.get(site.id() + "@" + q.index());
                if (b != null) {
                    b.setStartPhases((int) (phases - before));
                    before = phases;
                }
            }
        }
    }
}
