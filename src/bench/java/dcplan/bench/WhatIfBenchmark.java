package dcplan.bench;

import dcplan.cli.Bound;
import dcplan.forecast.AggregateJob;
import dcplan.forecast.Spark;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.InputsHash;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.PlanFiles;
import dcplan.plan.RunFolder;
import dcplan.plan.RunInfo;
import dcplan.scenario.DecidedUntil;
import dcplan.scenario.Scenario;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code bin/bench whatif}: a held what-if (the baseline's commitments before decided_until kept,
 * as {@code dcplan whatif} makes it) against the same scenario re-planned in hindsight
 * ({@code dcplan whatif --replan-all}), on the sample model and the sample forecasts' roll-up.
 * Both start from the baseline plan's routes and get the same limits as the command (at most
 * 60 s of search, ended after 10 s without a new best or within a gap of 1e-4 of the
 * relaxation's bound; 120 s for the LP relaxation, 30 s for the bound, 60 s per polish, unless
 * given). Each is
 * timed as the command runs it: the planning (problem built, relaxation, search, LP steps) and
 * the lower bound. The search's time to come within 0.5 % of its own result (no more unmet) is
 * recorded too. D is each scenario's default ({@link DecidedUntil}) unless --decided-until is
 * given. The baseline is planned afresh and kept under the bench directory (its path is logged);
 * {@code --baseline RUN} reads a kept one instead, so that runs compare the same held problems.
 * A scenario that changes the forecast roll-up (quantile, rho) gets its own roll-up, as
 * {@code dcplan whatif --forecasts} makes it (kept under the bench directory). Prints a
 * Markdown table for docs/benchmarks.md.
 */
public final class WhatIfBenchmark {

    static final List<String> DEFAULT_SCENARIOS = List.of(
            "models/scenarios/nvidia-ban-chinese-parent-abroad.yaml",
            "models/scenarios/brazil-demand-surge.yaml",
            "models/scenarios/domestic-chip-supply-delay.yaml",
            "models/scenarios/budget-cut-25pct.yaml",
            "models/scenarios/france-power-price-rise.yaml",
            "models/scenarios/high-service-level.yaml");
    static final double TOLERANCE = 0.005;

    /** One best score seen: seconds since the start of planning, hard, medium (minus unmet), cost USD. */
    record Best(double seconds, long hard, long medium, double costUsd) {
    }

    /** One solve (held or hindsight) of one scenario, timed as the command runs it. */
    record Solve(double planSeconds, double lpSeconds, double searchSeconds, double boundSeconds, double reachSeconds,
                 double finalCostUsd, double finalUnmet, boolean feasible, String kept, String bound) {
        double totalSeconds() {
            return planSeconds + boundSeconds;
        }
    }

    /**
     * {@code holdsNothing}: decided_until is the horizon's first quarter, so nothing can have been
     * committed and the held what-if is the hindsight problem; {@code dcplan whatif} then solves it
     * once (its hindsight is the held plan), the bench twice (held: the MIP before the search, to be
     * proven; hindsight: the MIP beside the search), and the ratio only compares the two paths.
     * {@code hindsight} is null in a {@code --held-only} run (for changes to the held path alone,
     * which leave hindsight's solve as it was).
     */
    record Row(String scenario, Quarter decidedUntil, int heldServers, double heldMw, Solve held, Solve hindsight,
               boolean holdsNothing) {
    }

    /** The limits of one solve: the command's defaults unless given. */
    record Limits(int searchSeconds, Duration lp, Duration polish, Duration unimproved, Duration bound) {
        Limits withSearch(int seconds) {
            return new Limits(seconds, lp, polish, unimproved, bound);
        }

        Limits withLp(Duration limit) {
            return new Limits(searchSeconds, limit, polish, unimproved, bound);
        }

        Limits withUnimproved(Duration limit) {
            return new Limits(searchSeconds, lp, polish, limit, bound);
        }

        Limits withBound(Duration limit) {
            return new Limits(searchSeconds, lp, polish, unimproved, limit);
        }

        /** The search's options as {@code dcplan whatif} sets them. */
        CapacitySolver.Options search(Duration limit, long seed) {
            return CapacitySolver.Options.timeLimited(limit, seed).withUnimprovedLimit(unimproved);
        }
    }

