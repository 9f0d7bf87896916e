package dcplan.solver.lp;

import dcplan.model.Workload;
import dcplan.solver.lp.HardInstanceDraft.ChipDraft;
import dcplan.solver.lp.HardInstanceDraft.RegionDraft;
import dcplan.solver.lp.HardInstanceDraft.SiteDraft;

import java.util.List;
import java.util.SplittableRandom;

import static dcplan.solver.lp.HardInstanceDraft.SLO;
import static dcplan.solver.lp.HardInstanceDraft.THROUGHPUT;
import static dcplan.solver.lp.HardInstanceDraft.U;
import static dcplan.solver.lp.HardInstanceDraft.WORKLOADS;
import static dcplan.solver.lp.HardInstanceDraft.clamp01;
import static dcplan.solver.lp.HardInstanceDraft.round1;
import static dcplan.solver.lp.HardInstanceDraft.round2;
import static dcplan.solver.lp.HardInstanceDraft.shares;
import static dcplan.solver.lp.HardInstanceDraft.uniform;

/**
 * The roomy base of {@link HardInstances}: one draw per (size, seed), shared by every flavor,
 * in which nothing binds on purpose (supply unlimited, no budget, no residency, expansion from
 * the start, every region's home sites able to hold 1.5 times its last need on the most
 * power-hungry chip). Magnitudes as {@link RandomInstances} and models/*.yaml.
 */
final class HardInstanceBase {

    private HardInstanceBase() {
    }

    /** Draws the base; every draw comes from {@code rnd}, in a fixed order. */
    static HardInstanceDraft draw(HardInstances.Size size, SplittableRandom rnd) {
        HardInstanceDraft d = HardInstanceDraft.empty(size.regions(), size.workloads(), size.quarters());
        for (int w = 0; w < size.workloads(); w++) {
            d.workloads.add(new Workload(WORKLOADS[w], SLO[w]));
        }
        for (int r = 0; r < size.regions(); r++) {
            RegionDraft region = new RegionDraft();
            region.id = "r" + (r + 1);
            region.jurisdiction = "J" + (r + 1);
            d.regions.add(region);
        }
        drawChips(d, size.chips(), rnd);
        drawDemand(d, rnd);
        drawSites(d, size.sites(), rnd);
        return d;
    }

    /** Tiers from cheap to dear: price 80k..350k USD, 6..11 kW, throughput rising with the tier. */
    private static void drawChips(HardInstanceDraft d, int n, SplittableRandom rnd) {
        for (int c = 0; c < n; c++) {
            double tier = n == 1 ? 0.5 : (double) c / (n - 1) * 0.8 + uniform(rnd, 0, 0.2);
            ChipDraft chip = new ChipDraft();
            chip.id = "c" + (c + 1);
            chip.price = Math.min(350_000, Math.max(80_000, Math.round(80_000 + tier * 270_000 + uniform(rnd, -5000, 5000))));
            chip.kw = round1(6 + tier * 5 * uniform(rnd, 0.8, 1.0));
            chip.idle = round2(uniform(rnd, 0.25, 0.45));
            chip.amortization = 16 + rnd.nextInt(9);
            for (int w = 0; w < d.workloads.size(); w++) {
                double lo = THROUGHPUT[w][0];
                double hi = THROUGHPUT[w][1];
                chip.throughput.put(WORKLOADS[w], round1(lo + (hi - lo) * clamp01(tier * uniform(rnd, 0.75, 1.25))));
            }
            d.chips.add(chip);
        }
    }

    /** Per (region, workload): 80..1500 mid-tier servers' worth of peak, growing 1..8 % a quarter. */
    private static void drawDemand(HardInstanceDraft d, SplittableRandom rnd) {
        for (int r = 0; r < d.regions.size(); r++) {
            for (int w = 0; w < d.workloads.size(); w++) {
                double midThr = (THROUGHPUT[w][0] + THROUGHPUT[w][1]) / 2;
                double peak0 = uniform(rnd, 80, 1500) * midThr * U;
                double growth = uniform(rnd, 0.01, 0.08);
                double avgShare = uniform(rnd, 0.35, 0.7);
                for (int q = 0; q < d.quarters.size(); q++) {
                    d.peak[r][w][q] = Math.round(peak0 * Math.pow(1 + growth, q) * uniform(rnd, 0.97, 1.03));
                    d.avg[r][w][q] = Math.round(d.peak[r][w][q] * avgShare);
                }
            }
        }
    }

    /**
     * Sites: the first one of each region at home (4..20 ms), the rest in a random region; other
     * regions 20..180 ms away, a tenth without a figure. A region's home sites together may grow
     * to 1.5 times what its last quarter needs on the most power-hungry chip: power never binds.
     */
    private static void drawSites(HardInstanceDraft d, int n, SplittableRandom rnd) {
        for (int s = 0; s < n; s++) {
            SiteDraft site = new SiteDraft();
            site.id = "s" + (s + 1);
            site.home = s < d.regions.size() ? s : rnd.nextInt(d.regions.size());
            site.country = "C" + d.regions.get(site.home).id;
            site.jurisdiction = d.regions.get(site.home).jurisdiction;
            for (int r = 0; r < d.regions.size(); r++) {
                if (r == site.home) {
                    site.latency.put(d.regions.get(r).id, (double) Math.round(uniform(rnd, 4, 20)));
                } else if (rnd.nextDouble() < 0.9) {
                    site.latency.put(d.regions.get(r).id, (double) Math.round(uniform(rnd, 20, 180)));
                }
            }
            site.usdPerMw = Math.round(uniform(rnd, 6e6, 14e6));
            site.ready = null; // expansion from the start: the flavors decide where it comes late
            site.usdPerMwh = Math.round(uniform(rnd, 45, 160));
            site.pue = round2(uniform(rnd, 1.08, 1.6));
            d.sites.add(site);
        }
        for (int r = 0; r < d.regions.size(); r++) {
            List<SiteDraft> home = d.homeSites(r);
            double[] share = shares(home.size(), rnd);
            for (int i = 0; i < home.size(); i++) {
                SiteDraft site = home.get(i);
                site.existingMw = rnd.nextDouble() < 0.3 ? 0.0 : round1(share[i] * uniform(rnd, 0.1, 0.5) * d.minMw(r, 0));
                if (site.existingMw > 0 && rnd.nextDouble() < 0.6) {
                    ChipDraft chip = d.chips.get(rnd.nextInt(d.chips.size()));
                    int servers = (int) Math.floor(site.existingMw * 1000 * uniform(rnd, 0.3, 0.7) / chip.kw);
                    if (servers > 0) {
                        site.existingServers.put(chip.id, servers);
                    }
                }
                site.maxMw = round1(site.existingMw + share[i] * 1.5 * d.worstMw(r, d.quarters.size() - 1) + uniform(rnd, 2, 10));
            }
        }
    }
}
