package dcplan.solver;

import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.TinyModel;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
