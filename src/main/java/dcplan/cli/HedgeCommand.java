package dcplan.cli;

import dcplan.hedge.CaseRunner;
import dcplan.report.HedgeReport;
import dcplan.hedge.MonteCarloDemand;
import dcplan.hedge.MonteCarloFutures;
import dcplan.hedge.HedgeFigures;
import dcplan.hedge.HedgeInstance;
import dcplan.hedge.HedgeInstances;
import dcplan.hedge.HedgeRunFolder;
import dcplan.hedge.HedgeSettings;
import dcplan.hedge.HedgedPlan;
import dcplan.hedge.RiskFileLoader;
import dcplan.hedge.RiskSet;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.io.AtomicFolder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/** {@code dcplan hedge}: one set of commitments good across the futures of a risk file. */
@Command(name = "hedge", mixinStandardHelpOptions = true,
        description = "Plan for several futures at once (a risk file: scenarios with probabilities and a decision "
                + "quarter D): one plan per future, each feasible under its own future, whose commitments before D "
                + "(servers ordered, construction started) are the same in all; expected unmet demand first, then "
                + "expected cost. Reports EVPI and VSS. Writes a hedged run folder; the last line printed is its path.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  dcplan hedge --models models --forecasts data/forecasts/sample --risk models/risks/export-controls.yaml",
                "  dcplan hedge --models models --demand runs/demand-1 --risk models/risks/export-controls.yaml --steps 2000 --seed 7",
                "  dcplan hedge --models models --demand runs/demand-1 --risk models/risks/demand-risk.yaml --master spark://host:7077"})
public final class HedgeCommand implements Callable<Integer> {

    @Option(names = "--models", defaultValue = "models", description = "Model folder (default: ${DEFAULT-VALUE}).")
    Path models;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PlanCommand.DemandSource source;

    @Option(names = "--risk", required = true, description = "Risk file (models/risks/*.yaml; see models/risks/README.md).")
    Path riskFile;

    /** The search time of a round of re-plans when neither --time-limit nor --steps is given. */
    static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

    @Option(names = "--time-limit", converter = DurationConverter.class,
            description = "Search time of each round of re-plans (the hedge, the futures alone, the central's commitments "
                    + "kept): the futures a round plans share it equally (10 s each of 30 s for three futures; 15 s each "
                    + "for the two the central's commitments are kept in); the commitment search over the shared "
                    + "commitments gets half of it (default: 30s; with --steps, only when given).")
    Duration timeLimit;

