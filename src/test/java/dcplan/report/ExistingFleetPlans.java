package dcplan.report;

import dcplan.model.DemandCell;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans without a solver on the sample model: the existing servers and MW, serving two demand
 * cells (Brazil's chat in 2026Q1 from Sao Paulo, France's embeddings in 2027Q3 from a site given
 * per plan); every other existing server idles.
 */
final class ExistingFleetPlans {
    static final PlanningModel MODEL = ModelLoader.load(Path.of("models"));
    static final Quarter Q1 = Quarter.parse("2026Q1");
    static final Quarter Q3 = Quarter.parse("2027Q3");
    static final List<DemandCell> DEMAND = List.of(
            new DemandCell("brazil", "llm-chat", Q1, 1000, 500),
            new DemandCell("france", "embedding", Q3, 50_000, 20_000));

    private ExistingFleetPlans() {
    }

    /** France's embeddings from {@code embeddingSite}'s H200s, {@code shortIps} of them left unserved. */
    static Plan plan(String embeddingSite, double shortIps) {
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        for (Site s : MODEL.sites()) {
            for (Quarter q : MODEL.quarters()) {
                s.existingServers().forEach((chip, n) -> installed.put(new Plan.SiteChipQuarter(s.id(), chip, q), n));
                built.put(new Plan.SiteQuarter(s.id(), q), s.existingItMw());
            }
        }
        List<Plan.Flow> flows = new ArrayList<>(List.of(
                new Plan.Flow("brazil", "llm-chat", Q1, "sao-paulo", "nvidia-h200", 1000, 500),
                new Plan.Flow("france", "embedding", Q3, embeddingSite, "nvidia-h200", 50_000 - shortIps,
                        (50_000 - shortIps) * 0.4)));
        return new Plan(flows, installed, built);
    }
}
