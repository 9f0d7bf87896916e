package dcplan.hedge;

import dcplan.forecast.AggregateJob;
import dcplan.forecast.Spark;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.sweep.DemandDistribution;
import dcplan.sweep.SweepJob;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/bench hedge}: wall time of the decomposition ({@link DecompositionHedge}, every
 * per-future solve a Spark task) of a Monte Carlo hedge on one Spark master; {@code bin/bench
 * hedge} runs it on a standalone cluster of 1 worker, then of 2, and prints the ratio. Usage:
 * {@code HedgeBenchmark --master URL --label TEXT [--futures 100] [--steps 100] [--runs 3]
 * [--executors N] [--decision 2026Q3] [--models models] [--demand target/bench/hedge-demand]
 * [--forecasts data/forecasts/sample] [--lp-time-limit-ms 60000] [--versus-main]}.
 *
 * <p>The futures are samples 0..N-1 of seed 7 of the roll-up folder (made once from
 * {@code --forecasts} when missing); the final searches are step-limited with seed 7, so every
 * run computes the same hedged plan (the fingerprint says so). On a cluster the benchmark waits
 * for the executors, runs one untimed warm-up LP and planner solve per executor (class loading,
 * natives, jars fetched, the planner's first JIT), then times {@code --runs} whole decompositions. Prints one tab-separated line: label,
 * futures, slots, median wall seconds, each run's seconds, 1-minute load average before and
 * after, and a fingerprint of the shared commitments and plans. With {@code --versus-main}, each
 * run also times the decomposition with main's planner step ({@link MainsPlannerStep}), the two
 * interleaved on the same warm cluster: one line each.
 */
public final class HedgeBenchmark {
    private HedgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String master = null;
        String label = null;
        int futures = 100;
        long steps = 100;
        int runs = 3;
        int executors = 0;
        boolean versusMain = false;
        long lpMs = 60_000;
        String decision = "2026Q3";
        String models = "models";
        String demand = "target/bench/hedge-demand";
        String forecasts = "data/forecasts/sample";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--master" -> master = args[++i];
                case "--label" -> label = args[++i];
                case "--futures" -> futures = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--executors" -> executors = Integer.parseInt(args[++i]);
                case "--versus-main" -> versusMain = true;
                case "--decision" -> decision = args[++i];
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
        SparkSession spark = Spark.session(master, "dcplan bench hedge");
        try {
            if (!Files.isDirectory(Path.of(demand))) {
                AggregateJob.run(spark, forecasts, model, model.policy().planningQuantile(), model.policy().rho(), demand);
            }
            DemandDistribution d = DemandDistribution.of(DemandDistribution.parseStatsCsv(
                    SweepJob.statsCsv(spark, demand), demand), model.policy().rho(), model.quarters());
            RiskSet risk = new RiskSet("bench", Path.of("bench.yaml"), Quarter.parse(decision), null, List.of(),
                    new RiskSet.MonteCarlo(futures, 7));
            HedgeInstance instance = MonteCarloFutures.expand(risk, model, d);
            HedgeSettings settings = new HedgeSettings(null, 7, steps, Duration.ofMillis(lpMs));
            int slots = spark.sparkContext().isLocal() ? Spark.localCores(master) : executors;
            awaitExecutors(spark, executors);
            SlotProfile profile = new SlotProfile();
            spark.sparkContext().addSparkListener(profile);
            TimedExecutor executor = new TimedExecutor(new SparkFutureExecutor(spark), profile);
            // Warm-up, untimed: one LP per slot, then one planner solve per slot (OptaPlanner's
            // classes and JIT: an executor's first planner solve took 5 s more than the others).
            for (FutureTask.Kind kind : List.of(FutureTask.Kind.LP, FutureTask.Kind.PLAN)) {
                List<FutureTask> warm = new ArrayList<>();
                for (int i = 0; i < Math.max(1, slots); i++) {
                    warm.add(FutureTask.of(kind, i, instance.cases().get(i % futures),
                            dcplan.plan.Commitments.NONE, settings, futures));
                }
                FutureExecutor.requireAll(executor.run(warm));
            }
            executor.takeBatchSeconds();
            String name = label == null ? master : label;
            List<Variant> variants = new ArrayList<>();
            if (versusMain) {
                variants.add(new Variant(name + ", main's planner step", new MainsPlannerStep(executor, instance.cases())));
            }
            variants.add(new Variant(name, new SparkCaseRunner(executor)));
            ExecutorProbe probe = new ExecutorProbe(spark.sparkContext().applicationId());
            String loadBefore = loadAverage();
            // interleaved, the first variant first in odd runs and last in even ones (ABBA), so
            // neither gets every cold first run
            for (int r = 0; r < runs; r++) {
                for (int v = 0; v < variants.size(); v++) {
                    variants.get(r % 2 == 0 ? v : variants.size() - 1 - v).time(r + 1, executor, instance, settings, probe);
                }
            }
            String loadAfter = loadAverage();
            for (Variant v : variants) {
                System.out.println(v.row(futures, slots, loadBefore, loadAfter));
            }
        } finally {
            spark.stop();
        }
    }

    /** One way of running the decomposition, its runs' seconds and its last hedged plan. */
    private static final class Variant {
        final String label;
        final CaseRunner runner;
        final List<Double> seconds = new ArrayList<>();
        HedgedPlan last;

        Variant(String label, CaseRunner runner) {
            this.label = label;
            this.runner = runner;
        }

        void time(int run, TimedExecutor executor, HedgeInstance instance, HedgeSettings settings,
                  ExecutorProbe probe) {
            var before = probe.take();
            long t0 = System.nanoTime();
            last = new DecompositionHedge(executor, runner).solve(instance, settings);
            double wall = (System.nanoTime() - t0) / 1e9;
            seconds.add(wall);
            double batches = executor.takeBatchSeconds();
            System.err.printf(Locale.ROOT, "bench hedge: %s: run %d: %.1f s, of which batches %.1f s, driver alone"
                    + " %.1f s; ended %s, load %s%n", label, run, wall, batches, wall - batches,
                    java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), loadAverage());
            ExecutorProbe.difference(before, probe.take())
                    .forEach(line -> System.err.println("bench hedge:   run " + run + ", " + line));
        }

        /** Label, futures, slots, median, runs, loads, fingerprint: tab-separated. */
        String row(int futures, int slots, String loadBefore, String loadAfter) throws Exception {
            List<Double> sorted = new ArrayList<>(seconds);
            sorted.sort(null);
            String fingerprint = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical(last).getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 12);
            return String.join("\t", label, String.valueOf(futures), String.valueOf(slots),
                    f(sorted.get(sorted.size() / 2)), String.join(" ", seconds.stream().map(HedgeBenchmark::f).toList()),
                    loadBefore, loadAfter, fingerprint);
        }
    }

    /**
     * The shared commitments and every plan as text with the maps sorted: Map.copyOf iterates in
     * an order salted per JVM, so their toString differs between runs that computed the same plan.
     */
    static String canonical(HedgedPlan h) {
        StringBuilder b = new StringBuilder();
        b.append(sorted(h.shared().heldAdded())).append(sorted(h.shared().heldAddedMw()));
        for (CasePlan p : h.plans()) {
            b.append(p.name()).append(p.plan().flows()).append(sorted(p.plan().installed()))
                    .append(sorted(p.plan().itMwBuilt()));
        }
        return b.toString();
    }

    private static java.util.TreeMap<String, String> sorted(java.util.Map<?, ?> map) {
        java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
        map.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }

    private static void awaitExecutors(SparkSession spark, int executors) throws InterruptedException {
        if (spark.sparkContext().isLocal()) {
            return;
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < executors + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(executors + " executors did not register in 120 s");
            }
            Thread.sleep(100);
        }
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
