package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import dcplan.plan.PlanFiles;
import dcplan.scenario.DecidedUntil;
import dcplan.scenario.Scenario;
import dcplan.scenario.ScenarioLoader;
import dcplan.scenario.ScenarioResolver;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Throwaway probe (not committed): the held MIP of a scenario from a saved baseline run folder, timed. */
public final class HeldMipProbe {
    public static void main(String[] args) {
        Path base = Path.of(args[0]);
        PlanningModel model = ModelLoader.load(Path.of("models"));
        List<DemandCell> demand = DemandTable.readCsv(Path.of("target/bench/whatif-demand.csv"));
        Plan baseline = PlanFiles.read(base);
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Scenario scenario = ScenarioLoader.load(Path.of(args[1]), model);
        ScenarioResolver.Resolved resolved = ScenarioResolver.resolve(model, demand, scenario);
        Quarter d = DecidedUntil.of(scenario, model).quarter();
        Commitments held = Commitments.of(model, baseline, resolved.model(), d);
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            LpResult mip = PlanLinearProgram.solve(resolved.model(), resolved.demand(),
                    MipCandidates.mipOptions(held).withTimeLimit(Duration.ofSeconds(30)).withCommitments(held));
            System.err.printf("probe: %.1f s %s proven %s cost %,.0f bound %,.0f (%s) served %.9g%n", (System.nanoTime() - t0) / 1e9,
                    mip.status(), mip.provenOptimal(), mip.totalCostUsd(), mip.hasLowerBound() ? mip.lowerBoundUsd() : Double.NaN,
                    mip.lowerBoundKind(), mip.servedInferences());
        }
    }
}
