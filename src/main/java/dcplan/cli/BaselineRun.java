package dcplan.cli;

import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.ModelDiff;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.plan.InputsHash;
import dcplan.plan.Plan;
import dcplan.plan.PlanFiles;
import dcplan.report.RunDigest;
import dcplan.scenario.ScenarioLoader;
import dcplan.scenario.ScenarioResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A baseline run folder as {@code dcplan whatif} reads it: the model its plan was made for
 * ({@code inputs/resolved/}, or {@code inputs/models/} for folders written before it existed),
 * its demand and its plan. A what-if keeps this plan's commitments, so the folder must be what
 * it says: the resolved model must be the base model with the baseline's scenario applied (else
 * the baseline's inputs differ in more than its scenario, and each difference is named by file
 * and key), and the model and demand must hash to the {@code inputs_sha256} of its summary.json
 * (else they were changed after it was planned). Either is bad input (exit 2).
 */
record BaselineRun(Path folder, RunDigest digest, Path modelFolder, PlanningModel model, List<DemandCell> demand,
                   Plan plan) {

    static BaselineRun read(Path folder) throws IOException {
        RunDigest digest = RunDigest.read(folder);
        Path resolved = folder.resolve("inputs/resolved");
        Path models = folder.resolve("inputs/models");
        Path modelFolder = Files.isDirectory(resolved) ? resolved : models;
        PlanningModel model = ModelLoader.load(modelFolder);
        List<DemandCell> demand = DemandTable.readCsv(folder.resolve("demand.csv"));
        Plan plan = PlanFiles.read(folder);
        if (Files.isDirectory(resolved) && Files.isDirectory(models)) {
            requireResolvedFromBase(folder, models, resolved, model);
        }
        requireRecordedHash(folder, digest, modelFolder, model, demand);
        return new BaselineRun(folder, digest, modelFolder, model, demand, plan);
    }

    /** inputs/resolved must be inputs/models with inputs/scenario.yaml (when there is one) applied. */
    private static void requireResolvedFromBase(Path folder, Path models, Path resolved, PlanningModel model) {
        PlanningModel base = ModelLoader.load(models);
        Path scenarioFile = folder.resolve("inputs/scenario.yaml");
        PlanningModel expected = Files.isRegularFile(scenarioFile)
                ? ScenarioResolver.resolve(base, List.of(), ScenarioLoader.load(scenarioFile, base)).model()
                : base;
        List<String> problems = new ArrayList<>();
        String source = "inputs/models/" + (Files.isRegularFile(scenarioFile) ? " with inputs/scenario.yaml applied" : "");
        for (String d : ModelDiff.differences(expected, model)) {
            problems.add(resolved + "/" + d + " (first: " + source + "; second: inputs/resolved/): the baseline's inputs "
                    + "differ in more than its scenario, so its plan is not one of these inputs");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
    }

    /** The model and demand must be those the baseline was planned for (summary.json inputs_sha256). */
    private static void requireRecordedHash(Path folder, RunDigest digest, Path modelFolder, PlanningModel model,
                                            List<DemandCell> demand) {
        String recorded = digest.inputsSha256();
        if (recorded == null || recorded.isEmpty()) {
            return; // a folder from before the hash was recorded: nothing to check against
        }
        String actual = InputsHash.sha256(model, demand);
        if (!recorded.equals(actual)) {
            throw new InputException(folder.resolve("summary.json") + ": inputs_sha256: " + abbreviated(recorded)
                    + " is not the hash of " + modelFolder + " and " + folder.resolve("demand.csv") + " ("
                    + abbreviated(actual) + "): the baseline's inputs were changed after it was planned");
        }
    }

    private static String abbreviated(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}
