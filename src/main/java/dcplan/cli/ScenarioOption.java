package dcplan.cli;

import dcplan.model.DemandCell;
import dcplan.model.InputException;
import dcplan.model.ModelWriter;
import dcplan.model.PlanningModel;
import dcplan.scenario.DecidedUntil;
import dcplan.scenario.Scenario;
import dcplan.scenario.ScenarioLoader;
import dcplan.scenario.ScenarioResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dcplan plan --scenario FILE}: loading, the policy the roll-up uses, resolving, and the
 * files the run folder records. Without {@code --scenario} it is the base model ("base"),
 * resolved to itself.
 *
 * <p>A planning_quantile or rho change reaches demand only through the forecast roll-up, so it
 * is refused with {@code --demand} (a plan named after a scenario it half ignored would mislead).
 */
final class ScenarioOption {
    static final String BASE = "base";

    private final Path file;
    private final Scenario scenario;

    private ScenarioOption(Path file, Scenario scenario) {
        this.file = file;
        this.scenario = scenario;
    }

    /** Loads {@code file} (null: no scenario) against {@code base}; {@code demandGiven}: --demand rather than --forecasts. */
    static ScenarioOption load(Path file, PlanningModel base, boolean demandGiven) {
        if (file == null) {
            return new ScenarioOption(null, null);
        }
        Scenario s = ScenarioLoader.load(file, base);
        if (demandGiven && s.changesRollUp()) {
            throw new InputException(file + ": policy: planning_quantile / rho " + ScenarioResolver.ROLL_UP_ONLY
                    + ": plan this scenario with --forecasts, or drop those keys to use --demand");
        }
        return new ScenarioOption(file, s);
    }

    String name() {
        return scenario == null ? BASE : scenario.name();
    }

    /** The model whose policy (quantile, rho) the forecast roll-up uses: the base with the scenario's policy. */
    PlanningModel rollUpModel(PlanningModel base) {
        if (scenario == null) {
            return base;
        }
        return new PlanningModel(base.regions(), base.workloads(), base.sites(), base.chips(),
                ScenarioResolver.policy(base.policy(), scenario));
    }

    ScenarioResolver.Resolved resolve(PlanningModel base, List<DemandCell> demand) {
        if (scenario == null) {
            return new ScenarioResolver.Resolved(base, demand, List.of());
        }
        return ScenarioResolver.resolve(base, demand, scenario);
    }

    /** Where a what-if with this scenario is made by default ({@link DecidedUntil}); needs a scenario. */
    DecidedUntil decidedUntil(PlanningModel base) {
        return DecidedUntil.of(scenario, base);
    }

    /** The change lines to print and log: "scenario NAME (FILE):" then one indented line per change. */
    List<String> report(ScenarioResolver.Resolved resolved) {
        if (scenario == null) {
            return List.of();
        }
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        lines.add("scenario " + scenario.name() + " (" + file + "), changes from the base model:");
        resolved.changes().forEach(c -> lines.add("  " + c));
        if (scenario.decidedUntil() != null) {
            lines.add("  decided_until " + scenario.decidedUntil() + ": what dcplan whatif keeps of a baseline; a plan "
                    + "decides every quarter");
        }
        return lines;
    }

    /** inputs/scenario.yaml (the file as read) and inputs/resolved/*.yaml (the resolved model). */
    Map<String, byte[]> inputFiles(ScenarioResolver.Resolved resolved) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (scenario != null) {
            out.put("inputs/scenario.yaml", Files.readAllBytes(file));
        }
        String header = "Resolved model of scenario " + name() + ": the base model (inputs/models/)"
                + (scenario == null ? "" : " with inputs/scenario.yaml applied") + ".\nWritten by dcplan plan; "
                + "load it with --models <this folder>.";
        ModelWriter.toYaml(resolved.model(), header)
                .forEach((name, yaml) -> out.put("inputs/resolved/" + name, yaml.getBytes(StandardCharsets.UTF_8)));
        return out;
    }
}
