package dcplan.cli;

import dcplan.forecast.AggregateJob;
import dcplan.forecast.Spark;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dcplan plan}: demand (given or rolled up) to a plan run folder. */
@Command(name = "plan", mixinStandardHelpOptions = true, defaultValueProvider = SolveOptions.OnePlan.class,
        description = "Plan capex (servers of which chip, at which site, in which quarter, and facility MW) "
                + "to serve the demand at the lowest cost per inference. Writes a run folder; the last line "
                + "printed is its path. Ctrl-C stops the search and writes the best plan so far.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  dcplan plan --models models --demand runs/demand-1/demand.csv --time-limit 60s",
                "  dcplan plan --models models --forecasts data/forecasts/sample --time-limit 2m --out runs/q3-review",
                "  dcplan plan --models models --demand demand.csv --steps 20000 --seed 7   (reproducible)",
                "  dcplan plan --models models --forecasts data/forecasts/sample --scenario models/scenarios/budget-cut-25pct.yaml"})
public final class PlanCommand implements Callable<Integer> {

    @Option(names = "--models", defaultValue = "models", description = "Model folder (default: ${DEFAULT-VALUE}).")
    Path models;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DemandSource source;

    static final class DemandSource {
        @Option(names = "--demand", required = true, description = "Demand table, CSV or Parquet (region, workload, quarter, peak_ips, avg_ips).")
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

    @Override
    public Integer call() throws Exception {
        PlanRun run = new PlanRun(System.err, new StringBuilder());
        PlanningModel model = ModelLoader.load(models);
        ScenarioOption scenarioOption = ScenarioOption.load(scenarioFile, model, source.demand != null);
        String scenario = scenarioOption.name();
        Path runFolder = out != null ? out : defaultRunFolder(scenario);
        AtomicFolder.refuseExisting(runFolder);

        Map<String, byte[]> extra = new LinkedHashMap<>();
        for (String name : ModelLoader.FILES) {
            extra.put("inputs/models/" + name + ".yaml", Files.readAllBytes(models.resolve(name + ".yaml")));
        }
        List<DemandCell> demand = readDemand(scenarioOption.rollUpModel(model), run);
        List<String> problems = DemandTable.validate(demand, model, source.demand != null ? source.demand : "roll-up of " + source.forecasts);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        ScenarioResolver.Resolved resolved = scenarioOption.resolve(model, demand);
        model = resolved.model();
        demand = resolved.demand();
        scenarioOption.report(resolved).forEach(run::note);
        extra.putAll(scenarioOption.inputFiles(resolved));
        List<DemandCell> inHorizon = new ArrayList<>();
        List<Quarter> horizon = model.quarters();
        for (DemandCell c : demand) {
            if (horizon.contains(c.quarter())) {
                inHorizon.add(c);
            }
        }
        if (inHorizon.size() < demand.size()) {
            run.note(String.format("%d demand cells outside the horizon %s..%s are not planned (kept in inputs/demand-all.csv)",
                    demand.size() - inHorizon.size(), horizon.get(0), horizon.get(horizon.size() - 1)));
            Path all = Files.createTempFile("dcplan-demand", ".csv");
            DemandTable.writeCsv(demand, all);
            extra.put("inputs/demand-all.csv", Files.readAllBytes(all));
            Files.delete(all);
        }

        CapacityPlan problem = ProblemBuilder.build(model, inHorizon, solve.chunks);
        run.note(String.format("planning %d demand cells as %d chunks over %d routes, %s",
                problem.getCells().size(), problem.getChunks().size(), problem.getRoutes().size(),
                solve.describe()));

        return run.execute(new PlanRun.Request(model, inHorizon, problem, solve.solverOptions(),
                solve.lpLimits(), scenario, runFolder, extra, null));
    }

    private List<DemandCell> readDemand(PlanningModel model, PlanRun run) {
        if (source.demand != null && source.demand.endsWith(".csv")) {
            return DemandTable.readCsv(Path.of(source.demand));
        }
        SparkSession spark = Spark.session(Spark.master(master), "dcplan plan");
        try {
            if (source.demand != null) {
                return readParquetDemand(spark, source.demand);
            }
            AggregateJob.Result rollUp = AggregateJob.rollUp(spark, source.forecasts, model,
                    model.policy().planningQuantile(), model.policy().rho());
            run.note("roll-up of " + source.forecasts + ":\n" + rollUp.summary().stripTrailing());
            return rollUp.demand();
        } finally {
            spark.stop();
        }
    }

    /** A demand table in Parquet with the spec's five columns, each checked by name and type. */
    static List<DemandCell> readParquetDemand(SparkSession spark, String path) {
        Dataset<Row> rows;
        try {
            rows = spark.read().parquet(path);
        } catch (Exception e) {
            throw new InputException(path + ": cannot read as Parquet (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        List<String> columns = List.of(rows.columns());
        for (String column : DemandTable.HEADER) {
            if (!columns.contains(column)) {
                throw new InputException(path + ": missing column '" + column + "' (expected " + String.join(", ", DemandTable.HEADER) + ")");
            }
        }
        List<DemandCell> out = new ArrayList<>();
        for (Row r : rows.selectExpr("region", "workload", "quarter", "cast(peak_ips as double) peak_ips",
                "cast(avg_ips as double) avg_ips").collectAsList()) {
            String at = path + ": " + r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2);
            if (r.anyNull()) {
                throw new InputException(at + ": a null value");
            }
            try {
                out.add(new DemandCell(r.getString(0), r.getString(1), Quarter.parse(r.getString(2)), r.getDouble(3), r.getDouble(4)));
            } catch (IllegalArgumentException e) {
                throw new InputException(at + ": " + e.getMessage());
            }
        }
        return out;
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
