package dcplan.cli;

import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The shared search options: one set of flags, each command's own time-limit defaults. */
class SolveOptionsTest {

    static SolveOptions plan(String... args) {
        PlanCommand c = new PlanCommand();
        new CommandLine(c).parseArgs(concat(new String[] {"--demand", "d.csv"}, args));
        return c.solve;
    }

    static SolveOptions sweep(String... args) {
        SweepCommand c = new SweepCommand();
        new CommandLine(c).parseArgs(concat(new String[] {"--demand", "d", "--samples", "2"}, args));
        return c.solve;
    }

    @Test
    void planAndWhatIfDefaultToAMinuteOfSearch() {
        SolveOptions s = plan();
        CapacitySolver.Options o = s.solverOptions();
        assertEquals(Duration.ofSeconds(60), o.timeLimit());
        assertNull(o.stepLimit());
        assertEquals(1, o.seed());
        assertEquals(CapacitySolver.Options.DEFAULT_LATE_ACCEPTANCE, o.lateAcceptanceSize());
        assertEquals(new Planner.LpLimits(Duration.ofSeconds(120), Duration.ofSeconds(60)), s.lpLimits());
        WhatIfCommand w = new WhatIfCommand();
        new CommandLine(w).parseArgs("--baseline", "b", "--scenario", "s.yaml");
        assertEquals(Duration.ofSeconds(60), w.solve.solverOptions().timeLimit());
    }

    @Test
    void sweepDefaultsToHalfAMinutePerCase() {
        SolveOptions s = sweep("--seed", "7", "--chunks", "4");
        assertEquals(Duration.ofSeconds(30), s.searchTime());
        assertEquals(new Planner.LpLimits(Duration.ofSeconds(30), Duration.ofSeconds(30)), s.lpLimits());
        assertEquals(7, s.solverOptions().seed());
        assertEquals(4, s.solverOptions().chunksPerCell());
    }

    @Test
    void stepsAloneMeanNoTimeLimitAndATimeLimitGivenWithThemStillApplies() {
        assertNull(plan("--steps", "300").solverOptions().timeLimit());
        assertNull(sweep("--steps", "300").searchTime());
        CapacitySolver.Options both = sweep("--steps", "300", "--time-limit", "5s").solverOptions();
        assertEquals(300L, both.stepLimit());
        assertEquals(Duration.ofSeconds(5), both.timeLimit());
        assertEquals("300 local search steps, for up to 5 s", plan("--steps", "300", "--time-limit", "5s").describe());
        assertEquals("for up to 60 s", plan().describe());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
