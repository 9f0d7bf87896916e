package dcplan.plan;

import dcplan.model.InputException;
import dcplan.model.DemandCell;
import dcplan.model.Quarter;
import dcplan.plan.Evaluation.BindingLimit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per hard constraint of the spec (and the structural rules on I and M), each with the clean plan as the case that must not be flagged. */
class PlanEvaluatorConstraintsTest {
    final PlanFixture fx = PlanFixture.standard();

    /** Asserts the plan is infeasible with violations in exactly the given groups. */
    static Evaluation assertOnly(Evaluation ev, String... groups) {
        assertFalse(ev.feasible());
        List<String> flagged = new ArrayList<>();
        ev.violations().forEach((k, v) -> {
            if (!v.isEmpty()) {
                flagged.add(k);
            }
        });
        assertEquals(List.of(groups), flagged, ev.violations().toString());
        return ev;
    }

    @Test
    void cleanPlanHasNoViolations() {
        Evaluation ev = fx.evaluate(fx.clean().plan());
        assertTrue(ev.feasible(), ev.violations().toString());
        assertEquals(PlanEvaluator.CONSTRAINTS, List.copyOf(ev.violations().keySet()));
        assertEquals(0, ev.violationCount());
        assertEquals(List.of(), ev.warnings());
    }

    @Test
    void eligibility() {
        // chat Q2 at far: 150 ms > SLO 100 ms. 0.4 ips moved there from sp/b (far/a then needs
        // 40/20 + 0.4/10 = 2.04 servers at peak <= 0.8 * 3 = 2.4, so only eligibility is broken)
        PlanFixture.Builder b = fx.clean();
        b.flows.remove(2);
        b.flow("chat", fx.q2, "sp", "b", 119.6).flow("chat", fx.q2, "far", "a", 0.4);
        Evaluation ev = assertOnly(fx.evaluate(b.plan()), "eligibility");
        assertTrue(ev.violations().get("eligibility").get(0).contains("latency 150.0 ms > SLO 100.0 ms"));
        // a zero flow at an ineligible option is fine
        assertTrue(fx.evaluate(fx.clean().flow("chat", fx.q2, "far", "a", 0).plan()).feasible());
    }

    @Test
    void eligibilityBanAndThroughput() {
        // b is banned in US and cannot serve batch
        PlanFixture.Builder b = fx.clean().installed("far", "b", fx.q2, 1).built("far", fx.q2, 0.05);
        b.flows.remove(3);
        b.flow("batch", fx.q2, "far", "b", 40);
        Evaluation ev = fx.evaluate(b.plan());
        String line = ev.violations().get("eligibility").get(0);
        assertTrue(line.contains("b banned in US") && line.contains("no throughput for batch"), line);
    }

    @Test
    void capacity() {
        // sp/a Q1: 90 / 10 = 9 servers at peak > 0.8 * 10 = 8
        PlanFixture.Builder b = fx.clean();
        b.flows.remove(0);
        b.flow("chat", fx.q1, "sp", "a", 90);
        assertOnly(fx.evaluate(b.plan()), "capacity");
    }

    @Test
    void roundOffIsNotAViolation() {
        // 80 * (1 + 1e-12) is within the 1e-9 relative tolerance of the capacity 80
        PlanFixture.Builder b = fx.clean();
        b.flows.remove(0);
        b.flow("chat", fx.q1, "sp", "a", 80 * (1 + 1e-12));
        assertTrue(fx.evaluate(b.plan()).feasible());
        // 80 * (1 + 1e-6) is not
        b.flows.remove(b.flows.size() - 1);
        b.flow("chat", fx.q1, "sp", "a", 80 * (1 + 1e-6));
        assertOnly(fx.evaluate(b.plan()), "capacity");
    }

    @Test
    void powerServersAboveBuiltMw() {
        // far Q2: 3 * 10 kW = 0.03 MW > 0.02 MW built
        assertOnly(fx.evaluate(fx.clean().built("far", fx.q2, 0.02).plan()), "power");
    }

    @Test
    void powerBuiltAboveMaxItMw() {
        // (capex 1.6M - 0.1M + 1.5 MW * 2e6 = 4.5M stays within the 5M budget)
        Evaluation ev = assertOnly(fx.evaluate(fx.clean().built("far", fx.q2, 1.5).plan()), "power");
        assertTrue(ev.violations().get("power").get(0).contains("max_it_mw"));
    }

    @Test
    void powerExpansionBeforeReady() {
        // sp may not expand before Q2: M[sp, Q1] = 1.1 > existing 1.0
        Evaluation ev = assertOnly(fx.evaluate(fx.clean().built("sp", fx.q1, 1.1).plan()), "power");
        assertTrue(ev.violations().get("power").get(0).contains("before expansion_ready 2026Q2"));
    }

    @Test
    void supply() {
        // b: 6 added in Q2 > supply 5 (power, capacity and budget still hold)
        Evaluation ev = assertOnly(fx.evaluate(fx.clean().installed("sp", "b", fx.q2, 6).plan()), "supply");
        assertTrue(ev.violations().get("supply").get(0).startsWith("b/2026Q2: 6 servers added"));
    }

