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
 * docs/benchmarks.md up to the fifteenth session).
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
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--flavors" -> flavors = InstanceArgs.flavors(args[++i]);
                case "--sizes" -> sizes = InstanceArgs.sizes(args[++i]);
                case "--seeds" -> seeds = InstanceArgs.seeds(args[++i]);
                case "--budget" -> budget = Integer.parseInt(args[++i]);
                case "--v2" -> v2 = true;
                case "--unimproved" -> unimproved = Duration.ofSeconds(Integer.parseInt(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.println("load average at the start: " + SolverVersusMip.loadAverage());
        System.out.println("unimproved limit: " + (unimproved == null ? "none" : unimproved.toSeconds() + " s"));
        plan(HardInstances.generate(Flavor.MIXED, Size.TINY, 99), 2, null); // class loading and JIT
        System.out.println("| instance | B s | wall s | feasible | unmet share | cost USD | peak MB: heap / heap after GC / RSS | plan kept |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---|");
        for (Size size : sizes) {
            for (Flavor flavor : flavors) {
                for (long seed : seeds) {
                    Instance in = HardInstances.generate(flavor, size, seed, v2);
                    MemoryProbe.reset();
                    long start = System.nanoTime();
                    Planner.Outcome outcome = plan(in, budget, unimproved);
                    double wall = (System.nanoTime() - start) / 1e9;
                    MemoryProbe.Peaks memory = MemoryProbe.read();
                    Evaluation ev = outcome.evaluation();
                    double volume = ev.servedInferences() + ev.unmetInferences();
                    System.out.println(String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %.6f %% | %,.0f | %.0f / %.0f / %.0f | %s |",
                            in.name(), budget, wall, ev.feasible(), 100 * ev.unmetInferences() / Math.max(1, volume),
                            ev.totalCostUsd(), memory.heapMb(), memory.heapAfterGcMb(), memory.rssMb(), outcome.polishNote()));
                }
            }
        }
        System.out.println("load average at the end: " + SolverVersusMip.loadAverage());
    }

    private static Planner.Outcome plan(Instance in, int budget, Duration unimproved) {
        CapacityPlan problem = ProblemBuilder.build(in.model(), in.demand(), 0);
        return new Planner().plan(in.model(), in.demand(), problem,
                CapacitySolver.Options.timeLimited(Duration.ofSeconds(budget), 1).withUnimprovedLimit(unimproved),
                SolverVersusMip.CLI_LP_LIMITS);
    }
}
