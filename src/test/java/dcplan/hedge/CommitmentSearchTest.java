package dcplan.hedge;

import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import dcplan.solver.lp.ExtensiveForm;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OptaPlanner's search over the shared commitments ({@link CommitmentSearch}) on the hand-worked
 * hedge of {@link HedgeModels}: started from the ban future's own commitments (125 dom servers
 * ordered for 2026Q2, what that future alone buys, 60 of them idle in the base), it finds the
 * hedge worked by hand (65 dom, alt takes the other 60 in the ban future) and the extensive-form
 * MIP's expected cost.
 */
class CommitmentSearchTest {
    static final Plan.SiteChipQuarter DOM_Q2 = new Plan.SiteChipQuarter("s", "dom", Quarter.parse("2026Q2"));

    /** The ban future's own commitments (its MIP alone), as the reference and as each future holds them. */
    static CommitmentSearch.Result fromTheBanFuturesOwn(HedgeInstance instance, Long steps, long seed) {
        HedgeCase ban = instance.cases().get(1);
        LpResult alone = PlanLinearProgram.solve(ban.model(), ban.demand(), LpOptions.integer());
        Commitments start = Commitments.of(ban.model(), alone.plan(), ban.model(), instance.decisionQuarter());
        assertEquals(125, start.heldAdded().get(DOM_Q2), "the ban future alone orders 125 dom");
        List<Commitments> templates = instance.cases().stream()
                .map(c -> Commitments.of(ban.model(), alone.plan(), c.model(), instance.decisionQuarter())).toList();
        return CommitmentSearch.improve(instance, ban.model(), start, templates, null, steps, seed, Duration.ofSeconds(30));
    }

    @Test
    void searchFindsTheHandWorkedHedgeFromASuboptimalStart() {
        HedgeInstance instance = HedgeModels.instance();
        CommitmentSearch.Result r = fromTheBanFuturesOwn(instance, 3000L, 1);
        System.out.println("[commitment-search] " + r.describe());
        assertTrue(r.improved(), r.describe());
        assertEquals(65, r.shared().heldAdded().get(DOM_Q2), r.describe());
        assertEquals(100, r.shared().heldAdded().get(new Plan.SiteChipQuarter("s", "nv", Quarter.parse("2026Q1"))));
        ExtensiveForm.Result mip = ExtensiveForm.solve(instance.cases().stream()
                        .map(c -> new ExtensiveForm.Future(c.model(), c.demand(), c.probability())).toList(),
                instance.decisionQuarter(), 0, LpOptions.integer());
        assertEquals(-Math.round(mip.expectedCostUsd() * 100), r.best().softScore(), 100,
                "the search's expected cost is the extensive-form MIP's (" + mip.expectedCostUsd() + " USD)");
        assertEquals(0, r.best().hardScore());
        assertEquals(0, r.best().mediumScore());
    }

    @Test
    void aBetterAlternativeIsTheSearchsStart() {
        HedgeInstance instance = HedgeModels.instance();
        HedgeCase ban = instance.cases().get(1);
        LpResult alone = PlanLinearProgram.solve(ban.model(), ban.demand(), LpOptions.integer());
        Commitments start = Commitments.of(ban.model(), alone.plan(), ban.model(), instance.decisionQuarter());
        java.util.Map<Plan.SiteChipQuarter, Integer> added = new java.util.HashMap<>(start.heldAdded());
        added.put(DOM_Q2, 65);
        Commitments hedge = new Commitments(start.decidedUntil(), added, start.heldAddedMw(), List.of());
        List<Commitments> templates = instance.cases().stream()
                .map(c -> Commitments.of(ban.model(), alone.plan(), c.model(), instance.decisionQuarter())).toList();
        CommitmentSearch.Result r = CommitmentSearch.improve(instance, ban.model(), start, templates, List.of(hedge), null, 20L, 1,
                Duration.ofSeconds(30));
        assertEquals(65, r.shared().heldAdded().get(DOM_Q2), r.describe());
        assertTrue(r.improved(), r.describe());
        assertEquals(start, r.startShared(), "the fallback stays the start given");
    }

    @Test
    void searchNeverReturnsWorseThanItsStart() {
        HedgeInstance instance = HedgeModels.instance();
        for (long seed = 1; seed <= 3; seed++) {
            CommitmentSearch.Result r = fromTheBanFuturesOwn(instance, 20L, seed);
            assertTrue(r.best().compareTo(r.start()) >= 0, r.describe());
        }
    }

    @Test
    void searchIsDeterministicUnderSteps() {
        HedgeInstance instance = HedgeModels.instance();
        CommitmentSearch.Result a = fromTheBanFuturesOwn(instance, 60L, 7);
        CommitmentSearch.Result b = fromTheBanFuturesOwn(instance, 60L, 7);
        assertEquals(a.shared(), b.shared());
        assertEquals(a.best(), b.best());
        assertEquals(a.evaluations(), b.evaluations());
    }

    @Test
    void relaxationPathWithTheSearchSharesItsCommitmentsAcrossFutures() {
        HedgeInstance instance = HedgeModels.instance();
        HedgedPlan h = new ExtensiveFormHedge(HedgeModels.MIP, false)
                .solve(instance, new HedgeSettings(null, 1, 200L, Duration.ofSeconds(30)));
        assertTrue(h.method().contains("commitment search"), h.method());
        for (int k = 0; k < instance.cases().size(); k++) {
            HedgeCase c = instance.cases().get(k);
            assertTrue(h.plans().get(k).evaluation().feasible(), c.name());
            Commitments own = Commitments.of(c.model(), h.plans().get(k).plan(), c.model(), instance.decisionQuarter());
            assertEquals(h.shared().heldAdded(), own.heldAdded(), c.name());
        }
        assertEquals(65, h.shared().heldAdded().get(DOM_Q2), h.method());
    }
}
