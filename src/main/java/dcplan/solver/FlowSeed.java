package dcplan.solver;

import dcplan.model.Quarter;
import dcplan.plan.Plan;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.CellFact;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.SiteChip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes the chunks of each demand cell as given flows split that cell: a route with share f of
 * the cell's peak gets floor(K f) of its K chunks. Two uses: the LP relaxation's flows seed a
 * cold search, and a baseline plan's flows warm-start a what-if. Rounding down never asks a
 * route for more than the flows gave it, so where limits are tight (supply, power, budget) the
 * seed stays feasible; routes that are no longer eligible (a what-if ban, a removed site) are
 * dropped. The chunks left unrouted are placed by the construction heuristic, then the local
 * search improves the whole.
 */
public final class FlowSeed {
    private FlowSeed() {
    }

    /** Sets the routes of {@code problem}'s chunks from {@code flows}; returns chunks routed. */
    public static int apply(CapacityPlan problem, List<Plan.Flow> flows) {
        Map<String, Map<String, Double>> byCell = new HashMap<>();
        for (Plan.Flow f : flows) {
            byCell.computeIfAbsent(key(f.region(), f.workload(), f.quarter()), k -> new LinkedHashMap<>())
                    .merge(f.site() + "\u0000" + f.chip(), f.peakIps(), Double::sum);
        }
        Map<String, SiteChip> routes = new HashMap<>();
        for (SiteChip r : problem.getRoutes()) {
            routes.put(r.site().id() + "\u0000" + r.chip().id(), r);
        }
        Map<CellFact, List<DemandChunk>> chunksOf = new LinkedHashMap<>();
        for (DemandChunk c : problem.getChunks()) {
            chunksOf.computeIfAbsent(c.cell(), k -> new ArrayList<>()).add(c);
        }
        int routed = 0;
        for (Map.Entry<CellFact, List<DemandChunk>> e : chunksOf.entrySet()) {
            CellFact cell = e.getKey();
            List<DemandChunk> chunks = e.getValue();
            Map<String, Double> split = byCell.getOrDefault(
                    key(cell.cell().region(), cell.cell().workload(), cell.cell().quarter()), Map.of());
            List<Share> shares = new ArrayList<>();
            for (Map.Entry<String, Double> s : split.entrySet()) {
                SiteChip route = routes.get(s.getKey());
                if (route != null && cell.isEligible(route)) {
                    shares.add(new Share(route, chunks.size() * s.getValue() / cell.cell().peakIps()));
                }
            }
            int next = 0;
            for (SiteChip route : wholeChunks(shares)) {
                if (next == chunks.size()) {
                    break; // flows beyond the cell's peak (a what-if that lowers demand): the rest stay unrouted
                }
                chunks.get(next++).setRoute(route);
                routed++;
            }
            while (next < chunks.size()) {
                chunks.get(next++).setRoute(null);
            }
        }
        return routed;
    }

    /** floor(K f) chunks per route: never more than the LP's share. */
    static List<SiteChip> wholeChunks(List<Share> shares) {
        List<SiteChip> out = new ArrayList<>();
        for (Share s : shares) {
            // 1e-9 keeps an exact LP share of 3.0 chunks from flooring to 2 through float noise
            int whole = (int) Math.floor(s.chunks() + 1e-9);
            for (int i = 0; i < whole; i++) {
                out.add(s.route());
            }
        }
        return out;
    }

    record Share(SiteChip route, double chunks) {
    }

    private static String key(String region, String workload, Quarter quarter) {
        return region + "\u0000" + workload + "\u0000" + quarter;
    }
}
