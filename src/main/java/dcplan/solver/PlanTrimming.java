package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.Sizing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan's servers and flows made to agree, each way round, through {@link Sizing}: flows cut to
 * the servers ({@link #clippedToCapacity}) or servers and MW cut to the flows ({@link #trimmed}).
 */
final class PlanTrimming {
    private PlanTrimming() {
    }

    /**
     * Flows scaled down, per (site, chip, quarter), to what the plan's servers carry at target
     * utilisation ({@link Sizing#clipFactor}): after servers were trimmed, the flows are a
     * feasible start for the re-split.
     */
    static Plan clippedToCapacity(PlanningModel model, Plan plan) {
        double u = model.policy().targetUtilization();
        Map<Plan.SiteChipQuarter, Double> load = new HashMap<>();
        for (Plan.Flow f : plan.flows()) {
            double throughput = model.chip(f.chip()).orElseThrow().throughput(f.workload());
            load.merge(new Plan.SiteChipQuarter(f.site(), f.chip(), f.quarter()),
                    Sizing.busyServers(f.peakIps(), throughput), Double::sum);
        }
        List<Plan.Flow> flows = new ArrayList<>();
        for (Plan.Flow f : plan.flows()) {
            Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(f.site(), f.chip(), f.quarter());
            double scale = Sizing.clipFactor(load.get(key), u, plan.installed().getOrDefault(key, 0));
            flows.add(new Plan.Flow(f.region(), f.workload(), f.quarter(), f.site(), f.chip(),
                    f.peakIps() * scale, f.avgIps() * scale));
        }
        return new Plan(flows, plan.installed(), plan.itMwBuilt());
    }

    /**
     * The same flows on the fewest servers and MW that carry them: installed servers as the
     * running maximum of {@link Sizing#fewestServers}, never below existing nor what
     * {@code held} keeps (lead times, commitments); MW as the least whole phases that power them,
     * never below the held MW ({@link RelaxationRounding#leastMw}). Servers bought ahead of need
     * move to the quarter of need, which can break a chip's supply or a year's budget there:
     * {@link #trimmedWithinSupply} and {@link #trimmedInPlace} are the trims that keep them.
     */
    static Plan trimmed(PlanningModel model, Plan plan, HeldLevels held) {
        return withLeastMw(model, plan, fewestServers(model, plan, held), held);
    }

    /**
     * As {@link #trimmed}, then, walking back from the last quarter, a chip's servers bought in
     * a quarter beyond its supply are bought one quarter earlier instead, as the plan itself had
     * them, at the sites buying there (never more than the plan had at that site and quarter).
     * That always suffices: a site's servers moved to q - 1 are at most what the plan added there
     * in q, so a quarter buys at most what the plan bought. Servers and MW stay at or below the
     * plan's everywhere, so power ceilings, lead times and supply hold; only a year's budget can
     * break (cash moved into a later year), where {@link #trimmedInPlace} is the trim that keeps it.
     */
    static Plan trimmedWithinSupply(PlanningModel model, Plan plan, HeldLevels held) {
        int[][][] servers = fewestServers(model, plan, held);
        int[][][] had = installed(model, plan);
        for (int c = 0; c < servers.length; c++) {
            RelaxationRounding.buyEarlierWithinSupply(model, model.chips().get(c), servers[c], held, c, had[c]);
        }
        return withLeastMw(model, plan, servers, held);
    }

    /**
     * As {@link #trimmed}, but only cancelling what was bought, never buying anything later than
     * the plan did: every quarter's additions (servers per site and chip, MW per site) stay at or
     * below the plan's own, so supply, budget, power and lead times hold wherever the plan's did.
     *
     * <p>Per (site, chip) the servers cancelled by quarter q, {@code r[q]}, never fall (a fall
     * would be an addition moved later), grow by at most the plan's addition in q (no addition
     * turns negative), and never exceed the spare servers of q or of any later quarter (the
     * cancelled servers are gone for good): the most that keeps all three is
     * {@code r[q] = min(spare from q on, r[q-1] + added[q])}. MW the same way, per site, the
     * spare MW measured in whole phases; never below what {@code held} keeps.
     */
    static Plan trimmedInPlace(PlanningModel model, Plan plan, HeldLevels held) {
        List<Quarter> quarters = model.quarters();
        int n = quarters.size();
        int[][][] need = fewestEachQuarter(model, plan, held);
        int[][][] had = installed(model, plan);
        int[][][] servers = new int[model.chips().size()][model.sites().size()][n];
        for (int c = 0; c < servers.length; c++) {
            for (int s = 0; s < servers[c].length; s++) {
                double[] level = new double[n];
                double[] spare = new double[n];
                for (int q = 0; q < n; q++) {
                    level[q] = had[c][s][q];
                    spare[q] = had[c][s][q] - need[c][s][q];
                }
                double[] kept = cancelled(level, model.sites().get(s).existingServers(model.chips().get(c).id()), spare);
                for (int q = 0; q < n; q++) {
                    servers[c][s][q] = (int) Math.round(kept[q]);
                }
            }
        }
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        double[][] kw = serverKw(model, servers);
        for (int s = 0; s < model.sites().size(); s++) {
            Site site = model.sites().get(s);
            double[] level = new double[n];
            double[] spare = new double[n];
            for (int q = 0; q < n; q++) {
                level[q] = plan.itMwBuilt().getOrDefault(new Plan.SiteQuarter(site.id(), quarters.get(q)), site.existingItMw());
                spare[q] = level[q] - Sizing.fewestMw(kw[s][q], site, held.mw(s, q));
            }
            double[] kept = cancelled(level, site.existingItMw(), spare);
            for (int q = 0; q < n; q++) {
                built.put(new Plan.SiteQuarter(site.id(), quarters.get(q)), wholePhases(site, kept[q], level[q]));
            }
        }
        return new Plan(new ArrayList<>(plan.flows()), asInstalled(model, servers), built);
    }

    /**
     * A plan's trims by name, for the candidates' judge to keep whichever is feasible and
     * cheapest: "trimmed" ({@link #trimmed}), and, each where it differs from the plan and from
     * the trims before it, "trimmed within supply" ({@link #trimmedWithinSupply}) and "trimmed in
     * place" ({@link #trimmedInPlace}). Measured on large supply-bound v2 #3 at 30 s
     * (docs/benchmarks.md, thirty-ninth session): the MIP's served-phase plan (18,168 M USD)
     * trimmed broke the supply (15,557 M), so the untrimmed plan was the one kept.
     */
    static Map<String, Plan> trims(PlanningModel model, Plan plan, HeldLevels held) {
        Map<String, Plan> trims = new LinkedHashMap<>();
        trims.put("trimmed", trimmed(model, plan, held));
        addIfNew(model, plan, trims, "trimmed within supply", trimmedWithinSupply(model, plan, held));
        addIfNew(model, plan, trims, "trimmed in place", trimmedInPlace(model, plan, held));
        return trims;
    }

    private static void addIfNew(PlanningModel model, Plan plan, Map<String, Plan> trims, String name, Plan trim) {
        if (sameCapacity(model, trim, plan) || trims.values().stream().anyMatch(t -> sameCapacity(model, trim, t))) {
            return;
        }
        trims.put(name, trim);
    }

    /** Whether two plans install the same servers and MW everywhere (absent: none, and the existing MW). */
    static boolean sameCapacity(PlanningModel model, Plan a, Plan b) {
        for (Site site : model.sites()) {
            for (Quarter q : model.quarters()) {
                Plan.SiteQuarter sq = new Plan.SiteQuarter(site.id(), q);
                if (a.itMwBuilt().getOrDefault(sq, site.existingItMw()).doubleValue()
                        != b.itMwBuilt().getOrDefault(sq, site.existingItMw()).doubleValue()) {
                    return false;
                }
                for (Chip chip : model.chips()) {
                    Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(site.id(), chip.id(), q);
                    if (a.installed().getOrDefault(key, 0).intValue() != b.installed().getOrDefault(key, 0).intValue()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The levels {@code had} (non-decreasing from {@code before}) less the most that may be
     * cancelled ({@link #trimmedInPlace}): {@code r[q] = min(spare from q on, r[q-1] + added[q])},
     * spare counted as none where it is negative.
     */
    static double[] cancelled(double[] had, double before, double[] spare) {
        int n = had.length;
        double[] spareFromHereOn = new double[n];
        double least = Double.POSITIVE_INFINITY;
        for (int q = n - 1; q >= 0; q--) {
            least = Math.min(least, Math.max(0, spare[q]));
            spareFromHereOn[q] = least;
        }
        double[] kept = new double[n];
        double r = 0;
        double previous = before;
        for (int q = 0; q < n; q++) {
            double added = Math.max(0, had[q] - previous);
            r = Math.min(spareFromHereOn[q], r + added);
            kept[q] = had[q] - r;
            previous = had[q];
        }
        return kept;
    }

    /**
     * {@code mw} snapped to the site's whole phases above its existing MW (differences of whole
     * phases carry round-off), never above {@code had}; as is for a site without phases.
     */
    private static double wholePhases(Site site, double mw, double had) {
        Double phase = site.phaseMw();
        if (mw >= had || phase == null) {
            return Math.min(mw, had);
        }
        double existing = site.existingItMw();
        return Math.min(had, existing + Math.round((mw - existing) / phase) * phase);
    }

    /** Per chip, site and quarter, the fewest servers for the flows, existing and held ones included. */
    private static int[][][] fewestEachQuarter(PlanningModel model, Plan plan, HeldLevels held) {
        int n = model.quarters().size();
        double u = model.policy().targetUtilization();
        Map<String, double[]> load = busyAtPeak(model, plan);
        int[][][] servers = new int[model.chips().size()][model.sites().size()][n];
        for (int c = 0; c < servers.length; c++) {
            Chip chip = model.chips().get(c);
            for (int s = 0; s < servers[c].length; s++) {
                Site site = model.sites().get(s);
                double[] l = load.getOrDefault(site.id() + "\u0000" + chip.id(), new double[n]);
                for (int q = 0; q < n; q++) {
                    servers[c][s][q] = Sizing.fewestServers(l[q], u, Math.max(site.existingServers(chip.id()), held.servers(s, c, q)));
                }
            }
        }
        return servers;
    }

    /** {@link #fewestEachQuarter} as a running maximum: installed servers never decrease. */
    private static int[][][] fewestServers(PlanningModel model, Plan plan, HeldLevels held) {
        int[][][] servers = fewestEachQuarter(model, plan, held);
        for (int[][] chip : servers) {
            for (int[] site : chip) {
                for (int q = 1; q < site.length; q++) {
                    site[q] = Math.max(site[q], site[q - 1]);
                }
            }
        }
        return servers;
    }

    /** The plan's installed servers per chip, site and quarter (absent: none). */
    private static int[][][] installed(PlanningModel model, Plan plan) {
        List<Quarter> quarters = model.quarters();
        int[][][] servers = new int[model.chips().size()][model.sites().size()][quarters.size()];
        for (int c = 0; c < servers.length; c++) {
            for (int s = 0; s < servers[c].length; s++) {
                for (int q = 0; q < quarters.size(); q++) {
                    servers[c][s][q] = plan.installed().getOrDefault(new Plan.SiteChipQuarter(
                            model.sites().get(s).id(), model.chips().get(c).id(), quarters.get(q)), 0);
                }
            }
        }
        return servers;
    }

    /** The plan's flows on {@code servers}, with the least MW that powers them, running ({@link RelaxationRounding#leastMw}). */
    private static Plan withLeastMw(PlanningModel model, Plan plan, int[][][] servers, HeldLevels held) {
        double[][] kw = serverKw(model, servers);
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        for (int s = 0; s < model.sites().size(); s++) {
            Site site = model.sites().get(s);
            double mw = site.existingItMw();
            for (int q = 0; q < model.quarters().size(); q++) {
                mw = RelaxationRounding.leastMw(site, kw[s][q], mw, held.mw(s, q));
                built.put(new Plan.SiteQuarter(site.id(), model.quarters().get(q)), mw);
            }
        }
        return new Plan(new ArrayList<>(plan.flows()), asInstalled(model, servers), built);
    }

    /** The servers' kW per site and quarter. */
    private static double[][] serverKw(PlanningModel model, int[][][] servers) {
        double[][] kw = new double[model.sites().size()][model.quarters().size()];
        for (int c = 0; c < servers.length; c++) {
            double chipKw = model.chips().get(c).serverKw();
            for (int s = 0; s < servers[c].length; s++) {
                for (int q = 0; q < servers[c][s].length; q++) {
                    kw[s][q] += servers[c][s][q] * chipKw;
                }
            }
        }
        return kw;
    }

    /** Servers per chip, site and quarter as a plan's installed map (zeros left out). */
    private static Map<Plan.SiteChipQuarter, Integer> asInstalled(PlanningModel model, int[][][] servers) {
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        for (int c = 0; c < servers.length; c++) {
            for (int s = 0; s < servers[c].length; s++) {
                for (int q = 0; q < servers[c][s].length; q++) {
                    if (servers[c][s][q] > 0) {
                        installed.put(new Plan.SiteChipQuarter(model.sites().get(s).id(), model.chips().get(c).id(),
                                model.quarters().get(q)), servers[c][s][q]);
                    }
                }
            }
        }
        return installed;
    }

    /** Busy servers at peak per (site, chip), by quarter of the horizon. */
    private static Map<String, double[]> busyAtPeak(PlanningModel model, Plan plan) {
        List<Quarter> quarters = model.quarters();
        Map<String, double[]> load = new HashMap<>();
        for (Plan.Flow f : plan.flows()) {
            double throughput = model.chip(f.chip()).orElseThrow().throughput(f.workload());
            int q = quarters.indexOf(f.quarter());
            if (throughput > 0 && q >= 0) {
                load.computeIfAbsent(f.site() + "\u0000" + f.chip(), k -> new double[quarters.size()])[q]
                        += Sizing.busyServers(f.peakIps(), throughput);
            }
        }
        return load;
    }
}
