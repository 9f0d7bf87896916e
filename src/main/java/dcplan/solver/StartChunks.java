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
 * Cuts each demand cell's chunks to a starting plan's flows and routes them so: a flow with share
 * f of its cell becomes max(1, round(K f)) equal chunks on its route (K: the cell's chunks), the
 * share the plan leaves unserved max(1, round(K (1 - served))) unrouted chunks (none below a
 * millionth of the cell). Equal chunks seeded by
 * {@link FlowSeed} leave up to a chunk per route over, which the construction then buys servers
 * for (measured: 0.24 % dearer than the start on a supply-bound tiny instance); cut to the flows,
 * the construction is the start, and the search starts from it. Routed chunks are shaved by
 * {@link #SHAVE} so that the chunks' loads, each rounded up to a millionth of a server, never
 * need a server more than the flows did (the LP re-split fills servers exactly); the shaved
 * volume is served again when the flows are re-split after the search.
 */
final class StartChunks {
    /** Relative share of each routed chunk left out (below the served-volume tolerances). */
    static final double SHAVE = 1e-5;

    private StartChunks() {
    }

    /** Replaces {@code problem}'s chunks by chunks cut to {@code plan}'s flows; returns chunks routed. */
    static int apply(CapacityPlan problem, Plan plan) {
        Map<String, SiteChip> routes = new HashMap<>();
        for (SiteChip r : problem.getRoutes()) {
            routes.put(r.site().id() + "\u0000" + r.chip().id(), r);
        }
        Map<String, Map<SiteChip, Double>> byCell = new HashMap<>();
        for (Plan.Flow f : plan.flows()) {
            SiteChip route = routes.get(f.site() + "\u0000" + f.chip());
            if (route != null && f.peakIps() > 0) {
                byCell.computeIfAbsent(key(f.region(), f.workload(), f.quarter()), k -> new LinkedHashMap<>())
                        .merge(route, f.peakIps(), Double::sum);
            }
        }
        Map<CellFact, Integer> chunksPerCell = new LinkedHashMap<>();
        for (DemandChunk c : problem.getChunks()) {
            chunksPerCell.merge(c.cell(), 1, Integer::sum);
        }
        List<DemandChunk> cut = new ArrayList<>();
        int routed = 0;
        for (Map.Entry<CellFact, Integer> e : chunksPerCell.entrySet()) {
            CellFact cell = e.getKey();
            double peak = cell.cell().peakIps();
            double left = peak;
            for (Map.Entry<SiteChip, Double> flow : byCell.getOrDefault(
                    key(cell.cell().region(), cell.cell().workload(), cell.cell().quarter()), Map.of()).entrySet()) {
                double share = Math.min(flow.getValue(), left);
                if (!cell.isEligible(flow.getKey()) || share <= 0) {
                    continue;
                }
                left -= share;
                int n = (int) Math.max(1, Math.round(e.getValue() * share / peak));
                routed += add(cut, cell, share * (1 - SHAVE), n, flow.getKey());
            }
            // what the start leaves unserved stays visible to the search (at least one chunk),
            // unless it is LP round-off (a millionth of the cell: not worth a server)
            int rest = left > Planner.SAME_SERVED * peak ? (int) Math.max(1, Math.round(e.getValue() * left / peak)) : 0;
            if (rest > 0) {
                add(cut, cell, left, rest, null);
            }
        }
        problem.getChunks().clear();
        problem.getChunks().addAll(cut);
        return routed;
    }

    private static int add(List<DemandChunk> out, CellFact cell, double peakIps, int n, SiteChip route) {
        for (int i = 0; i < n; i++) {
            DemandChunk chunk = new DemandChunk(out.size(), cell, peakIps / n, peakIps / n * cell.cell().avgPerPeak());
            chunk.setRoute(route);
            out.add(chunk);
        }
        return n;
    }

    private static String key(String region, String workload, Quarter quarter) {
        return region + "\u0000" + workload + "\u0000" + quarter;
    }
}
