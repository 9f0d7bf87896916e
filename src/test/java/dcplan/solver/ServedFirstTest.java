package dcplan.solver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The keep rule among finished plans ({@link ServedFirst}): feasible first, then served within
 * {@link Planner#SAME_SERVED} of the most any candidate serves, then the cheapest.
 */
class ServedFirstTest {
    private static final double VOLUME = 1e12;
    private static final double TIE = Planner.SAME_SERVED * VOLUME;

    private static ServedFirst.Figures plan(double served, double cost) {
        return new ServedFirst.Figures(true, served, VOLUME, cost);
    }

    @Test
    void aChainOfCheaperPlansEachWithinTheTieOfTheNextIsCutAtTheFloor() {
        // pairwise, each serves 0.6 of the tie less than the one before and costs less: a pairwise
        // tie keeps the last, 1.2 ties below the most served; the floor stops at the second
        List<ServedFirst.Figures> plans = List.of(plan(900e9, 100), plan(900e9 - 0.6 * TIE, 99),
                plan(900e9 - 1.2 * TIE, 98));
        assertEquals(1, ServedFirst.best(plans, p -> p));
    }

    @Test
    void servingMoreThanTheTieWinsHoweverDear() {
        assertEquals(1, ServedFirst.best(List.of(plan(900e9, 100), plan(900e9 + 2 * TIE, 1e9)), p -> p));
    }

    @Test
    void withinTheTieTheCheaperWinsAndTheFirstOfEquals() {
        assertEquals(1, ServedFirst.best(List.of(plan(900e9, 100), plan(900e9 - 0.5 * TIE, 90)), p -> p));
        assertEquals(0, ServedFirst.best(List.of(plan(900e9, 100), plan(900e9, 100)), p -> p));
    }

    @Test
    void aPlanBreakingAHardLimitNeverWinsWhileOneIsFeasibleAndTheMostServedIsReadAmongTheFeasible() {
        ServedFirst.Figures broken = new ServedFirst.Figures(false, 950e9, VOLUME, 1);
        // the broken plan's served must not raise the floor above the feasible ones
        assertEquals(2, ServedFirst.best(List.of(broken, plan(900e9, 100), plan(900e9 - 0.5 * TIE, 90)), p -> p));
        assertEquals(0, ServedFirst.best(List.of(broken, new ServedFirst.Figures(false, 900e9, VOLUME, 0.5)), p -> p),
                "none feasible: served first among them");
    }

    @Test
    void noCandidatesNoChoice() {
        assertEquals(-1, ServedFirst.best(List.<ServedFirst.Figures>of(), p -> p));
    }
}
