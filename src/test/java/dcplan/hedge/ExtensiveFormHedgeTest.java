package dcplan.hedge;

import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.PlanFiles;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-worked hedge of {@link HedgeModels}: buying domestic servers ahead under a ban risk. */
class ExtensiveFormHedgeTest {
    static final HedgeSettings SETTINGS = new HedgeSettings(Duration.ofSeconds(20), 1, 200L, Duration.ofSeconds(30));
    static HedgeInstance instance;
    static HedgedPlan hedged;

    @BeforeAll
    static void solve() {
        instance = HedgeModels.instance();
        hedged = new ExtensiveFormHedge(HedgeModels.MIP, true).solve(instance, SETTINGS);
    }

    static int added(Plan p, String chip, String quarter) {
        Quarter q = Quarter.parse(quarter);
        int now = p.installed().getOrDefault(new Plan.SiteChipQuarter("s", chip, q), 0);
        int before = q.ordinal() == Quarter.parse("2026Q1").ordinal() ? 0
                : p.installed().getOrDefault(new Plan.SiteChipQuarter("s", chip, Quarter.parse("2026Q1")), 0);
        return now - before;
    }

    @Test
    void hedgingBuysDomesticServersAheadAsWorkedByHand() {
        assertTrue(hedged.method().contains("MIP"), hedged.method());
        for (CasePlan p : hedged.plans()) {
            assertTrue(p.evaluation().feasible(), p.name() + ": " + p.evaluation().violations());
            assertEquals(0.0, p.evaluation().unmetInferences(), 1e-6, p.name());
            assertEquals(100, added(p.plan(), "nv", "2026Q1"), p.name());
            assertEquals(65, added(p.plan(), "dom", "2026Q2"), p.name());
        }
        assertEquals(60, added(hedged.plans().get(1).plan(), "alt", "2026Q2"));
        assertEquals(0, added(hedged.plans().get(1).plan(), "rent", "2026Q2"));
    }

    @Test
    void commitmentsBeforeDAreIdenticalAcrossFutures() {
        for (int k = 0; k < instance.cases().size(); k++) {
            HedgeCase c = instance.cases().get(k);
            Commitments own = Commitments.of(c.model(), hedged.plans().get(k).plan(), c.model(), instance.decisionQuarter());
            assertEquals(hedged.shared().heldAdded(), own.heldAdded(), c.name() + ": added before D");
            Map<Plan.SiteQuarter, Double> mw = own.heldAddedMw();
            hedged.shared().heldAddedMw().forEach((key, v) -> assertEquals(v, mw.get(key), 1e-9, c.name() + ": dM " + key));
        }
        assertEquals(65, hedged.shared().heldAdded().get(new Plan.SiteChipQuarter("s", "dom", Quarter.parse("2026Q2"))));
    }

    @Test
    void theHedgedPlanIsTheExtensiveFormMipOptimum() {
        HedgeFigures.Expectation x = HedgeFigures.Expectation.of(hedged.plans());
        assertNotNull(hedged.expectedCostBoundUsd(), hedged.boundKind());
        assertTrue(hedged.expectedCostBoundUsd() <= x.totalCostUsd() * (1 + 1e-9), hedged.expectedCostBoundUsd() + " > " + x.totalCostUsd());
        assertEquals(x.totalCostUsd(), hedged.expectedCostBoundUsd(), 1e-4 * x.totalCostUsd(), "within the MIP gap");
    }

    @Test
    void itsExpectedCostIsBelowEachSingleFuturePlanKeptInTheOther() {
        double hedgedCost = HedgeFigures.Expectation.of(hedged.plans()).totalCostUsd();
        for (int own = 0; own < 2; own++) {
            HedgeCase c = instance.cases().get(own);
            LpResult alone = PlanLinearProgram.solve(c.model(), c.demand(), LpOptions.integer());
            List<Commitments> kept = instance.cases().stream()
                    .map(o -> Commitments.of(c.model(), alone.plan(), o.model(), instance.decisionQuarter())).toList();
            HedgeFigures.Expectation x = HedgeFigures.Expectation.of(HedgeModels.MIP.plan(instance.cases(), kept, SETTINGS));
            assertEquals(0.0, x.unmetInferences(), 1e-6, c.name() + "'s plan kept everywhere still serves all");
            assertTrue(hedgedCost < x.totalCostUsd() - 1000, "hedged " + hedgedCost + " vs " + c.name() + "'s plan kept: " + x.totalCostUsd());
        }
    }

    @Test
    void evpiAndVssAreNotNegative() {
        HedgeFigures f = HedgeFigures.of(instance, hedged, HedgeModels.MIP, SETTINGS);
        assertEquals("", f.vssNote());
        assertTrue(f.evpiCostUsd() >= -1e-6 * f.hedged().totalCostUsd(), "EVPI " + f.evpiCostUsd());
        assertTrue(f.evpiCostUsd() > 1000, "perfect information is worth something here: " + f.evpiCostUsd());
        assertTrue(f.vssCostUsd() > 1000, "VSS " + f.vssCostUsd());
        assertTrue(f.evpiUnmet() >= -1e-6 && f.vssUnmet() >= -1e-6);
    }

    @Test
    void everyScenarioFolderPassesTheEvaluator(@TempDir Path dir) throws Exception {
        HedgeFigures f = HedgeFigures.of(instance, hedged, HedgeModels.MIP, SETTINGS);
        Path risk = Files.writeString(dir.resolve("tiny.yaml"), "risk:\n  decision_quarter: 2026Q2\n  scenarios:\n"
                + "    - {name: base, probability: 0.5}\n    - {name: ban, probability: 0.5}\n");
        Path out = dir.resolve("run");
        HedgeRunFolder.write(out, RiskFileLoader.load(risk), instance, hedged, f, Map.of(), Map.of("seed", 1), null);
        for (int k = 0; k < instance.cases().size(); k++) {
            HedgeCase c = instance.cases().get(k);
            Plan written = PlanFiles.read(out.resolve("scenarios").resolve(c.name()));
            Commitments held = Commitments.of(instance.centralCase().model(), hedged.plans().get(0).plan(), c.model(), instance.decisionQuarter());
            assertTrue(PlanEvaluator.evaluate(c.model(), c.demand(), written, held).feasible(), c.name());
        }
        String csv = Files.readString(out.resolve("commitments.csv"));
        assertTrue(csv.startsWith("kind,site,chip,quarter,added,mw\n"), csv);
        assertTrue(csv.contains("server,s,dom,2026Q2,65,\n"), csv);
        assertTrue(csv.contains("server,s,nv,2026Q1,100,\n"), csv);
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"hedged\" : true") && summary.contains("\"decided_until\" : \"2026Q2\""), summary);
        assertTrue(Files.isRegularFile(out.resolve("risk.yaml")));
    }
}
