package dcplan.plan.evaluation;

import dcplan.model.Quarter;
import dcplan.plan.Evaluation.YearCapex;
import dcplan.plan.Plan;
import dcplan.plan.PlanFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per method of {@link Feasibility}, named after it, on the hand case of
 * {@link PlanFixture}: the clean plan breaks no rule, and a change worked out by hand breaks
 * exactly the rule under test with exactly the expected line.
 */
class FeasibilityTest {
    final PlanFixture fx = PlanFixture.standard();

    PlanArrays read(PlanFixture fixture, Plan plan) {
        return PlanArrays.read(new ModelIndex(fixture.model(), fixture.demand()), plan);
    }

    /** The rule's lines for the plan {@code plan} builds. */
    List<String> lines(Function<PlanArrays, List<String>> rule, PlanFixture.Builder plan) {
        return rule.apply(read(fx, plan.plan()));
    }

    @Test
    void violationsListEveryConstraintInOrder() {
        Plan clean = fx.clean().plan();
        Map<String, List<String>> v = Feasibility.violations(clean, read(fx, clean), CapexCash.byYear(read(fx, clean)));
        assertEquals(Feasibility.CONSTRAINTS, List.copyOf(v.keySet()));
        assertTrue(v.values().stream().allMatch(List::isEmpty), v.toString());
    }

    @Test
    void unknownKeys() {
        Plan clean = fx.clean().plan();
        assertEquals(List.of(), Feasibility.unknownKeys(clean, new ModelIndex(fx.model(), fx.demand())));
        Plan bad = fx.clean().flow("chat", fx.q2, "mars", "a", 1)
                .installed("sp", "a", Quarter.parse("2030Q1"), 10)
                .built("mars", fx.q1, 1.0).plan();
        assertEquals(List.of("flow br/chat/2026Q2 at mars/a: unknown site 'mars'",
                        "installed sp/a/2030Q1: unknown site, chip or quarter outside the horizon",
                        "it_mw_built mars/2026Q1: unknown site or quarter outside the horizon"),
                Feasibility.unknownKeys(bad, new ModelIndex(fx.model(), fx.demand())));
    }

    @Test
    void flowNonNegative() {
        ModelIndex ix = new ModelIndex(fx.model(), fx.demand());
        assertEquals(List.of(), Feasibility.flowNonNegative(fx.clean().plan(), ix));
        // a negative flow with an unknown key is an unknown key, not reported twice
        Plan bad = fx.clean().flow("chat", fx.q2, "sp", "a", -1)
                .flow("chat", fx.q2, "sp", "b", Double.POSITIVE_INFINITY)
                .flow("chat", fx.q2, "mars", "a", -1).plan();
        assertEquals(List.of("flow br/chat/2026Q2 at sp/a: flow -1.0 ips must be finite and >= 0",
                "flow br/chat/2026Q2 at sp/b: flow Infinity ips must be finite and >= 0"), Feasibility.flowNonNegative(bad, ix));
    }

    @Test
    void eligibility() {
        assertEquals(List.of(), lines(Feasibility::eligibility, fx.clean()));
        // far is 150 ms from br, chat's SLO is 100 ms; a zero flow there is no violation
        assertEquals(List.of(), lines(Feasibility::eligibility, fx.clean().flow("chat", fx.q2, "far", "a", 0)));
        assertEquals(List.of("flow br/chat/2026Q2 at far/a = 0.4 ips but the option is not eligible: latency 150.0 ms > SLO 100.0 ms"),
                lines(Feasibility::eligibility, fx.clean().flow("chat", fx.q2, "far", "a", 0.4)));
    }

    @Test
    void capacity() {
        assertEquals(List.of(), lines(Feasibility::capacity, fx.clean()));
        // sp/a Q1: 80 + 10 = 90 ips / 10 = 9 servers at peak > 0.8 * 10 = 8
        assertEquals(List.of("sp/a/2026Q1: flows need 9.0 servers at peak > u * I = 0.8 * 10 = 8.0"),
                lines(Feasibility::capacity, fx.clean().flow("chat", fx.q1, "sp", "a", 10)));
        // 80 * 1e-12 more is round-off, not a violation
        assertEquals(List.of(), lines(Feasibility::capacity, fx.clean().flow("chat", fx.q1, "sp", "a", 80e-12)));
    }

