package dcplan.sweep;

import dcplan.forecast.AggregateJob;
import dcplan.forecast.Spark;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/bench sweep}: throughput of a reproducible Monte Carlo sweep (solves per minute)
 * on one Spark master; {@code bin/bench sweep} runs it for local[*] and for clusters of 1 and 2
 * workers and prints the table. Usage: {@code SweepBenchmark --master URL --label TEXT
 * [--cases 16] [--steps 200] [--executors N] [--models models] [--demand target/bench/sweep-demand]
 * [--forecasts data/forecasts/sample] [--lp-time-limit 30s-as-ms] [--warmup 1]}.
 *
 * <p>The demand is a roll-up folder (made once from {@code --forecasts} in local[*] when
 * missing). Cases are samples 0..N-1 of seed 7, each solved for {@code --steps} steps with
 * seed 7. On a cluster the benchmark waits for {@code --executors} executors, then runs an
 * untimed warm-up sweep of one case per executor per {@code --warmup} (class loading, JIT,
 * OR-Tools natives, solver jars fetched), then times {@link SweepJob#run} of the N cases.
 * Prints one tab-separated line on stdout: label, cases, wall seconds, solves per minute,
 * mean case seconds (on the executors), busy share (sum of case seconds / (wall x slots)),
 * 1-minute load average before and after, and a fingerprint of the results without timing
 * (equal fingerprints: equal result tables).
 */
public final class SweepBenchmark {
    private SweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String master = null;
        String label = null;
        int cases = 16;
        long steps = 200;
        int executors = 0;
        int warmup = 1;
        long lpMs = 30_000;
        String models = "models";
        String demand = "target/bench/sweep-demand";
        String forecasts = "data/forecasts/sample";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--master" -> master = args[++i];
                case "--label" -> label = args[++i];
                case "--cases" -> cases = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Long.parseLong(args[++i]);
                case "--executors" -> executors = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--lp-time-limit-ms" -> lpMs = Long.parseLong(args[++i]);
                case "--models" -> models = args[++i];
                case "--demand" -> demand = args[++i];
                case "--forecasts" -> forecasts = args[++i];
                default -> {
                    System.err.println("bench: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (master == null) {
            System.err.println("bench: --master is required");
            System.exit(2);
        }
        PlanningModel model = ModelLoader.load(Path.of(models));
        SparkSession spark = Spark.session(master, "dcplan bench sweep");
        try {
            if (!Files.isDirectory(Path.of(demand))) {
                // The roll-up once, in this session: a folder with demand_stats.csv.
                AggregateJob.run(spark, forecasts, model, model.policy().planningQuantile(), model.policy().rho(), demand);
            }
            double rho = model.policy().rho();
            SweepInputs inputs = new SweepInputs(SweepInputs.readModelTexts(Path.of(models)), null,
                    SweepJob.statsCsv(spark, demand), rho, 7, null, lpMs, lpMs, 0, null);
            int slots = spark.sparkContext().isLocal() ? Spark.localCores(master) : executors;
            if (!spark.sparkContext().isLocal()) {
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (spark.sparkContext().statusTracker().getExecutorInfos().length < executors + 1) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(executors + " executors did not register in 120 s");
                    }
                    Thread.sleep(100);
                }
            }
            for (int w = 0; w < warmup; w++) {
                List<SweepCase> warm = new ArrayList<>();
                for (int i = 0; i < slots; i++) {
                    warm.add(SweepCase.sample(i, 1000 + i, 7, Math.min(steps, 50), null));
                }
                SweepJob.run(spark, inputs, warm);
            }
            List<SweepCase> list = new ArrayList<>();
            for (int i = 0; i < cases; i++) {
                list.add(SweepCase.sample(i, i, 7, steps, null));
            }
            String loadBefore = loadAverage();
            long t0 = System.nanoTime();
            List<SweepResult> results = SweepJob.run(spark, inputs, list);
            double wall = (System.nanoTime() - t0) / 1e9;
            String loadAfter = loadAverage();
            long failed = results.stream().filter(r -> r.error() != null).count();
            if (failed > 0) {
                results.stream().filter(r -> r.error() != null).limit(3).forEach(r -> System.err.println("failed: " + r.error()));
                throw new IllegalStateException(failed + " of " + cases + " cases failed");
            }
            double caseSeconds = results.stream().mapToDouble(SweepResult::solveSeconds).sum();
            String fingerprint = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(results.stream().map(SweepResult::withoutTiming).toList().toString()
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 12);
            System.out.println(String.join("\t", label == null ? master : label, String.valueOf(cases),
                    String.valueOf(slots), f(wall, 1), f(cases / wall * 60, 2), f(caseSeconds / cases, 1),
                    f(caseSeconds / (wall * slots), 2), loadBefore, loadAfter, fingerprint));
        } finally {
            spark.stop();
        }
    }

    private static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