    public static void main(String[] args) throws IOException {
        List<String> scenarios = new ArrayList<>();
        Limits limits = new Limits(60, Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        int runs = 1;
        int baselineSeconds = 60;
        Path baselineRun = null;
        Quarter decidedUntil = null;
        Path models = Path.of("models");
        String forecasts = "data/forecasts/sample";
        Path dir = Path.of("target/bench");
        long seed = 1;
        boolean heldOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenarios.add(args[++i]);
                case "--search-seconds" -> limits = limits.withSearch(Integer.parseInt(args[++i]));
                case "--lp-seconds" -> limits = limits.withLp(Duration.ofSeconds(Long.parseLong(args[++i])));
                case "--unimproved-seconds" -> limits = limits.withUnimproved(Duration.ofSeconds(Long.parseLong(args[++i])));
                case "--bound-seconds" -> limits = limits.withBound(Duration.ofSeconds(Long.parseLong(args[++i])));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--baseline-seconds" -> baselineSeconds = Integer.parseInt(args[++i]);
                case "--baseline" -> baselineRun = Path.of(args[++i]);
                case "--decided-until" -> decidedUntil = Quarter.parse(args[++i]);
                case "--models" -> models = Path.of(args[++i]);
                case "--forecasts" -> forecasts = args[++i];
                case "--dir" -> dir = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--held-only" -> heldOnly = true;
                default -> {
                    System.err.println("usage: bin/bench whatif [--scenario FILE]... [--decided-until Q] [--search-seconds 60]"
                            + " [--lp-seconds 120] [--unimproved-seconds 10] [--bound-seconds 30] [--runs 1] [--baseline-seconds 60 | --baseline RUN]"
                            + " [--models DIR] [--forecasts PATH] [--dir target/bench]"
                            + " [--seed 1] [--held-only]");
                    System.exit(2);
                }
            }
        }
        if (scenarios.isEmpty()) {
            scenarios = DEFAULT_SCENARIOS;
        }
        double loadBefore = loadAverage();
        PlanningModel model = ModelLoader.load(models);
        List<DemandCell> demand = sampleDemand(model, forecasts, dir.resolve("whatif-demand.csv"));
        log("demand: %d cells in the horizon", demand.size());

        long t0 = System.nanoTime();
        Plan baselinePlan;
        Evaluation baselineEval;
        String baselineNote;
        if (baselineRun != null) {
            // a baseline kept from an earlier run: the held what-ifs then hold the same commitments
            // run after run (a re-planned baseline can commit differently at the same cost)
            baselinePlan = PlanFiles.read(baselineRun);
            baselineEval = PlanEvaluator.evaluate(model, demand, baselinePlan);
            baselineNote = "read from " + baselineRun;
        } else {
            Planner.Outcome baseline = new Planner().plan(model, demand,
                    limits.search(Duration.ofSeconds(baselineSeconds), seed),
                    new Planner.LpLimits(limits.lp(), limits.polish()));
            baselinePlan = baseline.plan();
            baselineEval = baseline.evaluation();
            baselineNote = baseline.polishNote();
            Path kept = dir.resolve("whatif-baseline-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .format(LocalDateTime.now()));
            RunFolder.write(kept, model, demand, baselinePlan, baselineEval,
                    RunInfo.of(null, InputsHash.sha256(model, demand), (System.nanoTime() - t0) / 1e9, false, baselineNote));
            log("baseline kept in %s (--baseline %s plans the what-ifs from it again)", kept, kept);
        }
        log("baseline: %s USD, unmet %.0f, feasible %s, kept: %s (%.0f s)", money(baselineEval.totalCostUsd()),
                baselineEval.unmetInferences(), baselineEval.feasible(), baselineNote, (System.nanoTime() - t0) / 1e9);

        List<Row> rows = new ArrayList<>();
        for (String file : scenarios) {
            Scenario scenario = ScenarioLoader.load(Path.of(file), model);
            String name = Path.of(file).getFileName().toString().replaceFirst("\\.yaml$", "");
            // A quantile or rho change reaches demand only through the roll-up: made again with the
            // scenario's policy, as `dcplan whatif --forecasts` does.
            List<DemandCell> base = scenario.changesRollUp()
                    ? sampleDemand(model, ScenarioResolver.policy(model.policy(), scenario), forecasts,
                            dir.resolve("whatif-demand-" + name + ".csv"))
                    : demand;
            ScenarioResolver.Resolved resolved = ScenarioResolver.resolve(model, base, scenario);
            Quarter d = decidedUntil != null ? decidedUntil : DecidedUntil.of(scenario, model).quarter();
            Commitments held = Commitments.of(model, baselinePlan, resolved.model(), d);
            List<Solve> hs = new ArrayList<>();
            List<Solve> rs = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                hs.add(solve(resolved.model(), resolved.demand(), baselinePlan, held, limits, seed));
                log("%s held at %s: %s", name, d, describe(hs.get(run)));
                if (!heldOnly) {
                    rs.add(solve(resolved.model(), resolved.demand(), baselinePlan, Commitments.NONE, limits, seed));
                    log("%s re-planned in hindsight: %s", name, describe(rs.get(run)));
                }
            }
            Solve h = median(hs);
            Solve r = heldOnly ? null : median(rs);
            int servers = held.heldAdded().values().stream().mapToInt(Integer::intValue).sum();
            double mw = held.heldAddedMw().values().stream().mapToDouble(Double::doubleValue).sum();
            rows.add(new Row(name, d, servers, mw, h, r, !model.policy().horizonFrom().isBefore(d)));
        }
        double loadAfter = loadAverage();
        System.out.println(table(rows, limits));
        System.out.printf(Locale.ROOT, "%nbaseline: %s USD (search %d s, kept: %s); %d cores; load average (1 min) %.2f before, %.2f after%n",
                money(baselineEval.totalCostUsd()), baselineSeconds, baselineNote,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
    }

