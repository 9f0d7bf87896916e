package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.Eligibility;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.plan.Evaluation;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.ReportThresholds;
import dcplan.plan.Sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The planner's last step: economically meaningless crumbs tidied away where the contract allows
 * ({@link ReportThresholds}: crumb flows and crumb MW increments). Every step keeps the plan's
 * servers or lowers them (never below what lead times and commitments hold, {@link HeldLevels}),
 * moves load only onto servers already installed (eligible for the cell
 * and with room at target utilisation), and is kept only if the evaluator finds the result no
 * worse than the plan before it ({@code Planner.isNoWorse}: feasible, no cell served less beyond
 * round-off, cost not higher):
 * <ol>
 *   <li>a crumb MW increment (a few servers tipping a site over its built MW) is avoided by
 *   dropping those servers and keeping the site at its previous MW, their load moved onto idle
 *   capacity elsewhere in the same quarters ({@link #withoutMwCrumb}) or, where there is none
 *   for it, the whole demand re-split over the servers left ({@link #serversDropped}, then the
 *   LP's dispatch polish);</li>
 *   <li>crumb flows are merged into their cell's other flows where those have room
 *   ({@link #mergedCrumbs}), first to any of them, then only where the energy per inference does
 *   not rise; with and without trimming the servers the merge frees.</li>
 * </ol>
 */
final class CrumbRemoval {
    /** The tidied plan and its evaluation, and what was done ("" when nothing). */
    record Result(Plan plan, Evaluation evaluation, String note) {
    }

    /** A crumb MW increment: site s built {@code addedMw} more in quarter q. */
    record MwCrumb(String site, int quarter, double addedMw) {
    }

    private CrumbRemoval() {
    }

    /**
     * Tidies {@code plan} (evaluated as {@code evaluation}); {@code noWorse} decides whether a
     * tidied plan may replace the current one. {@code reSplit} re-splits demand over a plan's
     * servers (the LP's dispatch polish): where a crumb MW increment's load finds no room by moving
     * its own flows, the servers are dropped and the whole demand re-split over the rest, which
     * can move other cells' load out of the way.
     */
    static Result tidy(PlanningModel model, List<DemandCell> demand, Plan plan, Evaluation evaluation, HeldLevels held,
                       Function<Plan, Evaluation> evaluate, BiPredicate<Evaluation, Evaluation> noWorse,
                       UnaryOperator<Plan> reSplit) {
        Plan best = plan;
        Evaluation bestEval = evaluation;
        List<String> done = new ArrayList<>();
        for (MwCrumb crumb : mwCrumbs(model, best)) {
            Plan local = withoutMwCrumb(model, best, crumb, held);
            List<Plan> tries = new ArrayList<>();
            if (local != null) {
                tries.add(local);
            }
            Plan dropped = serversDropped(model, best, crumb, held);
            if (dropped != null) {
                Plan split = reSplit.apply(PlanTrimming.clippedToCapacity(model, dropped));
                if (split != null) {
                    tries.add(split);
                }
            }
            for (Plan p : tries) {
                Evaluation e = evaluate.apply(p);
                if (noWorse.test(e, bestEval)) {
                    best = p;
                    bestEval = e;
                    done.add(crumb.site() + " +" + String.format(java.util.Locale.ROOT, "%.4f", crumb.addedMw())
                            + " MW in " + model.quarters().get(crumb.quarter()) + " avoided");
                    break;
                }
            }
        }
        int crumbs = crumbFlows(demand, best);
        merge:
        for (boolean anywhere : new boolean[]{true, false}) {
            Plan merged = mergedCrumbs(model, demand, best, anywhere);
            for (Plan p : List.of(PlanTrimming.trimmed(model, merged, held), merged)) {
                int left = crumbFlows(demand, p);
                if (left < crumbs) {
                    Evaluation e = evaluate.apply(p);
                    if (noWorse.test(e, bestEval)) {
                        done.add((crumbs - left) + " of " + crumbs + " crumb flows merged");
                        best = p;
                        bestEval = e;
                        break merge;
                    }
                }
            }
        }
        return new Result(best, bestEval, String.join(", ", done));
    }

    /** Flows that are crumbs of their cell ({@link ReportThresholds#isCrumbFlow}), zero flows left out. */
    static int crumbFlows(List<DemandCell> demand, Plan plan) {
        Map<String, Double> cellPeak = new HashMap<>();
        demand.forEach(d -> cellPeak.put(cellKey(d.region(), d.workload(), d.quarter()), d.peakIps()));
        int n = 0;
        for (Plan.Flow f : plan.flows()) {
            if (f.peakIps() > 0 && ReportThresholds.isCrumbFlow(f.peakIps(),
                    cellPeak.getOrDefault(cellKey(f.region(), f.workload(), f.quarter()), 0.0))) {
                n++;
            }
        }
        return n;
    }

    /** The crumb MW increments of a plan, site by site in model order, then by quarter. */
    static List<MwCrumb> mwCrumbs(PlanningModel model, Plan plan) {
        List<MwCrumb> out = new ArrayList<>();
        for (Site s : model.sites()) {
            double previous = s.existingItMw();
            for (int q = 0; q < model.quarters().size(); q++) {
                double m = plan.itMwBuilt().getOrDefault(new Plan.SiteQuarter(s.id(), model.quarters().get(q)), s.existingItMw());
                if (ReportThresholds.isCrumbMw(m - previous)) {
                    out.add(new MwCrumb(s.id(), q, m - previous));
                }
                previous = m;
            }
        }
        return out;
    }

    /**
     * The plan with the site held at its MW of the quarter before the crumb, for as long as the
     * crumb would have been all it built (the quarters whose MW stays within a crumb of that
     * level): in each of them, the fewest servers (largest draw first, never below the quarter
     * before) are dropped so the rest fit the MW, and the load they carried moves to eligible
     * servers with room elsewhere, cheapest energy per inference first. Null when that load finds
     * no room.
     */
    static Plan withoutMwCrumb(PlanningModel model, Plan plan, MwCrumb crumb, HeldLevels held) {
        Working w = new Working(model, plan, held);
        Site site = model.site(crumb.site()).orElseThrow();
        List<Quarter> qs = model.quarters();
        double level = crumb.quarter() == 0 ? site.existingItMw() : w.built(site, qs.get(crumb.quarter() - 1));
        for (int q = crumb.quarter(); q < qs.size() && w.built(site, qs.get(q)) - level < ReportThresholds.MIN_MW_INCREMENT; q++) {
            if (!w.mayHold(site, q, level) || !w.fitMw(site, q, level)) {
                return null;
            }
            w.built.put(new Plan.SiteQuarter(site.id(), qs.get(q)), level);
        }
        return w.plan();
    }

    /**
     * The plan with the site held at its MW of the quarter before the crumb, as in
     * {@link #withoutMwCrumb}, and the fewest servers dropped to fit it, but the flows left as they
     * are (over the servers that remain: to be clipped and re-split). Null when the servers cannot
     * be dropped (already at the quarter before's).
     */
    static Plan serversDropped(PlanningModel model, Plan plan, MwCrumb crumb, HeldLevels held) {
        Working w = new Working(model, plan, held);
        Site site = model.site(crumb.site()).orElseThrow();
        List<Quarter> qs = model.quarters();
        double level = crumb.quarter() == 0 ? site.existingItMw() : w.built(site, qs.get(crumb.quarter() - 1));
        for (int q = crumb.quarter(); q < qs.size() && w.built(site, qs.get(q)) - level < ReportThresholds.MIN_MW_INCREMENT; q++) {
            if (!w.mayHold(site, q, level)) {
                return null;
            }
            while (w.usedKw(site, qs.get(q)) > level * 1000.0 + Sizing.ABS_TOL) {
                Chip drop = w.droppable(site, q);
                if (drop == null) {
                    return null;
                }
                Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(site.id(), drop.id(), qs.get(q));
                w.installed.put(key, w.installed.get(key) - 1);
            }
            w.built.put(new Plan.SiteQuarter(site.id(), qs.get(q)), level);
        }
        return w.plan();
    }

    /**
     * Each crumb flow (smallest first) moved whole into its cell's other flows where their servers
     * have room at target utilisation, cheapest energy per inference first; with
     * {@code anywhere} false only where the energy per inference is no higher than at the crumb's
     * own servers, unless the crumb is round-off of its cell. A crumb that does not fit whole stays
     * as it is. Servers and MW are unchanged.
     */
    static Plan mergedCrumbs(PlanningModel model, List<DemandCell> demand, Plan plan, boolean anywhere) {
        Working w = new Working(model, plan, HeldLevels.of(model, null));
        Map<String, Double> cellPeak = new HashMap<>();
        demand.forEach(d -> cellPeak.put(cellKey(d.region(), d.workload(), d.quarter()), d.peakIps()));
        List<FlowKey> crumbs = new ArrayList<>();
        w.flows.forEach((k, v) -> {
            if (v[0] > 0 && ReportThresholds.isCrumbFlow(v[0], cellPeak.getOrDefault(k.cell(), 0.0))) {
                crumbs.add(k);
            }
        });
        crumbs.sort(Comparator.comparingDouble(k -> w.flows.get(k)[0]));
        for (FlowKey crumb : crumbs) {
            List<FlowKey> others = new ArrayList<>();
            for (FlowKey k : w.flows.keySet()) {
                if (!k.equals(crumb) && k.cell().equals(crumb.cell()) && w.flows.get(k)[0] > 0) {
                    others.add(k);
                }
            }
            // round-off (a millionth of the cell) changes no cost wherever it goes
            boolean roundOff = ReportThresholds.isRoundOff(w.flows.get(crumb)[0], cellPeak.getOrDefault(crumb.cell(), 0.0));
            double ceiling = anywhere || roundOff ? Double.POSITIVE_INFINITY
                    : w.energyPerIps(crumb.site(), crumb.chip(), crumb.workload());
            w.moveWhole(crumb, others.stream().map(k -> new Route(k.site(), k.chip()))
                    .filter(r -> w.energyPerIps(r.site(), r.chip(), crumb.workload()) <= ceiling).toList());
        }
        return w.plan();
    }

    static String cellKey(String region, String workload, Quarter quarter) {
        return region + "\u0000" + workload + "\u0000" + quarter;
    }

    /** One aggregated flow's key. */
    record FlowKey(String region, String workload, Quarter quarter, String site, String chip) {
        String cell() {
            return cellKey(region, workload, quarter);
        }
    }

    /** Servers of one chip at one site. */
    record Route(String site, String chip) {
    }

    /** A plan being edited: flows (peak and average ips), servers and MW, and the load at peak per (s, c, q). */
    private static final class Working {
        final PlanningModel model;
        final HeldLevels held;
        final double u;
        final Map<FlowKey, double[]> flows = new LinkedHashMap<>();  // {peak, avg}
        final Map<Plan.SiteChipQuarter, Integer> installed;
        final Map<Plan.SiteQuarter, Double> built;
        final Map<Plan.SiteChipQuarter, Double> load = new HashMap<>();   // busy servers at peak

        Working(PlanningModel model, Plan plan, HeldLevels held) {
            this.model = model;
            this.held = held;
            this.u = model.policy().targetUtilization();
            for (Plan.Flow f : plan.flows()) {
                double[] v = flows.computeIfAbsent(new FlowKey(f.region(), f.workload(), f.quarter(), f.site(), f.chip()),
                        k -> new double[2]);
                v[0] += f.peakIps();
                v[1] += f.avgIps();
                load.merge(new Plan.SiteChipQuarter(f.site(), f.chip(), f.quarter()),
                        Sizing.busyServers(f.peakIps(), chip(f.chip()).throughput(f.workload())), Double::sum);
            }
            installed = new HashMap<>(plan.installed());
            built = new HashMap<>(plan.itMwBuilt());
        }

        Plan plan() {
            List<Plan.Flow> out = new ArrayList<>();
            flows.forEach((k, v) -> {
                if (v[0] > 0) {
                    out.add(new Plan.Flow(k.region(), k.workload(), k.quarter(), k.site(), k.chip(), v[0], v[1]));
                }
            });
            return new Plan(out, installed, built);
        }

        Chip chip(String id) {
            return model.chip(id).orElseThrow();
        }

        double built(Site s, Quarter q) {
            return built.getOrDefault(new Plan.SiteQuarter(s.id(), q), s.existingItMw());
        }

        int servers(String site, String chip, Quarter q) {
            return installed.getOrDefault(new Plan.SiteChipQuarter(site, chip, q), 0);
        }

        /** Room left at target utilisation at (s, c, q), in busy servers at peak. */
        double room(String site, String chip, Quarter q) {
            double r = Sizing.capacity(u, servers(site, chip, q)) - load.getOrDefault(new Plan.SiteChipQuarter(site, chip, q), 0.0);
            return Math.max(0, r);
        }

        /** Busy energy of one peak ips of workload w on (s, c), USD per quarter (the cell's avg / peak is common to its routes). */
        double energyPerIps(String site, String chip, String workload) {
            return UnitCosts.busyEnergyPerServerQuarter(model.site(site).orElseThrow(), chip(chip))
                    / chip(chip).throughput(workload);
        }

        /** Moves {@code amount} peak ips of flow {@code from} to route {@code to} (same cell). */
        void move(FlowKey from, Route to, double amount) {
            double[] v = flows.get(from);
            double avg = v[0] > 0 ? v[1] * amount / v[0] : 0;
            v[0] -= amount;
            v[1] -= avg;
            FlowKey target = new FlowKey(from.region(), from.workload(), from.quarter(), to.site(), to.chip());
            double[] t = flows.computeIfAbsent(target, k -> new double[2]);
            t[0] += amount;
            t[1] += avg;
            double thrFrom = chip(from.chip()).throughput(from.workload());
            double thrTo = chip(to.chip()).throughput(from.workload());
            load.merge(new Plan.SiteChipQuarter(from.site(), from.chip(), from.quarter()), -amount / thrFrom, Double::sum);
            load.merge(new Plan.SiteChipQuarter(to.site(), to.chip(), from.quarter()), amount / thrTo, Double::sum);
        }

        /** Moves up to {@code ips} of {@code from} onto {@code routes} (cheapest energy first); returns what is left. */
        double moveUpTo(FlowKey from, double ips, List<Route> routes) {
            List<Route> sorted = new ArrayList<>(routes);
            sorted.sort(Comparator.comparingDouble(r -> energyPerIps(r.site(), r.chip(), from.workload())));
            double left = ips;
            for (Route r : sorted) {
                if (takes(r, from, left)) {
                    move(from, r, left);
                    return 0;   // exactly: the last piece is what was left
                }
                double fits = room(r.site(), r.chip(), from.quarter()) * chip(r.chip()).throughput(from.workload());
                if (fits > 0) {
                    move(from, r, fits);
                    left -= fits;
                }
            }
            return left;
        }

        /**
         * Whether route r takes {@code ips} more of the flow's workload within capacity, up to a
         * relative 1e-12 of it: round-off of the room is no reason to leave a sliver behind, and
         * the evaluator ({@link Sizing#fits}) forgives a thousand times more, so another order of
         * summing the same flows cannot put it over.
         */
        boolean takes(Route r, FlowKey flow, double ips) {
            Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(r.site(), r.chip(), flow.quarter());
            double cap = Sizing.capacity(u, servers(r.site(), r.chip(), flow.quarter()));
            double after = load.getOrDefault(key, 0.0) + Sizing.busyServers(ips, chip(r.chip()).throughput(flow.workload()));
            return after <= cap * (1 + 1e-12);
        }

        /** Moves flow {@code from} whole onto {@code routes}, or not at all. */
        void moveWhole(FlowKey from, List<Route> routes) {
            double ips = flows.get(from)[0];
            double room = 0;
            boolean oneTakesAll = false;
            for (Route r : routes) {
                room += room(r.site(), r.chip(), from.quarter()) * chip(r.chip()).throughput(from.workload());
                oneTakesAll |= takes(r, from, ips);
            }
            if ((oneTakesAll || room >= ips) && moveUpTo(from, ips, routes) == 0) {
                flows.put(from, new double[2]); // moved whole: no float residue left behind as a flow
            }
        }

        /**
         * Drops servers at site s in quarter q (largest draw first, never below the quarter before)
         * until they fit {@code mw}, moving the load they carried to eligible routes with room.
         * False when it does not fit.
         */
        boolean fitMw(Site s, int q, double mw) {
            Quarter quarter = model.quarters().get(q);
            while (usedKw(s, quarter) > mw * 1000.0 + Sizing.ABS_TOL) {
                Chip drop = droppable(s, q);
                if (drop == null || !dropOne(s, drop, quarter)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The chip of largest draw with servers at (s, q) above the quarter before's (existing
         * before the horizon) and above what is held there (lead times, commitments); null when none.
         */
        Chip droppable(Site s, int q) {
            Quarter quarter = model.quarters().get(q);
            int si = model.sites().indexOf(s);
            Chip drop = null;
            for (int ci = 0; ci < model.chips().size(); ci++) {
                Chip c = model.chips().get(ci);
                int floor = q == 0 ? s.existingServers(c.id()) : servers(s.id(), c.id(), model.quarters().get(q - 1));
                floor = Math.max(floor, held.servers(si, ci, q));
                if (servers(s.id(), c.id(), quarter) > floor && (drop == null || c.serverKw() > drop.serverKw())) {
                    drop = c;
                }
            }
            return drop;
        }

        /** Whether M[s,q] may be {@code mw}: not below what is held (a committed or fixed increment). */
        boolean mayHold(Site s, int q, double mw) {
            return Sizing.leq(held.mw(model.sites().indexOf(s), q), mw);
        }

        double usedKw(Site s, Quarter q) {
            double kw = 0;
            for (Chip c : model.chips()) {
                kw += servers(s.id(), c.id(), q) * c.serverKw();
            }
            return kw;
        }

        /** One server of chip c less at (s, q), its excess load moved elsewhere; false when it finds no room. */
        boolean dropOne(Site s, Chip c, Quarter q) {
            Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(s.id(), c.id(), q);
            installed.put(key, installed.get(key) - 1);
            double excess = load.getOrDefault(key, 0.0) - Sizing.capacity(u, installed.get(key));
            List<FlowKey> here = new ArrayList<>();
            flows.forEach((k, v) -> {
                if (k.site().equals(s.id()) && k.chip().equals(c.id()) && k.quarter().equals(q) && v[0] > 0) {
                    here.add(k);
                }
            });
            here.sort(Comparator.comparingDouble(k -> flows.get(k)[0]));
            for (FlowKey f : here) {
                if (excess <= Sizing.ABS_TOL) {
                    break;
                }
                double thr = c.throughput(f.workload());
                double ips = Math.min(flows.get(f)[0], excess * thr);
                double left = moveUpTo(f, ips, eligibleRoutes(f, s));
                excess -= (ips - left) / thr;
            }
            return excess <= Sizing.ABS_TOL;
        }

        /** Routes with servers in the flow's quarter, eligible for its cell, other than (s, its chip). */
        List<Route> eligibleRoutes(FlowKey f, Site from) {
            List<Route> out = new ArrayList<>();
            var region = model.region(f.region()).orElseThrow();
            var workload = model.workload(f.workload()).orElseThrow();
            for (Site s : model.sites()) {
                for (Chip c : model.chips()) {
                    boolean same = s.id().equals(from.id()) && c.id().equals(f.chip());
                    if (!same && servers(s.id(), c.id(), f.quarter()) > 0
                            && Eligibility.eligible(region, workload, f.quarter(), s, c)) {
                        out.add(new Route(s.id(), c.id()));
                    }
                }
            }
            return out;
        }
    }
}
