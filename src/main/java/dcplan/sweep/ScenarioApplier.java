package dcplan.sweep;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;

import dcplan.scenario.ScenarioLoader;
import dcplan.scenario.ScenarioResolver;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a scenario file's text into the model and demand a case solves. Shipped to executors
 * with the sweep's inputs, so an implementation must be serializable (a lambda cast to this
 * type is). {@link #FILES} is the one the CLI uses.
 */
@FunctionalInterface
public interface ScenarioApplier extends Serializable {

    /** The base model and demand with the scenario applied, and a one-line description of the changes. */
    CaseDemandAndModel apply(String scenarioYaml, String scenarioName, PlanningModel base, List<DemandCell> demand);

    record CaseDemandAndModel(PlanningModel model, List<DemandCell> demand, String changes) {
        public CaseDemandAndModel {
            demand = List.copyOf(demand);
        }
    }

    /**
     * The real one: the scenario file's text loaded with {@link ScenarioLoader} against the base
     * model and applied with {@link ScenarioResolver}. The text goes through a temporary file so
     * that every error names the scenario as the loader does elsewhere.
     */
    ScenarioApplier FILES = (yaml, name, model, demand) -> {
        Path file = null;
        try {
            file = Files.createTempFile("dcplan-scenario-" + name + "-", ".yaml");
            Files.writeString(file, yaml);
            ScenarioResolver.Resolved r = ScenarioResolver.resolve(model, demand, ScenarioLoader.load(file, model));
            return new CaseDemandAndModel(r.model(), r.demand(), String.join("; ", r.changes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file left behind in the executor's temp dir is harmless
                }
            }
        }
    };
}