    /** The sample roll-up, made once with Spark and kept as CSV under {@code csv} (cells in the horizon only). */
    static List<DemandCell> sampleDemand(PlanningModel model, String forecasts, Path csv) throws IOException {
        return sampleDemand(model, model.policy(), forecasts, csv);
    }

    /** The sample roll-up at {@code policy}'s quantile and rho, made once and kept under {@code csv}. */
    static List<DemandCell> sampleDemand(PlanningModel model, Policy policy, String forecasts, Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            SparkSession spark = Spark.session(Spark.master(null), "dcplan bench whatif");
            try {
                AggregateJob.Result r = AggregateJob.rollUp(spark, forecasts, model,
                        policy.planningQuantile(), policy.rho());
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

    /**
     * Plans as {@code dcplan whatif} does: the problem built with {@code held} fixed, routed as in
     * the baseline, planned, then the lower bound of plans that keep {@code held}.
     */
    static Solve solve(PlanningModel model, List<DemandCell> demand, Plan baseline, Commitments held, Limits limits,
                       long seed) {
        System.gc();
        List<Best> bests = new ArrayList<>();
        long start = System.nanoTime();
        CapacityPlan problem = ProblemBuilder.build(model, demand, 0, held);
        FlowSeed.apply(problem, baseline.flows());
        ScoreReading reading = new ScoreReading(problem);
        CapacitySolver.Options options = limits.search(Duration.ofSeconds(limits.searchSeconds()), seed)
                .withProgress((HardMediumSoftLongScore s) -> {
                    if (s.isSolutionInitialized()) {
                        bests.add(new Best((System.nanoTime() - start) / 1e9, s.hardScore(), s.mediumScore(), reading.costUsd(s)));
                    }
                });
        Planner.Outcome outcome = new Planner().plan(model, demand, problem, options,
                new Planner.LpLimits(limits.lp(), limits.polish()), held);
        double planSeconds = (System.nanoTime() - start) / 1e9;
        Evaluation ev = PlanEvaluator.evaluate(model, demand, outcome.plan(), held);
        long boundStart = System.nanoTime();
        // as dcplan whatif computes it: the planning MIP's dual bound reused where it holds
        Bound bound = Bound.of(model, demand, ev, outcome.relaxation(), limits.bound(), held, outcome.mip(), options.gap());
        double boundSeconds = (System.nanoTime() - boundStart) / 1e9;
        HardMediumSoftLongScore s = outcome.search().score();
        Best last = s == null ? null : new Best(Double.NaN, s.hardScore(), s.mediumScore(), reading.costUsd(s));
        double lp = outcome.relaxation() == null ? 0.0 : outcome.relaxation().solveSeconds();
        return new Solve(planSeconds, lp, outcome.search().solveSeconds(), boundSeconds,
                last == null ? Double.NaN : reach(bests, last, last.costUsd() * (1 + TOLERANCE)), ev.totalCostUsd(), ev.unmetInferences(), ev.feasible(),
                outcome.polishNote(), bound.usd() == null ? bound.note() : money(bound.usd()) + " (" + bound.kind() + ")");
    }

    /** The run whose plan + bound time is the median (the lower middle of an even count). */
    static Solve median(List<Solve> solves) {
        List<Solve> sorted = new ArrayList<>(solves);
        sorted.sort(java.util.Comparator.comparingDouble(Solve::totalSeconds));
        return sorted.get((sorted.size() - 1) / 2);
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

    /** A hindsight cell of a {@code --held-only} run. */
    static final String NOT_RUN = "not run (--held-only)";

    /** A hindsight cell: {@code cell} of the hindsight solve, or {@link #NOT_RUN} where there is none. */
    private static String hindsightCell(Solve hindsight, Function<Solve, String> cell) {
        return hindsight == null ? NOT_RUN : cell.apply(hindsight);
    }

    static String table(List<Row> rows, Limits limits) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "| scenario | decided until | kept (servers / MW) | held s: total (relaxation / search / LP steps / bound) "
                + "| hindsight s: total (relaxation / search / LP steps / bound) | held / hindsight "
                + "| held: search within 0.5 %% s | hindsight: search within 0.5 %% s | held plan (USD) / unmet | hindsight plan (USD) / unmet |%n"));
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            Solve hs = r.hindsight();
            b.append(String.format(Locale.ROOT, "| %s | %s | %,d / %.1f | %s | %s | %s%s | %s | %s | %s / %.3g | %s |%n",
                    r.scenario(), r.decidedUntil(), r.heldServers(), r.heldMw(), steps(r.held()),
                    hindsightCell(hs, WhatIfBenchmark::steps),
                    hindsightCell(hs, h -> String.format(Locale.ROOT, "%.2f", r.held().totalSeconds() / h.totalSeconds())),
                    r.holdsNothing() ? " (holds nothing: the same problem twice; dcplan whatif solves it once)" : "",
                    secs(r.held().reachSeconds()), hindsightCell(hs, h -> secs(h.reachSeconds())),
                    money(r.held().finalCostUsd()), r.held().finalUnmet(),
                    hindsightCell(hs, h -> String.format(Locale.ROOT, "%s / %.3g", money(h.finalCostUsd()), h.finalUnmet()))));
        }
        b.append(String.format(Locale.ROOT, "%nLimits: search at most %d s (ended after %d s without a new best, or within 1e-4 of"
                        + " the relaxation's bound), relaxation %d s, bound %d s, polish %d s.%n", limits.searchSeconds(),
                limits.unimproved().toSeconds(), limits.lp().toSeconds(), limits.bound().toSeconds(), limits.polish().toSeconds()));
        return b.toString();
    }

    /** Total seconds, then each step's: the relaxation, the search, the LP steps after it (the rest of planning), the bound. */
    static String steps(Solve s) {
        return String.format(Locale.ROOT, "%.1f (%.1f / %.1f / %.1f / %.1f)", s.totalSeconds(), s.lpSeconds(), s.searchSeconds(),
                s.planSeconds() - s.lpSeconds() - s.searchSeconds(), s.boundSeconds());
    }

    static String describe(Solve s) {
        return String.format(Locale.ROOT, "plan %.1f s (relaxation %.1f s, search %.1f s, search within 0.5 %% at %s s), bound %.1f s (%s); "
                        + "%s USD, unmet %.3g, feasible %s, kept: %s", s.planSeconds(), s.lpSeconds(), s.searchSeconds(),
                secs(s.reachSeconds()), s.boundSeconds(), s.bound(), money(s.finalCostUsd()), s.finalUnmet(), s.feasible(), s.kept());
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
