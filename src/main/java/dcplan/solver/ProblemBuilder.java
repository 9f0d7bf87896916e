package dcplan.solver;

import dcplan.model.LeadTimes;
import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.Eligibility;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;
import dcplan.solver.domain.BudgetYear;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.CellFact;
import dcplan.solver.domain.ChipFact;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.QuarterSlot;
import dcplan.solver.domain.SiteChip;
import dcplan.solver.domain.SiteFact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a planning model and a demand table into the search's {@link CapacityPlan}. */
public final class ProblemBuilder {
    private ProblemBuilder() {
    }

    /**
     * Chunks per demand cell when the caller does not choose: about 15,000 chunks in all, 8 to 64
     * per cell. Finer chunks follow the LP seed's split more closely (on the sample, 64 chunks
     * per cell ended 0.7 % above the lower bound, 17 ended 2.8 % above; docs/solver.md); more
     * entities slow each search step, which caps the count.
     */
    public static int defaultChunksPerCell(int cellsWithRoutes) {
        if (cellsWithRoutes == 0) {
            return 1;
        }
        return (int) Math.max(8, Math.min(64, Math.round(15000.0 / cellsWithRoutes)));
    }

    /** Builds the problem; {@code chunksPerCell} <= 0 picks {@link #defaultChunksPerCell}. */
    public static CapacityPlan build(PlanningModel model, List<DemandCell> demand, int chunksPerCell) {
        List<Quarter> horizon = model.quarters();
        Map<Integer, BudgetYear> years = new LinkedHashMap<>();
        for (Quarter q : horizon) {
            years.computeIfAbsent(q.year(), y -> {
                double budget = model.policy().budgetUsd(y);
                return new BudgetYear(y, Double.isInfinite(budget) ? Long.MAX_VALUE : (long) Math.floor(budget));
            });
        }
        List<QuarterSlot> slots = new ArrayList<>();
        Map<Quarter, QuarterSlot> slotOf = new HashMap<>();
        for (int i = 0; i < horizon.size(); i++) {
            QuarterSlot slot = new QuarterSlot(i, horizon.get(i), years.get(horizon.get(i).year()));
            slots.add(slot);
            slotOf.put(horizon.get(i), slot);
        }
        QuarterSlot.link(slots);

        List<ChipFact> chips = new ArrayList<>();
        for (Chip c : model.chips()) {
            double[] throughput = model.workloads().stream().mapToDouble(w -> c.throughput(w.id())).toArray();
            long[] supply = horizon.stream().mapToLong(q -> c.supply().in(q)).toArray();
            chips.add(new ChipFact(chips.size(), c, throughput, supply));
        }
        List<SiteFact> sites = new ArrayList<>();
        List<SiteChip> routes = new ArrayList<>();
        Map<String, SiteChip> routeOf = new HashMap<>();
        for (Site s : model.sites()) {
            long existingServerWatts = 0;
            for (Chip c : model.chips()) {
                existingServerWatts += Math.round(s.existingServers(c.id()) * c.serverKw() * 1000.0);
            }
            long[] maxWatts = horizon.stream().mapToLong(q -> Math.round(LeadTimes.maxMwIn(s, model.policy(), q) * 1e6)).toArray();
            SiteFact site = new SiteFact(sites.size(), s, existingServerWatts, maxWatts, model.policy());
            sites.add(site);
            for (ChipFact chip : chips) {
                SiteChip route = new SiteChip(site, chip, s.existingServers(chip.id()));
                routes.add(route);
                routeOf.put(s.id() + "\u0000" + chip.id(), route);
            }
        }

        Map<String, Integer> workloadIndex = new HashMap<>();
        for (int i = 0; i < model.workloads().size(); i++) {
            workloadIndex.put(model.workloads().get(i).id(), i);
        }
        List<CellFact> cells = new ArrayList<>();
        for (DemandCell d : demand) {
            QuarterSlot slot = slotOf.get(d.quarter());
            if (slot == null || d.peakIps() <= 0) {
                continue; // outside the horizon or nothing to serve: no decision to make
            }
            Region r = model.region(d.region()).orElseThrow();
            Workload w = model.workload(d.workload()).orElseThrow();
            List<SiteChip> eligible = new ArrayList<>();
            for (Site s : model.sites()) {
                for (Chip c : model.chips()) {
                    if (Eligibility.eligible(r, w, d.quarter(), s, c)) {
                        eligible.add(routeOf.get(s.id() + "\u0000" + c.id()));
                    }
                }
            }
            cells.add(new CellFact(cells.size(), d, workloadIndex.get(w.id()), slot, eligible,
                    model.policy().targetUtilization()));
        }
        long withRoutes = cells.stream().filter(c -> !c.eligibleRoutes().isEmpty()).count();
        int k = chunksPerCell > 0 ? chunksPerCell : defaultChunksPerCell((int) withRoutes);
        List<DemandChunk> chunks = new ArrayList<>();
        for (CellFact cell : cells) {
            if (cell.eligibleRoutes().isEmpty()) {
                continue; // unmet whatever the plan: no eligible (site, chip); reported, not searched
            }
            double peak = cell.cell().peakIps();
            double avg = cell.cell().avgIps();
            for (int i = 0; i < k; i++) {
                // equal shares; the last takes the remainder so that shares add up to the cell
                double p = i < k - 1 ? peak / k : peak - (k - 1) * (peak / k);
                double a = i < k - 1 ? avg / k : avg - (k - 1) * (avg / k);
                chunks.add(new DemandChunk(chunks.size(), cell, p, a));
            }
        }
        return new CapacityPlan(slots, new ArrayList<>(years.values()), sites, chips, routes, cells, chunks);
    }
}
