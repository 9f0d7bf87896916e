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

/** A plan being edited by {@link CrumbRemoval}: flows (peak and average ips), servers and MW, and the load at peak per (s, c, q). */
final class CrumbEdits {
    final PlanningModel model;
    final HeldLevels held;
    final double u;
    final Map<CrumbRemoval.FlowKey, double[]> flows = new LinkedHashMap<>();  // {peak, avg}
    final Map<Plan.SiteChipQuarter, Integer> installed;
    final Map<Plan.SiteQuarter, Double> built;
    final Map<Plan.SiteChipQuarter, Double> load = new HashMap<>();   // busy servers at peak

    CrumbEdits(PlanningModel model, Plan plan, HeldLevels held) {
        this.model = model;
        this.held = held;
        this.u = model.policy().targetUtilization();
        for (Plan.Flow f : plan.flows()) {
            double[] v = flows.computeIfAbsent(new CrumbRemoval.FlowKey(f.region(), f.workload(), f.quarter(), f.site(), f.chip()),
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
    void move(CrumbRemoval.FlowKey from, CrumbRemoval.Route to, double amount) {
        double[] v = flows.get(from);
        double avg = v[0] > 0 ? v[1] * amount / v[0] : 0;
        v[0] -= amount;
        v[1] -= avg;
        CrumbRemoval.FlowKey target = new CrumbRemoval.FlowKey(from.region(), from.workload(), from.quarter(), to.site(), to.chip());
        double[] t = flows.computeIfAbsent(target, k -> new double[2]);
        t[0] += amount;
        t[1] += avg;
        double thrFrom = chip(from.chip()).throughput(from.workload());
        double thrTo = chip(to.chip()).throughput(from.workload());
        load.merge(new Plan.SiteChipQuarter(from.site(), from.chip(), from.quarter()), -amount / thrFrom, Double::sum);
        load.merge(new Plan.SiteChipQuarter(to.site(), to.chip(), from.quarter()), amount / thrTo, Double::sum);
    }

    /** Moves up to {@code ips} of {@code from} onto {@code routes} (cheapest energy first); returns what is left. */
    double moveUpTo(CrumbRemoval.FlowKey from, double ips, List<CrumbRemoval.Route> routes) {
        List<CrumbRemoval.Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingDouble(r -> energyPerIps(r.site(), r.chip(), from.workload())));
        double left = ips;
        for (CrumbRemoval.Route r : sorted) {
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
    boolean takes(CrumbRemoval.Route r, CrumbRemoval.FlowKey flow, double ips) {
        Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(r.site(), r.chip(), flow.quarter());
        double cap = Sizing.capacity(u, servers(r.site(), r.chip(), flow.quarter()));
        double after = load.getOrDefault(key, 0.0) + Sizing.busyServers(ips, chip(r.chip()).throughput(flow.workload()));
        return after <= cap * (1 + 1e-12);
    }

    /** Moves flow {@code from} whole onto {@code routes}, or not at all. */
    void moveWhole(CrumbRemoval.FlowKey from, List<CrumbRemoval.Route> routes) {
        double ips = flows.get(from)[0];
        double room = 0;
        boolean oneTakesAll = false;
        for (CrumbRemoval.Route r : routes) {
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
        List<CrumbRemoval.FlowKey> here = new ArrayList<>();
        flows.forEach((k, v) -> {
            if (k.site().equals(s.id()) && k.chip().equals(c.id()) && k.quarter().equals(q) && v[0] > 0) {
                here.add(k);
            }
        });
        here.sort(Comparator.comparingDouble(k -> flows.get(k)[0]));
        for (CrumbRemoval.FlowKey f : here) {
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
    List<CrumbRemoval.Route> eligibleRoutes(CrumbRemoval.FlowKey f, Site from) {
        List<CrumbRemoval.Route> out = new ArrayList<>();
        var region = model.region(f.region()).orElseThrow();
        var workload = model.workload(f.workload()).orElseThrow();
        for (Site s : model.sites()) {
            for (Chip c : model.chips()) {
                boolean same = s.id().equals(from.id()) && c.id().equals(f.chip());
                if (!same && servers(s.id(), c.id(), f.quarter()) > 0
                        && Eligibility.eligible(region, workload, f.quarter(), s, c)) {
                    out.add(new CrumbRemoval.Route(s.id(), c.id()));
                }
            }
        }
        return out;
    }
}
