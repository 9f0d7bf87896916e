package dcplan.solver.lp;

import dcplan.solver.lp.HardInstanceDraft.ChipDraft;
import dcplan.solver.lp.HardInstanceDraft.RegionDraft;
import dcplan.solver.lp.HardInstanceDraft.SiteDraft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;

import static dcplan.solver.lp.HardInstanceDraft.round1;
import static dcplan.solver.lp.HardInstanceDraft.shares;
import static dcplan.solver.lp.HardInstanceDraft.uniform;

/**
 * The flavors of {@link HardInstances}, each tightening a roomy base draft (see the class
 * comment there for what each one does and why it binds). One method per flavor; each draws
 * only from the flavor's own random stream.
 */
final class HardFlavors {

    private HardFlavors() {
    }

    // ------------------------------------------------------------------ supply

    /** See {@link HardInstances.Flavor#SUPPLY_BOUND}; {@code lo..hi} is the capped share. Returns the fallback chip. */
    static int supplyBound(HardInstanceDraft d, SplittableRandom rnd, double lo, double hi) {
        int last = d.quarters.size() - 1;
        int fallback = argMax(d.chips.size(), c -> runningCost(d, c));
        List<Integer> capped = new ArrayList<>();
        for (int c = 0; c < d.chips.size(); c++) {
            if (c != fallback) {
                capped.add(c);
            }
        }
        for (int c : capped) {
            ChipDraft chip = d.chips.get(c);
            double growth = 0;
            double initial = 0;
            for (int w = 0; w < d.workloads.size(); w++) {
                int rivals = cheaperToRunThan(d, fallback, w, capped);
                if (d.costPerIpsQuarter(chip, w) < d.costPerIpsQuarter(d.chips.get(fallback), w)) {
                    growth += (servers(d, chip, w, last) - servers(d, chip, w, 0)) / rivals;
                    initial += servers(d, chip, w, 0) / rivals;
                }
            }
            growth /= Math.max(1, last);
            initial = Math.max(0, initial - d.existingServers(chip));
            chip.supplyDefault = Math.max(1, Math.round(uniform(rnd, lo, hi) * growth));
            chip.supplyByQuarter.put(0, Math.max(1, Math.round(uniform(rnd, lo, hi) * initial)));
        }
        // the capped chip cheapest to run is discontinued: a window to buy ahead, then none
        int ending = capped.stream().min((a, b) -> Double.compare(runningCost(d, a), runningCost(d, b))).orElseThrow();
        ChipDraft chip = d.chips.get(ending);
        int stop = d.quarters.size() / 2 + rnd.nextInt(Math.max(1, last - d.quarters.size() / 2));
        long window = Math.round(chip.supplyDefault * uniform(rnd, 1.5, 2.5));
        for (int q = 1; q <= last; q++) {
            chip.supplyByQuarter.put(q, q < stop ? window : 0L);
        }
        return fallback;
    }

    /** Capped chips cheaper to run than the fallback for workload w (at least 1). */
    private static int cheaperToRunThan(HardInstanceDraft d, int fallback, int w, List<Integer> capped) {
        double limit = d.costPerIpsQuarter(d.chips.get(fallback), w);
        return (int) Math.max(1, capped.stream().filter(c -> d.costPerIpsQuarter(d.chips.get(c), w) < limit).count());
    }

    /** Cost per quarter of the last quarter's whole demand on chip c alone. */
    private static double runningCost(HardInstanceDraft d, int c) {
        double cost = 0;
        int last = d.quarters.size() - 1;
        for (int r = 0; r < d.regions.size(); r++) {
            for (int w = 0; w < d.workloads.size(); w++) {
                cost += d.peak[r][w][last] * d.costPerIpsQuarter(d.chips.get(c), w);
            }
        }
        return cost;
    }

    /** Servers of chip c all regions' workload w needs in quarter q. */
    private static double servers(HardInstanceDraft d, ChipDraft c, int w, int q) {
        double n = 0;
        for (int r = 0; r < d.regions.size(); r++) {
            n += d.peak[r][w][q] / (c.throughput.get(HardInstanceDraft.WORKLOADS[w]) * HardInstanceDraft.U);
        }
        return n;
    }

    // ------------------------------------------------------------------ residency

