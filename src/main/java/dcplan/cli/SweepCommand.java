package dcplan.cli;

import dcplan.forecast.Spark;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.io.AtomicFolder;
import dcplan.plan.PlanFiles;
import dcplan.scenario.Scenario;
import dcplan.scenario.ScenarioLoader;
import dcplan.sweep.DemandDistribution;
import dcplan.sweep.ScenarioApplier;
import dcplan.sweep.SweepCase;
import dcplan.sweep.SweepInputs;
import dcplan.sweep.SweepJob;
import dcplan.sweep.SweepNotes;
import dcplan.sweep.SweepReport;
import dcplan.sweep.SweepResult;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dcplan sweep}: many cases (scenarios or Monte Carlo demand samples), one Spark task each. */
@Command(name = "sweep", mixinStandardHelpOptions = true, defaultValueProvider = SolveOptions.PerCase.class,
        description = {"Solve many cases in parallel on Spark, one OptaPlanner solve per task: scenario files, "
                + "or Monte Carlo demand samples drawn from the roll-up's distribution (correlated as the "
                + "policy's rho says). Writes results.parquet/csv, builds.parquet/csv, sweep.md and sweep.json: "
                + "P10/P50/P90 of cost per inference and unmet demand, and how often each site and chip is built "
                + "(robust: at least " + SweepNotes.MIN_SERVERS + " servers, or " + SweepNotes.MIN_IT_MW
                + " MW, in at least " + (int) (100 * SweepNotes.ROBUST_SHARE) + " %% of the cases). "
                + "--seed seeds the Monte Carlo samples and every solve; with --steps (and no --time-limit) the "
                + "results are the same on any machine and any cluster. The last line printed is the folder.",
                "The risk view is --plan RUN: a plan made by 'dcplan plan' held against the samples (its servers "
                        + "and MW fixed, only the flows re-split): how often and by how much it falls short, and its "
                        + "cost per inference, under uncertain demand. Without --plan each sample is re-planned with "
                        + "perfect foresight, which says what to build in most futures but not the risk of a plan. "
                        + "See docs/sweep.md."},
        footerHeading = "%nExamples (the first line writes the roll-up folder the others read):%n",
        footer = {
                "  dcplan aggregate --forecasts data/forecasts/sample --out runs/demand-1",
                "  dcplan plan --demand runs/demand-1/demand.csv --time-limit 60s --out runs/base",
                "  dcplan sweep --demand runs/demand-1 --samples 200 --plan runs/base   (risk)",
                "  dcplan sweep --demand runs/demand-1 --samples 50 --seed 7 --time-limit 60s",
                "  dcplan sweep --demand runs/demand-1 --samples 8 --steps 2000   (reproducible)",
                "  dcplan sweep --demand runs/demand-1/demand.csv --scenarios \\",
                "      models/scenarios/budget-cut-25pct.yaml \\",
                "      models/scenarios/brazil-demand-surge.yaml",
                "  dcplan sweep ... --master spark://host:7077 --out runs/sweep-q3",
                "--demand DIR is a folder written by 'dcplan aggregate --out DIR' (Monte Carlo needs its demand_stats)."})
public final class SweepCommand implements Callable<Integer> {

    @Option(names = "--models", defaultValue = "models", description = "Model folder (default: ${DEFAULT-VALUE}).")
    Path models;

    @Option(names = "--demand", required = true,
            description = "Roll-up folder (demand.csv + demand_stats) from 'dcplan aggregate'; a plain demand CSV only with --scenarios.")
    String demand;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Cases cases;

    static final class Cases {
        @Option(names = "--scenarios", arity = "1..*", required = true, paramLabel = "FILE", description = "Scenario files, one case each.")
        List<Path> scenarios;
        @Option(names = "--samples", required = true, paramLabel = "N", description = "Monte Carlo demand samples, one case each.")
        Integer samples;
    }

    @Mixin
    SolveOptions solve;

