package dcplan.solver;

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
 * {@link PlanTrimming#trimmed} with the rules of contract version 2: the fewest servers and MW
 * for the flows, in whole phases, never below what a what-if holds. One site s (XX), chip c of
 * 10 kW, 100 ips (80 ips per installed server at u = 0.8), horizon 2026Q1-2026Q2.
 */
class PlanTrimmingTest {
    static final Quarter Q1 = Quarter.parse("2026Q1");
    static final Quarter Q2 = Quarter.parse("2026Q2");

    static Plan.Flow flow(Quarter q, double peak) {
        return new Plan.Flow("r", "chat", q, "s", "c", peak, peak / 2);
    }

    /** 800 ips need 10 servers, 0.1 MW: one whole phase of 0.25 MW above the 0.05 MW existing. */
    @Test
    void mwTrimmedToWholePhases() {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 0.05, 1, 1e6, Map.of()).chip("c", 100_000, 100, null, List.of());
        m.sites.set(0, m.sites.get(0).withCommitments(0, 0.25));
        PlanningModel model = m.build();
        Plan plan = new Plan(List.of(flow(Q1, 800)), Map.of(new Plan.SiteChipQuarter("s", "c", Q1), 30), Map.of());
        Plan t = PlanTrimming.trimmed(model, plan, HeldLevels.of(model, Commitments.NONE));
        assertEquals(10, t.installed().get(new Plan.SiteChipQuarter("s", "c", Q1)));
        assertEquals(0.30, t.itMwBuilt().get(new Plan.SiteQuarter("s", Q1)), 1e-12);
    }

    /**
     * A what-if holds 50 servers and 1 MW added in 2026Q1 (decided at 2026Q2, nothing built or
     * ordered ahead); its flows need 10 servers: trimming keeps the 50 and the MW in both quarters.
     */
    @Test
    void heldServersAndMwAreNotTrimmed() {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 0, 2, 1e6, Map.of()).chip("c", 100_000, 100, null, List.of());
        PlanningModel model = m.build();
        Plan baseline = new Plan(List.of(), Map.of(new Plan.SiteChipQuarter("s", "c", Q1), 50,
                new Plan.SiteChipQuarter("s", "c", Q2), 50),
                Map.of(new Plan.SiteQuarter("s", Q1), 1.0, new Plan.SiteQuarter("s", Q2), 1.0));
        HeldLevels held = HeldLevels.of(model, Commitments.of(model, baseline, model, Q2));
        Plan plan = new Plan(List.of(flow(Q1, 800), flow(Q2, 800)), baseline.installed(), baseline.itMwBuilt());
        Plan t = PlanTrimming.trimmed(model, plan, held);
        assertEquals(50, t.installed().get(new Plan.SiteChipQuarter("s", "c", Q2)));
        assertEquals(1.0, t.itMwBuilt().get(new Plan.SiteQuarter("s", Q2)), 1e-12);
        assertEquals(10, PlanTrimming.trimmed(model, plan, HeldLevels.of(model, Commitments.NONE)).installed()
                .get(new Plan.SiteChipQuarter("s", "c", Q2)), "without the commitments: the fewest servers");
    }
}
