package dcplan.cli;

import dcplan.model.InputException;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The --scenario glue of dcplan plan: which policy the roll-up uses, and the refusal with --demand. */
class ScenarioOptionTest {
    private final PlanningModel base = ModelLoader.load(Path.of("models"));
    private final Path highServiceLevel = Path.of("models/scenarios/high-service-level.yaml");

    @Test
    void theRollUpUsesTheScenariosQuantileAndRho() {
        ScenarioOption option = ScenarioOption.load(highServiceLevel, base, false);
        PlanningModel forRollUp = option.rollUpModel(base);
        assertEquals(0.95, forRollUp.policy().planningQuantile());
        assertEquals(base.policy().rho(), forRollUp.policy().rho());
        assertEquals(base.sites(), forRollUp.sites());
        assertEquals("high-service-level", option.name());
    }

    @Test
    void aQuantileChangeIsRefusedWithAGivenDemandTable() {
        InputException e = assertThrows(InputException.class, () -> ScenarioOption.load(highServiceLevel, base, true));
        assertTrue(e.getMessage().startsWith(highServiceLevel + ": policy: planning_quantile / rho"), e.getMessage());
        ScenarioOption.load(Path.of("models/scenarios/budget-cut-25pct.yaml"), base, true); // no quantile: fine with --demand
    }

    @Test
    void withoutAScenarioItIsTheBase() throws Exception {
        ScenarioOption none = ScenarioOption.load(null, base, true);
        assertEquals("base", none.name());
        assertSame(base, none.rollUpModel(base));
        var resolved = none.resolve(base, List.of());
        assertSame(base, resolved.model());
        assertEquals(List.of(), none.report(resolved));
        assertEquals(List.of("inputs/resolved/regions.yaml", "inputs/resolved/workloads.yaml", "inputs/resolved/sites.yaml",
                "inputs/resolved/chips.yaml", "inputs/resolved/policy.yaml"), List.copyOf(none.inputFiles(resolved).keySet()));
    }
}
