package dcplan.solver.lp;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The served phase's budget ({@link LpClock#servedPhaseMillis}, {@link LpOptions#servedPhaseAtLeast}). */
class LpClockTest {

    /** Milliseconds the test itself may take between the clock's start and the reading. */
    private static final long SLACK = 2_000;

    @Test
    void servedPhaseGetsHalfOfWhatIsLeftByDefault() {
        LpClock clock = new LpClock(Duration.ofSeconds(100));
        long budget = clock.servedPhaseMillis(null);
        assertTrue(budget <= 50_000 && budget > 50_000 - SLACK, "half of 100 s, got " + budget);
    }

    @Test
    void servedPhaseRunsUntilItsFloorWhenHalfIsLess() {
        // the planner's MIP beside relax-and-fix: its own limit 85 s, the served phase until 60 s
        LpClock clock = new LpClock(Duration.ofSeconds(85));
        long budget = clock.servedPhaseMillis(Duration.ofSeconds(60));
        assertTrue(budget <= 60_000 && budget > 60_000 - SLACK, "until the floor, got " + budget);
    }

    @Test
    void aFloorBelowHalfChangesNothing() {
        LpClock clock = new LpClock(Duration.ofSeconds(100));
        long budget = clock.servedPhaseMillis(Duration.ofSeconds(10));
        assertTrue(budget <= 50_000 && budget > 50_000 - SLACK, "half of 100 s, got " + budget);
    }

    @Test
    void theFloorNeverGoesPastTheLimit() {
        LpClock clock = new LpClock(Duration.ofSeconds(10));
        long budget = clock.servedPhaseMillis(Duration.ofSeconds(60));
        assertTrue(budget <= 10_000 && budget > 10_000 - SLACK, "the whole limit at most, got " + budget);
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