    /** See {@link HardInstances.Flavor#RESIDENCY_BOUND}; {@code share} of the regions restricted, home MW at {@code lo..hi} of need. */
    static void residencyBound(HardInstanceDraft d, SplittableRandom rnd, double share, double lo, double hi) {
        int nr = d.regions.size();
        int restrictedCount = Math.max(1, (int) Math.ceil(share * nr));
        List<Integer> order = shuffled(nr, rnd);
        makeHub(d, rnd);
        for (int r : order.subList(0, restrictedCount)) {
            RegionDraft region = d.regions.get(r);
            region.residency.add(region.jurisdiction);
            if (nr > 1 && rnd.nextDouble() < 0.4) {
                region.residency.add(d.regions.get((r + 1) % nr).jurisdiction);
            }
            double[] tight = {uniform(rnd, 25, 40), Double.NaN, uniform(rnd, 20, 30), uniform(rnd, 12, 20)};
            for (int w = 0; w < d.workloads.size(); w++) {
                if (!Double.isNaN(tight[w])) {
                    region.slo.put(HardInstanceDraft.WORKLOADS[w], (double) Math.round(tight[w]));
                }
            }
            d.sites.get(r).latency.put(region.id, (double) Math.round(uniform(rnd, 3, 10)));
            List<SiteDraft> home = d.homeSites(r);
            double[] split = shares(home.size(), rnd);
            double ceiling = uniform(rnd, lo, hi) * d.minMw(r, d.quarters.size() - 1);
            for (int i = 0; i < home.size(); i++) {
                SiteDraft site = home.get(i);
                site.maxMw = round1(Math.max(site.existingMw, existingServerMw(d, site) + split[i] * ceiling));
            }
        }
    }

    /** The last site becomes a cheap, roomy hub in a jurisdiction of its own, near every region. */
    private static void makeHub(HardInstanceDraft d, SplittableRandom rnd) {
        SiteDraft hub = d.sites.get(d.sites.size() - 1);
        hub.home = -1;
        hub.country = "HB";
        hub.jurisdiction = "HUB";
        hub.latency.clear();
        double need = 0;
        for (int r = 0; r < d.regions.size(); r++) {
            hub.latency.put(d.regions.get(r).id, (double) Math.round(uniform(rnd, 10, 35)));
            need += d.worstMw(r, d.quarters.size() - 1);
        }
        hub.usdPerMwh = Math.round(uniform(rnd, 40, 50));
        hub.pue = HardInstanceDraft.round2(uniform(rnd, 1.08, 1.12));
        hub.usdPerMw = Math.round(uniform(rnd, 5.5e6, 6.5e6));
        hub.ready = null;
        hub.maxMw = round1(hub.existingMw + need);
    }

    // ------------------------------------------------------------------ power

    /**
     * See {@link HardInstances.Flavor#POWER_BOUND}; ceilings at {@code lo..hi} of {@code need(region, quarter)} MW.
     * With {@code valueChip}, the cheapest chip is discounted so that it is the cheapest to run
     * where power allows.
     */
    static void powerBound(HardInstanceDraft d, SplittableRandom rnd, double lo, double hi, NeedMw need, boolean valueChip) {
        if (valueChip) {
            reprice(d, d.chips.get(argMax(d.chips.size(), c -> -d.chips.get(c).price)), uniform(rnd, 0.85, 0.92), false);
        }
        int nq = d.quarters.size();
        for (int r = 0; r < d.regions.size(); r++) {
            List<SiteDraft> home = d.homeSites(r);
            int ready = nq / 3 + rnd.nextInt(Math.max(1, nq / 2 - nq / 3 + 1));
            double early = uniform(rnd, 1.02, 1.12) * need.mw(r, Math.max(0, ready - 1));
            double ceiling = uniform(rnd, lo, hi) * need.mw(r, nq - 1);
            double[] split = shares(home.size(), rnd);
            for (int i = 0; i < home.size(); i++) {
                SiteDraft site = home.get(i);
                double drawn = existingServerMw(d, site);
                site.existingMw = round1(drawn + split[i] * early + 0.05);
                site.maxMw = round1(Math.max(site.existingMw, drawn + split[i] * ceiling + 0.05));
                site.ready = Math.max(1, ready);
            }
        }
    }

