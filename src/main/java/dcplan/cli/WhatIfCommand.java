package dcplan.cli;

import dcplan.model.InputException;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.io.AtomicFolder;
import dcplan.plan.Commitments;
import dcplan.report.DiffReport;
import dcplan.report.RunDigest;
import dcplan.scenario.DecidedUntil;
import dcplan.scenario.ScenarioResolver;
import dcplan.solver.FlowSeed;
import dcplan.solver.Planner;
import dcplan.solver.ProblemBuilder;
import dcplan.solver.domain.CapacityPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dcplan whatif}: a scenario applied to a baseline run's inputs. By default the what-if
 * is made at a quarter D ({@code decided_until}) and keeps every commitment the baseline made
 * before it (contract version 2): only the rest is searched, from the baseline's plan, and the
 * same scenario re-planned with nothing committed is solved too, for the cost of hindsight.
 * {@code --replan-all} re-plans every quarter (hindsight). The new run folder holds the plan,
 * held.csv, stranded.csv, hindsight/ and diff.html / diff.md against the baseline.
 */
@Command(name = "whatif", mixinStandardHelpOptions = true, defaultValueProvider = SolveOptions.OnePlan.class,
        description = "Rerun a baseline plan under a scenario, as news arriving in quarter D: the orders and "
                + "construction the baseline started before D are kept (held.csv), servers a ban leaves idle are "
                + "listed (stranded.csv), and the rest is planned again from the baseline plan. The same scenario is "
                + "also re-planned with nothing committed (hindsight/), for the cost of hindsight. D is "
                + "--decided-until, else the scenario's decided_until, else the first quarter the scenario changes "
                + "anything. The new run folder holds diff.html / diff.md against the baseline; the last line "
                + "printed is its path.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  dcplan whatif --baseline runs/20261129-101500-base --scenario models/scenarios/brazil-demand-surge.yaml",
                "  dcplan whatif --baseline runs/q3-base --scenario models/scenarios/nvidia-ban-chinese-parent-abroad.yaml --decided-until 2027Q1",
                "  dcplan whatif --baseline runs/q3-base --scenario models/scenarios/budget-cut-25pct.yaml --replan-all   (hindsight)"})
public final class WhatIfCommand implements Callable<Integer> {

    @Option(names = "--baseline", required = true, description = "The baseline run folder.")
    Path baseline;

    @Option(names = "--scenario", required = true, description = "Scenario file (see models/scenarios/).")
    Path scenarioFile;

    @Option(names = "--decided-until", paramLabel = "QUARTER", description = "The first quarter not yet decided: "
            + "commitments the baseline made before it are kept (default: the scenario's decided_until, else the first "
            + "quarter the scenario changes anything).")
    String decidedUntil;

    @Option(names = "--replan-all", description = "Keep nothing of the baseline: re-plan every quarter as if the scenario "
            + "had been known from the start (hindsight).")
    boolean replanAll;

    @Mixin
    SolveOptions solve;

    @Option(names = "--cold", description = "Do not start the search from the baseline plan (for comparison).")
    boolean cold;

    @Option(names = "--out", description = "Run folder to create (must not exist; default: runs/<time>-<scenario>/).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (replanAll && decidedUntil != null) {
            throw new InputException("--decided-until " + decidedUntil + " and --replan-all: a what-if that re-plans every "
                    + "quarter keeps nothing, so it has no decided_until; give one or the other");
        }
        PlanRun run = new PlanRun(System.err, new StringBuilder());
        BaselineRun base = BaselineRun.read(baseline);
        // the baseline's demand table is given, so a quantile or rho change cannot be applied
        ScenarioOption scenario = ScenarioOption.load(scenarioFile, base.model(), true);
        ScenarioResolver.Resolved resolved = scenario.resolve(base.model(), base.demand());
        WhatIfRun whatIf = new WhatIfRun(run, base, resolved.model(), resolved.demand(), scenario.name(),
                replanAll ? null : decidedUntil(scenario, base.model()), replanAll ? null : decidedWhy(scenario, base.model()));
        Path runFolder = out != null ? out : PlanCommand.defaultRunFolder(scenario.name());
        AtomicFolder.refuseExisting(runFolder);
        run.note("what-if " + scenario.name() + " on baseline " + baseline + " (" + base.digest().scenario() + ")");
        scenario.report(resolved).forEach(run::note);
        whatIf.modeLines().forEach(run::note);

