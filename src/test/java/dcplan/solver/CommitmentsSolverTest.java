package dcplan.solver;

import dcplan.CommitmentModels;
import dcplan.TinyModel;
import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dcplan.CommitmentModels.cells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole planner ({@link Planner#plan}: LP seed, OptaPlanner search, LP polish, rounding and
 * trimming) on the hand-worked models of contract version 2 ({@link CommitmentModels}; the
 * arithmetic is in {@code PlanLinearProgramCommitmentsTest}, where the MIP reaches the same
 * optima). Every plan is judged by the evaluator, with the commitments where there are some.
 * Chunks and limits as in {@link HandWorkedOptimaTest}.
 */
class CommitmentsSolverTest {
    static final double MW_QUARTER = 8e6 / 60;

    static Planner.Outcome plan(PlanningModel model, List<DemandCell> demand, Commitments held) {
        return new Planner().plan(model, demand, HandWorkedOptimaTest.OPTIONS, HandWorkedOptimaTest.LP, held);
    }

    static List<Integer> installed(Planner.Outcome o, PlanningModel model, String site, String chip) {
        return model.quarters().stream()
                .map(q -> o.plan().installed().getOrDefault(new Plan.SiteChipQuarter(site, chip, q), 0)).toList();
    }

    static double mw(Planner.Outcome o, String site, String quarter) {
        return o.plan().itMwBuilt().getOrDefault(new Plan.SiteQuarter(site, Quarter.parse(quarter)), 0.0);
    }

    static void assertPlan(Planner.Outcome o, double unmetInferences, double costUsd) {
        Evaluation e = o.evaluation();
        String context = "installed " + o.plan().installed() + ", MW " + o.plan().itMwBuilt() + ", cost " + e.cost()
                + ", kept " + o.polishNote() + ", search " + o.search().score() + ", violations " + e.violations();
        assertTrue(e.feasible(), "feasible; " + context);
        double volume = e.servedInferences() + e.unmetInferences();
        assertEquals(unmetInferences, e.unmetInferences(), 1e-9 * volume, "unmet; " + context);
        assertEquals(costUsd, e.totalCostUsd(), 1e-6 * costUsd, "total cost; " + context);
    }

    /** The 2027 budget pays the servers only, so the phase is usable a quarter early, paid in 2026. */
    @Test
    void phaseIsBuiltAQuarterEarlySoThatItsConstructionCashFallsInTheYearWithBudget() {
        TinyModel m = CommitmentModels.phasedSite("2026Q1", "2027Q2", 1, 1.0);
        m.budgets.put(2027, 10_000_000.0);
        PlanningModel model = m.build();
        Planner.Outcome o = plan(model, cells("2027Q2"), Commitments.NONE);
        assertPlan(o, 0, 500_000 + 2 * MW_QUARTER + 153_300);
        assertEquals(List.of(0, 0, 0, 0, 0, 100), installed(o, model, "s", "A"));
        assertEquals(0.0, mw(o, "s", "2026Q4"), 1e-9, "MW in 2026Q4");
        assertEquals(1.0, mw(o, "s", "2027Q1"), 1e-9, "the phase usable a quarter early");
    }

    /** A ordered a quarter ahead cannot serve the horizon's first quarter. */
    @Test
    void orderLeadTimeLeavesTheFirstQuartersDemandUnmet() {
        PlanningModel model = CommitmentModels.orderLeadModel();
        Planner.Outcome o = plan(model, cells("2026Q1", "2026Q2"), Commitments.NONE);
        assertPlan(o, 4000 * Quarter.SECONDS, 653_300);
        assertEquals(List.of(0, 100), installed(o, model, "s", "A"));
    }

    /** The phase's construction cash would break 2026's budget if it were usable in 2027Q1. */
    @Test
    void budgetBindsThroughConstructionCashInTheEarlierYear() {
        TinyModel m = CommitmentModels.phasedSite("2026Q1", "2027Q4", 2, 1.0);
        m.budgets.put(2026, 7_000_000.0);
        PlanningModel model = m.build();
        Planner.Outcome o = plan(model, cells("2027Q1", "2027Q2", "2027Q3", "2027Q4"), Commitments.NONE);
        assertPlan(o, 4000 * Quarter.SECONDS, 3 * (653_300 + MW_QUARTER));
        assertEquals(0.0, mw(o, "s", "2027Q1"), 1e-9, "no MW in 2027Q1");
        assertEquals(1.0, mw(o, "s", "2027Q2"), 1e-9, "the phase from 2027Q2");
    }

    /**
     * The baseline's B ordered in 2026Q1 for 2026Q2 is kept by a what-if decided at 2026Q2 that
     * bans B from 2026Q3: B serves 2026Q2, then stays installed, idle and paid, and A serves the
     * rest. The plan keeps the commitments (the evaluator checks them).
     */
    @Test
    void heldWhatIfKeepsTheCommittedOrderThatABanStrands() {
        List<DemandCell> demand = cells("2026Q2", "2026Q3", "2026Q4");
        PlanningModel baseline = CommitmentModels.strandingModel(List.of());
        Planner.Outcome base = plan(baseline, demand, Commitments.NONE);
        assertPlan(base, 0, 3 * 504_125);
        assertEquals(List.of(0, 125, 125, 125), installed(base, baseline, "s", "B"));

        PlanningModel whatIf = CommitmentModels.strandingModel(List.of(new Chip.Ban("XX", Quarter.parse("2026Q3"))));
        Commitments held = Commitments.of(baseline, base.plan(), whatIf, Quarter.parse("2026Q2"));
        Planner.Outcome o = plan(whatIf, demand, held);
        assertPlan(o, 0, 1_402_875 + 1_306_600);
        assertEquals(List.of(0, 125, 125, 125), installed(o, whatIf, "s", "B"), "the committed B stays");
        assertEquals(List.of(0, 0, 100, 100), installed(o, whatIf, "s", "A"), "A serves after the ban");
        assertTrue(o.plan().flows().stream().allMatch(f -> f.chip().equals("A") || f.quarter().equals(Quarter.parse("2026Q2"))),
                "the stranded B serves nothing");

        // the same plan without the commitments would be cheaper: hindsight drops the order
        Planner.Outcome hindsight = plan(whatIf, demand, Commitments.NONE);
        assertPlan(hindsight, 0, 3 * 653_300);
        assertTrue(!PlanEvaluator.evaluate(whatIf, demand, hindsight.plan(), held).feasible(),
                "the hindsight plan breaks the commitments");
    }
}
