package dcplan.sweep;

import dcplan.forecast.NormalQuantile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tiny model (regions north and south, workload chat, sites a and b, chips x and y, horizon
 * 2026Q1..2026Q4, rho 0.3) and roll-up folders written as {@code dcplan aggregate} writes them
 * (demand.csv + demand_stats.csv), small enough that a solve of 500 steps takes about a second.
 * Only the middle month of each quarter has forecast rows, so a sampled cell's avg / peak is
 * always avg / (3 mu) = 0.5 / 3 and the capacity arithmetic of fixed-plan tests is exact.
 */
public final class SweepFixture {
    public static final double RHO = 0.3;
    static final double AVG_PER_MU = 0.5;
    /** The reproducible Monte Carlo sweep: sample seed and OptaPlanner seed 7, 500 steps per case. */
    static final long SEED = 7;
    static final long STEPS = 500;

    private SweepFixture() {
    }

    public static Path writeModel(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("regions.yaml"), """
                regions:
                  - {id: north, countries: [AA]}
                  - {id: south, countries: [SA]}
                """);
        Files.writeString(dir.resolve("workloads.yaml"), """
                workloads:
                  - {id: chat, latency_slo_ms: 100}
                """);
        Files.writeString(dir.resolve("sites.yaml"), """
                sites:
                  - {id: a, country: AA, jurisdiction: AA, latency_ms: {north: 10, south: 40},
                     existing_it_mw: 1, max_it_mw: 6, expansion_usd_per_mw: 10000000, expansion_ready: 2026Q2,
                     electricity_usd_per_mwh: 80, pue: 1.2}
                  - {id: b, country: SA, jurisdiction: SA, latency_ms: {north: 40, south: 10},
                     existing_it_mw: 0.5, max_it_mw: 4, expansion_usd_per_mw: 8000000, expansion_ready: 2026Q2,
                     electricity_usd_per_mwh: 60, pue: 1.3, existing_servers: {x: 10}}
                """);
        Files.writeString(dir.resolve("chips.yaml"), """
                chips:
                  - {id: x, vendor: v, server_price_usd: 200000, server_kw: 10, idle_fraction: 0.3,
                     amortization_quarters: 20, throughput_ips: {chat: 50}}
                  - {id: y, vendor: w, server_price_usd: 300000, server_kw: 12, idle_fraction: 0.3,
                     amortization_quarters: 20, throughput_ips: {chat: 90}}
                """);
        Files.writeString(dir.resolve("policy.yaml"), """
                policy:
                  horizon: {from: 2026Q1, to: 2026Q4}
                  planning_quantile: 0.9
                  rho: 0.3
                  target_utilization: 0.8
                  facility_amortization_quarters: 60
                """);
        return dir;
    }

    /**
     * The inputs of a Monte Carlo sweep over {@code rollUpFolder}'s stats (sample seed
     * {@link #SEED}, LP relaxation and polish limited to 10 s, which they never reach here), with
     * a fixed plan's tables or null.
     */
    static SweepInputs sampleInputs(Path models, Path rollUpFolder, Map<String, String> plan) throws IOException {
        return new SweepInputs(SweepInputs.readModelTexts(models), null,
                Files.readString(rollUpFolder.resolve("demand_stats.csv")), RHO, SEED, plan, 10_000, 10_000, 0, null);
    }

    /** Samples 0..n-1, each solved with seed {@link #SEED} for {@link #STEPS} steps (no time limit). */
    static List<SweepCase> samples(int n) {
        List<SweepCase> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cases.add(SweepCase.sample(i, i, SEED, STEPS, null));
        }
        return cases;
    }

    /** Monthly stats: north mu 3000 growing 10 % a quarter, south 2000; sigma_i = 10 % of mu over 3 rows. */
    public static List<DemandDistribution.MonthStats> stats(double scale) {
        List<DemandDistribution.MonthStats> out = new ArrayList<>();
        for (String region : List.of("north", "south")) {
            double base = region.equals("north") ? 3000 : 2000;
            for (int q = 0; q < 4; q++) {
                double mu = scale * base * Math.pow(1.1, q);
                double sigmaRow = 0.1 * mu / 3;
                out.add(new DemandDistribution.MonthStats(region, "chat", LocalDate.of(2026, 3 * q + 2, 1), mu,
                        3 * sigmaRow, 3 * sigmaRow * sigmaRow, AVG_PER_MU * mu, 3));
            }
        }
        return out;
    }

    /** A roll-up folder as 'dcplan aggregate' writes it (without the Parquet copies). */
    public static Path writeRollUp(Path dir, double scale) throws IOException {
        Files.createDirectories(dir);
        List<DemandDistribution.MonthStats> stats = stats(scale);
        Files.writeString(dir.resolve("demand_stats.csv"), DemandDistribution.statsCsv(stats));
        // The deterministic roll-up: peak = max over months of mu + z(0.9) sigma (empty months 0).
        StringBuilder csv = new StringBuilder("region,workload,quarter,peak_ips,avg_ips\n");
        double z = NormalQuantile.z(0.9);
        for (DemandDistribution.MonthStats s : stats) {
            double sigma = Math.sqrt((1 - RHO) * s.s2() + RHO * s.s1() * s.s1());
            int quarter = (s.month().getMonthValue() - 1) / 3 + 1;
            csv.append(s.region()).append(",chat,2026Q").append(quarter).append(',')
                    .append(s.mu() + z * sigma).append(',').append(s.avg() / 3).append('\n');
        }
        Files.writeString(dir.resolve("demand.csv"), csv.toString());
        return dir;
    }
}