    @Test
    void power() {
        assertEquals(List.of(), lines(Feasibility::power, fx.clean()));
        // far Q2: 3 a servers * 10 kW = 0.03 MW > 0.02 MW built
        assertEquals(List.of("far/2026Q2: servers draw 0.03 MW > it_mw_built 0.02 MW"),
                lines(Feasibility::power, fx.clean().built("far", fx.q2, 0.02)));
        assertEquals(List.of("far/2026Q2: it_mw_built 1.5 MW > max_it_mw 1.0 MW"),
                lines(Feasibility::power, fx.clean().built("far", fx.q2, 1.5)));
        assertEquals(List.of("sp/2026Q1: it_mw_built 1.1 MW must equal existing_it_mw 1.0 MW before expansion_ready 2026Q2"),
                lines(Feasibility::power, fx.clean().built("sp", fx.q1, 1.1)));
    }

    @Test
    void supply() {
        assertEquals(List.of(), lines(Feasibility::supply, fx.clean()));
        // b: none before, 6 installed at sp in Q2 > supply 5
        assertEquals(List.of("b/2026Q2: 6 servers added over all sites > supply 5"),
                lines(Feasibility::supply, fx.clean().installed("sp", "b", fx.q2, 6)));
    }

    @Test
    void budget() {
        assertEquals(List.of("2026: capex 1.5 USD (servers 1.0, facility 0.5) > budget 1.4 USD"),
                Feasibility.budget(List.of(new YearCapex(2026, 1.0, 0.5, 1.4))));
        // 1e-4 USD over a 1e6 budget is round-off (1e-9 relative)
        assertEquals(List.of(), Feasibility.budget(List.of(new YearCapex(2027, 1e6, 0, 1e6 - 1e-4))));
        // the clean plan's 1.6M of 2026 capex within 5M, not within 1.5M
        assertEquals(List.of(), Feasibility.budget(CapexCash.byYear(read(fx, fx.clean().plan()))));
        PlanFixture tight = new PlanFixture(fx.q1, fx.q2, Map.of(2026, 1_500_000.0));
        List<String> lines = Feasibility.budget(CapexCash.byYear(read(tight, tight.clean().plan())));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("2026: capex 1600000") && lines.get(0).endsWith("> budget 1500000.0 USD"), lines.get(0));
    }

    @Test
    void noOverServing() {
        assertEquals(List.of(), lines(Feasibility::noOverServing, fx.clean()));
        // batch Q2: 40 + 5 > peak 40; batch Q1 has no demand cell, so any flow over-serves it
        assertEquals(List.of("br/batch/2026Q1: flows sum to 1.0 ips > peak_ips 0.0 (no demand cell)",
                        "br/batch/2026Q2: flows sum to 45.0 ips > peak_ips 40.0"),
                lines(Feasibility::noOverServing, fx.clean().flow("batch", fx.q2, "far", "a", 5)
                        .flow("batch", fx.q1, "far", "a", 1)));
    }

    @Test
    void installedAtLeastExisting() {
        assertEquals(List.of(), lines(Feasibility::installedAtLeastExisting, fx.clean()));
        assertEquals(List.of("installed sp/a/2026Q1 = 9 < existing_servers 10"),
                lines(Feasibility::installedAtLeastExisting, fx.clean().installed("sp", "a", fx.q1, 9)));
        assertEquals(List.of("installed sp/a/2026Q1 = 0 < existing_servers 10"
                        + " (absent from the plan, counted as 0: a plan must list existing servers)"),
                lines(Feasibility::installedAtLeastExisting, fx.clean().installed("sp", "a", fx.q1, null)));
    }

    @Test
    void installedNonDecreasing() {
        assertEquals(List.of(), lines(Feasibility::installedNonDecreasing, fx.clean()));
        assertEquals(List.of("installed far/a falls from 4 in 2026Q1 to 3 in 2026Q2"),
                lines(Feasibility::installedNonDecreasing, fx.clean().installed("far", "a", fx.q1, 4)));
    }

    @Test
    void itMwAtLeastExisting() {
        assertEquals(List.of(), lines(Feasibility::itMwAtLeastExisting, fx.clean()));
        assertEquals(List.of("it_mw_built sp/2026Q1 = 0.9 MW < existing_it_mw 1.0"),
                lines(Feasibility::itMwAtLeastExisting, fx.clean().built("sp", fx.q1, 0.9)));
    }

    @Test
    void itMwNonDecreasing() {
        assertEquals(List.of(), lines(Feasibility::itMwNonDecreasing, fx.clean()));
        assertEquals(List.of("it_mw_built far falls from 0.06 MW in 2026Q1 to 0.05 MW in 2026Q2"),
                lines(Feasibility::itMwNonDecreasing, fx.clean().built("far", fx.q1, 0.06)));
    }
}
