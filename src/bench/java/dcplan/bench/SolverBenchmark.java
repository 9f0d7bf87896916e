package dcplan.bench;

import dcplan.plan.Evaluation;
import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;
import dcplan.solver.ProblemBuilder;
import dcplan.solver.ScoreReading;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.RandomInstances;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/bench solver-checkpoints} (formerly {@code bin/bench solver}): the planner on seeded generated instances (tiny, small, medium,
 * large): time to the first feasible plan, the search's cost at checkpoints, the final plan's
 * cost, its gap to the LP lower bound and, where a MIP finishes in time, to the exact optimum,
 * and the peak heap. Prints a Markdown table; figures go to docs/benchmarks.md.
 */
public final class SolverBenchmark {

    /** An instance size as the issue names it. */
    record Size(String name, int regions, int sites, int chips, int workloads, int quarters) {
    }

    static final List<Size> SIZES = List.of(
            new Size("tiny", 2, 3, 2, 2, 4),
            new Size("small", 3, 5, 3, 3, 8),
            new Size("medium", 6, 12, 4, 4, 12),
            new Size("large", 12, 40, 5, 4, 12));

    /** One measured run. */
    record Row(String size, long seed, int chunks, double lpSeconds, Double bound, double firstFeasible,
               double[] costAtCheckpoint, double finalCost, double finalUnmet, boolean feasible,
               Double mipCost, double mipSeconds, String mipStatus, double peakHeapMb, String kept) {
    }

    public static void main(String[] args) {
        List<String> sizes = List.of("tiny", "small", "medium", "large");
        long[] seeds = {1};
        int[] checkpoints = {10, 30, 60};
        Duration mipLimit = Duration.ofMinutes(10);
        Duration lpLimit = Duration.ofMinutes(5);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = List.of(args[++i].split(","));
                case "--seeds" -> seeds = Arrays.stream(args[++i].split(",")).mapToLong(Long::parseLong).toArray();
                case "--checkpoints" -> checkpoints = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--mip-limit" -> mipLimit = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--lp-limit" -> lpLimit = Duration.ofSeconds(Long.parseLong(args[++i]));
                default -> {
                    System.err.println("usage: bin/bench solver-checkpoints [--sizes tiny,small,medium,large] [--seeds 1,2]"
                            + " [--checkpoints 10,30,60] [--mip-limit SECONDS] [--lp-limit SECONDS]");
                    System.exit(2);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String name : sizes) {
            Size size = SIZES.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown size " + name));
            for (long seed : seeds) {
                Row row = run(size, seed, checkpoints, lpLimit, mipLimit);
                rows.add(row);
                System.err.println("bench: " + describe(row, checkpoints));
            }
        }
        System.out.println(table(rows, checkpoints));
    }

