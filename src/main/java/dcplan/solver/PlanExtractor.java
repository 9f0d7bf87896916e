package dcplan.solver;

import dcplan.plan.Plan;
import dcplan.plan.Sizing;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.CellFact;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.domain.QuarterSlot;
import dcplan.solver.domain.ServerPurchase;
import dcplan.solver.domain.SiteChip;
import dcplan.solver.domain.SiteFact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a solved {@link CapacityPlan} as a spec {@link Plan}: flows summed per (cell, route),
 * installed servers as the larger of the running maximum of the need above the held ones and the
 * cumulative purchases (exactly as the score derives them), and built MW as the least whole phases
 * that power them, never below the held MW plus the phases built (as the score derives them).
 */
public final class PlanExtractor {
    private PlanExtractor() {
    }

    public static Plan extract(CapacityPlan solution) {
        int quarters = solution.getQuarters().size();
        Map<SiteChip, long[]> loadMicro = new LinkedHashMap<>();
        Map<CellFact, Map<SiteChip, Double>> peakByCellRoute = new LinkedHashMap<>();
        for (DemandChunk chunk : solution.getChunks()) {
            SiteChip route = chunk.getRoute();
            if (route == null) {
                continue;
            }
            loadMicro.computeIfAbsent(route, r -> new long[quarters])[chunk.quarter().index()] += chunk.loadMicroServers();
            peakByCellRoute.computeIfAbsent(chunk.cell(), c -> new LinkedHashMap<>()).merge(route, chunk.peakIps(), Double::sum);
        }
        List<Plan.Flow> flows = new ArrayList<>();
        peakByCellRoute.forEach((cell, byRoute) -> byRoute.forEach((route, peak) -> flows.add(new Plan.Flow(
                cell.cell().region(), cell.cell().workload(), cell.cell().quarter(), route.site().id(),
                route.chip().id(), peak, peak * cell.cell().avgPerPeak()))));

        Map<SiteChip, long[]> bought = new HashMap<>();
        for (ServerPurchase p : solution.getPurchases()) {
            bought.computeIfAbsent(p.route(), r -> new long[quarters])[p.quarter().index()] += p.boughtServers();
        }
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<SiteFact, long[]> addedWatts = new HashMap<>();
        for (SiteChip route : solution.getRoutes()) {
            long[] load = loadMicro.getOrDefault(route, new long[quarters]);
            long[] buys = bought.getOrDefault(route, new long[quarters]);
            long runningMax = 0;
            long cumulativeBuys = 0;
            for (QuarterSlot q : solution.getQuarters()) {
                runningMax = Math.max(runningMax, load[q.index()]);
                cumulativeBuys += buys[q.index()];
                long added = Math.max(route.addedServersFor(runningMax, q.index()), cumulativeBuys);
                long servers = route.existingServers() + route.heldServers(q.index()) + added;
                if (servers > 0) {
                    installed.put(new Plan.SiteChipQuarter(route.site().id(), route.chip().id(), q.quarter()), (int) servers);
                }
                addedWatts.computeIfAbsent(route.site(), s -> new long[quarters])[q.index()] += added * route.serverWatts();
            }
        }
        Map<SiteFact, long[]> aheadBuilt = new HashMap<>();
        for (PhaseBuild b : solution.getPhaseBuilds()) {
            aheadBuilt.computeIfAbsent(b.site(), s -> new long[quarters])[b.quarter().index()] += b.builtAheadWatts();
        }
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        for (SiteFact site : solution.getSites()) {
            long[] watts = addedWatts.getOrDefault(site, new long[quarters]);
            long[] ahead = aheadBuilt.getOrDefault(site, new long[quarters]);
            long cumulativeAhead = 0;
            for (QuarterSlot q : solution.getQuarters()) {
                cumulativeAhead += ahead[q.index()];
                double usedKw = (site.fixedServerWatts(q) + watts[q.index()]) / 1e3;
                built.put(new Plan.SiteQuarter(site.id(), q.quarter()), builtMw(site, q, usedKw, cumulativeAhead));
            }
        }
        return new Plan(flows, installed, built);
    }

    /**
     * The site's MW in quarter q for {@code usedKw}: the least whole phases that power them
     * (version 1: the least MW, {@link Sizing#fewestMw}), never below the held MW plus the
     * {@code aheadWatts} the search built by q ({@link PhaseBuild}), as the score derives them.
     * Whole phases are counted in {@code phase_mw} itself, not in its watts rounded, so that the
     * MW stay whole phases to the evaluator's round-off.
     */
    private static double builtMw(SiteFact site, QuarterSlot q, double usedKw, long aheadWatts) {
        double aheadMw = site.phaseWatts() > 0
                ? aheadWatts / site.phaseWatts() * site.site().phaseMw() : aheadWatts / 1e6;
        return Sizing.fewestMw(usedKw, site.site(), site.heldMw(q) + aheadMw);
    }
}
