package dcplan.bench;

import dcplan.plan.Evaluation;
import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;
import dcplan.solver.ProblemBuilder;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.HardInstances;
import dcplan.solver.lp.HardInstances.Flavor;
import dcplan.solver.lp.HardInstances.Instance;
import dcplan.solver.lp.HardInstances.Size;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The planning step alone, as {@code dcplan plan --time-limit B} runs it (no SCIP, no bound): its
 * wall time against B, whether the plan is feasible, unmet share, cost and peak memory ({@link MemoryProbe}), one row per
 * instance (issue 11: --time-limit is a maximum on large instances too). Run with
 * {@code -Ddcplan.planning.steps=true} to see each step's seconds on stderr.
 * Arguments: [--flavors all|supply-bound,...] [--sizes large] [--seeds 1] [--budget 30] [--v2]
 * [--unimproved S]: with S, the run also ends after S s without a better plan, as the CLI's
 * {@code --unimproved-limit} (10 s by default there); without it, no such end (the figures of
 * docs/benchmarks.md up to the fifteenth session). [--repeats N]: each instance N times in a row,
 * a row per run, then its spread ({@link Spread}): one run of the planning step is a sample (relax-and-fix's
 * windows and the crossovers end at their limits on different plans from run to run; the same
 * code wrote plans 7-15 % apart on medium rows, docs/benchmarks.md, thirty-second session).
 */
public final class PlanningClock {
    private PlanningClock() {
    }

    public static void main(String[] args) {
        List<Flavor> flavors = List.of(Flavor.values());
        List<Size> sizes = List.of(Size.LARGE);
        long[] seeds = {1};
        int budget = 30;
        boolean v2 = false;
        Duration unimproved = null;
        int repeats = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--flavors" -> flavors = InstanceArgs.flavors(args[++i]);
                case "--sizes" -> sizes = InstanceArgs.sizes(args[++i]);
                case "--seeds" -> seeds = InstanceArgs.seeds(args[++i]);
                case "--budget" -> budget = Integer.parseInt(args[++i]);
                case "--v2" -> v2 = true;
                case "--unimproved" -> unimproved = Duration.ofSeconds(Integer.parseInt(args[++i]));
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.println("load average at the start: " + SolverVersusMip.loadAverage());
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        }
        System.out.println("unimproved limit: " + (unimproved == null ? "none" : unimproved.toSeconds() + " s")
                + "; runs per instance: " + repeats);
        plan(HardInstances.generate(Flavor.MIXED, Size.TINY, 99), 2, null); // class loading and JIT
        System.out.println("| instance | B s | wall s | feasible | unmet share | cost USD | peak MB: heap / heap after GC / RSS | plan kept |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---|");
        List<String> spreads = new ArrayList<>();
        for (Size size : sizes) {
            for (Flavor flavor : flavors) {
                for (long seed : seeds) {
                    Instance in = HardInstances.generate(flavor, size, seed, v2);
                    List<Evaluation> runs = new ArrayList<>();
                    for (int run = 1; run <= repeats; run++) {
                        MemoryProbe.reset();
                        long start = System.nanoTime();
                        Planner.Outcome outcome = plan(in, budget, unimproved);
                        double wall = (System.nanoTime() - start) / 1e9;
                        MemoryProbe.Peaks memory = MemoryProbe.read();
                        Evaluation ev = outcome.evaluation();
                        runs.add(ev);
                        System.out.println(String.format(Locale.ROOT, "| %s%s | %d | %.1f | %s | %.6f %% | %,.0f | %.0f / %.0f / %.0f | %s |",
                                in.name(), repeats > 1 ? " run " + run : "", budget, wall, ev.feasible(),
                                100 * Spread.unmetShare(ev), ev.totalCostUsd(), memory.heapMb(),
                                memory.heapAfterGcMb(), memory.rssMb(), outcome.polishNote()));
                    }
                    if (repeats > 1) {
                        spreads.add(in.name() + ": " + Spread.of(runs).describe());
                    }
                }
            }
        }
        for (String line : spreads) {
            System.out.println("spread over " + repeats + " runs, " + line);
        }
        System.out.println("load average at the end: " + SolverVersusMip.loadAverage());
    }

    /**
     * How far the runs of one instance lie apart: the cost of the cheapest, median and dearest
     * plan, and how far the dearest is above the cheapest; the unmet share's range, since a
     * cheaper run may serve less.
     */
    record Spread(double cheapest, double median, double dearest, double leastUnmetShare, double mostUnmetShare) {

        static Spread of(List<Evaluation> runs) {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("no runs");
            }
            double[] costs = runs.stream().mapToDouble(Evaluation::totalCostUsd).sorted().toArray();
            double[] unmet = runs.stream().mapToDouble(Spread::unmetShare).sorted().toArray();
            int n = costs.length;
            double median = n % 2 == 1 ? costs[n / 2] : (costs[n / 2 - 1] + costs[n / 2]) / 2;
            return new Spread(costs[0], median, costs[n - 1], unmet[0], unmet[n - 1]);
        }

        /** A plan's unmet demand as a share of all demand (the row's column and the spread's range). */
        static double unmetShare(Evaluation ev) {
            return ev.unmetInferences() / Math.max(1, ev.servedInferences() + ev.unmetInferences());
        }

        /** The dearest run's cost above the cheapest's, in percent. */
        double costSpreadPercent() {
            return 100 * (dearest - cheapest) / cheapest;
        }

        String describe() {
            return String.format(Locale.ROOT, "cost USD %,.0f / %,.0f / %,.0f (cheapest / median / dearest; dearest %.2f %% above), unmet share %.6f-%.6f %%",
                    cheapest, median, dearest, costSpreadPercent(), 100 * leastUnmetShare, 100 * mostUnmetShare);
        }
    }

    private static Planner.Outcome plan(Instance in, int budget, Duration unimproved) {
        CapacityPlan problem = ProblemBuilder.build(in.model(), in.demand(), 0);
        return new Planner().plan(in.model(), in.demand(), problem,
                CapacitySolver.Options.timeLimited(Duration.ofSeconds(budget), 1).withUnimprovedLimit(unimproved),
                SolverVersusMip.CLI_LP_LIMITS);
    }
}