    static Row run(Size size, long seed, int[] checkpoints, Duration lpLimit, Duration mipLimit) {
        RandomInstances.Instance inst = RandomInstances.generate(size.regions(), size.sites(), size.chips(),
                size.workloads(), size.quarters(), seed);
        System.gc();
        MemoryProbe.reset();
        int last = checkpoints[checkpoints.length - 1];
        CapacityPlan problem = ProblemBuilder.build(inst.model(), inst.demand(), 0);
        ScoreReading reading = new ScoreReading(problem);
        List<double[]> bests = new ArrayList<>(); // {seconds since start, hard, cost}
        long start = System.nanoTime();
        CapacitySolver.Options options = CapacitySolver.Options.timeLimited(Duration.ofSeconds(last), seed)
                .withProgress((HardMediumSoftLongScore s) -> bests.add(new double[]{
                        (System.nanoTime() - start) / 1e9, s.hardScore(), reading.costUsd(s), s.mediumScore()}));
        Planner.Outcome outcome = new Planner().plan(inst.model(), inst.demand(), problem, options,
                new Planner.LpLimits(lpLimit, Duration.ofMinutes(2)));
        double peak = MemoryProbe.read().heapMb();
        LpResult lp = outcome.relaxation();
        double lpSeconds = lp == null ? Double.NaN : lp.solveSeconds();
        double firstFeasible = bests.stream().filter(b -> b[1] == 0).mapToDouble(b -> b[0]).min().orElse(Double.NaN);
        double[] atCheckpoint = new double[checkpoints.length];
        for (int c = 0; c < checkpoints.length; c++) {
            // the search's best plan at that time (before the final LP steps), counted from the
            // start of planning, the LP relaxation included
            double t = checkpoints[c] + lpSeconds;
            double cost = Double.NaN;
            for (double[] b : bests) {
                if (b[0] <= t && b[1] == 0) {
                    cost = b[2];
                }
            }
            atCheckpoint[c] = cost;
        }
        Evaluation ev = outcome.evaluation();
        Double bound = null;
        if (lp != null && lp.provenOptimal()) {
            bound = lp.totalCostUsd();
            double volume = Math.max(1.0, ev.servedInferences() + ev.unmetInferences());
            if (ev.servedInferences() < lp.servedInferences() - 1e-9 * volume) {
                // the plan serves less than the relaxation's maximum: bound plans serving as much as it does
                LpResult atServed = PlanLinearProgram.lowerBound(inst.model(), inst.demand(), ev.servedInferences(),
                        LpOptions.relaxed().withTimeLimit(lpLimit));
                bound = atServed.provenOptimal() ? atServed.totalCostUsd() : null;
            }
        }
        Double mipCost = null;
        double mipSeconds = Double.NaN;
        String mipStatus = "not run";
        if (!mipLimit.isZero()) {
            LpResult mip = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.integer().withTimeLimit(mipLimit));
            mipSeconds = mip.solveSeconds();
            mipStatus = mip.provenOptimal() ? "optimal" : mip.status().toString().toLowerCase(Locale.ROOT);
            mipCost = mip.provenOptimal() ? mip.totalCostUsd() : null;
        }
        return new Row(size.name(), seed, problem.getChunks().isEmpty() ? 0 : problem.getChunks().size() / Math.max(1, problem.getCells().size()),
                lpSeconds, bound, firstFeasible, atCheckpoint, ev.totalCostUsd(), ev.unmetInferences(), ev.feasible(),
                mipCost, mipSeconds, mipStatus, peak, outcome.polishNote());
    }

    static String gap(double cost, Double reference) {
        return reference == null || Double.isNaN(cost) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * (cost / reference - 1));
    }

    static String money(double usd) {
        return Double.isNaN(usd) ? "n/a" : String.format(Locale.ROOT, "%,.0f", usd);
    }

    static String describe(Row r, int[] checkpoints) {
        return String.format(Locale.ROOT, "%s seed %d: LP %.1f s, first feasible %.1f s, final %s USD (%s above bound, %s above MIP), MIP %s in %.1f s, peak heap %.0f MB, kept: %s",
                r.size(), r.seed(), r.lpSeconds(), r.firstFeasible(), money(r.finalCost()), gap(r.finalCost(), r.bound()),
                gap(r.finalCost(), r.mipCost()), r.mipStatus(), r.mipSeconds(), r.peakHeapMb(), r.kept());
    }

    static String table(List<Row> rows, int[] checkpoints) {
        StringBuilder b = new StringBuilder();
        b.append("| instance | seed | chunks/cell | LP bound s | first feasible s |");
        for (int c : checkpoints) {
            b.append(" cost after ").append(c).append(" s |");
        }
        b.append(" final cost | feasible | gap to bound | MIP | MIP s | gap to MIP | peak heap MB |\n|---|---:|---:|---:|---:|");
        for (int ignored : checkpoints) {
            b.append("---:|");
        }
        b.append("---:|---|---:|---|---:|---:|---:|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f |", r.size(), r.seed(), r.chunks(), r.lpSeconds(), r.firstFeasible()));
            for (double c : r.costAtCheckpoint()) {
                b.append(' ').append(money(c)).append(" |");
            }
            b.append(String.format(Locale.ROOT, " %s | %s | %s | %s | %.1f | %s | %.0f |%n", money(r.finalCost()),
                    r.feasible() ? "yes" : "no", gap(r.finalCost(), r.bound()), r.mipStatus(), r.mipSeconds(),
                    gap(r.finalCost(), r.mipCost()), r.peakHeapMb()));
        }
        return b.toString();
    }
}