    /** MW a region's demand of a quarter needs, by some choice of chips. */
    @FunctionalInterface
    interface NeedMw {
        double mw(int region, int quarter);
    }

    private static double existingServerMw(HardInstanceDraft d, SiteDraft site) {
        double kw = 0;
        for (ChipDraft c : d.chips) {
            kw += site.existingServers.getOrDefault(c.id, 0) * c.kw;
        }
        return kw / 1000.0;
    }

    // ------------------------------------------------------------------ budget

    /**
     * See {@link HardInstances.Flavor#BUDGET_BOUND}: each year's budget a share of what its growth costs in
     * cash on the chips cheapest to run, times {@code scale}; where the budgets so far fall below
     * 1.15 times the cash of {@code floorChip}'s plan, the year is raised, or after a tight year
     * the roomy year before it (so the plan must buy ahead).
     */
    /** Budgets so far never below this times the cash the floor chip's plan needs so far. */
    private static final double FLOOR = 1.05;

    static void budgetBound(HardInstanceDraft d, SplittableRandom rnd, boolean cashLightChip, double scale,
                            IntUnaryOperator floorChip) {
        if (cashLightChip) {
            makeCashLight(d, rnd);
        }
        List<Integer> years = d.years();
        double[] budget = new double[years.size()];
        double budgetSoFar = 0;
        double floorSoFar = 0;
        for (int y = 0; y < years.size(); y++) {
            boolean tight = y % 2 == 1;
            double share = y == 0 ? uniform(rnd, 0.45, 0.7) : (tight ? uniform(rnd, 0.3, 0.5) : uniform(rnd, 0.8, 1.1));
            budget[y] = scale * share * d.cashNeed(y, d::cheapestToRun);
            budgetSoFar += budget[y];
            floorSoFar += FLOOR * d.cashNeed(y, floorChip);
            if (floorSoFar > budgetSoFar) {
                budget[tight ? y - 1 : y] += floorSoFar - budgetSoFar;
                budgetSoFar = floorSoFar;
            }
        }
        for (int y = 0; y < years.size(); y++) {
            d.budgets.put(years.get(y), Math.ceil(budget[y] / 1e6) * 1e6);
        }
    }

    /** The cheapest chip becomes an older generation: written off over 6..8 quarters, 10..20 % dearer to run on every workload. */
    static void makeCashLight(HardInstanceDraft d, SplittableRandom rnd) {
        ChipDraft cheapest = d.chips.get(argMax(d.chips.size(), c -> -d.chips.get(c).price));
        cheapest.amortization = 6 + rnd.nextInt(3);
        reprice(d, cheapest, uniform(rnd, 1.1, 1.2), true);
    }

    // ------------------------------------------------------------------ unservable

    /** See {@link HardInstances.Flavor#PARTLY_UNSERVABLE}. */
    static void partlyUnservable(HardInstanceDraft d, SplittableRandom rnd) {
        List<Integer> order = shuffled(d.regions.size(), rnd);
        int nowhere = order.get(0);
        double target = uniform(rnd, 0.11, 0.17);
        double nowhereShare = target * uniform(rnd, 0.55, 0.7);
        // (a) no eligible site: residency in a jurisdiction without sites, demand scaled to its share
        d.regions.get(nowhere).residency.add("J0");
        double rest = d.volume() - d.volume(nowhere);
        scaleDemand(d, nowhere, nowhereShare * rest / ((1 - nowhereShare) * d.volume(nowhere)));
        // (b) MW exhausted: the largest other region held to its own sites, which cannot grow
        int held = argMax(d.regions.size(), r -> r == nowhere ? -1 : d.volume(r));
        RegionDraft region = d.regions.get(held);
        region.residency.add(region.jurisdiction);
        double shortfall = (target - nowhereShare) * d.volume();
        double lo = 0;
        double hi = d.minMw(held, d.quarters.size() - 1);
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (estimatedShortfall(d, held, mid) > shortfall) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        List<SiteDraft> home = d.homeSites(held);
        double[] split = shares(home.size(), rnd);
        for (int i = 0; i < home.size(); i++) {
            SiteDraft site = home.get(i);
            site.existingServers.clear();
            site.existingMw = Math.round(split[i] * hi * 1000) / 1000.0;
            site.maxMw = site.existingMw;
            site.ready = null;
        }
    }

