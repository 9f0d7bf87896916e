package dcplan.bench;

import dcplan.solver.CapacitySolver;
import dcplan.solver.FlowSeed;
import dcplan.solver.ProblemBuilder;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.RandomInstances;
import org.optaplanner.benchmark.api.PlannerBenchmarkFactory;
import org.optaplanner.benchmark.config.PlannerBenchmarkConfig;
import org.optaplanner.benchmark.config.SolverBenchmarkConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.solver.SolverConfig;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dcplan.solver.CapacitySolver.Options.DEFAULT_LATE_ACCEPTANCE;

/**
 * {@code bin/bench solver-configs}: OptaPlanner's benchmarker comparing local search
 * configurations on seeded instances, each started from the same LP-seeded routes (as
 * {@code dcplan plan} starts). The HTML report goes to target/benchmarks/; the choice and the
 * figures are in docs/solver.md.
 */
public final class SolverConfigBenchmark {

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        List<CapacityPlan> problems = new ArrayList<>();
        for (String size : List.of("small", "medium")) {
            RandomInstances.Instance inst = size.equals("small") ? RandomInstances.small(1) : RandomInstances.medium(1);
            CapacityPlan problem = ProblemBuilder.build(inst.model(), inst.demand(), 0);
            LpResult lp = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.relaxed().withTimeLimit(Duration.ofMinutes(3)));
            if (lp.status().hasSolution()) {
                FlowSeed.apply(problem, lp.plan().flows());
            }
            problems.add(problem);
        }
        CapacitySolver.Options base = CapacitySolver.Options.timeLimited(Duration.ofSeconds(seconds), 1);
        List<SolverBenchmarkConfig> configs = List.of(
                bench("late acceptance " + DEFAULT_LATE_ACCEPTANCE + " (dcplan default)", CapacitySolver.config(base)),
                bench("late acceptance 2000", CapacitySolver.config(base.withLateAcceptanceSize(2000))),
                bench("late acceptance 100", CapacitySolver.config(base.withLateAcceptanceSize(100))),
                bench("late acceptance " + DEFAULT_LATE_ACCEPTANCE + " change moves only", changeMovesOnly(CapacitySolver.config(base))),
                bench("tabu search (entity tabu 7)", tabu(CapacitySolver.config(base))));
        PlannerBenchmarkConfig config = new PlannerBenchmarkConfig()
                .withName("dcplan solver configurations")
                .withBenchmarkDirectory(new File("target/benchmarks"))
                .withSolverBenchmarkConfigList(configs);
        File report = PlannerBenchmarkFactory.create(config).buildPlannerBenchmark(problems).benchmark();
        System.out.println(new File(report, "index.html"));
    }

    private static SolverBenchmarkConfig bench(String name, SolverConfig solver) {
        return new SolverBenchmarkConfig().withName(name).withSolverConfig(solver);
    }

    private static LocalSearchPhaseConfig localSearch(SolverConfig config) {
        return (LocalSearchPhaseConfig) config.getPhaseConfigList().get(1);
    }

    private static SolverConfig changeMovesOnly(SolverConfig config) {
        localSearch(config).setMoveSelectorConfig(new ChangeMoveSelectorConfig());
        return config;
    }

    private static SolverConfig tabu(SolverConfig config) {
        LocalSearchPhaseConfig ls = localSearch(config);
        ls.setAcceptorConfig(new LocalSearchAcceptorConfig().withEntityTabuSize(7));
        ls.setForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1000));
        return config;
    }

    private SolverConfigBenchmark() {
    }
}
