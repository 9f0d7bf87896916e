package dcplan.solver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The step log's line of the starts judged ({@link StartingPlans#judgedLine}): what each step's plan
 * was worth against the others, read off a run to say which step made the plan.
 */
class StartingPlansJudgedTest {

    @Test
    void theJudgedLineGivesEachCandidatesCostAndUnmetShareMarksTheChosenAndFlagsTheInfeasible() {
        List<ServedFirst.Figures> figures = List.of(
                new ServedFirst.Figures(true, 900, 1_000, 1_234_567.4),
                new ServedFirst.Figures(false, 1_000, 1_000, 999),
                new ServedFirst.Figures(true, 975, 1_000, 2_000_000));
        String line = StartingPlans.judgedLine(List.of("rounded", "relax-and-fix", "MIP"), figures, 2);
        assertEquals("rounded: 1,234,567 USD, unmet 1.000000e-01 of the demand; "
                + "relax-and-fix: INFEASIBLE, 999 USD, unmet 0.000000e+00 of the demand; "
                + "[chosen] MIP: 2,000,000 USD, unmet 2.500000e-02 of the demand", line);
    }
}