    @Option(names = "--plan", paramLabel = "RUN", description = "The risk view: hold this plan run folder (from 'dcplan plan') "
            + "against the samples instead of re-planning each (needs --samples).")
    Path plan;

    @Option(names = "--rho", description = "Demand correlation for sigma and for the draws (default: the model's policy.rho).")
    Double rho;

    @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--out", description = "Output folder to create (must not exist; default: runs/sweep-<time>/).")
    Path out;

    @Mixin
    StrictOption strict;

    /** How scenario text becomes a case's model and demand; wired to dcplan.scenario when it is merged. */
    static ScenarioApplier scenarioApplier() {
        return ScenarioApplier.FILES;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.err;
        PlanningModel model = strict.loadModel(models, console::println);
        Path folder = out != null ? out : defaultFolder();
        AtomicFolder.refuseExisting(folder);
        if (plan != null && cases.samples == null) {
            throw new InputException("--plan evaluates a plan against Monte Carlo samples: give --samples N too");
        }
        if (cases.samples != null && cases.samples < 1) {
            throw new InputException("--samples must be at least 1, got " + cases.samples);
        }
        double r = rho != null ? rho : model.policy().rho();
        if (!(r >= 0 && r <= 1)) {
            throw new InputException("--rho must be within [0, 1], got " + r);
        }
        long seed = solve.seed;
        Long steps = solve.steps;
        Duration time = solve.searchTime();
        Long timeMs = time == null ? null : time.toMillis();
        Map<String, String> planTexts = null;
        if (plan != null) {
            PlanFiles.read(plan); // checks the run folder now, on the driver, with readable errors
            planTexts = SweepInputs.readPlanTexts(plan);
        }
        boolean started = !Spark.running();
        SparkSession spark = Spark.session(Spark.master(master), "dcplan sweep");
        try {
            String statsCsv = null;
            String demandCsv = null;
            List<SweepCase> list = new ArrayList<>();
            ScenarioApplier applier = ScenarioApplier.FILES;
            if (cases.samples != null) {
                statsCsv = SweepJob.statsCsv(spark, demand);
                DemandDistribution d = DemandDistribution.of(
                        DemandDistribution.parseStatsCsv(statsCsv, demand + "/demand_stats"), r, model.quarters());
                if (d.cells().isEmpty()) {
                    throw new InputException(demand + ": the demand stats have no month in the horizon "
                            + model.quarters().get(0) + ".." + model.quarters().get(model.quarters().size() - 1));
                }
                for (int i = 0; i < cases.samples; i++) {
                    list.add(plan != null ? SweepCase.fixedPlanEval(i, i) : SweepCase.sample(i, i, seed, steps, timeMs));
                }
            } else {
                applier = scenarioApplier();
                Path csv = Files.isDirectory(Path.of(demand)) ? Path.of(demand, "demand.csv") : Path.of(demand);
                DemandTable.requireRows(DemandTable.readCsv(csv), csv.toString()); // on the driver, before any task
                demandCsv = readText(csv);
                for (int i = 0; i < cases.scenarios.size(); i++) {
                    Path f = cases.scenarios.get(i);
                    String name = f.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                    Scenario parsed = ScenarioLoader.load(f, model); // bad files fail here, on the driver, exit 2
                    if (parsed.changesRollUp()) {
                        throw new InputException(f + ": changes planning_quantile or rho, which only a forecast roll-up "
                                + "can apply; a sweep solves the given demand table");
                    }
                    list.add(SweepCase.scenario(i, name, readText(f), seed, steps, timeMs));
                }
            }
            SweepInputs inputs = new SweepInputs(SweepInputs.readModelTexts(models), demandCsv, statsCsv, r, seed,
                    planTexts, solve.lpTimeLimit.toMillis(), solve.polishTimeLimit.toMillis(), solve.chunks, applier,
                    solve.unimprovedLimit == null ? 0 : solve.unimprovedLimit.toMillis(), solve.gap);

            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("models", models.toString());
            settings.put("demand", demand);
            settings.put("cases", list.size() + " " + list.get(0).kind().label());
            if (plan != null) {
                settings.put("plan", plan.toString());
            }
            settings.put("seed", seed);
            settings.put("rho", r);
            settings.put("termination", steps != null ? steps + " steps" + (timeMs != null ? ", " + timeMs / 1000.0 + " s" : "")
                    : timeMs / 1000.0 + " s" + (inputs.unimprovedMs() > 0 ? ", " + inputs.unimprovedMs() / 1000.0 + " s unimproved" : ""));
            settings.put("gap", inputs.gap());
            settings.put("master", spark.sparkContext().master());
            console.printf("sweep: %d cases on %s (one Spark task each)%n", list.size(), spark.sparkContext().master());
            long start = System.nanoTime();
            List<SweepResult> results = SweepJob.run(spark, inputs, list);
            double seconds = (System.nanoTime() - start) / 1e9;
            settings.put("wall_seconds", Math.round(seconds * 10) / 10.0);
            settings.put("cases_per_minute", Math.round(list.size() / seconds * 60 * 100) / 100.0);
            SweepReport report = SweepJob.write(spark, results, settings, folder.toString());
            printSummary(console, report);
            System.out.println(folder);
            return report.errors() > 0 ? ExitCodes.INTERNAL : ExitCodes.OK;
        } finally {
            if (started) {
                spark.stop();
            }
        }
    }

