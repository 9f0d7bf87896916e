package dcplan.solver;

import dcplan.plan.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which starts are crossed with SCIP's served-phase plan after relax-and-fix: the rounded start
 * only where it was not crossed before relax-and-fix, never one start twice. And how long each
 * crossover may take.
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

    @Test
    void aCrossoverGetsTheTimeItsBoxNeedsWhereAQuarterOfWhatIsLeftIsLess() {
        // 30 s: about 24.5 s left until the MIP's end; a quarter (6.1 s) is less than the 10 s wanted
        assertEquals(Duration.ofMillis(9_800), MipBesideSearch.crossoverLimit(Duration.ofMillis(24_500)),
                "the 10 s wanted, held to 0.4 of the time left");
        assertEquals(Duration.ofSeconds(10), MipBesideSearch.crossoverLimit(Duration.ofSeconds(30)),
                "10 s where 0.4 of the time left allows it");
    }

    @Test
    void aCrossoverKeepsAQuarterOfWhatIsLeftWhereThatIsMore() {
        assertEquals(Duration.ofMillis(12_500), MipBesideSearch.crossoverLimit(Duration.ofSeconds(50)));
    }

    @Test
    void aCrossoverNeverGetsLessThanItsFloor() {
        assertEquals(MipNeighbourhoods.LEAST_TIME, MipBesideSearch.crossoverLimit(Duration.ofSeconds(5)),
                "0.4 of 5 s is below the 3 s floor");
        assertEquals(Duration.ofMillis(3_200), MipBesideSearch.crossoverLimit(Duration.ofSeconds(8)));
    }
}
