package dcplan.hedge;

import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.sweep.MonteCarlo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A risk file's monte_carlo as futures: N of them, 1/N each, the sweep's draws, reproducible by seed. */
class MonteCarloFuturesTest {
    @TempDir
    static Path tmp;
    static PlanningModel model;

    @BeforeAll
    static void load() throws Exception {
        model = HedgeFixture.model(tmp.resolve("models"));
    }

    @Test
    void nSamplesBecomeNFuturesWithEqualProbabilitiesAndTheSweepsDraws() {
        HedgeInstance h = HedgeFixture.instance(model, 12, 7);
        assertEquals(12, h.cases().size());
        assertEquals("sample-001", h.cases().get(0).name());
        assertEquals("sample-012", h.cases().get(11).name());
        assertEquals(1.0, h.cases().stream().mapToDouble(HedgeCase::probability).sum(), 1e-12);
        h.cases().forEach(c -> assertEquals(1.0 / 12, c.probability(), 0.0, c.name()));
        assertEquals(HedgeFixture.DECISION, h.decisionQuarter());
        assertEquals(0, h.central());
        var d = HedgeFixture.distribution(model);
        for (int i = 0; i < 12; i++) {
            assertEquals(MonteCarlo.sample(d, d.rho(), 7, i), h.cases().get(i).demand(), "sample " + i);
            assertEquals(model, h.cases().get(i).model());
        }
        assertEquals(12, h.cases().stream().map(HedgeCase::demand).distinct().count(), "every sample differs");
    }

    @Test
    void theSameSeedGivesTheSameFuturesAndAnotherSeedOthers() {
        List<HedgeCase> a = HedgeFixture.instance(model, 5, 7).cases();
        List<HedgeCase> b = HedgeFixture.instance(model, 5, 7).cases();
        List<HedgeCase> c = HedgeFixture.instance(model, 5, 8).cases();
        assertEquals(a, b);
        assertNotEquals(a.get(0).demand(), c.get(0).demand());
    }

    @Test
    void namesWidenPastNineHundredNinetyNine() {
        assertEquals("sample-0001", MonteCarloFutures.name(0, 1000));
        assertEquals("sample-1000", MonteCarloFutures.name(999, 1000));
    }

    @Test
    void aCentralSampleCanBeNamed() {
        RiskSet r = new RiskSet("d", Path.of("d.yaml"), HedgeFixture.DECISION, "sample-003", List.of(),
                new RiskSet.MonteCarlo(4, 1));
        assertEquals(2, MonteCarloFutures.expand(r, model, HedgeFixture.distribution(model)).central());
    }

    @Test
    void badMonteCarloSettingsNameTheFileAndKey() {
        for (int samples : new int[]{0, -3, MonteCarloFutures.MAX_SAMPLES + 1}) {
            InputException e = assertThrows(InputException.class,
                    () -> HedgeFixture.instance(model, samples, 7));
            assertTrue(e.getMessage().contains("demand-risk.yaml: risk.monte_carlo.samples must be within"), e.getMessage());
        }
        RiskSet mixed = new RiskSet("m", Path.of("m.yaml"), HedgeFixture.DECISION, null,
                List.of(new RiskSet.Member("base", null, 1.0)), new RiskSet.MonteCarlo(3, 1));
        InputException e = assertThrows(InputException.class,
                () -> MonteCarloFutures.expand(mixed, model, HedgeFixture.distribution(model)));
        assertTrue(e.getMessage().startsWith("m.yaml: risk.scenarios and risk.monte_carlo cannot be mixed"), e.getMessage());
        RiskSet central = new RiskSet("c", Path.of("c.yaml"), HedgeFixture.DECISION, "base", List.of(),
                new RiskSet.MonteCarlo(3, 1));
        e = assertThrows(InputException.class,
                () -> MonteCarloFutures.expand(central, model, HedgeFixture.distribution(model)));
        assertTrue(e.getMessage().startsWith("c.yaml: risk.central 'base' is not one of the samples"), e.getMessage());
    }
}
