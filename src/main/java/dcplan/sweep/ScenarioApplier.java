package dcplan.sweep;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;

import java.io.Serializable;
import java.util.List;

/**
 * Turns a scenario file's text into the model and demand a case solves. Shipped to executors
 * with the sweep's inputs, so an implementation must be serializable (a lambda cast to this
 * type is). The real one comes from {@code dcplan.scenario} (ScenarioLoader + ScenarioResolver)
 * once merged; see {@link #UNAVAILABLE}.
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
     * Until {@code dcplan.scenario} is merged: refuses. To wire it (one line, in
     * {@code SweepCommand.scenarioApplier()}):
     * <pre>
     *   (yaml, name, model, demand) -> { Path f = temp file with yaml;
     *       var r = ScenarioResolver.resolve(model, demand, ScenarioLoader.load(f, model));
     *       return new CaseDemandAndModel(r.model(), r.demand(), String.valueOf(r.changes())); }
     * </pre>
     */
    ScenarioApplier UNAVAILABLE = (yaml, name, model, demand) -> {
        throw new UnsupportedOperationException("scenario cases need dcplan.scenario, which is not in this build yet");
    };
}
