package dcplan.hedge;

import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.sweep.DemandDistribution;
import dcplan.sweep.SweepFixture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Monte Carlo hedges of the sweep's tiny model (SweepFixture: two regions, two sites, two chips,
 * 2026Q1..2026Q4): decision quarter 2026Q3, so each future shares what it adds in 2026Q1 and Q2.
 * Step-limited searches and LPs far inside their limits: reproducible wherever they run.
 */
public final class HedgeFixture {
    public static final Quarter DECISION = Quarter.parse("2026Q3");
    public static final HedgeSettings SETTINGS = new HedgeSettings(null, 7, 300L, Duration.ofSeconds(20));

    private HedgeFixture() {
    }

    public static PlanningModel model(Path dir) throws IOException {
        return ModelLoader.load(SweepFixture.writeModel(dir));
    }

    public static RiskSet risk(int samples, long seed) {
        return new RiskSet("demand-risk", Path.of("demand-risk.yaml"), DECISION, null, List.of(),
                new RiskSet.MonteCarlo(samples, seed));
    }

    public static DemandDistribution distribution(PlanningModel model) {
        return DemandDistribution.of(SweepFixture.stats(1.0), SweepFixture.RHO, model.quarters());
    }

    public static HedgeInstance instance(PlanningModel model, int samples, long seed) {
        return MonteCarloFutures.expand(risk(samples, seed), model, distribution(model));
    }
}
