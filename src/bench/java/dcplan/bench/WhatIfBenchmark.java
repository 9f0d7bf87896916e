package dcplan.bench;

import dcplan.forecast.AggregateJob;
import dcplan.forecast.Spark;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.scenario.ScenarioLoader;
import dcplan.scenario.ScenarioResolver;
import dcplan.solver.CapacitySolver;
import dcplan.solver.FlowSeed;
import dcplan.solver.Planner;
import dcplan.solver.ProblemBuilder;
import dcplan.solver.ScoreReading;
import dcplan.solver.domain.CapacityPlan;
import org.apache.spark.sql.SparkSession;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/bench whatif}: a what-if solved cold (LP relaxation seed, as {@code plan} does) and
 * warm (the baseline plan's routes, as {@code whatif} does) on the sample model and the sample
 * forecasts' roll-up, each search for the same time. Every new best score is recorded with its
 * time since the start of planning (problem built, LP relaxation included for cold, warm seed
 * included for warm). The target is cold's search result at the end of its time, plus 0.5 %:
 * a run reaches it at the first best that is hard-feasible, leaves no more demand unmet than
 * cold's result and costs at most the target. Prints a Markdown table for docs/benchmarks.md.
 */
public final class WhatIfBenchmark {

    static final List<String> DEFAULT_SCENARIOS = List.of(
            "models/scenarios/brazil-demand-surge.yaml",
            "models/scenarios/budget-cut-25pct.yaml",
            "models/scenarios/france-power-price-rise.yaml");
    static final double TOLERANCE = 0.005;
    static final Duration LP_LIMIT = Duration.ofSeconds(120);
    static final Duration POLISH_LIMIT = Duration.ofSeconds(60);

    /** One best score seen: seconds since the start of planning, hard, medium (minus unmet), cost USD. */
    record Best(double seconds, long hard, long medium, double costUsd) {
    }

    /** One solve (cold or warm) of one scenario. */
    record Solve(List<Best> bests, double lpSeconds, double searchSeconds, Best searchFinal,
                 double finalCostUsd, double finalUnmet, boolean feasible, String kept, int seeded, int chunks) {
    }

    record Row(String scenario, Solve cold, Solve warm, double target, double coldReach, double warmReach) {
    }

    public static void main(String[] args) throws IOException {
        List<String> scenarios = new ArrayList<>();
        int coldSeconds = 60;
        Integer warmSeconds = null;
        int baselineSeconds = 60;
        Path models = Path.of("models");
        String forecasts = "data/forecasts/sample";
        Path dir = Path.of("target/bench");
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenarios.add(args[++i]);
                case "--cold-seconds" -> coldSeconds = Integer.parseInt(args[++i]);
                case "--warm-seconds" -> warmSeconds = Integer.parseInt(args[++i]);
                case "--baseline-seconds" -> baselineSeconds = Integer.parseInt(args[++i]);
                case "--models" -> models = Path.of(args[++i]);
                case "--forecasts" -> forecasts = args[++i];
                case "--dir" -> dir = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: bin/bench whatif [--scenario FILE]... [--cold-seconds 60] [--warm-seconds S]"
                            + " [--baseline-seconds 60] [--models DIR] [--forecasts PATH] [--dir target/bench] [--seed 1]");
                    System.exit(2);
                }
            }
        }
        if (scenarios.isEmpty()) {
            scenarios = DEFAULT_SCENARIOS;
        }
        int warmLimit = warmSeconds != null ? warmSeconds : coldSeconds;
        double loadBefore = loadAverage();
        PlanningModel model = ModelLoader.load(models);
        List<DemandCell> demand = sampleDemand(model, forecasts, dir.resolve("whatif-demand.csv"));
        log("demand: %d cells in the horizon", demand.size());

        long t0 = System.nanoTime();
        CapacitySolver.Options baseOptions = CapacitySolver.Options.timeLimited(Duration.ofSeconds(baselineSeconds), seed);
        Planner.Outcome baseline = new Planner().plan(model, demand, baseOptions, new Planner.LpLimits(LP_LIMIT, POLISH_LIMIT));
        Plan baselinePlan = baseline.plan();
        log("baseline: %s USD, unmet %.0f, feasible %s, kept: %s (%.0f s)", money(baseline.evaluation().totalCostUsd()),
                baseline.evaluation().unmetInferences(), baseline.evaluation().feasible(), baseline.polishNote(),
                (System.nanoTime() - t0) / 1e9);

        List<Row> rows = new ArrayList<>();
        for (String file : scenarios) {
            ScenarioResolver.Resolved resolved = ScenarioResolver.resolve(model, demand,
                    ScenarioLoader.load(Path.of(file), model));
            List<DemandCell> cells = inHorizon(resolved.model(), resolved.demand());
            String name = Path.of(file).getFileName().toString().replaceFirst("\\.yaml$", "");
            Solve cold = solve(resolved.model(), cells, null, coldSeconds, seed);
            log("%s cold: search %s USD after %.1f s (LP %.1f s); final %s USD (kept: %s); %s", name,
                    money(cold.searchFinal().costUsd()), cold.searchSeconds(), cold.lpSeconds(), money(cold.finalCostUsd()),
                    cold.kept(), trace(cold));
            Solve warm = solve(resolved.model(), cells, baselinePlan, warmLimit, seed);
            log("%s warm: %d of %d chunks seeded; search %s USD after %.1f s; final %s USD (kept: %s); %s", name,
                    warm.seeded(), warm.chunks(), money(warm.searchFinal().costUsd()), warm.searchSeconds(),
                    money(warm.finalCostUsd()), warm.kept(), trace(warm));
            Best ref = cold.searchFinal();
            double target = ref.costUsd() * (1 + TOLERANCE);
            rows.add(new Row(name, cold, warm, target, reach(cold.bests(), ref, target), reach(warm.bests(), ref, target)));
        }
        double loadAfter = loadAverage();
        System.out.println(table(rows, coldSeconds, warmLimit));
        System.out.printf(Locale.ROOT, "%nbaseline: %s USD (search %d s, kept: %s); %d cores; load average (1 min) %.2f before, %.2f after%n",
                money(baseline.evaluation().totalCostUsd()), baselineSeconds, baseline.polishNote(),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
    }

    /** The sample roll-up, made once with Spark and kept as CSV under {@code csv} (cells in the horizon only). */
    static List<DemandCell> sampleDemand(PlanningModel model, String forecasts, Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            SparkSession spark = Spark.session(Spark.master(null), "dcplan bench whatif");
            try {
                AggregateJob.Result r = AggregateJob.rollUp(spark, forecasts, model,
                        model.policy().planningQuantile(), model.policy().rho());
                Files.createDirectories(csv.toAbsolutePath().getParent());
                DemandTable.writeCsv(inHorizon(model, r.demand()), csv);
            } finally {
                spark.stop();
            }
            log("rolled up %s into %s", forecasts, csv);
        }
        return DemandTable.readCsv(csv);
    }

    static List<DemandCell> inHorizon(PlanningModel model, List<DemandCell> demand) {
        List<Quarter> horizon = model.quarters();
        return demand.stream().filter(c -> horizon.contains(c.quarter())).toList();
    }

    /** Plans once; {@code baseline} null is a cold start (LP seed), else its flows seed the routes. */
    static Solve solve(PlanningModel model, List<DemandCell> demand, Plan baseline, int seconds, long seed) {
        System.gc();
        List<Best> bests = new ArrayList<>();
        long start = System.nanoTime();
        CapacityPlan problem = ProblemBuilder.build(model, demand, 0);
        int seeded = baseline == null ? 0 : FlowSeed.apply(problem, baseline.flows());
        ScoreReading reading = new ScoreReading(problem);
        CapacitySolver.Options options = CapacitySolver.Options.timeLimited(Duration.ofSeconds(seconds), seed)
                .withProgress((HardMediumSoftLongScore s) -> {
                    if (s.isSolutionInitialized()) {
                        bests.add(new Best((System.nanoTime() - start) / 1e9, s.hardScore(), s.mediumScore(), reading.costUsd(s)));
                    }
                });
        Planner.Outcome outcome = new Planner().plan(model, demand, problem, options, new Planner.LpLimits(LP_LIMIT, POLISH_LIMIT));
        HardMediumSoftLongScore s = outcome.search().score();
        Best last = new Best(Double.NaN, s.hardScore(), s.mediumScore(), reading.costUsd(s));
        // cold: the relaxation ran before the search; warm: after it (for the bound), outside the timed search
        double lp = baseline == null && outcome.relaxation() != null ? outcome.relaxation().solveSeconds() : 0.0;
        Evaluation ev = outcome.evaluation();
        return new Solve(bests, lp, outcome.search().solveSeconds(), last, ev.totalCostUsd(), ev.unmetInferences(),
                ev.feasible(), outcome.polishNote(), seeded, problem.getChunks().size());
    }

    /** Seconds from the start of planning to the first best that is feasible, no more unmet than {@code ref}, and within the target. */
    static double reach(List<Best> bests, Best ref, double target) {
        for (Best b : bests) {
            if (b.hard() == 0 && b.medium() >= ref.medium() && b.costUsd() <= target) {
                return b.seconds();
            }
        }
        return Double.NaN;
    }

    static String table(List<Row> rows, int coldSeconds, int warmSeconds) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "| scenario | cold search cost after %d s (USD) | target +0.5 %% (USD) | cold LP s | cold reaches target s "
                + "| warm seeded chunks | warm reaches target s | warm / cold | warm search cost after %d s (USD) "
                + "| cold final plan (USD) | warm final plan (USD) | final unmet cold / warm |%n", coldSeconds, warmSeconds));
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %s | %d of %d | %s | %s | %s | %s | %s | %.3g / %.3g |%n",
                    r.scenario(), money(r.cold().searchFinal().costUsd()), money(r.target()), r.cold().lpSeconds(),
                    secs(r.coldReach()), r.warm().seeded(), r.warm().chunks(), secs(r.warmReach()),
                    Double.isNaN(r.warmReach()) ? "not reached" : String.format(Locale.ROOT, "%.3f", r.warmReach() / r.coldReach()),
                    money(r.warm().searchFinal().costUsd()), money(r.cold().finalCostUsd()), money(r.warm().finalCostUsd()),
                    r.cold().finalUnmet(), r.warm().finalUnmet()));
        }
        return b.toString();
    }

    /** The first best, the last best and a few in between: time, hard, unmet, cost. */
    static String trace(Solve s) {
        List<Best> b = s.bests();
        StringBuilder t = new StringBuilder(b.size() + " bests:");
        for (int i = 0; i < b.size(); i += Math.max(1, b.size() / 8)) {
            t.append(describe(b.get(i)));
        }
        if (!b.isEmpty()) {
            t.append(" ... last").append(describe(b.get(b.size() - 1)));
        }
        return t.toString();
    }

    static String describe(Best b) {
        return String.format(Locale.ROOT, " [%.1fs hard %d unmet %d %s]", b.seconds(), b.hard(), -b.medium(), money(b.costUsd()));
    }

    static String secs(double s) {
        return Double.isNaN(s) ? "not reached" : String.format(Locale.ROOT, "%.1f", s);
    }

    static String money(double usd) {
        return Double.isNaN(usd) ? "n/a" : String.format(Locale.ROOT, "%,.0f", usd);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void log(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }
}
