package dcplan.hedge;

import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.EvaluationEdits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which hedge {@link ExtensiveFormHedge} keeps when the extensive-form MIP is not proven and the
 * relaxation path and the re-plans holding the MIP's commitments are tried beside it
 * ({@link ExtensiveFormHedge#isBetter}): every plan feasible first, then more expected
 * inferences served, then the lower expected cost, as the planner ranks one future's plans.
 */
class HedgeChoiceTest {
    private static final Evaluation PLAN = EvaluationEdits.ofASmallMipPlan();

    @Test
    void theCheaperHedgeWinsWhenBothServeAsMuch() {
        HedgedPlan dear = hedge(e -> EvaluationEdits.withCost(e, e.totalCostUsd() * 1.02));
        HedgedPlan cheap = hedge(e -> e);
        assertTrue(ExtensiveFormHedge.isBetter(cheap, dear));
        assertFalse(ExtensiveFormHedge.isBetter(dear, cheap));
    }

    @Test
    void servingMoreWinsOverCostButRoundOffInServedDoesNot() {
        HedgedPlan cheap = hedge(e -> e);
        HedgedPlan servesMoreAtACost = hedge(e -> EvaluationEdits.withCost(
                EvaluationEdits.servingMore(e, 1e-4 * e.servedInferences()), e.totalCostUsd() * 1.5));
        assertTrue(ExtensiveFormHedge.isBetter(servesMoreAtACost, cheap), "served first, however dear");
        HedgedPlan crumbsMoreAtACost = hedge(e -> EvaluationEdits.withCost(
                EvaluationEdits.servingMore(e, 1e-8 * e.servedInferences()), e.totalCostUsd() * 1.01));
        assertFalse(ExtensiveFormHedge.isBetter(crumbsMoreAtACost, cheap), "within 1e-6 of the volume: the same served, the cheaper wins");
    }

    @Test
    void aHedgeBreakingALimitNeverWins() {
        HedgedPlan broken = hedge(e -> EvaluationEdits.infeasible(EvaluationEdits.withCost(e, e.totalCostUsd() / 2)));
        HedgedPlan feasible = hedge(e -> e);
        assertTrue(ExtensiveFormHedge.isBetter(feasible, broken));
        assertFalse(ExtensiveFormHedge.isBetter(broken, feasible));
    }

    /** Two futures (0.6 and 0.4) with the fixture's plan, its evaluation edited by {@code edit}. */
    private static HedgedPlan hedge(UnaryOperator<Evaluation> edit) {
        Evaluation e = edit.apply(PLAN);
        List<CasePlan> plans = List.of(new CasePlan("base", 0.6, null, e), new CasePlan("ban", 0.4, null, e));
        return new HedgedPlan(plans, Commitments.NONE, "test", 0, null, "");
    }
}