    /**
     * Volume of region r left unserved when its sites hold {@code mw} MW of power-frugal servers,
     * filled as the most served would fill them: the workloads of least MW per unit of average
     * volume first.
     */
    static double estimatedShortfall(HardInstanceDraft d, int r, double mw) {
        double unserved = 0;
        List<Integer> byMwPerVolume = new ArrayList<>();
        for (int w = 0; w < d.workloads.size(); w++) {
            byMwPerVolume.add(w);
        }
        for (int q = 0; q < d.quarters.size(); q++) {
            final int qq = q;
            byMwPerVolume.sort(Comparator.comparingDouble(w -> d.minMwPerIps(w) * d.peak[r][w][qq] / Math.max(1e-9, d.avg[r][w][qq])));
            double left = mw;
            for (int w : byMwPerVolume) {
                double need = d.peak[r][w][q] * d.minMwPerIps(w);
                double served = need <= 0 ? 1 : Math.min(1, left / need);
                unserved += (1 - served) * d.avg[r][w][q];
                left = Math.max(0, left - need);
            }
        }
        return unserved;
    }

    private static void scaleDemand(HardInstanceDraft d, int r, double factor) {
        for (int w = 0; w < d.workloads.size(); w++) {
            for (int q = 0; q < d.quarters.size(); q++) {
                d.peak[r][w][q] = Math.round(d.peak[r][w][q] * factor);
                d.avg[r][w][q] = Math.round(d.avg[r][w][q] * factor);
            }
        }
    }

    // ------------------------------------------------------------------ mixed

    /** See {@link HardInstances.Flavor#MIXED}. */
    static void mixed(HardInstanceDraft d, SplittableRandom rnd) {
        residencyBound(d, rnd, 0.75, 1.6, 2.0);
        // power is sized before the supply caps, against the chip the caps leave unlimited
        int fallback = argMax(d.chips.size(), c -> runningCost(d, c));
        ChipDraft fb = d.chips.get(fallback);
        powerBound(d, rnd, 1.15, 1.35, (r, q) -> Math.max(d.minMw(r, q), mwOn(d, fb, r, q)), false);
        supplyBound(d, rnd, 0.4, 0.7);
        budgetBound(d, rnd, false, 1.0, d::cheapestToBuy);
    }

    private static double mwOn(HardInstanceDraft d, ChipDraft c, int r, int q) {
        double mw = 0;
        for (int w = 0; w < d.workloads.size(); w++) {
            mw += d.peak[r][w][q] * d.mwPerIps(c, w);
        }
        return mw;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Sets chip c's price so that running it costs {@code relative} times the best of the other
     * chips: on every workload at least that much with {@code everyWorkload}, else over the last
     * quarter's demand mix (at least 30k USD either way).
     */
    private static void reprice(HardInstanceDraft d, ChipDraft c, double relative, boolean everyWorkload) {
        int last = d.quarters.size() - 1;
        double price = 0;
        double others = 0;
        double atZero = 0;
        double perUsd = 0;
        for (int w = 0; w < d.workloads.size(); w++) {
            final int ww = w;
            double volume = 0;
            for (int r = 0; r < d.regions.size(); r++) {
                volume += d.peak[r][w][last];
            }
            double best = d.chips.stream().filter(o -> o != c).mapToDouble(o -> d.costPerIpsQuarter(o, ww)).min().orElseThrow();
            // cost is linear in the price: cost(0) + price * (cost(1) - cost(0))
            c.price = 0;
            double zero = d.costPerIpsQuarter(c, w);
            c.price = 1;
            double slope = d.costPerIpsQuarter(c, w) - zero;
            price = Math.max(price, (relative * best - zero) / slope);
            others += volume * best;
            atZero += volume * zero;
            perUsd += volume * slope;
        }
        if (!everyWorkload) {
            price = (relative * others - atZero) / perUsd;
        }
        c.price = Math.max(30_000, Math.round(price));
    }

    private static List<Integer> shuffled(int n, SplittableRandom rnd) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            order.set(i, order.set(j, order.get(i)));
        }
        return order;
    }

    private static int argMax(int n, IntToDoubleFunction f) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (f.applyAsDouble(i) > f.applyAsDouble(best)) {
                best = i;
            }
        }
        return best;
    }
}
