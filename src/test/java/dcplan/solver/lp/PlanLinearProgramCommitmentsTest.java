package dcplan.solver.lp;

import dcplan.CommitmentModels;
import dcplan.TinyModel;
import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dcplan.CommitmentModels.cells;
import static dcplan.CommitmentModels.orderLeadModel;
import static dcplan.CommitmentModels.phasedSite;
import static dcplan.CommitmentModels.strandingModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LP and the MIP on contract version 2 ("Commitments and lead times"), optima worked out by
 * hand on {@link CommitmentModels}. Common ground ({@link TinyModel}): region r, workload chat, u = 0.8, PUE 1, 100 USD/MWh
 * (219 USD per kW-quarter). Demand cells are peak 8000 / avg 4000 ips. Chips are 10 kW, idle 0.5,
 * amortised over 20 quarters:
 * <ul>
 *   <li>A: 100,000 USD, 100 ips: 100 servers (1 MW); per quarter capex 500,000, idle 100 x 1095 =
 *       109,500, busy 40 x 1095 = 43,800: 653,300;</li>
 *   <li>B: 50,000 USD, 80 ips: 125 servers; per quarter capex 312,500, idle 136,875, busy 50 x
 *       1095 = 54,750: 504,125.</li>
 * </ul>
 * Expansion at 8 MUSD / MW amortised over 60 quarters: 133,333.33 USD per MW-quarter.
 */
class PlanLinearProgramCommitmentsTest {
    static final double SECONDS = Quarter.SECONDS;
    static final double MW_QUARTER = 8e6 / 60;

    static double installed(LpResult r, String site, String chip, String quarter) {
        return r.installedExact().getOrDefault(new Plan.SiteChipQuarter(site, chip, Quarter.parse(quarter)), 0.0);
    }

    static double mw(LpResult r, String site, String quarter) {
        return r.itMwExact().getOrDefault(new Plan.SiteQuarter(site, Quarter.parse(quarter)), 0.0);
    }

    /** Nothing unmet but the phase-2 served tolerance (1e-12 of the volume) and round-off. */
    static void assertNoneUnmet(LpResult r) {
        assertEquals(0.0, r.unmetInferences(), 1e-9 * (r.servedInferences() + r.unmetInferences()), "unmet");
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
    }

    /**
     * A phase built a quarter early because of its lead time. Demand only in 2027Q2 (100 A, 1 MW,
     * one phase of 1 MW built in 1 quarter). The 2027 budget of 10 MUSD pays the servers only; a
     * phase usable from 2027Q2 would be paid in 2027Q1 (8 MUSD more in 2027), so the phase is made
     * usable from 2027Q1, paid in 2026Q4 (no 2026 budget): one more quarter of facility capex.
     * Buying the servers a quarter early instead would cost 500,000 + 109,500 more, not 133,333.
     * <pre>
     * servers 500,000 + facility 2 x 133,333.33 + energy 153,300 = 919,966.67
     * </pre>
     */
    @Test
    void phaseIsBuiltAQuarterEarlySoThatItsConstructionCashFallsInTheYearWithBudget() {
        TinyModel m = phasedSite("2026Q1", "2027Q2", 1, 1.0);
        m.budgets.put(2027, 10_000_000.0);
        PlanningModel model = m.build();
        for (LpOptions o : List.of(LpOptions.relaxed(), LpOptions.integer())) {
            LpResult r = PlanLinearProgram.solve(model, cells("2027Q2"), o);
            assertEquals(LpStatus.OPTIMAL, r.status(), r.message());
            assertNoneUnmet(r);
            assertClose(100, installed(r, "s", "A", "2027Q2"), "servers in 2027Q2");
            assertClose(0, installed(r, "s", "A", "2027Q1"), "no server early");
            assertClose(0, mw(r, "s", "2026Q4"), "MW in 2026Q4");
            assertClose(1, mw(r, "s", "2027Q1"), "the phase usable a quarter early");
            assertClose(500_000 + 2 * MW_QUARTER + 153_300, r.totalCostUsd(), "total");
        }
        // without the budget the phase comes just in time
        TinyModel free = phasedSite("2026Q1", "2027Q2", 1, 1.0);
        LpResult r = PlanLinearProgram.solve(free.build(), cells("2027Q2"), LpOptions.integer());
        assertClose(0, mw(r, "s", "2027Q1"), "just in time without the budget");
        assertClose(500_000 + MW_QUARTER + 153_300, r.totalCostUsd(), "total without the budget");
    }

    /**
     * An order lead time leaves early demand unmet: A ordered 1 quarter ahead cannot be installed
     * in 2026Q1 (the horizon's first quarter), so 2026Q1's demand is unmet; 10 MW exist.
     * Cost: one quarter of 100 A, 653,300.
     */
    @Test
    void orderLeadTimeLeavesTheFirstQuartersDemandUnmet() {
        for (LpOptions o : List.of(LpOptions.relaxed(), LpOptions.integer())) {
            LpResult r = PlanLinearProgram.solve(orderLeadModel(), cells("2026Q1", "2026Q2"), o);
            assertEquals(LpStatus.OPTIMAL, r.status(), r.message());
            assertClose(0, installed(r, "s", "A", "2026Q1"), "no server before the first delivery");
            assertClose(100, installed(r, "s", "A", "2026Q2"), "servers from the first delivery");
            assertClose(4000 * SECONDS, r.unmetInferences(), "2026Q1 unmet");
            assertClose(653_300, r.totalCostUsd(), "total");
        }
    }

