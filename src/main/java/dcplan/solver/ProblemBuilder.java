package dcplan.solver;

import dcplan.model.LeadTimes;
import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.Eligibility;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.model.Workload;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.solver.domain.BudgetYear;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.CellFact;
import dcplan.solver.domain.ChipFact;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.domain.QuarterSlot;
import dcplan.solver.domain.ServerPurchase;
import dcplan.solver.domain.SiteChip;
import dcplan.solver.domain.SiteFact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a planning model and a demand table into the search's {@link CapacityPlan}. What lead
 * times and a what-if's commitments fix ({@link HeldLevels}) becomes constants of the facts:
 * held servers per route and quarter, held MW per site and quarter, the supply and budget the
 * held additions leave, the quarters in which a route may not add servers.
 */
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
        return build(model, demand, chunksPerCell, Commitments.NONE);
    }

    /**
     * Builds the problem of a plan that keeps {@code commitments} (a what-if's; {@link Commitments#NONE}:
     * none): the search then decides only what they leave free.
     */
    public static CapacityPlan build(PlanningModel model, List<DemandCell> demand, int chunksPerCell,
                                     Commitments commitments) {
        List<Quarter> horizon = model.quarters();
        HeldLevels held = HeldLevels.of(model, commitments);
        Map<Integer, Double> heldCash = heldCashByYear(model, held);
        Map<Integer, BudgetYear> years = new LinkedHashMap<>();
        for (Quarter q : horizon) {
            years.computeIfAbsent(q.year(), y -> {
                double budget = model.policy().budgetUsd(y);
                return new BudgetYear(y, Double.isInfinite(budget) ? Long.MAX_VALUE
                        : (long) Math.floor(budget) - Math.round(heldCash.getOrDefault(y, 0.0)));
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
        for (int ci = 0; ci < model.chips().size(); ci++) {
            Chip c = model.chips().get(ci);
            double[] throughput = model.workloads().stream().mapToDouble(w -> c.throughput(w.id())).toArray();
            chips.add(new ChipFact(chips.size(), c, throughput, supplyLeft(model, held, ci)));
        }
        List<SiteFact> sites = new ArrayList<>();
        List<SiteChip> routes = new ArrayList<>();
        Map<String, SiteChip> routeOf = new HashMap<>();
        for (int si = 0; si < model.sites().size(); si++) {
            Site s = model.sites().get(si);
            SiteFact site = siteFact(model, held, si);
            sites.add(site);
            for (ChipFact chip : chips) {
                SiteChip route = route(model, held, site, chip);
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
        List<SiteChip> usable = usable(routes, cells);
        return new CapacityPlan(slots, new ArrayList<>(years.values()), sites, chips, routes, cells, chunks,
                purchases(usable, slots), phaseBuilds(sites, usable, slots, held, anyFiniteBudget(years.values())));
    }

    /**
     * One build ahead ({@link PhaseBuild}) per (site with a usable route, quarter) where MW may
     * still be added: past the quarters lead times and commitments fix (rule 3', a what-if's held
     * MW), up to what the site's ceiling leaves above the held MW; none where that is 0. At a site
     * with phases it counts whole phases; at one whose MW are continuous, watts, and only when
     * {@code budgeted} (some year's budget is finite): ahead of the servers, continuous MW only
     * ever move cash into an earlier year, and without a budget that never pays. Its anchor is the
     * site's first usable route (see {@link PhaseBuild}).
     */
    private static List<PhaseBuild> phaseBuilds(List<SiteFact> sites, List<SiteChip> usable, List<QuarterSlot> slots,
                                                HeldLevels held, boolean budgeted) {
        List<PhaseBuild> builds = new ArrayList<>();
        for (SiteFact site : sites) {
            SiteChip anchor = usable.stream().filter(r -> r.site() == site).findFirst().orElse(null);
            boolean phased = site.phaseWatts() > 0;
            if (anchor == null || !(phased || budgeted)) {
                continue; // no server can ever use MW here, or they follow the servers continuously
            }
            long unit = phased ? site.phaseWatts() : 1L;
            for (QuarterSlot q : slots.subList(Math.min(slots.size(), held.fixedMwQuarters(site.index())), slots.size())) {
                long room = site.maxWatts(q) - site.existingWatts() - site.heldExpansionWatts(q);
                // phases: + 1 W, the ceiling and the phase are each rounded to whole watts from MW
                long max = phased ? Math.floorDiv(room + 1, unit) : room;
                if (max > 0) {
                    builds.add(new PhaseBuild(builds.size(), site, anchor, q, (int) Math.min(Integer.MAX_VALUE, max), unit));
                }
            }
        }
        return builds;
    }

    private static boolean anyFiniteBudget(Collection<BudgetYear> years) {
        return years.stream().anyMatch(y -> y.budgetUsd() != Long.MAX_VALUE);
    }

    /** The routes some demand cell may use: servers bought elsewhere could never serve. */
    private static List<SiteChip> usable(List<SiteChip> routes, List<CellFact> cells) {
        java.util.Set<SiteChip> used = new java.util.HashSet<>();
        cells.forEach(c -> used.addAll(c.eligibleRoutes()));
        return routes.stream().filter(used::contains).toList();
    }

    /** Most servers one purchase may buy: keeps value ranges finite where neither supply nor power binds. */
    static final int MAX_PURCHASE = 100_000;

    /**
     * One purchase per (usable route, quarter) where servers may be added: from the chip's first
     * delivery and past the quarters the commitments fix, up to the quarter's supply and the
     * servers the site's power ceiling could hold; none where that is 0.
     */
    private static List<ServerPurchase> purchases(List<SiteChip> routes, List<QuarterSlot> slots) {
        List<ServerPurchase> purchases = new ArrayList<>();
        for (SiteChip route : routes) {
            for (QuarterSlot q : slots.subList(Math.min(slots.size(),
                    Math.max(route.firstDeliveryIndex(), route.fixedQuarters())), slots.size())) {
                long cap = Math.min(MAX_PURCHASE, route.chip().in(q.index()).supply());
                cap = Math.min(cap, route.serverWatts() > 0 ? route.site().maxWatts(q) / route.serverWatts() : cap);
                if (cap > 0) {
                    purchases.add(new ServerPurchase(purchases.size(), route, q, (int) cap));
                }
            }
        }
        return purchases;
    }

    /** A site with its ceiling per quarter and what is held there (servers' draw, MW). */
    private static SiteFact siteFact(PlanningModel model, HeldLevels held, int si) {
        Site s = model.sites().get(si);
        int nq = model.quarters().size();
        long existingServerWatts = 0;
        long[] fixedServerWatts = new long[nq];
        for (int ci = 0; ci < model.chips().size(); ci++) {
            Chip c = model.chips().get(ci);
            existingServerWatts += Math.round(s.existingServers(c.id()) * c.serverKw() * 1000.0);
            for (int q = 0; q < nq; q++) {
                fixedServerWatts[q] += Math.round(held.servers(si, ci, q) * c.serverKw() * 1000.0);
            }
        }
        long[] maxWatts = new long[nq];
        double[] heldMw = new double[nq];
        for (int q = 0; q < nq; q++) {
            // where MW are fixed (before the first expansion quarter, or held) the ceiling is the held level
            double ceiling = held.mwFixed(si, q) ? held.mw(si, q) : LeadTimes.maxMwIn(s, model.policy(), model.quarters().get(q));
            maxWatts[q] = Math.round(ceiling * 1e6);
            heldMw[q] = held.mw(si, q);
        }
        return new SiteFact(si, s, existingServerWatts, fixedServerWatts, maxWatts, heldMw, model.policy());
    }

    /** A route with its held servers and the quarters in which it may not add any. */
    private static SiteChip route(PlanningModel model, HeldLevels held, SiteFact site, ChipFact chip) {
        int nq = model.quarters().size();
        int existing = site.site().existingServers(chip.id());
        long[] heldServers = new long[nq];
        for (int q = 0; q < nq; q++) {
            heldServers[q] = held.servers(site.index(), chip.index(), q) - existing;
        }
        int firstDelivery = LeadTimes.firstDeliveryQuarter(chip.chip(), model.policy()).ordinal()
                - model.policy().horizonFrom().ordinal();
        return new SiteChip(site, chip, existing, heldServers, Math.max(0, Math.min(nq, firstDelivery)),
                held.fixedServerQuarters(site.index(), chip.index()));
    }

    /** A chip's supply per quarter less the held additions (all sites), never below 0; MAX_VALUE unlimited. */
    private static long[] supplyLeft(PlanningModel model, HeldLevels held, int ci) {
        List<Quarter> horizon = model.quarters();
        Chip c = model.chips().get(ci);
        long[] supply = new long[horizon.size()];
        for (int q = 0; q < horizon.size(); q++) {
            supply[q] = c.supply().in(horizon.get(q));
            if (supply[q] == Long.MAX_VALUE) {
                continue;
            }
            for (int si = 0; si < model.sites().size(); si++) {
                supply[q] -= heldAdded(model, held, si, ci, q);
            }
            supply[q] = Math.max(0L, supply[q]);
        }
        return supply;
    }

    /** Servers held as added at (s, c) in quarter q (0 where nothing is held). */
    private static int heldAdded(PlanningModel model, HeldLevels held, int si, int ci, int q) {
        int before = q == 0 ? model.sites().get(si).existingServers(model.chips().get(ci).id()) : held.servers(si, ci, q - 1);
        return held.serversFixed(si, ci, q) ? held.servers(si, ci, q) - before : 0;
    }

    /** Cash the held additions pay, by year (servers when installed, MW over their construction, rule 5'). */
    private static Map<Integer, Double> heldCashByYear(PlanningModel model, HeldLevels held) {
        List<Quarter> horizon = model.quarters();
        Map<Integer, Double> cash = new HashMap<>();
        for (int si = 0; si < model.sites().size(); si++) {
            Site s = model.sites().get(si);
            for (int q = 0; q < horizon.size(); q++) {
                for (int ci = 0; ci < model.chips().size(); ci++) {
                    double usd = UnitCosts.serverCashFor(model.chips().get(ci), heldAdded(model, held, si, ci, q));
                    cash.merge(horizon.get(q).year(), usd, Double::sum);
                }
                double dm = held.mwFixed(si, q) ? held.mw(si, q) - (q == 0 ? s.existingItMw() : held.mw(si, q - 1)) : 0.0;
                for (UnitCosts.CashPart part : UnitCosts.facilityCashSchedule(s, dm, horizon.get(q))) {
                    cash.merge(part.quarter().year(), part.usd(), Double::sum);
                }
            }
        }
        return cash;
    }
}