    private static String readText(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new InputException(f + ": cannot read (" + e.getMessage() + ")");
        }
    }

    static void printSummary(PrintStream console, SweepReport r) {
        console.printf("cases                      %d (%d feasible, %d failed)%n", r.cases(), r.feasible(), r.errors());
        r.warnings().forEach(w -> console.println("warning: " + w));
        console.println("                               P10            P50            P90");
        line(console, "USD per M inferences", r.usdPerMillion(), 4);
        line(console, "unmet inferences", r.unmetInferences(), 0);
        line(console, "total cost USD", r.totalCostUsd(), 0);
        if (!r.buildsFixed()) {
            List<SweepReport.Investment> robust = r.investments().stream().filter(SweepReport.Investment::robust).toList();
            console.printf("robust investments: at least %d servers added in at least %.0f %% of the cases (sweep.md)%n",
                    SweepNotes.MIN_SERVERS, 100 * SweepNotes.ROBUST_SHARE);
            console.println("  site           chip           share   servers added P10 / P50 / P90");
            robust.stream().limit(8).forEach(i -> console.printf("  %-14s %-14s %4.0f %%  %s / %s / %s%n",
                    i.site(), i.chip(), 100 * i.builtShare(), Format.count(i.serversAdded().p10()),
                    Format.count(i.serversAdded().p50()), Format.count(i.serversAdded().p90())));
            if (robust.isEmpty()) {
                console.println("  (none)");
            }
            int more = r.investments().size() - Math.min(8, robust.size());
            if (more > 0) {
                console.println("  ... " + more + " more (site, chip) built in some cases: sweep.md");
            }
        }
        if (SweepCase.Kind.SAMPLE.label().equals(r.kind())) {
            console.println("each sample is re-planned with perfect foresight; for the risk of one plan: "
                    + "dcplan sweep ... --plan RUN (sweep.md says why these percentiles differ from a plan's)");
        }
        r.errorLines().stream().limit(3).forEach(e -> console.println("  failed: " + e));
    }

    private static void line(PrintStream console, String label, SweepReport.Percentiles p, int decimals) {
        console.printf("%-24s %14s %14s %14s%n", label, Format.usd(p.p10(), decimals), Format.usd(p.p50(), decimals),
                Format.usd(p.p90(), decimals));
    }

    static Path defaultFolder() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path candidate = Path.of("runs", "sweep-" + stamp);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = Path.of("runs", "sweep-" + stamp + "-" + i);
        }
        return candidate;
    }
}