    /**
     * A budget binds through construction cash in an earlier year. Demand in every quarter of 2027;
     * one phase of 1 MW takes 2 quarters to build, paid 4 MUSD a quarter. Usable from 2027Q1 it
     * would be paid in 2026Q3 and 2026Q4, 8 MUSD against a 2026 budget of 7 MUSD; so it is usable
     * from 2027Q2 (4 MUSD in 2026Q4, 4 MUSD in 2027Q1) and 2027Q1's demand is unmet:
     * <pre>
     * 3 quarters x (653,300 + 133,333.33) = 2,359,900
     * </pre>
     * The relaxation, building fractions of the phase, leaves only a quarter of a quarter's demand
     * unmet (M[2027Q1] + M[2027Q2] &lt;= 1.75 MW paid within 7 MUSD; how it splits the shortfall
     * between 2027Q1 and Q2 is a tie). With construction paid when the MW is usable
     * (build_quarters 0) 2026 pays nothing and every quarter is served.
     */
    @Test
    void budgetBindsThroughConstructionCashInTheEarlierYear() {
        List<DemandCell> demand = cells("2027Q1", "2027Q2", "2027Q3", "2027Q4");
        TinyModel m = phasedSite("2026Q1", "2027Q4", 2, 1.0);
        m.budgets.put(2026, 7_000_000.0);
        LpResult mip = PlanLinearProgram.solve(m.build(), demand, LpOptions.integer());
        assertEquals(LpStatus.OPTIMAL, mip.status(), mip.message());
        assertClose(0, mw(mip, "s", "2027Q1"), "no MW in 2027Q1");
        assertClose(1, mw(mip, "s", "2027Q2"), "the phase from 2027Q2");
        assertClose(4000 * SECONDS, mip.unmetInferences(), "2027Q1 unmet");
        assertClose(3 * (653_300 + MW_QUARTER), mip.totalCostUsd(), "total");

        LpResult lp = PlanLinearProgram.solve(m.build(), demand, LpOptions.relaxed());
        assertClose(0.25 * 4000 * SECONDS, lp.unmetInferences(), "the relaxation leaves a quarter of a quarter unmet");

        TinyModel paidWhenUsable = phasedSite("2026Q1", "2027Q4", 0, 1.0);
        paidWhenUsable.budgets.put(2026, 7_000_000.0);
        LpResult v1 = PlanLinearProgram.solve(paidWhenUsable.build(), demand, LpOptions.integer());
        assertNoneUnmet(v1);
    }

    /**
     * A held what-if keeps a committed order that a ban strands. Demand in 2026Q2-Q4; 10 MW exist.
     * The baseline buys 125 B (ordered 1 quarter ahead) for 2026Q2: 3 x 504,125. The what-if
     * bans B in XX from 2026Q3, decided at D = 2026Q2: B's order for 2026Q2 was placed in 2026Q1,
     * before D, so it is kept (held: additions before D + 1 = 2026Q3). B serves 2026Q2, then sits
     * idle, paid; A (no lead time) serves 2026Q3 and Q4:
     * <pre>
     * B: 3 x (312,500 + 136,875) + busy 54,750 in 2026Q2 = 1,402,875
     * A: 2 x 653,300                                      = 1,306,600;  total 2,709,475
     * </pre>
     * Re-planned with hindsight (nothing held) A serves all three quarters: 1,959,900.
     */
    @Test
    void heldWhatIfKeepsTheCommittedOrderThatABanStrands() {
        List<DemandCell> demand = cells("2026Q2", "2026Q3", "2026Q4");
        PlanningModel baseline = strandingModel(List.of());
        LpResult base = PlanLinearProgram.solve(baseline, demand, LpOptions.integer());
        assertClose(125, installed(base, "s", "B", "2026Q2"), "baseline B");
        assertClose(3 * 504_125, base.totalCostUsd(), "baseline total");

        PlanningModel whatIf = strandingModel(List.of(new Chip.Ban("XX", Quarter.parse("2026Q3"))));
        Commitments held = Commitments.of(baseline, base.plan(), whatIf, Quarter.parse("2026Q2"));
        // the held MIP as the planner solves it (toBeProven: its gap on the total) too
        for (LpOptions o : List.of(LpOptions.relaxed(), LpOptions.integer(), LpOptions.integer().toBeProven())) {
            LpResult r = PlanLinearProgram.solve(whatIf, demand, o.withCommitments(held));
            assertEquals(LpStatus.OPTIMAL, r.status(), r.message());
            assertNoneUnmet(r);
            for (String q : List.of("2026Q2", "2026Q3", "2026Q4")) {
                assertClose(125, installed(r, "s", "B", q), "B kept in " + q);
            }
            assertClose(0, installed(r, "s", "A", "2026Q2"), "A not before the ban");
            assertClose(100, installed(r, "s", "A", "2026Q3"), "A after the ban");
            assertTrue(r.plan().flows().stream().noneMatch(f -> f.chip().equals("B") && !f.quarter().equals(Quarter.parse("2026Q2"))),
                    "stranded B serves nothing");
            assertClose(1_402_875 + 1_306_600, r.totalCostUsd(), "total");
        }
        LpResult hindsight = PlanLinearProgram.solve(whatIf, demand, LpOptions.integer());
        assertClose(0, installed(hindsight, "s", "B", "2026Q2"), "hindsight buys no B");
        assertClose(3 * 653_300, hindsight.totalCostUsd(), "hindsight total");
    }