    @Option(names = "--steps", description = "Local search steps per future: the same inputs and seed give the same result.")
    Long steps;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lp-time-limit", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time for the extensive form (MIP or LP relaxation) and each LP step of a re-plan (default: ${DEFAULT-VALUE}).")
    Duration lpTimeLimit;

    @Option(names = "--master", description = "Spark master: every per-future solve becomes a Spark task there (and "
            + "--forecasts is rolled up there). Without it: Spark tasks on local[*] from 50 futures on (a monte_carlo risk "
            + "file; solved by the decomposition, docs/hedge.md), else in this JVM.")
    String master;

    @Option(names = "--out", description = "Run folder to create (must not exist; default: runs/<time>-hedge-<risk>/).")
    Path out;

    @Mixin
    StrictOption strict;

    @Override
    public Integer call() throws Exception {
        try (LogCapture ignored = LogCapture.start()) {
            Consumer<String> note = System.err::println;
            PlanningModel model = strict.loadModel(models, note);
            RiskSet risk = RiskFileLoader.load(riskFile);
            HedgeInstances.checkDecisionQuarter(risk, model);
            Path runFolder = out != null ? out : PlanCommand.defaultRunFolder("hedge-" + risk.name());
            AtomicFolder.refuseExisting(runFolder);
            HedgeSettings settings = new HedgeSettings(searchTime(), seed, steps, lpTimeLimit);
            int futures = risk.monteCarlo() != null ? risk.monteCarlo().samples() : risk.members().size();
            try (HedgeBackend backend = HedgeBackend.of(master, futures)) {
                HedgeInstance instance = risk.monteCarlo() != null
                        ? MonteCarloFutures.expand(risk, model, MonteCarloDemand.distribution(backend::spark, risk, model,
                                source.demand, source.forecasts))
                        : HedgeInstances.build(risk, model, demand(model, note), rollUp(note));
                note.accept(String.format("hedging %d futures (%s), decided until %s, central %s; solves in %s",
                        instance.cases().size(), names(instance), instance.decisionQuarter(),
                        instance.centralCase().name(), backend.describe()));
                CaseRunner runner = backend.runner(note);
                HedgedPlan hedged = backend.solver(instance.cases().size(), runner, note).solve(instance, settings);
                note.accept("hedged plan: " + hedged.method() + String.format(" in %.1f s", hedged.solveSeconds()));
                long figuresStart = System.nanoTime();
                HedgeFigures figures = HedgeFigures.of(instance, hedged, runner, settings);
                note.accept(String.format("EVPI and VSS re-plans (each future alone, the central's commitments kept): %.1f s",
                        (System.nanoTime() - figuresStart) / 1e9));
                HedgeRunFolder.write(runFolder, risk, instance, hedged, figures, modelFiles(), recorded(), HedgeReport::write);
                HedgeConsole.print(note, hedged, figures);
                System.out.println(runFolder);
                return hedged.plans().stream().allMatch(p -> p.evaluation().feasible()) ? ExitCodes.OK
                        : ExitCodes.NO_FEASIBLE_PLAN;
            }
        }
    }

    /** "base 0.5, ban 0.3, ...", or for many futures the first few and how many more. */
    private static String names(HedgeInstance instance) {
        List<String> all = instance.cases().stream().map(c -> c.name() + " " + c.probability()).toList();
        return all.size() <= 6 ? String.join(", ", all)
                : String.join(", ", all.subList(0, 3)) + ", ... (" + (all.size() - 3) + " more)";
    }

    /** The time limit given, else the default unless a step limit makes the run reproducible (then none). */
    private Duration searchTime() {
        return timeLimit != null || steps != null ? timeLimit : DEFAULT_TIME_LIMIT;
    }

    /** The base demand in the horizon, read or rolled up as {@code plan} does. */
    private List<DemandCell> demand(PlanningModel model, Consumer<String> note) {
        String from = source.demand != null ? source.demand : "roll-up of " + source.forecasts;
        List<DemandCell> demand = DemandInput.read(source.demand, source.forecasts, master, model, note);
        DemandTable.requireRows(demand, from);
        List<String> problems = DemandTable.validate(demand, model, from);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return DemandInput.inHorizon(demand, model);
    }

    /** The roll-up under a scenario's policy, with --forecasts; null with --demand. */
    private Function<PlanningModel, List<DemandCell>> rollUp(Consumer<String> note) {
        if (source.forecasts == null) {
            return null;
        }
        return m -> DemandInput.inHorizon(DemandInput.read(null, source.forecasts, master, m, note), m);
    }

    private Map<String, byte[]> modelFiles() throws java.io.IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : ModelLoader.FILES) {
            files.put(name + ".yaml", Files.readAllBytes(models.resolve(name + ".yaml")));
        }
        return files;
    }

    private Map<String, Object> recorded() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dcplan_version", Version.current());
        s.put("command", "hedge");
        s.put("demand", source.demand != null ? source.demand : "roll-up of " + source.forecasts);
        s.put("risk", riskFile.toString());
        s.put("seed", seed);
        s.put("steps", steps);
        s.put("time_limit_seconds", searchTime() == null ? null : searchTime().toMillis() / 1000.0);
        s.put("lp_time_limit_seconds", lpTimeLimit.toMillis() / 1000.0);
        return s;
    }
}
