package dcplan.solver;

import dcplan.TinyModel;
import dcplan.model.PlanningModel;
import dcplan.model.DemandCell;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-worked trims. Chip A: 100 ips per server, 10 kW; u = 0.8, so 8000 peak ips need
 * 8000 / (100 * 0.8) = 100 servers and 1 MW; site s has 0.5 MW existing.
 */
class PlanTrimmingTest {
    static final Quarter Q1 = Quarter.parse("2026Q1");
    static final Quarter Q2 = Quarter.parse("2026Q2");

    static PlanningModel model() {
        return TinyModel.oneRegion().site("s", "XX", 0.5, 10, 1e6, Map.of()).chip("A", 10_000, 100, null, null).build();
    }

    static Plan.Flow flow(Quarter q, double peak) {
        return new Plan.Flow("r", "chat", q, "s", "A", peak, peak / 2);
    }

    /** 8000 then 4000 peak ips: 100 servers, kept in Q2 (never decreasing); MW 1.0 in both. */
    @Test
    void trimmedKeepsTheFewestServersNeverDecreasing() {
        Plan plan = new Plan(List.of(flow(Q1, 8000), flow(Q2, 4000)),
                Map.of(new Plan.SiteChipQuarter("s", "A", Q1), 130, new Plan.SiteChipQuarter("s", "A", Q2), 130),
                Map.of(new Plan.SiteQuarter("s", Q1), 1.3, new Plan.SiteQuarter("s", Q2), 1.3));
        Plan t = PlanTrimming.trimmed(model(), plan, HeldLevels.of(model(), Commitments.NONE));
        assertEquals(100, t.installed().get(new Plan.SiteChipQuarter("s", "A", Q1)));
        assertEquals(100, t.installed().get(new Plan.SiteChipQuarter("s", "A", Q2)));
        assertEquals(1.0, t.itMwBuilt().get(new Plan.SiteQuarter("s", Q1)));
        assertEquals(1.0, t.itMwBuilt().get(new Plan.SiteQuarter("s", Q2)));
        assertEquals(plan.flows(), t.flows());
    }

    /** 50 servers carry 4000 peak ips: the 8000 of Q1 is halved (a hair under); Q2's 4000 fits as is. */
    @Test
    void clippedToCapacityScalesOnlyWhatIsOver() {
        Plan plan = new Plan(List.of(flow(Q1, 8000), flow(Q2, 4000)),
                Map.of(new Plan.SiteChipQuarter("s", "A", Q1), 50, new Plan.SiteChipQuarter("s", "A", Q2), 50),
                Map.of());
        Plan c = PlanTrimming.clippedToCapacity(model(), plan);
        assertEquals(4000, c.flows().get(0).peakIps(), 1e-8);
        assertEquals(true, c.flows().get(0).peakIps() < 4000);
        assertEquals(2000, c.flows().get(0).avgIps(), 1e-8);
        assertEquals(4000, c.flows().get(1).peakIps());
    }

    /**
     * Chip A's supply is 100 servers a quarter; Q1 needs 0 servers, Q2 needs 150. The plan buys
     * 100 ahead in Q1 and 60 in Q2 (10 spare). {@code trimmed} moves the Q1 order to Q2 (150 added
     * in Q2, past the supply). Within supply, the 50 over it are bought in Q1 (50, then 150). In
     * place, the 10 servers spare in both quarters are cancelled from Q1's order (90, then 150).
     */
    @Test
    void trimsWithinSupplyAndInPlaceKeepTheSupplyThePlainTrimBreaks() {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 0.5, 10, 1e6, Map.of()).chip("A", 10_000, 100, 100L, null);
        PlanningModel model = m.build();
        Plan plan = new Plan(List.of(flow(Q2, 12_000)),
                Map.of(new Plan.SiteChipQuarter("s", "A", Q1), 100, new Plan.SiteChipQuarter("s", "A", Q2), 160),
                Map.of(new Plan.SiteQuarter("s", Q1), 1.0, new Plan.SiteQuarter("s", Q2), 1.6));
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q2", 12_000, 6_000));
        assertTrue(PlanEvaluator.evaluate(model, demand, plan).feasible());
        HeldLevels none = HeldLevels.of(model, Commitments.NONE);

        Evaluation plain = PlanEvaluator.evaluate(model, demand, PlanTrimming.trimmed(model, plan, none));
        assertFalse(plain.feasible(), "the plain trim buys 150 in Q2 where 100 may be delivered");

