package dcplan.plan;

import dcplan.model.Site;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MW in whole phases (contract version 2, site phase_mw): the fewest MW and the phases check, by hand. */
class SizingPhasesV2Test {
    /** 10 MW existing, up to 50 MW, in phases of 8 MW (usable maximum 10 + 5 * 8 = 50). */
    final Site phased = new Site("sp", "Sao Paulo", "BR", "BR", Map.of(), 10.0, 50.0, 8_000_000, null, 100, 1.3, Map.of())
            .withCommitments(0, 8.0);
    final Site continuous = new Site("sp", "Sao Paulo", "BR", "BR", Map.of(), 10.0, 50.0, 8_000_000, null, 100, 1.3, Map.of());

    @Test
    void fewestMwRoundsUpToWholePhasesAboveExisting() {
        assertEquals(10.0, Sizing.fewestMw(4_000, phased));       // 4 MW load: the existing 10 MW
        assertEquals(10.0, Sizing.fewestMw(10_000, phased));      // exactly the existing MW: no phase
        assertEquals(18.0, Sizing.fewestMw(10_001, phased));      // 10.001 MW: one phase
        assertEquals(18.0, Sizing.fewestMw(18_000, phased));      // exactly one phase
        assertEquals(26.0, Sizing.fewestMw(18_100, phased));      // 18.1 MW: two phases
        // round-off over a phase boundary does not buy a phase
        assertEquals(18.0, Sizing.fewestMw(18_000 * (1 + 1e-12), phased));
        // never below a floor that is itself whole phases (the previous quarter's 26 MW)
        assertEquals(26.0, Sizing.fewestMw(12_000, phased, 26.0));
    }

    @Test
    void fewestMwWithoutPhasesIsTheContinuousOne() {
        assertEquals(Sizing.fewestMw(12_345, 10.0), Sizing.fewestMw(12_345, continuous));
        assertEquals(12.345, Sizing.fewestMw(12_345, continuous));
        assertEquals(10.0, Sizing.fewestMw(3_000, continuous));
    }

    @Test
    void isWholePhases() {
        assertTrue(Sizing.isWholePhases(phased, 10.0));
        assertTrue(Sizing.isWholePhases(phased, 18.0));
        assertTrue(Sizing.isWholePhases(phased, 50.0));
        assertTrue(Sizing.isWholePhases(phased, 26.0 + 1e-12));  // round-off
        assertFalse(Sizing.isWholePhases(phased, 14.0));          // half a phase
        assertFalse(Sizing.isWholePhases(phased, 18.001));
        assertTrue(Sizing.isWholePhases(continuous, 14.0));       // no phases: any MW
    }
}
