package dcplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.InputsHash;
import dcplan.plan.PlanFiles;
import dcplan.report.DiffReport;
import dcplan.report.RunDigest;
import dcplan.scenario.Scenario;
import dcplan.scenario.ScenarioLoader;
import dcplan.scenario.ScenarioResolver;
import dcplan.solver.ProblemBuilder;
import dcplan.solver.domain.CapacityPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code dcplan rerun RUN}: plans again from what a run folder recorded - the model files as
 * read (inputs/models), the scenario file (inputs/scenario.yaml), the demand planned
 * (demand.csv, after the scenario's multipliers and any roll-up) and the settings in
 * summary.json (seed, steps, time limits, chunks; a what-if's baseline, warm start and
 * decided_until or replan_all: a held what-if keeps its baseline's commitments again). The
 * inputs must still hash to the recorded inputs_sha256. A run made with {@code --steps} gives
 * the same plan tables again; the command says whether they are identical.
 */
@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = "Plan again from a run folder's recorded inputs and settings (inputs/models, inputs/scenario.yaml, "
                + "demand.csv, summary.json's settings) into a new run folder, and say whether the plan tables are "
                + "identical to the run's (they are for a run made with --steps). The last line printed is the new folder.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  dcplan rerun runs/20261129-135245-base",
                "  dcplan rerun runs/q3-review --out runs/q3-review-again"})