    /**
     * The held MIP as the planner solves it ({@link LpOptions#toBeProven}: its gap on the plan's
     * total, the solver's objective offset by the constant costs, here 20 existing A servers'
     * capex) gives the plan and cost of the plain MIP, and its dual bound in USD of the total
     * (the offset taken back out).
     */
    @Test
    void heldMipToBeProvenGivesThePlainMipsPlanAndABoundInUsdOfTheTotal() {
        List<DemandCell> demand = cells("2026Q2", "2026Q3", "2026Q4");
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 10, 10, 0, Map.of("A", 20))
                .chip("A", 100_000, 100, null, List.of())
                .chip("B", 50_000, 80, null, List.of(new Chip.Ban("XX", Quarter.parse("2026Q3"))));
        m.to = Quarter.parse("2026Q4");
        PlanningModel whatIf = m.build();
        Commitments held = Commitments.of(strandingModel(List.of()),
                PlanLinearProgram.solve(strandingModel(List.of()), demand, LpOptions.integer()).plan(), whatIf, Quarter.parse("2026Q2"));
        LpResult plain = PlanLinearProgram.solve(whatIf, demand, LpOptions.integer().withCommitments(held));
        LpResult proven = PlanLinearProgram.solve(whatIf, demand, LpOptions.integer().toBeProven().withCommitments(held));
        assertEquals(LpStatus.OPTIMAL, proven.status(), proven.message());
        assertClose(plain.totalCostUsd(), proven.totalCostUsd(), "total");
        assertEquals(plain.plan().installed(), proven.plan().installed(), "servers");
        assertEquals(LpResult.MIP_DUAL_BOUND, proven.lowerBoundKind(), proven.message());
        assertTrue(proven.lowerBoundUsd() <= proven.totalCostUsd() * (1 + 1e-9)
                        && proven.lowerBoundUsd() >= proven.totalCostUsd() * (1 - LpOptions.DEFAULT_MIP_GAP),
                "bound " + proven.lowerBoundUsd() + " against the total " + proven.totalCostUsd());
    }

    /**
     * The honest bound with phases: 100 A need 1 MW but MW come in phases of 4 MW. The relaxation
     * builds 1 MW (500,000 + 133,333.33 + 153,300 = 786,633.33); every plan builds 4 MW
     * (1,186,633.33). The bound at the plan's served volume is the MIP's dual bound, within the
     * MIP gap (1e-4) of the optimum, and says so.
     */
    @Test
    void withPhasesTheBoundIsTheMipDualBoundWhenStronger() {
        TinyModel m = phasedSite("2026Q1", "2026Q1", 0, 4.0);
        PlanningModel model = m.build();
        List<DemandCell> demand = cells("2026Q1");
        LpResult relaxed = PlanLinearProgram.solve(model, demand, LpOptions.relaxed());
        assertEquals(LpResult.LP_RELAXATION, relaxed.lowerBoundKind());
        assertClose(500_000 + MW_QUARTER + 153_300, relaxed.lowerBoundUsd(), "relaxation bound");

        LpResult bound = PlanLinearProgram.lowerBound(model, demand, 4000 * SECONDS,
                LpOptions.relaxed().withTimeLimit(java.time.Duration.ofSeconds(30)));
        double optimum = 500_000 + 4 * MW_QUARTER + 153_300;
        assertEquals(LpResult.MIP_DUAL_BOUND, bound.lowerBoundKind(), bound.message());
        assertTrue(bound.lowerBoundUsd() <= optimum * (1 + 1e-9) && bound.lowerBoundUsd() >= optimum * (1 - 1e-4),
                "MIP dual bound " + bound.lowerBoundUsd() + " vs optimum " + optimum);

        // without phases the relaxation is exact and stays the bound
        TinyModel continuous = TinyModel.oneRegion().site("s", "XX", 0, 10, 8e6, Map.of()).chip("A", 100_000, 100, null, List.of());
        continuous.to = Quarter.parse("2026Q1");
        LpResult plain = PlanLinearProgram.lowerBound(continuous.build(), demand, 4000 * SECONDS, LpOptions.relaxed());
        assertEquals(LpResult.LP_RELAXATION, plain.lowerBoundKind());
    }
}
