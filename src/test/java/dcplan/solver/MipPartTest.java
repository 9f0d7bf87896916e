package dcplan.solver;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On large instances the MIP and relax-and-fix share the MIP's thread ({@link MipCandidates#mipPart}):
 * the MIP's part stretches to its served phase's floor, the same rule as beside relax-and-fix.
 */
class MipPartTest {

    @Test
    void theMipsPartStretchesToItsServedPhasesFloor() {
        // large at 30 s after a 3 s relaxation: the MIP's share 22.5 s, its served phase until 18 s
        assertEquals(Duration.ofSeconds(18), MipCandidates.mipPart(Duration.ofMillis(22_500), Duration.ofSeconds(18)),
                "until the served phase's floor, not two thirds of the share (15 s)");
    }

    @Test
    void withoutALaterFloorTheMipKeepsTwoThirdsOfItsShare() {
        assertEquals(Duration.ofSeconds(15), MipCandidates.mipPart(Duration.ofMillis(22_500), null));
        assertEquals(Duration.ofSeconds(15), MipCandidates.mipPart(Duration.ofMillis(22_500), Duration.ofSeconds(10)));
    }

    @Test
    void theMipsPartNeverPassesItsShare() {
        assertEquals(Duration.ofMillis(22_500), MipCandidates.mipPart(Duration.ofMillis(22_500), Duration.ofSeconds(40)));
    }
}