    @Test
    void budget() {
        // 1,600,000 of capex in 2026 > budget 1,500,000
        PlanFixture tight = new PlanFixture(fx.q1, fx.q2, Map.of(2026, 1_500_000.0));
        assertOnly(tight.evaluate(tight.clean().plan()), "budget");
        // exactly the budget is fine
        PlanFixture exact = new PlanFixture(fx.q1, fx.q2, Map.of(2026, 1_600_000.0));
        assertTrue(exact.evaluate(exact.clean().plan()).feasible());
    }

    @Test
    void noOverServing() {
        // batch Q2: 45 > peak 40 (capacity 0.8 * 3 * 20 = 48 still holds)
        PlanFixture.Builder b = fx.clean();
        b.flows.remove(3);
        b.flow("batch", fx.q2, "far", "a", 45);
        assertOnly(fx.evaluate(b.plan()), "no_over_serving");
    }

    @Test
    void installedAtLeastExistingCountsAMissingEntryAsZero() {
        // sp/a Q1 left out of the map: I = 0 < 10 existing (and then the Q1 flow has no capacity)
        Evaluation ev = assertOnly(fx.evaluate(fx.clean().installed("sp", "a", fx.q1, null).plan()),
                "capacity", "installed_at_least_existing");
        assertTrue(ev.violations().get("installed_at_least_existing").get(0).contains("absent from the plan"));
    }

    @Test
    void installedNonDecreasing() {
        // far/a: 4 in Q1, 3 in Q2 (M[far, Q1] raised to 0.05 so power holds)
        assertOnly(fx.evaluate(fx.clean().installed("far", "a", fx.q1, 4).built("far", fx.q1, 0.05).plan()),
                "installed_non_decreasing");
    }

    @Test
    void itMwAtLeastExisting() {
        assertOnly(fx.evaluate(fx.clean().built("sp", fx.q1, 0.9).plan()), "it_mw_at_least_existing");
    }

    @Test
    void itMwNonDecreasing() {
        assertOnly(fx.evaluate(fx.clean().built("far", fx.q1, 0.06).plan()), "it_mw_non_decreasing");
    }

    @Test
    void negativeFlowAndUnknownKeys() {
        assertOnly(fx.evaluate(fx.clean().flow("chat", fx.q2, "sp", "a", -1).plan()), "flow_non_negative");
        assertOnly(fx.evaluate(fx.clean().flow("chat", fx.q2, "mars", "a", 1).plan()), "unknown_keys");
        assertOnly(fx.evaluate(fx.clean().installed("sp", "a", Quarter.parse("2030Q1"), 10).plan()), "unknown_keys");
    }

    @Test
    void invalidDemandIsAnInputError() {
        List<DemandCell> bad = List.of(new DemandCell("nowhere", "chat", fx.q1, 1, 1));
        assertThrows(InputException.class, () -> PlanEvaluator.evaluate(fx.model(), bad, fx.clean().plan()));
    }

    @Test
    void warnsWhenAFlowsAverageDisagreesWithTheDemand() {
        PlanFixture.Builder b = fx.clean();
        b.flows.add(new Plan.Flow("br", "chat", fx.q2, "sp", "b", 0, 5)); // avg 5 on top of 60, expected 60
        Evaluation ev = fx.evaluate(b.plan());
        assertTrue(ev.feasible());
        assertEquals(1, ev.warnings().size(), ev.warnings().toString());
    }

    @Test
    void bindingLimits() {
        // clean plan: b adds exactly its supply of 5 in Q2 -> supply binds; nothing else
        Evaluation ev = fx.evaluate(fx.clean().plan());
        assertEquals(List.of("supply"), ev.bindingLimits().stream().map(BindingLimit::kind).toList());
        BindingLimit s = ev.bindingLimits().get(0);
        assertEquals("b", s.chip());
        assertEquals(fx.q2, s.quarter());
        // budget of 1,650,000: 50,000 left < cheapest server 100,000 -> budget binds
        PlanFixture tight = new PlanFixture(fx.q1, fx.q2, Map.of(2026, 1_650_000.0));
        assertTrue(tight.evaluate(tight.clean().plan()).bindingLimits().stream()
                .anyMatch(l -> l.kind().equals("budget") && l.year() == 2026));
        // far Q2 with 99 a servers: 0.99 MW of a 1.0 MW ceiling, 10 kW left = one server of the largest kind -> not binding;
        // with 100: 0 kW left -> binding
        PlanFixture rich = new PlanFixture(fx.q1, fx.q2, Map.of());
        assertFalse(rich.evaluate(rich.clean().installed("far", "a", fx.q2, 99).built("far", fx.q2, 1.0).plan())
                .bindingLimits().stream().anyMatch(l -> l.kind().equals("power")));
        Evaluation full = rich.evaluate(rich.clean().installed("far", "a", fx.q2, 100).built("far", fx.q2, 1.0).plan());
        assertTrue(full.feasible(), full.violations().toString());
        assertTrue(full.bindingLimits().stream().anyMatch(l -> l.kind().equals("power") && l.site().equals("far")));
    }

