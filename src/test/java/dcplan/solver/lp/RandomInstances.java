package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random planning instances with realistic magnitudes, for tests and benchmarks. The
 * same (size, seed) always gives the same instance (one {@link SplittableRandom} drives every
 * draw, in a fixed order).
 *
 * <p>What it draws:
 * <ul>
 *   <li>workloads {@code llm-chat} (SLO 80 ms), {@code llm-batch} (no SLO), {@code embedding}
 *       (60 ms), {@code recsys} (40 ms), then {@code work-5}, ... (SLO 100 ms or none);</li>
 *   <li>regions {@code r1..}, each with its own jurisdiction {@code J1..}; about a quarter of
 *       them require residency in their own jurisdiction (plus, sometimes, a neighbour's);
 *       some carry a tighter llm-chat SLO override;</li>
 *   <li>sites {@code s1..} spread over the jurisdictions (at least one in each region's own,
 *       when sites suffice), latency 4..25 ms to their home region, 20..180 ms to others, about
 *       a tenth of pairs without a figure (beyond every SLO); 0..30 MW existing, up to +80 MW at
 *       6..14 MUSD / MW, ready from the start or a few quarters in; 45..160 USD / MWh, PUE
 *       1.08..1.6; some existing servers;</li>
 *   <li>chips {@code c1..}: 80k..350k USD per server, 6..11 kW, idle 0.25..0.45, amortised
 *       over 16..24 quarters, throughput per workload scaled with price (llm-chat 12..45 ips,
 *       llm-batch 8..40, embedding 1500..13000, recsys 5000..30000; a chip lacks one workload
 *       now and then); about half have a supply cap per quarter, and from the second on,
 *       sometimes an export ban on one jurisdiction from some quarter;</li>
 *   <li>demand per (region, workload): a base of about 80..1500 servers' worth of work growing
 *       1..8 % per quarter, avg 35..70 % of peak, now and then a cell at zero;</li>
 *   <li>policy: horizon from 2026Q1, u = 0.8, facilities amortised over 60 quarters, annual
 *       capex budgets on about half of the instances (0.4..1.6 times a rough estimate of
 *       need, so they bind sometimes).</li>
 * </ul>
 */
public final class RandomInstances {

    /** A generated instance. */
    public record Instance(PlanningModel model, List<DemandCell> demand) {
    }

    private static final String[] BASE_WORKLOADS = {"llm-chat", "llm-batch", "embedding", "recsys"};
    private static final Double[] BASE_SLO = {80.0, null, 60.0, 40.0};
    /** Throughput range per workload (ips per server) at the cheapest and dearest chip. */
    private static final double[][] THROUGHPUT = {{12, 45}, {8, 40}, {1500, 13000}, {5000, 30000}};
    /** Servers' worth of peak demand per (region, workload) at the start, range. */
    private static final double[] BASE_SERVERS = {80, 1500};

    private RandomInstances() {
    }

    public static Instance generate(int regions, int sites, int chips, int workloads, int quarters, long seed) {
        if (regions < 1 || sites < 1 || chips < 1 || workloads < 1 || quarters < 1) {
            throw new IllegalArgumentException("every size must be at least 1");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        Quarter from = new Quarter(2026, 1);
        List<Quarter> qs = Quarter.range(from, Quarter.ofOrdinal(from.ordinal() + quarters - 1));

        // workloads
        List<Workload> ws = new ArrayList<>();
        double[][] thrRange = new double[workloads][];
        for (int w = 0; w < workloads; w++) {
            if (w < BASE_WORKLOADS.length) {
                ws.add(new Workload(BASE_WORKLOADS[w], BASE_SLO[w]));
                thrRange[w] = THROUGHPUT[w];
            } else {
                ws.add(new Workload("work-" + (w + 1), rnd.nextBoolean() ? 100.0 : null));
                double lo = uniform(rnd, 10, 2000);
                thrRange[w] = new double[]{lo, lo * uniform(rnd, 2.5, 5)};
            }
        }

        // regions, one jurisdiction each
        List<Region> rs = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            String j = "J" + (r + 1);
            List<String> residency = new ArrayList<>();
            if (rnd.nextDouble() < 0.25) {
                residency.add(j);
                if (regions > 1 && rnd.nextBoolean()) {
                    residency.add("J" + (1 + (r + 1) % regions));
                }
            }
            Map<String, Double> slo = new LinkedHashMap<>();
            if (rnd.nextDouble() < 0.2) {
                slo.put(ws.get(0).id(), 50.0);
            }
            rs.add(new Region("r" + (r + 1), "Region " + (r + 1), List.of("C" + (r + 1)), residency, slo));
        }

        // sites
        List<Site> ss = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            int home = s < regions ? s : rnd.nextInt(regions);
            String j = "J" + (home + 1);
            Map<String, Double> latency = new LinkedHashMap<>();
            for (int r = 0; r < regions; r++) {
                if (r == home) {
                    latency.put(rs.get(r).id(), (double) Math.round(uniform(rnd, 4, 25)));
                } else if (rnd.nextDouble() < 0.9) {
                    latency.put(rs.get(r).id(), (double) Math.round(uniform(rnd, 20, 180)));
                }
            }
            double existingMw = rnd.nextDouble() < 0.3 ? 0.0 : round1(uniform(rnd, 2, 30));
            double maxMw = rnd.nextDouble() < 0.15 ? existingMw : round1(existingMw + uniform(rnd, 5, 80));
            Quarter ready = rnd.nextDouble() < 0.5 ? null
                    : qs.get(Math.min(qs.size() - 1, 1 + rnd.nextInt(Math.max(1, Math.min(6, qs.size())))));
            ss.add(new Site("s" + (s + 1), "Site " + (s + 1), "C" + (home + 1), j, latency, existingMw, maxMw,
                    Math.round(uniform(rnd, 6e6, 14e6)), ready, Math.round(uniform(rnd, 45, 160)),
                    round2(uniform(rnd, 1.08, 1.6)), Map.of()));
        }

        // chips
        List<Chip> cs = new ArrayList<>();
        double meanPrice = 0;
        for (int c = 0; c < chips; c++) {
            double tier = chips == 1 ? 0.5 : (double) c / (chips - 1) * 0.8 + uniform(rnd, 0, 0.2);
            double price = Math.round(80_000 + tier * 270_000 + uniform(rnd, -5000, 5000));
            price = Math.min(350_000, Math.max(80_000, price));
            meanPrice += price / chips;
            double kw = round1(6 + tier * 5 * uniform(rnd, 0.8, 1.0));
            Map<String, Double> thr = new LinkedHashMap<>();
            for (int w = 0; w < workloads; w++) {
                if (c > 0 && rnd.nextDouble() < 0.08) {
                    continue; // cannot serve this workload
                }
                double lo = thrRange[w][0];
                double hi = thrRange[w][1];
                double t = lo + (hi - lo) * Math.min(1, Math.max(0, tier * uniform(rnd, 0.75, 1.25)));
                thr.put(ws.get(w).id(), round1(t));
            }
            if (thr.isEmpty()) {
                thr.put(ws.get(0).id(), thrRange[0][0]);
            }
            Chip.Supply supply = Chip.Supply.UNLIMITED;
            if (rnd.nextDouble() < 0.5) {
                long perQ = Math.round(uniform(rnd, 100, 1500) * regions * workloads / (double) Math.max(1, chips));
                Map<Quarter, Long> per = new LinkedHashMap<>();
                per.put(qs.get(0), perQ / 3);
                supply = new Chip.Supply(perQ, per);
            }
            List<Chip.Ban> bans = new ArrayList<>();
            if (c > 0 && rnd.nextDouble() < 0.3) {
                bans.add(new Chip.Ban("J" + (1 + rnd.nextInt(regions)),
                        rnd.nextBoolean() ? null : qs.get(rnd.nextInt(qs.size()))));
            }
            cs.add(new Chip("c" + (c + 1), "vendor-" + (c + 1), rnd.nextDouble() < 0.3, price, kw,
                    round2(uniform(rnd, 0.25, 0.45)), 16 + rnd.nextInt(9), thr, supply, bans));
        }

        // existing servers at some sites
        List<Site> withServers = new ArrayList<>();
        for (Site s : ss) {
            Map<String, Integer> existing = new LinkedHashMap<>();
            double mwLeft = s.existingItMw() * 0.6;
            for (Chip c : cs) {
                if (mwLeft > 0 && rnd.nextDouble() < 0.3) {
                    int n = (int) Math.floor(mwLeft * 1000 / c.serverKw() * uniform(rnd, 0.2, 0.6));
                    if (n > 0) {
                        existing.put(c.id(), n);
                        mwLeft -= n * c.serverKw() / 1000;
                    }
                }
            }
            withServers.add(new Site(s.id(), s.name(), s.country(), s.jurisdiction(), s.latencyMs(), s.existingItMw(),
                    s.maxItMw(), s.expansionUsdPerMw(), s.expansionReady(), s.electricityUsdPerMwh(), s.pue(), existing));
        }

        // demand
        List<DemandCell> demand = new ArrayList<>();
        double growthServers = 0;
        for (Region r : rs) {
            for (int w = 0; w < workloads; w++) {
                double midThr = (thrRange[w][0] + thrRange[w][1]) / 2;
                double peak0 = uniform(rnd, BASE_SERVERS[0], BASE_SERVERS[1]) * midThr * 0.8;
                double growth = uniform(rnd, 0.01, 0.08);
                double avgShare = uniform(rnd, 0.35, 0.7);
                boolean zero = rnd.nextDouble() < 0.05;
                for (int q = 0; q < qs.size(); q++) {
                    double peak = zero ? 0.0 : Math.round(peak0 * Math.pow(1 + growth, q) * uniform(rnd, 0.97, 1.03));
                    double avg = Math.round(peak * avgShare);
                    demand.add(new DemandCell(r.id(), ws.get(w).id(), qs.get(q), peak, avg));
                }
                growthServers += peak0 / midThr / 0.8 * Math.pow(1 + growth, qs.size() - 1);
            }
        }

        Map<Integer, Double> budgets = new LinkedHashMap<>();
        if (rnd.nextBoolean()) {
            int years = (int) qs.stream().map(Quarter::year).distinct().count();
            double need = growthServers * meanPrice / years;
            for (int y : qs.stream().map(Quarter::year).distinct().toList()) {
                budgets.put(y, (double) Math.round(need * uniform(rnd, 0.4, 1.6)));
            }
        }
        Policy policy = new Policy(qs.get(0), qs.get(qs.size() - 1), 0.9, 0.3, 0.8, budgets, 60);
        return new Instance(new PlanningModel(rs, ws, withServers, cs, policy), demand);
    }

    /**
     * The same instance with the fields of contract version 2 drawn from {@code seed}: each site
     * builds in 0..2 quarters and, where it may expand, about 60 % of them in phases of 15..50 %
     * of their headroom (at least 0.5 MW, so that a phase always fits); each chip is ordered
     * 0..2 quarters ahead. Everything else is the instance's.
     */
    public static Instance withLeadTimesAndPhases(Instance inst, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 7919 + 17);
        List<Site> sites = new ArrayList<>();
        for (Site s : inst.model().sites()) {
            int build = rnd.nextInt(3);
            double headroom = s.maxItMw() - s.existingItMw();
            Double phase = null;
            if (headroom >= 0.5 && rnd.nextDouble() < 0.6) {
                phase = Math.min(headroom, Math.max(0.5, round1(headroom * uniform(rnd, 0.15, 0.5))));
            }
            sites.add(s.withCommitments(build, phase));
        }
        List<Chip> chips = new ArrayList<>();
        for (Chip c : inst.model().chips()) {
            chips.add(c.withOrderLead(rnd.nextInt(3)));
        }
        PlanningModel m = inst.model();
        return new Instance(new PlanningModel(m.regions(), m.workloads(), sites, chips, m.policy()), inst.demand());
    }

    /** A size the MIP proves optimal in seconds (2 regions, 3 sites, 2 chips, 2 workloads, 6 quarters). */
    public static Instance tiny(long seed) {
        return generate(2, 3, 2, 2, 6, seed);
    }

    /** The five sizes named in the LP brief: small (MIP-sized), medium and large. */
    public static Instance small(long seed) {
        return generate(3, 5, 3, 3, 8, seed);
    }

    public static Instance medium(long seed) {
        return generate(6, 12, 4, 4, 12, seed);
    }

    public static Instance large(long seed) {
        return generate(12, 40, 5, 4, 12, seed);
    }

    private static double uniform(SplittableRandom rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
