package dcplan.solver.lp;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The served phase's budget ({@link LpClock#servedPhaseMillis}, {@link LpOptions#servedPhaseAtLeast}). */
class LpClockTest {

    /** Milliseconds the test itself may take between the clock's start and the reading. */
    private static final long SLACK = 2_000;

    /** A fresh clock of {@code limitSeconds}: its served phase's budget under {@code floor} is {@code expectedMillis}, less the test's own time. */
    private static void assertBudget(long limitSeconds, Duration floor, long expectedMillis, String what) {
        long budget = new LpClock(Duration.ofSeconds(limitSeconds)).servedPhaseMillis(floor);
        assertTrue(budget <= expectedMillis && budget > expectedMillis - SLACK, what + ", got " + budget);
    }

    @Test
    void servedPhaseGetsHalfOfWhatIsLeftByDefault() {
        assertBudget(100, null, 50_000, "half of 100 s");
    }

    @Test
    void servedPhaseRunsUntilItsFloorWhenHalfIsLess() {
        // the planner's MIP beside relax-and-fix: its own limit 85 s, the served phase until 60 s
        assertBudget(85, Duration.ofSeconds(60), 60_000, "until the floor");
    }

    @Test
    void aFloorBelowHalfChangesNothing() {
        assertBudget(100, Duration.ofSeconds(10), 50_000, "half of 100 s");
    }

    @Test
    void theFloorNeverGoesPastTheLimit() {
        assertBudget(10, Duration.ofSeconds(60), 10_000, "the whole limit at most");
        assertEquals(-1, new LpClock(null).servedPhaseMillis(Duration.ofSeconds(60)), "no limit: none");
    }

    @Test
    void optionsCarryTheFloorThroughEveryCopy() {
        Duration floor = Duration.ofSeconds(15);
        LpOptions options = LpOptions.integer().withServedPhaseAtLeast(floor).withTimeLimit(Duration.ofSeconds(25))
                .withMipRelativeGap(5e-5).withWindow(LpWindow.ALL).toBeProven();
        assertEquals(floor, options.servedPhaseAtLeast());
        assertEquals(null, LpOptions.integer().servedPhaseAtLeast());
    }
}
