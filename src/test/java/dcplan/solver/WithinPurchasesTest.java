package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.HardInstances;
import dcplan.solver.lp.HardInstances.Flavor;
import dcplan.solver.lp.HardInstances.Instance;
import dcplan.solver.lp.HardInstances.Size;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LP within a plan's purchases ({@link WithinPurchases}) on small supply-bound v2 #1, from the
 * MIP's served-phase plan (SCIP's plan before its cost phase: it serves the most and buys at any
 * price): the trimmed plan stays within that plan's servers and MW, keeps every limit, serves as
 * much and costs less; the planner offers it for a MIP stopped at its limit only.
 */
@Tag("solver-quality")
class WithinPurchasesTest {

    static final Duration LIMIT = Duration.ofSeconds(30);
    static Instance in;
    static LpResult servedPhase;

    @BeforeAll
    static void servedPhasesPlan() {
        in = HardInstances.generate(Flavor.SUPPLY_BOUND, Size.SMALL, 1, true);
        AtomicReference<LpResult> told = new AtomicReference<>();
        PlanLinearProgram.solve(in.model(), in.demand(), MipCandidates.mipOptions(in.model(), Commitments.NONE)
                .withTimeLimit(LIMIT).withServedPhaseSeen((plan, columns) -> told.set(plan)));
        servedPhase = told.get();
        assertTrue(servedPhase != null && servedPhase.status().hasSolution(), "the MIP told its served phase's plan");
    }

    private static Map<String, Plan> trims() {
        return WithinPurchases.trimmed(in.model(), in.demand(), "served phase", servedPhase.plan(), LIMIT,
                Commitments.NONE, Deadline.none());
    }

    @Test
    void everyPlanWithinThePurchasesStaysWithinThePlansServersAndMw() {
        Map<String, Plan> trims = trims();
        assertFalse(trims.isEmpty(), "the box holds the plan itself, so its LP has a solution");
        Plan outer = servedPhase.plan();
        for (Map.Entry<String, Plan> t : trims.entrySet()) {
            for (Site site : in.model().sites()) {
                for (Quarter q : in.model().quarters()) {
                    for (Chip chip : in.model().chips()) {
                        Plan.SiteChipQuarter k = new Plan.SiteChipQuarter(site.id(), chip.id(), q);
                        int within = t.getValue().installed().getOrDefault(k, 0);
                        assertTrue(within <= outer.installed().getOrDefault(k, 0),
                                t.getKey() + ": " + k + " has " + within + " servers, above the plan's");
                    }
                    Plan.SiteQuarter sq = new Plan.SiteQuarter(site.id(), q);
                    double mw = t.getValue().itMwBuilt().getOrDefault(sq, site.existingItMw());
                    assertTrue(mw <= outer.itMwBuilt().getOrDefault(sq, site.existingItMw()) + 1e-6,
                            t.getKey() + ": " + sq + " has " + mw + " MW, above the plan's");
                }
            }
        }
    }

    @Test
    void theLpWithinThePurchasesServesAsMuchForLessWithinEveryLimit() {
        Evaluation outer = PlanEvaluator.evaluate(in.model(), in.demand(), servedPhase.plan());
        assertTrue(outer.feasible(), outer.violations().toString());
        Map<String, Plan> trims = trims();
        String within = "served phase" + WithinPurchases.SUFFIX + ", LP re-split";
        assertTrue(trims.containsKey(within), trims.keySet().toString());
        Evaluation e = PlanEvaluator.evaluate(in.model(), in.demand(), trims.get(within));
        System.out.printf("WithinPurchasesTest %s: the served phase's plan %,.0f USD serving %.9g; within its purchases %,.0f USD serving %.9g%n",
                in.name(), outer.totalCostUsd(), outer.servedInferences(), e.totalCostUsd(), e.servedInferences());
        assertTrue(e.feasible(), e.violations().toString());
        assertFalse(Planner.servesMore(outer, e), "serves as much as the plan, within the planner's tie: "
                + e.servedInferences() + " against " + outer.servedInferences());
        assertTrue(e.totalCostUsd() < outer.totalCostUsd() * (1 - 1e-3),
                "cheaper than the served phase's plan by more than 0.1 %: " + e.totalCostUsd() + " against " + outer.totalCostUsd());
    }

    @Test
    void theMipsPlanIsTrimmedWithinItsPurchasesWhereScipStoppedAtItsLimitAndNotWhereItProvedIt() {
        Planner.LpLimits lp = new Planner.LpLimits(LIMIT, LIMIT);
        assertFalse(servedPhase.provenOptimal(), "the served phase's plan is no proven optimum");
        Map<String, Plan> asIs = new LinkedHashMap<>();
        asIs.put("MIP (SCIP, served phase's plan)", servedPhase.plan());
        Map<String, Plan> stopped = MipBesideSearch.withinTheMipsPurchases(in.model(), in.demand(),
                new MipCandidates.Found(asIs, servedPhase), null, lp, Commitments.NONE, Deadline.none());
        assertTrue(stopped.containsKey("MIP (SCIP, served phase's plan)" + WithinPurchases.SUFFIX + ", LP re-split"),
                stopped.keySet().toString());

        Instance tiny = HardInstances.generate(Flavor.SUPPLY_BOUND, Size.TINY, 1, true);
        LpResult proven = PlanLinearProgram.solve(tiny.model(), tiny.demand(), MipCandidates.mipOptions(tiny.model(), Commitments.NONE)
                .withTimeLimit(LIMIT));
        assertTrue(proven.provenOptimal(), "tiny supply-bound #1 is proven within the test's limit: " + proven.status());
        Map<String, Plan> done = MipBesideSearch.withinTheMipsPurchases(tiny.model(), tiny.demand(),
                new MipCandidates.Found(Map.of("MIP (SCIP, proven optimal)", proven.plan()), proven), null, lp,
                Commitments.NONE, Deadline.none());
        assertTrue(done.isEmpty(), done.keySet().toString());

        Map<String, Plan> trimmedAlready = MipBesideSearch.withinTheMipsPurchases(in.model(), in.demand(),
                new MipCandidates.Found(asIs, servedPhase), servedPhase, lp, Commitments.NONE, Deadline.none());
        assertTrue(trimmedAlready.isEmpty(), "the served phase's plan is trimmed as soon as the served phase ends: "
                + trimmedAlready.keySet());
    }

    @Test
    void theLpWithinThePurchasesIsSkippedWhereTooLittleTimeIsLeft() {
        assertTrue(WithinPurchases.limit(LIMIT, Duration.ofMillis(900)) == null, "under a second left: skipped");
        assertTrue(WithinPurchases.limit(null, Duration.ofSeconds(5)) == null, "the LP polish off: skipped");
        assertTrue(WithinPurchases.limit(LIMIT, Duration.ofSeconds(5)).equals(Duration.ofSeconds(5)), "cut to what is left");
        assertTrue(WithinPurchases.limit(LIMIT, null).equals(LIMIT), "no clock: the polish limit");
        assertTrue(WithinPurchases.trimmed(in.model(), in.demand(), "x", servedPhase.plan(), null, Commitments.NONE,
                Deadline.none()).isEmpty(), "no limit, no LP");
    }
}