        Map<String, byte[]> extra = new LinkedHashMap<>();
        for (String name : ModelLoader.FILES) {
            extra.put("inputs/models/" + name + ".yaml", Files.readAllBytes(base.modelFolder().resolve(name + ".yaml")));
        }
        extra.putAll(scenario.inputFiles(resolved));
        extra.put("inputs/baseline.txt", ("baseline run: " + baseline.toAbsolutePath().normalize() + "\n")
                .getBytes(StandardCharsets.UTF_8));

        if (whatIf.needsHindsightSolve()) {
            run.note("hindsight: solving the same scenario with nothing committed, for the cost of hindsight");
            Planner.Outcome h = new Planner().plan(resolved.model(), resolved.demand(),
                    problem(base, resolved, Commitments.NONE, false, run), solve.solverOptions(), solve.lpLimits(), Commitments.NONE);
            whatIf.setHindsight(WhatIfRun.Hindsight.of(h));
            run.note(String.format("hindsight: %s USD, unmet %s inferences (%.1f s)", Format.usd(h.evaluation().totalCostUsd()),
                    Format.count(h.evaluation().unmetInferences()), h.search().solveSeconds()));
        }
        CapacityPlan problem = problem(base, resolved, whatIf.commitments(), true, run);
        RunDigest baselineDigest = base.digest();
        List<String> changes = resolved.changes();
        return run.execute(new PlanRun.Request(resolved.model(), resolved.demand(), problem, solve.solverOptions(),
                solve.lpLimits(), scenario.name(), runFolder, extra,
                tmp -> DiffReport.write(tmp, baselineDigest, RunDigest.read(tmp), changes), whatIf));
    }

    /** The problem, held commitments fixed, its routes started from the baseline's flows unless --cold. */
    private CapacityPlan problem(BaselineRun base, ScenarioResolver.Resolved resolved, Commitments commitments, boolean say, PlanRun run) {
        CapacityPlan problem = ProblemBuilder.build(resolved.model(), resolved.demand(), solve.chunks, commitments);
        if (cold) {
            if (say) {
                run.note("cold start: the baseline plan is not used");
            }
            return problem;
        }
        int routed = FlowSeed.apply(problem, base.plan().flows());
        if (say) {
            run.note(String.format("warm start: %d of %d chunks routed as in the baseline; the construction heuristic "
                    + "places the rest where the limits leave room", routed, problem.getChunks().size()));
        }
        return problem;
    }

    /** D: --decided-until, else the scenario's, else its first change; within the baseline's horizon. */
    private Quarter decidedUntil(ScenarioOption scenario, PlanningModel model) {
        if (decidedUntil == null) {
            return scenario.decidedUntil(model).quarter();
        }
        Quarter q;
        try {
            q = Quarter.parse(decidedUntil.trim());
        } catch (IllegalArgumentException e) {
            throw new InputException("--decided-until: " + e.getMessage());
        }
        Policy p = model.policy();
        if (q.isBefore(p.horizonFrom()) || p.horizonTo().isBefore(q)) {
            throw new InputException("--decided-until: " + q + " is outside the horizon " + p.horizonFrom() + ".."
                    + p.horizonTo() + " of the baseline " + baseline);
        }
        return q;
    }

    private String decidedWhy(ScenarioOption scenario, PlanningModel model) {
        if (decidedUntil != null) {
            return "--decided-until";
        }
        DecidedUntil d = scenario.decidedUntil(model);
        return d.why();
    }
}