public final class RerunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COMMANDS = List.of("plan", "whatif");

    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder to plan again.")
    Path run;

    @Option(names = "--out", description = "Run folder to create (must not exist; default: runs/<RUN's name>-rerun/).")
    Path out;

    @Mixin
    StrictOption strict;

    @Override
    public Integer call() throws Exception {
        try (LogCapture libraryLog = LogCapture.start()) {
            PlanRun planRun = new PlanRun(System.err, new StringBuilder(), libraryLog);
            JsonNode summary = summary(run);
            String where = run.resolve("summary.json") + ": settings";
            JsonNode settings = summary.path("settings");
            String command = settings.path("command").asText("");
            if (!settings.isObject() || !COMMANDS.contains(command)) {
                throw new InputException(where + ": missing or without a command (plan, whatif): the run was made by a "
                        + "dcplan that did not record its settings, so it cannot be made again exactly");
            }
            SolveSettings solve = SolveSettings.fromJson(settings, where);
            PlanningModel base = strict.loadModel(run.resolve("inputs/models"), planRun::note);
            Path scenarioFile = run.resolve("inputs/scenario.yaml");
            Scenario scenario = Files.isRegularFile(scenarioFile) ? ScenarioLoader.load(scenarioFile, base) : null;
            // demand.csv is the demand after the scenario's multipliers: only its model changes are applied again
            ScenarioResolver.Resolved resolved = scenario == null ? new ScenarioResolver.Resolved(base, List.of(), List.of())
                    : ScenarioResolver.resolve(base, List.of(), scenario);
            PlanningModel model = resolved.model();
            List<DemandCell> demand = DemandTable.readCsv(run.resolve("demand.csv"));
            if (!InputsHash.sha256(model, demand).equals(summary.path("inputs_sha256").asText())) {
                throw new InputException(run + ": the recorded inputs (inputs/models, inputs/scenario.yaml, demand.csv) no longer "
                        + "hash to summary.json's inputs_sha256 (edited since the run?)");
            }
            String name = scenario == null ? ScenarioOption.BASE : scenario.name();
            Path runFolder = out != null ? out : defaultRunFolder(run);
            if (Files.exists(runFolder)) {
                throw new InputException(runFolder + ": run folder already exists (a run never writes over an earlier one)");
            }
            planRun.note("rerun of " + run + " (" + command + ", scenario " + name + ")");
            Map<String, Object> recorded = recorded(settings);
            recorded.put("rerun_of", run.toAbsolutePath().normalize().toString());
            if (keptOrReplanned(command, settings)) {
                WhatIfRun whatIf = whatIf(planRun, settings, where, model, demand, name);
                int exit = WhatIfCommand.plan(planRun, whatIf, new ScenarioResolver.Resolved(model, demand, resolved.changes()),
                        solve, settings.path("cold").asBoolean(false), runFolder, inputs(run), recorded);
                planRun.note(compare(run, runFolder));
                return exit;
            }
            CapacityPlan problem = ProblemBuilder.build(model, demand, solve.chunks());
            Path baseline = warmStartBaseline(command, settings);
            if (baseline != null) {
                planRun.note(WhatIfCommand.warmStart(problem, PlanFiles.read(baseline)));
            }
            planRun.note(String.format("planning %d demand cells as %d chunks over %d routes, %s",
                    problem.getCells().size(), problem.getChunks().size(), problem.getRoutes().size(), solve.describe()));
            RunDigest baselineDigest = baseline != null ? RunDigest.read(baseline) : null;
            List<String> changes = resolved.changes();
            int exit = planRun.execute(new PlanRun.Request(model, demand, problem, solve, name, runFolder, inputs(run),
                    baselineDigest == null ? null : tmp -> DiffReport.write(tmp, baselineDigest, RunDigest.read(tmp), changes),
                    command, recorded));
            planRun.note(compare(run, runFolder));
            return exit;
        }
    }

    private static JsonNode summary(Path run) {
        Path file = run.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            throw new InputException(run + ": not a run folder (no summary.json)");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** What the command recorded besides the solve settings and the version (demand source, baseline, cold). */
    private static Map<String, Object> recorded(JsonNode settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> own = new ArrayList<>(List.of("dcplan_version", "command", "rerun_of", "lp_solvers"));
        own.addAll(SolveSettings.KEYS);
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!own.contains(e.getKey())) {
                out.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        }
        return out;
    }

    /**
     * Whether the run is a contract-v2 what-if (it recorded replan_all): held (decided_until) or
     * re-planning every quarter, made again through {@link WhatIfCommand#plan} with its baseline's
     * commitments and the hindsight plan. What-ifs recorded before that are planned as they were.
     */
    private static boolean keptOrReplanned(String command, JsonNode settings) {
        return command.equals("whatif") && settings.has("replan_all");
    }

    /** The what-if as recorded: its baseline (which must still be there, unchanged) and decided_until. */
    private static WhatIfRun whatIf(PlanRun planRun, JsonNode settings, String where, PlanningModel model,
                                    List<DemandCell> demand, String name) throws IOException {
        Path baseline = Path.of(settings.path("baseline").asText(""));
        if (!Files.isRegularFile(baseline.resolve("summary.json"))) {
            throw new InputException(baseline + ": the what-if's baseline run is gone; a what-if is made again from its "
                    + "baseline's commitments and plan");
        }
        Quarter decidedUntil = null;
        if (!settings.path("replan_all").asBoolean(false)) {
            try {
                decidedUntil = Quarter.parse(settings.path("decided_until").asText(""));
            } catch (IllegalArgumentException e) {
                throw new InputException(where + ".decided_until: " + e.getMessage());
            }
        }
        String why = settings.path("decided_until_source").isTextual() ? settings.get("decided_until_source").asText()
                : "recorded decided_until";
        return new WhatIfRun(planRun, BaselineRun.read(baseline), model, demand, name, decidedUntil,
                decidedUntil == null ? null : why);
    }

    /** A warm-started what-if starts from its baseline's plan again, so the baseline must still be there. */
    private static Path warmStartBaseline(String command, JsonNode settings) {
        if (!command.equals("whatif") || settings.path("cold").asBoolean(false)) {
            return null;
        }
        Path baseline = Path.of(settings.path("baseline").asText(""));
        if (!Files.isRegularFile(baseline.resolve("plan/flows.csv"))) {
            throw new InputException(baseline + ": the what-if's baseline run is gone; a warm-started what-if is made again "
                    + "from its baseline's plan");
        }
        return baseline;
    }

    /** Every file under RUN/inputs/, recorded again as read. */
    private static Map<String, byte[]> inputs(Path run) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Path inputs = run.resolve("inputs");
        try (Stream<Path> files = Files.walk(inputs)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.put("inputs/" + inputs.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** Whether the new plan tables are byte for byte the run's. */
    static String compare(Path run, Path again) throws IOException {
        List<String> differ = new ArrayList<>();
        for (String table : List.of("flows.csv", "servers.csv", "facility.csv", "unmet.csv")) {
            if (!Arrays.equals(Files.readAllBytes(run.resolve("plan").resolve(table)),
                    Files.readAllBytes(again.resolve("plan").resolve(table)))) {
                differ.add(table);
            }
        }
        return differ.isEmpty() ? "plan tables identical to " + run + "'s"
                : "plan tables differ from " + run + "'s: " + String.join(", ", differ)
                + " (a time-limited search is not reproducible; runs made with --steps are)";
    }

    static Path defaultRunFolder(Path run) {
        String name = run.toAbsolutePath().normalize().getFileName() + "-rerun";
        Path candidate = Path.of("runs", name);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = Path.of("runs", name + "-" + i);
        }
        return candidate;
    }
}
