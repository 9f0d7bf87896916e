package dcplan.solver;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a try at a volume is started: the first with {@link WithinPurchases#LEAST_TIME} left, each
 * later one with what the longest try so far took; its re-split, once its LP has run, down to
 * {@link AtItsVolume#LEAST_RESPLIT}. Runs with the default ({@link AtItsVolume#MEASURED_TRIES} on).
 */
class AtItsVolumeTimeTest {

    private static final long TRY_OF_600_MS = Duration.ofMillis(600).toNanos();

    @Test
    void theFirstTryNeedsTheLeastTimeOfAnLpWithinPurchases() {
        assertTrue(AtItsVolume.MEASURED_TRIES, "the default");
        assertNull(AtItsVolume.tooLittleForATry(WithinPurchases.LEAST_TIME, 0));
        String why = AtItsVolume.tooLittleForATry(WithinPurchases.LEAST_TIME.minusMillis(1), 0);
        assertNotNull(why);
        assertTrue(why.contains("a first try needs"), why);
    }

    @Test
    void aLaterTryNeedsWhatTheLongestTryTook() {
        assertNull(AtItsVolume.tooLittleForATry(Duration.ofMillis(700), TRY_OF_600_MS), "0.7 s holds a 0.6 s try");
        String why = AtItsVolume.tooLittleForATry(Duration.ofMillis(500), TRY_OF_600_MS);
        assertNotNull(why, "0.5 s does not");
        assertTrue(why.contains("the longest try took"), why);
    }

    @Test
    void aQuickTryLeavesItsSuccessorTimeForAnLpAndAReSplit() {
        long tenthOfASecond = Duration.ofMillis(100).toNanos();
        Duration twoFloors = AtItsVolume.LEAST_RESPLIT.multipliedBy(2);
        assertNull(AtItsVolume.tooLittleForATry(twoFloors, tenthOfASecond));
        assertNotNull(AtItsVolume.tooLittleForATry(twoFloors.minusMillis(1), tenthOfASecond),
                "the LP would have under the re-split's floor");
    }

    @Test
    void withoutAClockEveryTryIsStarted() {
        assertNull(AtItsVolume.tooLittleForATry(null, 0));
        assertNull(AtItsVolume.tooLittleForAReSplit(null));
    }

    @Test
    void aReSplitRunsDownToItsFloorOnceItsLpHasRun() {
        assertNull(AtItsVolume.tooLittleForAReSplit(AtItsVolume.LEAST_RESPLIT));
        assertNull(AtItsVolume.tooLittleForAReSplit(Duration.ofMillis(700)), "under the LP's second, above the floor");
        assertNotNull(AtItsVolume.tooLittleForAReSplit(AtItsVolume.LEAST_RESPLIT.minusMillis(1)));
    }
}
