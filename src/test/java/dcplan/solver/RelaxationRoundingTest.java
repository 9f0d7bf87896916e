package dcplan.solver;

import dcplan.TinyModel;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The repairs of a rounded-up relaxation, on hand-worked server counts ({@code servers[s][q]}). */
class RelaxationRoundingTest {

    /**
     * Supply 10 a quarter; Q2 buys 15 + 3 = 18, so 8 are bought in Q1 instead, at the first site
     * buying in Q2: site 0 goes 0, 15 to 8, 15; site 1 stays 0, 3. Q1 then buys 8, within supply.
     */
    @Test
    void excessOfAQuarterIsBoughtAQuarterEarlier() {
        PlanningModel m = TinyModel.oneRegion().site("s", "XX", 0, 10, 0, Map.of()).site("t", "XX", 0, 10, 0, Map.of())
                .chip("A", 10_000, 100, 10L, null).build();
        int[][] servers = {{0, 15}, {0, 3}};
        RelaxationRounding.buyEarlierWithinSupply(m, m.chips().get(0), servers, HeldLevels.of(m, Commitments.NONE), 0);
        assertArrayEquals(new int[]{8, 15}, servers[0]);
        assertArrayEquals(new int[]{0, 3}, servers[1]);
    }

    /**
     * A 1.0 MW site (10 kW servers: 100 fit); rounding asked for 101 servers of A (LP 100.4) and
     * 1 of B (LP 0.9), 1020 kW. A is the most rounded up (0.6 above its LP value) and gives one
     * back; still 1010 kW, so B, now the most rounded up (0.1), gives its one back. Each quarter
     * alike; servers never decrease.
     */
    @Test
    void powerOverrunGivesBackTheMostRoundedUp() {
        TinyModel t = TinyModel.oneRegion().site("s", "XX", 0, 1.0, 0, Map.of());
        t.chip("A", 10_000, 100, null, null).chip("B", 10_000, 100, null, null);
        PlanningModel m = t.build();
        int[][][] servers = {{{101, 101}}, {{1, 1}}};
        double[][][] exact = {{{100.4, 100.4}}, {{0.9, 0.9}}};
        RelaxationRounding.trimToPowerAndFirstSupply(m, servers, exact, HeldLevels.of(m, Commitments.NONE), new double[1][2]);
        assertArrayEquals(new int[]{100, 100}, servers[0][0]);
        assertArrayEquals(new int[]{0, 0}, servers[1][0]);
    }
}
