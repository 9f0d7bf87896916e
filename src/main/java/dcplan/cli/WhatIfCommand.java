package dcplan.cli;

import dcplan.model.InputException;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelValidator;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.io.AtomicFolder;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import dcplan.report.DiffReport;
import dcplan.report.RunDigest;
import dcplan.scenario.DecidedUntil;
import dcplan.scenario.ScenarioResolver;
import dcplan.solver.FlowSeed;
import dcplan.solver.Planner;
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
                + "anything. The demand is the baseline's, unless --demand or --forecasts gives another; a scenario "
                + "that changes the planning quantile or rho needs --forecasts (they are rolled up with its quantile "
                + "and rho). The new run folder holds diff.html / diff.md against the baseline; the last line "
                + "printed is its path.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  dcplan whatif --baseline runs/20261129-101500-base --scenario models/scenarios/brazil-demand-surge.yaml",
                "  dcplan whatif --baseline runs/q3-base --scenario models/scenarios/nvidia-ban-chinese-parent-abroad.yaml --decided-until 2027Q1",
                "  dcplan whatif --baseline runs/q3-base --scenario models/scenarios/budget-cut-25pct.yaml --replan-all   (hindsight)",
                "  dcplan whatif --baseline runs/q3-base --scenario models/scenarios/budget-cut-25pct.yaml --cold   (no warm start)",
                "  dcplan whatif --baseline runs/q3-base \\",
                "      --scenario models/scenarios/high-service-level.yaml \\",
                "      --forecasts data/forecasts/sample   (a new quantile: rolled up again)"})
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

    @Option(names = "--cold", description = "Do not start the search from the baseline plan (for comparison).")
    boolean cold;

    @Option(names = "--out", description = "Run folder to create (must not exist; default: runs/<time>-<scenario>/).")
    Path out;

    @Mixin
    StrictOption strict;

    @Override
    public Integer call() throws Exception {
        if (replanAll && decidedUntil != null) {
            throw new InputException("--decided-until " + decidedUntil + " and --replan-all: a what-if that re-plans every "
                    + "quarter keeps nothing, so it has no decided_until; give one or the other");
        }
        try (LogCapture libraryLog = LogCapture.start()) {
            StringBuilder log = new StringBuilder();
            PlanRun run = new PlanRun(System.err, log, libraryLog);
            BaselineRun base = BaselineRun.read(baseline);
            strict.check(ModelValidator.warnings(base.model(), base.modelFolder().toString()), run::note);

            // a demand table (the baseline's or --demand) cannot take a quantile or rho change; --forecasts can
            boolean forecasts = demandSource != null && demandSource.forecasts != null;
            ScenarioOption scenario = ScenarioOption.load(scenarioFile, base.model(), !forecasts);
            List<DemandCell> demand = demand(scenario.rollUpModel(base.model()), base, run);
            ScenarioResolver.Resolved resolved = scenario.resolve(base.model(), demand);
            Quarter decided = replanAll ? null : decidedUntil(scenario, base.model());
            String decidedWhy = replanAll ? null : decidedWhy(scenario, base.model());
            Path runFolder = out != null ? out : PlanCommand.defaultRunFolder(scenario.name());
            AtomicFolder.refuseExisting(runFolder);
            run.note("what-if " + scenario.name() + " on baseline " + baseline + " (" + base.digest().scenario() + ")");
            scenario.report(resolved).forEach(run::note);

            Map<String, byte[]> extra = new LinkedHashMap<>();
            for (String name : ModelLoader.FILES) {
                extra.put("inputs/models/" + name + ".yaml", Files.readAllBytes(base.modelFolder().resolve(name + ".yaml")));
            }
            extra.putAll(scenario.inputFiles(resolved));
            Path baselineFolder = baseline.toAbsolutePath().normalize();
            extra.put("inputs/baseline.txt", ("baseline run: " + baselineFolder + "\n").getBytes(StandardCharsets.UTF_8));

            Map<String, Object> recorded = new LinkedHashMap<>();
            recorded.put("baseline", baselineFolder.toString());
            recorded.put("cold", cold);
            WhatIfRun whatIf = new WhatIfRun(run, base, resolved.model(), resolved.demand(), scenario.name(), decided, decidedWhy);
            return plan(run, whatIf, resolved, solve.settings(), cold, runFolder, extra, recorded);
        }
    }

    /**
     * Solves a what-if whose inputs are resolved (shared with {@code dcplan rerun}): the hindsight
     * plan first when it is held, then the plan keeping {@code whatIf}'s commitments, warm-started
     * from the baseline unless {@code cold}. {@code recorded} gains how the what-if was made
     * (decided_until and its source, or replan_all) so that a rerun makes it the same way.
     */
    static int plan(PlanRun run, WhatIfRun whatIf, ScenarioResolver.Resolved resolved, SolveSettings settings,
                    boolean cold, Path runFolder, Map<String, byte[]> extra, Map<String, Object> recorded) throws Exception {
        BaselineRun base = whatIf.baseline();
        whatIf.modeLines().forEach(run::note);
        recorded.put("replan_all", !whatIf.isHeld());
        recorded.put("decided_until", whatIf.isHeld() ? whatIf.decidedUntil().toString() : null);
        recorded.put("decided_until_source", whatIf.isHeld() ? whatIf.decidedWhy() : null);
        if (whatIf.needsHindsightSolve()) {
            run.note("hindsight: solving the same scenario with nothing committed, for the cost of hindsight");
            Planner.Outcome h = new Planner().plan(resolved.model(), resolved.demand(),
                    problem(base, resolved, Commitments.NONE, cold, settings.chunks(), null),
                    settings.solverOptions(), settings.lpLimits(), Commitments.NONE);
            whatIf.setHindsight(WhatIfRun.Hindsight.of(h));
            run.note(String.format("hindsight: %s USD, unmet %s inferences (%.1f s)", Format.usd(h.evaluation().totalCostUsd()),
                    Format.count(h.evaluation().unmetInferences()), h.search().solveSeconds()));
        }
        CapacityPlan problem = problem(base, resolved, whatIf.commitments(), cold, settings.chunks(), run);
        RunDigest baselineDigest = base.digest();
        List<String> changes = resolved.changes();
        return run.execute(new PlanRun.Request(resolved.model(), resolved.demand(), problem, settings,
                whatIf.scenario(), runFolder, extra,
                tmp -> DiffReport.write(tmp, baselineDigest, RunDigest.read(tmp), changes), "whatif", recorded, whatIf));
    }

    /**
     * The problem, held commitments fixed, its routes started from the baseline's flows unless
     * {@code cold}; {@code run} (null: say nothing) is told which.
     */
    private static CapacityPlan problem(BaselineRun base, ScenarioResolver.Resolved resolved, Commitments commitments,
                                        boolean cold, int chunks, PlanRun run) {
        CapacityPlan problem = ProblemBuilder.build(resolved.model(), resolved.demand(), chunks, commitments);
        String line = cold ? "cold start: the baseline plan is not used" : warmStart(problem, base.plan());
        if (run != null) {
            run.note(line);
        }
        return problem;
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
    private List<DemandCell> demand(PlanningModel rollUpModel, BaselineRun base, PlanRun run) {
        if (demandSource == null) {
            return base.demand();
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
