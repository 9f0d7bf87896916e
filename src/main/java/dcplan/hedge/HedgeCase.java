package dcplan.hedge;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;

import java.util.List;

/**
 * One future of a hedge, ready to plan: its model and demand with its scenario applied, and its
 * probability.
 *
 * @param scenarioYaml the scenario file's text as applied (empty for the base model or a demand
 *                     sample), written into the future's run folder so that it can be re-run
 */
public record HedgeCase(String name, double probability, PlanningModel model, List<DemandCell> demand,
                        String scenarioYaml) {

    public HedgeCase {
        demand = List.copyOf(demand);
    }
}
