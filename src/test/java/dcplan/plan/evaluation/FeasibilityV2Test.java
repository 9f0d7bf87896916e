package dcplan.plan.evaluation;

import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import dcplan.plan.PlanFixtureV2;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dcplan.plan.PlanFixtureV2.Q3;
import static dcplan.plan.PlanFixtureV2.Q4;
import static dcplan.plan.PlanFixtureV2.Q5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The version-2 rules of {@link Feasibility} (contract, "Commitments and lead times"), one test
 * each, named after the rule, on the hand case of {@link PlanFixtureV2}: its clean plan breaks
 * no rule, and a change worked out by hand breaks the rule under test with the expected line.
 */
class FeasibilityV2Test {
    final PlanFixtureV2 fx = PlanFixtureV2.standard();

    PlanArrays read(PlanFixtureV2 fixture, Plan plan) {
        return PlanArrays.read(new ModelIndex(fixture.model(), fixture.demand()), plan);
    }

    List<String> lines(Function<PlanArrays, List<String>> rule, PlanFixtureV2.Builder plan) {
        return rule.apply(read(fx, plan.plan()));
    }

    @Test
    void cleanPlanBreaksNoRule() {
        Plan clean = fx.clean().plan();
        Map<String, List<String>> v = Feasibility.violations(clean, read(fx, clean), CapexCash.byYear(read(fx, clean)));
        assertEquals(Feasibility.CONSTRAINTS, List.copyOf(v.keySet()));
        assertTrue(v.values().stream().allMatch(List::isEmpty), v.toString());
    }

    @Test
    void phases() {
        // 1.5 MW from 2027Q1: existing 1.0 plus one whole phase of 0.5 MW
        assertEquals(List.of(), lines(Feasibility::phases, fx.clean().built(1.0, 1.0, 1.5, 1.5)));
        // 1.25 MW: half a phase, in both quarters it is built
        assertEquals(List.of("sp/2027Q1: it_mw_built 1.25 MW is existing_it_mw 1.0 MW plus 0.5 phases of 0.5 MW, not a whole number",
                        "sp/2027Q2: it_mw_built 1.25 MW is existing_it_mw 1.0 MW plus 0.5 phases of 0.5 MW, not a whole number"),
                lines(Feasibility::phases, fx.clean().built(1.0, 1.0, 1.25, 1.25)));
        // round-off of a whole phase is not a violation
        assertEquals(List.of(), lines(Feasibility::phases, fx.clean().built(1.0, 1.0, 1.5 + 1e-12, 2.0 - 1e-12)));
    }

    @Test
    void power() {
        // rule 3': with build_quarters 2 nothing beyond the existing MW is usable before 2026Q3 + 2 = 2027Q1
        assertEquals(List.of(), lines(Feasibility::power, fx.clean().built(1.0, 1.0, 1.5, 1.5)));
        assertEquals(List.of("sp/2026Q4: it_mw_built 1.5 MW must equal existing_it_mw 1.0 MW before"
                        + " 2027Q1 (the horizon's first quarter plus build_quarters 2)"),
                lines(Feasibility::power, fx.clean().built(1.0, 1.5, 1.5, 1.5)));
    }

    @Test
    void orderLeadTime() {
        // a has order_lead_quarters 1: nothing can be added in 2026Q3, the first quarter
        assertEquals(List.of("sp/a/2026Q3: 1 servers added before 2026Q4 (the horizon's first quarter plus order_lead_quarters 1)"),
                lines(Feasibility::orderLeadTime, fx.clean().installed("a", 11, 11, 11, 11)));
        // from 2026Q4 on it can; b (lead 0) can from the first quarter
        assertEquals(List.of(), lines(Feasibility::orderLeadTime, fx.clean().installed("a", 10, 11, 11, 11)));
        assertEquals(List.of(), lines(Feasibility::orderLeadTime, fx.clean().installed("b", 2, 2, 2, 2)));
        // a fall of I is installed_non_decreasing's, not an order
        assertEquals(List.of(), lines(Feasibility::orderLeadTime, fx.clean().installed("a", 10, 10, 10, 10)));
    }

    @Test
    void budgetCountsConstructionCashInTheYearItIsPaid() {
        // 1 MW (two phases) usable from 2027Q1, build_quarters 2: 1,000,000 USD paid 500,000 in
        // 2026Q3 and 500,000 in 2026Q4. The 2026 budget sees all of it, 2027's none.
        PlanFixtureV2.Builder plan = fx.clean().built(1.0, 1.0, 2.0, 2.0);
        PlanFixtureV2 tight2026 = new PlanFixtureV2(Map.of(2026, 900_000.0, 2027, 10_000_000.0), null);
        assertEquals(List.of("2026: capex 1000000.0 USD (servers 0.0, facility 1000000.0) > budget 900000.0 USD"),
                Feasibility.budget(CapexCash.byYear(read(tight2026, plan.plan()))));
        PlanFixtureV2 none2027 = new PlanFixtureV2(Map.of(2026, 1_000_000.0, 2027, 0.0), null);
        assertEquals(List.of(), Feasibility.budget(CapexCash.byYear(read(none2027, plan.plan()))));
    }

    @Test
    void commitments() {
        // decided_until 2027Q1: a's orders (lead 1) held up to 2027Q1, b's (lead 0) up to 2026Q4,
        // dM (build 2) up to 2027Q2. Held: 1 a added in 2026Q4, 0.5 MW usable from 2027Q1.
        Commitments held = new Commitments(Q5,
                Map.of(new Plan.SiteChipQuarter("sp", "a", Q3), 0, new Plan.SiteChipQuarter("sp", "a", Q4), 1),
                Map.of(new Plan.SiteQuarter("sp", Q5), 0.5), List.of());
        PlanFixtureV2.Builder keeps = fx.clean().installed("a", 10, 11, 11, 12).built(1.0, 1.0, 1.5, 1.5);
        assertEquals(List.of(), Feasibility.commitments(read(fx, keeps.plan()), held));
        assertEquals(List.of(), Feasibility.commitments(read(fx, fx.clean().plan()), Commitments.NONE));
        // an a added in 2027Q1 that was not ordered before decided_until, and no construction
        PlanFixtureV2.Builder changes = fx.clean().installed("a", 10, 11, 12, 12).built(1.0, 1.0, 1.0, 1.0);
        assertEquals(List.of("added sp/a/2027Q1 = 1 but 0 were committed (ordered in 2026Q4, before decided_until 2027Q1)",
                        "it_mw_built sp/2027Q1 adds 0.0 MW but 0.5 MW were committed (construction from 2026Q3,"
                                + " before decided_until 2027Q1)"),
                Feasibility.commitments(read(fx, changes.plan()), held));
        // a commitment the model cannot hold is a violation of its own
        Commitments orphan = new Commitments(Q5, Map.of(), Map.of(), List.of("3 servers of x at sp in 2026Q4 were committed,"
                + " but the what-if has no chip x"));
        assertEquals(orphan.orphans(), Feasibility.commitments(read(fx, fx.clean().plan()), orphan));
    }
}
