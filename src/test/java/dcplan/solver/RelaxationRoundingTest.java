package dcplan.solver;

import dcplan.TinyModel;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpStatus;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link RelaxationRounding} on relaxations written by hand, for the rules of contract version 2:
 * whole phases, lead times, commitments. One site s (XX), chip c of 10 kW ({@link TinyModel}),
 * horizon 2026Q1-2026Q2.
 */
class RelaxationRoundingTest {
    static final Quarter Q1 = Quarter.parse("2026Q1");
    static final Quarter Q2 = Quarter.parse("2026Q2");

    /** A relaxation with I[s,c,q] = {@code servers[q]} and M[s,q] = {@code mw[q]}, no flows. */
    static LpResult relaxation(double[] servers, double[] mw) {
        Map<Plan.SiteChipQuarter, Double> installed = new HashMap<>();
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        List<Quarter> qs = List.of(Q1, Q2);
        for (int q = 0; q < 2; q++) {
            installed.put(new Plan.SiteChipQuarter("s", "c", qs.get(q)), servers[q]);
            built.put(new Plan.SiteQuarter("s", qs.get(q)), mw[q]);
        }
        return new LpResult(new Plan(List.of(), Map.of(), Map.of()), installed, built, 0, 0, 0, null, LpStatus.OPTIMAL,
                true, false, 0, "");
    }

    static Plan rounded(PlanningModel model, LpResult lp) {
        return RelaxationRounding.roundedUp(model, lp, HeldLevels.of(model, Commitments.NONE));
    }

    static TinyModel phased(double existingMw, double phaseMw) {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", existingMw, existingMw + 8, 1e6, Map.of())
                .chip("c", 100_000, 100, null, List.of());
        m.sites.set(0, m.sites.get(0).withCommitments(0, phaseMw));
        return m;
    }

    /** 99.5 servers on 0.995 MW round up to 100 servers on one whole phase of 4 MW (not 1 MW). */
    @Test
    void mwRoundUpToWholePhases() {
        PlanningModel m = phased(0, 4).build();
        Plan p = rounded(m, relaxation(new double[]{99.5, 99.5}, new double[]{0.995, 0.995}));
        assertEquals(100, p.installed().get(new Plan.SiteChipQuarter("s", "c", Q1)));
        assertEquals(4.0, p.itMwBuilt().get(new Plan.SiteQuarter("s", Q1)), 1e-12);
    }

    /**
     * The relaxation used all of the 1 MW that exist (100.4 servers): rounding to 101 would need
     * 1.01 MW, a whole 4 MW phase the relaxation never paid for; the rounded server is taken back.
     */
    @Test
    void aRoundedServerDoesNotBuyAWholePhase() {
        PlanningModel m = phased(1, 4).build();
        Plan p = rounded(m, relaxation(new double[]{100.4, 100.4}, new double[]{1.0, 1.0}));
        assertEquals(100, p.installed().get(new Plan.SiteChipQuarter("s", "c", Q2)));
        assertEquals(1.0, p.itMwBuilt().get(new Plan.SiteQuarter("s", Q2)), 1e-12);
    }

    /**
     * Supply 100 a quarter, 120 servers wanted in 2026Q2 by a chip ordered a quarter ahead: the
     * excess is not bought in 2026Q1 (before its first delivery, rule 4'), it is taken back.
     * Without the lead time it would be bought a quarter early, as version 1 does.
     */
    @Test
    void excessOverSupplyIsNotBoughtBeforeTheFirstDelivery() {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 10, 10, 0, Map.of()).chip("c", 100_000, 100, 100L, List.of());
        m.chips.set(0, m.chips.get(0).withOrderLead(1));
        Plan p = rounded(m.build(), relaxation(new double[]{0, 120}, new double[]{10, 10}));
        assertEquals(null, p.installed().get(new Plan.SiteChipQuarter("s", "c", Q1)), "nothing before the first delivery");
        assertEquals(100, p.installed().get(new Plan.SiteChipQuarter("s", "c", Q2)));

        TinyModel now = TinyModel.oneRegion().site("s", "XX", 10, 10, 0, Map.of()).chip("c", 100_000, 100, 100L, List.of());
        Plan early = rounded(now.build(), relaxation(new double[]{0, 120}, new double[]{10, 10}));
        assertEquals(20, early.installed().get(new Plan.SiteChipQuarter("s", "c", Q1)), "bought a quarter early");
    }

    /**
     * A what-if holding 50 servers added in 2026Q1 (decided at 2026Q2) and a power ceiling of 0.6
     * MW: rounding 60.5 servers in 2026Q2 up to 61 breaks power, so one is taken back in 2026Q2;
     * the held 50 in 2026Q1 are never touched, even where they are all the site has.
     */
    @Test
    void heldServersAreKeptExactly() {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 0.6, 0.6, 0, Map.of()).chip("c", 100_000, 100, null, List.of());
        PlanningModel model = m.build();
        Plan baseline = new Plan(List.of(), Map.of(new Plan.SiteChipQuarter("s", "c", Q1), 50,
                new Plan.SiteChipQuarter("s", "c", Q2), 50), Map.of());
        Commitments held = Commitments.of(model, baseline, model, Q2);
        Plan p = RelaxationRounding.roundedUp(model, relaxation(new double[]{50, 60.5}, new double[]{0.6, 0.6}),
                HeldLevels.of(model, held));
        assertEquals(50, p.installed().get(new Plan.SiteChipQuarter("s", "c", Q1)));
        assertEquals(60, p.installed().get(new Plan.SiteChipQuarter("s", "c", Q2)));
    }
}
