package dcplan.solver;

import dcplan.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which starts are crossed with SCIP's served-phase plan after relax-and-fix: the rounded start
 * only where it was not crossed before relax-and-fix, never one start twice.
 */
class MipBesideSearchTest {

    private static final StartingPlans.Start ROUNDED = start("rounded");
    private static final StartingPlans.Start RELAX_AND_FIX = start("relax-and-fix");

    private static StartingPlans.Start start(String name) {
        return new StartingPlans.Start(name, new Plan(List.of(), Map.of(), Map.of()), null);
    }

    @Test
    void theRoundedStartCrossedBeforeRelaxAndFixIsNotCrossedAgain() {
        assertEquals(List.of(RELAX_AND_FIX), MipBesideSearch.startsToCrossAfterRelaxAndFix(ROUNDED, RELAX_AND_FIX, true),
                "relax-and-fix's plan, the better start, is still crossed");
        assertEquals(List.of(), MipBesideSearch.startsToCrossAfterRelaxAndFix(ROUNDED, ROUNDED, true),
                "the rounded start still the best: nothing left to cross");
    }

    @Test
    void theRoundedStartNotCrossedEarlyIsCrossedFirst() {
        assertEquals(List.of(ROUNDED, RELAX_AND_FIX), MipBesideSearch.startsToCrossAfterRelaxAndFix(ROUNDED, RELAX_AND_FIX, false));
        assertEquals(List.of(ROUNDED), MipBesideSearch.startsToCrossAfterRelaxAndFix(ROUNDED, ROUNDED, false),
                "one start, crossed once");
    }
}
