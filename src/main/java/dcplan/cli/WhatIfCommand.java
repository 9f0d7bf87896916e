package dcplan.cli;

import dcplan.model.InputException;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.io.AtomicFolder;
import dcplan.plan.Plan;
import dcplan.plan.PlanFiles;
import dcplan.report.DiffReport;
import dcplan.report.RunDigest;
import dcplan.scenario.ScenarioResolver;
import dcplan.solver.FlowSeed;
import dcplan.solver.ProblemBuilder;
import dcplan.solver.domain.CapacityPlan;
import picocli.CommandLine.ArgGroup;
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
 * {@code dcplan whatif}: a scenario applied to a baseline run's inputs, solved from the
 * baseline's plan (its routes kept where still eligible), written as a new run folder with a
 * side-by-side diff against the baseline.
 */
@Command(name = "whatif", mixinStandardHelpOptions = true, defaultValueProvider = SolveOptions.OnePlan.class,
        description = "Rerun a baseline plan under a scenario: the scenario is applied to the baseline's resolved "
                + "inputs, the search starts from the baseline plan (repairing what the scenario made ineligible), "
                + "and the new run folder holds diff.html / diff.md against the baseline. The demand is the "
                + "baseline's, unless --demand or --forecasts gives another; a scenario that changes the planning "
                + "quantile or rho needs --forecasts (they are rolled up with its quantile and rho). The last line "
                + "printed is the new run folder.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  dcplan whatif --baseline runs/20261129-101500-base --scenario models/scenarios/brazil-demand-surge.yaml",
                "  dcplan whatif --baseline runs/q3-base --scenario models/scenarios/nvidia-ban-chinese-parent-abroad.yaml --time-limit 2m",
                "  dcplan whatif --baseline runs/q3-base --scenario models/scenarios/budget-cut-25pct.yaml --cold   (no warm start)",
                "  dcplan whatif --baseline runs/q3-base \\",
                "      --scenario models/scenarios/high-service-level.yaml \\",
                "      --forecasts data/forecasts/sample   (a new quantile: rolled up again)"})
public final class WhatIfCommand implements Callable<Integer> {

    @Option(names = "--baseline", required = true, description = "The baseline run folder.")
    Path baseline;

    @Option(names = "--scenario", required = true, description = "Scenario file (see models/scenarios/).")
    Path scenarioFile;

    @Mixin
    SolveOptions solve;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Demand demandSource;

    /** Where the what-if's demand comes from when it is not the baseline's. */
    static final class Demand {
        @Option(names = "--demand", required = true, paramLabel = "FILE",
                description = "Demand table (CSV or Parquet) to use instead of the baseline's demand.csv.")
        String demand;
        @Option(names = "--forecasts", required = true, paramLabel = "PATH",
                description = "Forecast Parquet to roll up with the scenario's planning quantile and rho, instead of "
                        + "the baseline's demand (needed when the scenario changes either).")
        String forecasts;
    }

    @Option(names = "--master", description = "Spark master for --forecasts or a Parquet --demand (default: spark-submit's, "
            + "else local[*]).")
    String master;

    @Option(names = "--cold", description = "Do not start from the baseline plan (for comparison).")
    boolean cold;

    @Option(names = "--out", description = "Run folder to create (must not exist; default: runs/<time>-<scenario>/).")
    Path out;

    @Mixin
    StrictOption strict;

    @Override
    public Integer call() throws Exception {
        try (LogCapture libraryLog = LogCapture.start()) {
            StringBuilder log = new StringBuilder();
            PlanRun run = new PlanRun(System.err, log, libraryLog);
            RunDigest baselineDigest = RunDigest.read(baseline);
            Path baseModels = Files.isDirectory(baseline.resolve("inputs/resolved"))
                    ? baseline.resolve("inputs/resolved") : baseline.resolve("inputs/models");
            PlanningModel model = strict.loadModel(baseModels, run::note);
            Plan baselinePlan = PlanFiles.read(baseline);

            // a demand table (the baseline's or --demand) cannot take a quantile or rho change; --forecasts can
            boolean forecasts = demandSource != null && demandSource.forecasts != null;
            ScenarioOption scenario = ScenarioOption.load(scenarioFile, model, !forecasts);
            List<DemandCell> demand = demand(scenario.rollUpModel(model), run);
            ScenarioResolver.Resolved resolved = scenario.resolve(model, demand);
            Path runFolder = out != null ? out : PlanCommand.defaultRunFolder(scenario.name());
            AtomicFolder.refuseExisting(runFolder);
            run.note("what-if " + scenario.name() + " on baseline " + baseline + " (" + baselineDigest.scenario() + ")");
            scenario.report(resolved).forEach(run::note);

            Map<String, byte[]> extra = new LinkedHashMap<>();
            for (String name : ModelLoader.FILES) {
                extra.put("inputs/models/" + name + ".yaml", Files.readAllBytes(baseModels.resolve(name + ".yaml")));
            }
            extra.putAll(scenario.inputFiles(resolved));
            Path baselineFolder = baseline.toAbsolutePath().normalize();
            extra.put("inputs/baseline.txt", ("baseline run: " + baselineFolder + "\n").getBytes(StandardCharsets.UTF_8));

            SolveSettings settings = solve.settings();
            CapacityPlan problem = ProblemBuilder.build(resolved.model(), resolved.demand(), settings.chunks());
            if (cold) {
                run.note("cold start: the baseline plan is not used");
            } else {
                run.note(warmStart(problem, baselinePlan));
            }
            List<String> changes = resolved.changes();
            Map<String, Object> recorded = new LinkedHashMap<>();
            recorded.put("baseline", baselineFolder.toString());
            recorded.put("cold", cold);
            return run.execute(new PlanRun.Request(resolved.model(), resolved.demand(), problem, settings,
                    scenario.name(), runFolder, extra,
                    tmp -> DiffReport.write(tmp, baselineDigest, RunDigest.read(tmp), changes), "whatif", recorded));
        }
    }

    /** Routes the problem's chunks as the baseline plan's flows; returns the line saying how many. */
    static String warmStart(CapacityPlan problem, Plan baselinePlan) {
        int routed = FlowSeed.apply(problem, baselinePlan.flows());
        return String.format("warm start: %d of %d chunks routed as in the baseline; the construction heuristic "
                + "places the rest where the limits leave room", routed, problem.getChunks().size());
    }

    /**
     * The baseline's demand.csv, or the --demand table, or the --forecasts rolled up with
     * {@code rollUpModel}'s quantile and rho; checked against the model, cut to its horizon.
     */
    private List<DemandCell> demand(PlanningModel rollUpModel, PlanRun run) {
        if (demandSource == null) {
            return DemandTable.readCsv(baseline.resolve("demand.csv"));
        }
        String source = demandSource.demand != null ? demandSource.demand : "roll-up of " + demandSource.forecasts;
        List<DemandCell> demand = DemandInput.read(demandSource.demand, demandSource.forecasts, master, rollUpModel, run::note);
        List<String> problems = DemandTable.validate(demand, rollUpModel, source);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        List<DemandCell> inHorizon = DemandInput.inHorizon(demand, rollUpModel);
        run.note("demand: " + source + " instead of the baseline's (" + inHorizon.size() + " cells"
                + (inHorizon.size() < demand.size() ? ", " + (demand.size() - inHorizon.size()) + " outside the horizon left out" : "")
                + ")");
        return inHorizon;
    }
}
