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

import java.util.List;
import java.util.Locale;

/**
 * What the final local search adds over its start, step-limited (reproducible on any load; no MIP):
 * one row per instance. Arguments: [--flavors all] [--sizes medium] [--seeds 1] [--steps 20000].
 */
public final class SearchGain {
    private SearchGain() {
    }

    public static void main(String[] args) {
        List<Flavor> flavors = List.of(Flavor.values());
        List<Size> sizes = List.of(Size.MEDIUM);
        long[] seeds = {1};
        long steps = 20000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--flavors" -> flavors = InstanceArgs.flavors(args[++i]);
                case "--sizes" -> sizes = InstanceArgs.sizes(args[++i]);
                case "--seeds" -> seeds = InstanceArgs.seeds(args[++i]);
                case "--steps" -> steps = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (Size size : sizes) {
            for (Flavor flavor : flavors) {
                for (long seed : seeds) {
                    Instance in = HardInstances.generate(flavor, size, seed, true);
                    CapacityPlan problem = ProblemBuilder.build(in.model(), in.demand(), 0);
                    Planner.Outcome o = new Planner().plan(in.model(), in.demand(), problem,
                            CapacitySolver.Options.stepLimited(steps, 1), SolverVersusMip.CLI_LP_LIMITS);
                    Evaluation ev = o.evaluation();
                    System.out.println(String.format(Locale.ROOT, "%s: cost %,.0f USD, unmet %.6g%s; %s; %s", in.name(),
                            ev.totalCostUsd(), ev.unmetInferences(), SolverVersusMip.searchGain(o.search()),
                            o.search().describeSearch(), o.polishNote()));
                }
            }
        }
    }
}