    @Test
    void aChipsSupplyBindsOnlyWhenThePlanBuysThatChip() {
        // b has no supply from Q2 on; the plan without b buys none: the zero supply holds nothing back
        dcplan.model.PlanningModel m = fx.model();
        List<dcplan.model.Chip> noB = m.chips().stream().map(c -> c.id().equals("b") ? new dcplan.model.Chip(c.id(),
                c.vendor(), c.domestic(), c.serverPriceUsd(), c.serverKw(), c.idleFraction(), c.amortizationQuarters(),
                c.throughputIps(), new dcplan.model.Chip.Supply(0L, Map.of(fx.q1, 5L)), c.bannedJurisdictions()) : c).toList();
        dcplan.model.PlanningModel model = new dcplan.model.PlanningModel(m.regions(), m.workloads(), m.sites(), noB, m.policy());
        PlanFixture.Builder withoutB = fx.clean().installed("sp", "b", fx.q2, null);
        withoutB.flows.removeIf(f -> f.chip().equals("b"));
        Evaluation ev = PlanEvaluator.evaluate(model, fx.demand(), withoutB.plan());
        assertTrue(ev.feasible(), ev.violations().toString());
        assertFalse(ev.bindingLimits().stream().anyMatch(l -> "b".equals(l.chip())), ev.bindingLimits().toString());
        // one b server bought in Q1: now the zero supply from Q2 on is a limit of the plan
        PlanFixture.Builder oneB = fx.clean().installed("sp", "b", fx.q1, 1).installed("sp", "b", fx.q2, 1);
        oneB.flows.removeIf(f -> f.chip().equals("b"));
        Evaluation bought = PlanEvaluator.evaluate(model, fx.demand(), oneB.plan());
        assertTrue(bought.bindingLimits().stream().anyMatch(l -> "b".equals(l.chip()) && l.kind().equals("supply")
                && l.quarter().equals(fx.q2)), bought.bindingLimits().toString());
    }

    @Test
    void whyARegionIsShort() {
        // chat Q1 is 20 ips short; its eligible options are sp/a (full: 80 of 80) and sp/b (none installed),
        // and no limit stops adding servers there -> the plan is not optimal
        Evaluation ev = fx.evaluate(fx.clean().plan());
        List<String> reasons = ev.shortRegions().get(0).reasons();
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("chat 2026Q1: sp/a: no limit binds"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("chat 2026Q1: sp/b: no limit binds"), reasons.get(1));
        // one b server installed in Q1 (and its 5 kW within the existing MW): spare capacity is not a limit
        PlanFixture.Builder spare = fx.clean().installed("sp", "b", fx.q1, 1);
        List<String> r2 = fx.evaluate(spare.plan()).shortRegions().get(0).reasons();
        assertTrue(r2.stream().anyMatch(r -> r.contains("sp/b: spare capacity for 32 ips")), r2.toString());
        // supply of a and b used up in Q1 (a: 0 per quarter, b: 0 in Q1) and sp/a full: the supply limits bind
        dcplan.model.PlanningModel m = fx.model();
        List<dcplan.model.Chip> capped = m.chips().stream().map(c -> new dcplan.model.Chip(c.id(), c.vendor(), c.domestic(),
                c.serverPriceUsd(), c.serverKw(), c.idleFraction(), c.amortizationQuarters(), c.throughputIps(),
                new dcplan.model.Chip.Supply(c.id().equals("a") ? 100L : 5L, Map.of(fx.q1, 0L)), c.bannedJurisdictions())).toList();
        dcplan.model.PlanningModel cappedModel = new dcplan.model.PlanningModel(m.regions(), m.workloads(), m.sites(), capped, m.policy());
        List<String> r3 = PlanEvaluator.evaluate(cappedModel, fx.demand(), fx.clean().plan()).shortRegions().get(0).reasons();
        assertEquals(List.of("chat 2026Q1: sp/a: supply of a (0 servers in 2026Q1)",
                "chat 2026Q1: sp/b: supply of b (0 servers in 2026Q1)"), r3);
        // a region whose residency no site has: no eligible site, also listed as a binding limit
        dcplan.model.Region fr = new dcplan.model.Region("br", "Brazil", List.of("BR"), List.of("FR"), Map.of());
        dcplan.model.PlanningModel nowhere = new dcplan.model.PlanningModel(List.of(fr), m.workloads(), m.sites(), m.chips(), m.policy());
        PlanFixture.Builder empty = fx.clean();
        empty.flows.clear();
        Evaluation none = PlanEvaluator.evaluate(nowhere, fx.demand(), empty.plan());
        assertTrue(none.feasible(), none.violations().toString());
        assertTrue(none.shortRegions().get(0).reasons().get(0).startsWith("chat 2026Q1: no eligible site"));
        assertEquals(3, none.bindingLimits().stream().filter(l -> l.kind().equals("no_eligible_site")).count());
        assertEquals(0.0, none.servedInferences());
        // unmet: chat Q1 100*0.5 + chat Q2 200*0.5 + batch Q2 40*1 = 190 avg ips for a quarter
        assertEquals(190 * 2190.0 * 3600.0, none.unmetInferences(), 1e-6);
    }
}
