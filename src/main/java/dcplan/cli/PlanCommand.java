package dcplan.cli;

import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.io.AtomicFolder;
import dcplan.scenario.ScenarioResolver;
import dcplan.solver.ProblemBuilder;
import dcplan.solver.domain.CapacityPlan;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code dcplan plan}: demand (given or rolled up) to a plan run folder. */
@Command(name = "plan", mixinStandardHelpOptions = true, defaultValueProvider = SolveOptions.OnePlan.class,
        description = "Plan capex (servers of which chip, at which site, in which quarter, and facility MW) "
                + "to serve the demand at the lowest cost per inference. Writes a run folder; the last line "
                + "printed is its path. Ctrl-C stops the search and writes the best plan so far.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  dcplan plan --models models --demand runs/demand-1 --time-limit 60s   (a roll-up folder from aggregate)",
                "  dcplan plan --models models --forecasts data/forecasts/sample --time-limit 2m --out runs/q3-review",
                "  dcplan plan --models models --demand demand.csv --steps 20000 --seed 7   (reproducible)",
                "  dcplan plan --models models --forecasts data/forecasts/sample --scenario models/scenarios/budget-cut-25pct.yaml"})
public final class PlanCommand implements Callable<Integer> {

    @Option(names = "--models", defaultValue = "models", description = "Model folder (default: ${DEFAULT-VALUE}).")
    Path models;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DemandSource source;

    static final class DemandSource {
        @Option(names = "--demand", required = true, description = "Demand table, CSV or Parquet (region, workload, quarter, "
                + "peak_ips, avg_ips), or a roll-up folder from 'dcplan aggregate --out DIR'.")
        String demand;
        @Option(names = "--forecasts", required = true, description = "Forecast Parquet (any Hadoop URI): rolled up first.")
        String forecasts;
    }

    @Mixin
    SolveOptions solve;

    @Option(names = "--master", description = "Spark master for --forecasts (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--scenario", description = "Scenario file (e.g. models/scenarios/budget-cut-25pct.yaml): only what "
            + "differs from the model folder; see models/scenarios/README.md. Default: the base model.")
    Path scenarioFile;

    @Option(names = "--out", description = "Run folder to create (must not exist; default: runs/<time>-<scenario>/).")
    Path out;

    @Mixin
    StrictOption strict;

    @Override
    public Integer call() throws Exception {
        try (LogCapture libraryLog = LogCapture.start()) {
            PlanRun run = new PlanRun(System.err, new StringBuilder(), libraryLog);
            Consumer<String> note = run::note;
            PlanningModel model = strict.loadModel(models, note);
            ScenarioOption scenarioOption = ScenarioOption.load(scenarioFile, model, source.demand != null);
            String scenario = scenarioOption.name();
            Path runFolder = out != null ? out : defaultRunFolder(scenario);
            AtomicFolder.refuseExisting(runFolder);

            Map<String, byte[]> extra = new LinkedHashMap<>();
            for (String name : ModelLoader.FILES) {
                extra.put("inputs/models/" + name + ".yaml", Files.readAllBytes(models.resolve(name + ".yaml")));
            }
            String demandSource = source.demand != null ? source.demand : "roll-up of " + source.forecasts;
            List<DemandCell> demand = DemandInput.read(source.demand, source.forecasts, master,
                    scenarioOption.rollUpModel(model), note);
            DemandTable.requireRows(demand, demandSource);
            List<String> problems = DemandTable.validate(demand, model, demandSource);
            if (!problems.isEmpty()) {
                throw new InputException(problems);
            }
            ScenarioResolver.Resolved resolved = scenarioOption.resolve(model, demand);
            model = resolved.model();
            demand = resolved.demand();
            scenarioOption.report(resolved).forEach(note);
            extra.putAll(scenarioOption.inputFiles(resolved));
            List<DemandCell> inHorizon = DemandInput.inHorizon(demand, model);
            List<Quarter> horizon = model.quarters();
            if (inHorizon.size() < demand.size()) {
                note.accept(String.format("%d demand cells outside the horizon %s..%s are not planned (kept in inputs/demand-all.csv)",
                        demand.size() - inHorizon.size(), horizon.get(0), horizon.get(horizon.size() - 1)));
                Path all = Files.createTempFile("dcplan-demand", ".csv");
                DemandTable.writeCsv(demand, all);
                extra.put("inputs/demand-all.csv", Files.readAllBytes(all));
                Files.delete(all);
            }

            SolveSettings settings = solve.settings();
            CapacityPlan problem = ProblemBuilder.build(model, inHorizon, settings.chunks());
            note.accept(String.format("planning %d demand cells as %d chunks over %d routes, %s",
                    problem.getCells().size(), problem.getChunks().size(), problem.getRoutes().size(),
                    settings.describe()));
            Map<String, Object> recorded = new LinkedHashMap<>();
            recorded.put("demand", demandSource);
            return run.execute(new PlanRun.Request(model, inHorizon, problem, settings,
                    scenario, runFolder, extra, null, "plan", recorded));
        }
    }

    static Path defaultRunFolder(String scenario) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path candidate = Path.of("runs", stamp + "-" + scenario);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = Path.of("runs", stamp + "-" + scenario + "-" + i);
        }
        return candidate;
    }
}