        Plan withinSupply = PlanTrimming.trimmedWithinSupply(model, plan, none);
        assertEquals(50, withinSupply.installed().get(new Plan.SiteChipQuarter("s", "A", Q1)));
        assertEquals(150, withinSupply.installed().get(new Plan.SiteChipQuarter("s", "A", Q2)));
        assertEquals(1.5, withinSupply.itMwBuilt().get(new Plan.SiteQuarter("s", Q2)), 1e-12);
        Plan inPlace = PlanTrimming.trimmedInPlace(model, plan, none);
        assertEquals(90, inPlace.installed().get(new Plan.SiteChipQuarter("s", "A", Q1)));
        assertEquals(150, inPlace.installed().get(new Plan.SiteChipQuarter("s", "A", Q2)));
        assertEquals(0.9, inPlace.itMwBuilt().get(new Plan.SiteQuarter("s", Q1)), 1e-12);
        assertEquals(1.5, inPlace.itMwBuilt().get(new Plan.SiteQuarter("s", Q2)), 1e-12);
        for (Plan trim : List.of(withinSupply, inPlace)) {
            Evaluation e = PlanEvaluator.evaluate(model, demand, trim);
            assertTrue(e.feasible(), () -> e.violations().toString());
        }
        assertTrue(PlanEvaluator.evaluate(model, demand, withinSupply).totalCostUsd()
                < PlanEvaluator.evaluate(model, demand, inPlace).totalCostUsd());
        assertEquals(List.of("trimmed", "trimmed within supply", "trimmed in place"),
                List.copyOf(PlanTrimming.trims(model, plan, none).keySet()));
    }

    /**
     * Horizon 2026Q3-2027Q1, supply 100 a quarter, 2027's budget 1.3 M USD. Only 2027Q1 needs
     * servers (150); the plan buys 100 in 2026Q3 and 60 more in 2027Q1 (1.2 M USD of 2027's cash
     * with their 0.6 MW). Within supply buys 50 in 2026Q4 and 100 in 2027Q1: 2.0 M USD in 2027,
     * over its budget. In place cancels 10 of 2026Q3's order and keeps 2027's cash at 1.2 M.
     */
    @Test
    void trimInPlaceKeepsAYearsBudgetWhereTheTrimWithinSupplyBreaksIt() {
        Quarter q3 = Quarter.parse("2026Q3");
        Quarter q4 = Quarter.parse("2026Q4");
        Quarter q5 = Quarter.parse("2027Q1");
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 0.5, 10, 1e6, Map.of()).chip("A", 10_000, 100, 100L, null);
        m.from = q3;
        m.to = q5;
        m.budgets.put(2026, 1e9);
        m.budgets.put(2027, 1.3e6);
        PlanningModel model = m.build();
        Plan plan = new Plan(List.of(flow(q5, 12_000)),
                Map.of(new Plan.SiteChipQuarter("s", "A", q3), 100, new Plan.SiteChipQuarter("s", "A", q4), 100,
                        new Plan.SiteChipQuarter("s", "A", q5), 160),
                Map.of(new Plan.SiteQuarter("s", q3), 1.0, new Plan.SiteQuarter("s", q4), 1.0, new Plan.SiteQuarter("s", q5), 1.6));
        List<DemandCell> demand = List.of(TinyModel.cell("2027Q1", 12_000, 6_000));
        Evaluation original = PlanEvaluator.evaluate(model, demand, plan);
        assertTrue(original.feasible(), () -> original.violations().toString());
        HeldLevels none = HeldLevels.of(model, Commitments.NONE);

        Plan withinSupply = PlanTrimming.trimmedWithinSupply(model, plan, none);
        assertEquals(50, withinSupply.installed().get(new Plan.SiteChipQuarter("s", "A", q4)));
        Evaluation broken = PlanEvaluator.evaluate(model, demand, withinSupply);
        assertFalse(broken.feasible());
        assertEquals(List.of("budget"), broken.violations().entrySet().stream()
                .filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList());

        Plan inPlace = PlanTrimming.trimmedInPlace(model, plan, none);
        assertEquals(90, inPlace.installed().get(new Plan.SiteChipQuarter("s", "A", q3)));
        assertEquals(150, inPlace.installed().get(new Plan.SiteChipQuarter("s", "A", q5)));
        Evaluation kept = PlanEvaluator.evaluate(model, demand, inPlace);
        assertTrue(kept.feasible(), () -> kept.violations().toString());
    }

    /**
     * Levels 130, 130, 200 from 0 with spare 30, 50, 10: the 30 of Q1 may go only if they are spare
     * later too (min 10 from Q1 on, so 10), then up to 10 more with each addition, capped by the
     * spare from there on (Q2 adds nothing: 10; Q3 adds 70, spare 10: 10).
     */
    @Test
    void cancelledNeverExceedsALaterQuartersSpareNorMovesAnAdditionLater() {
        assertArrayEquals(new double[]{120, 120, 190},
                PlanTrimming.cancelled(new double[]{130, 130, 200}, 0, new double[]{30, 50, 10}), 1e-12);
        assertArrayEquals(new double[]{100, 120, 150},
                PlanTrimming.cancelled(new double[]{100, 130, 160}, 100, new double[]{0, 30, 10}), 1e-12,
                "nothing added in Q1, nothing cancelled there; from Q2 on at most 10 are spare");
    }
}
