package dcplan.hedge;

import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.EvaluationEdits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Which hedge {@link ExtensiveFormHedge} keeps when the extensive-form MIP is not proven and the
 * relaxation path and the re-plans holding the MIP's commitments are tried beside it
 * ({@link ExtensiveFormHedge#best}): every plan feasible first, then more expected
 * inferences served, then the lower expected cost, as the planner ranks one future's plans.
 */
class HedgeChoiceTest {
    private static final Evaluation PLAN = EvaluationEdits.ofASmallMipPlan();

    @Test
    void theCheaperHedgeWinsWhenBothServeAsMuch() {
        HedgedPlan dear = hedge(e -> EvaluationEdits.withCost(e, e.totalCostUsd() * 1.02));
        HedgedPlan cheap = hedge(e -> e);
        assertSame(cheap, ExtensiveFormHedge.best(List.of(dear, cheap)));
        assertSame(cheap, ExtensiveFormHedge.best(List.of(cheap, dear)));
    }

    @Test
    void servingMoreWinsOverCostButRoundOffInServedDoesNot() {
        HedgedPlan cheap = hedge(e -> e);
        HedgedPlan servesMoreAtACost = hedge(e -> EvaluationEdits.withCost(
                EvaluationEdits.servingMore(e, 1e-4 * e.servedInferences()), e.totalCostUsd() * 1.5));
        assertSame(servesMoreAtACost, ExtensiveFormHedge.best(List.of(cheap, servesMoreAtACost)), "served first, however dear");
        HedgedPlan crumbsMoreAtACost = hedge(e -> EvaluationEdits.withCost(
                EvaluationEdits.servingMore(e, 1e-8 * e.servedInferences()), e.totalCostUsd() * 1.01));
        assertSame(cheap, ExtensiveFormHedge.best(List.of(crumbsMoreAtACost, cheap)),
                "within the planner's tie of the volume: the same served, the cheaper wins");
    }

    @Test
    void aHedgeBreakingALimitNeverWins() {
        HedgedPlan broken = hedge(e -> EvaluationEdits.infeasible(EvaluationEdits.withCost(e, e.totalCostUsd() / 2)));
        HedgedPlan feasible = hedge(e -> e);
        assertSame(feasible, ExtensiveFormHedge.best(List.of(broken, feasible)));
        assertSame(feasible, ExtensiveFormHedge.best(List.of(feasible, broken)));
    }

    /** Two futures (0.6 and 0.4) with the fixture's plan, its evaluation edited by {@code edit}. */
    private static HedgedPlan hedge(UnaryOperator<Evaluation> edit) {
        Evaluation e = edit.apply(PLAN);
        List<CasePlan> plans = List.of(new CasePlan("base", 0.6, null, e), new CasePlan("ban", 0.4, null, e));
        return new HedgedPlan(plans, Commitments.NONE, "test", 0, null, "");
    }
}
