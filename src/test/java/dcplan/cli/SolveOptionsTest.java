package dcplan.cli;

import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void planStopsAfterTenSecondsUnimprovedOrWithinTheGapAndGivesTheBoundHalfAMinute() {
        SolveSettings s = plan().settings();
        assertEquals(Duration.ofSeconds(10), s.solverOptions().unimprovedLimit());
        assertEquals(1e-4, s.solverOptions().gap());
        assertEquals(Duration.ofSeconds(30), s.boundTimeLimit());
        SolveSettings given = plan("--unimproved-limit", "0", "--gap", "0.01", "--bound-time-limit", "5s").settings();
        assertNull(given.solverOptions().unimprovedLimit(), "0: search to the time limit");
        assertEquals(0.01, given.solverOptions().gap());
        assertEquals(Duration.ofSeconds(5), given.boundTimeLimit());
    }

    @Test
    void theSettingsRoundTripThroughSummaryJson() {
        SolveSettings s = plan("--steps", "300", "--seed", "7", "--unimproved-limit", "4s", "--gap", "0.002",
                "--bound-time-limit", "7s", "--lp-time-limit", "20s").settings();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(s.toMap());
        assertEquals(0.002, json.get("gap").asDouble());
        assertEquals(7.0, json.get("bound_time_limit_seconds").asDouble());
        assertEquals(4.0, json.get("unimproved_limit_seconds").asDouble());
        assertEquals(s, SolveSettings.fromJson(json, "RUN/summary.json: settings"));
    }

    /** A run folder from before the stopping rules is made again as that dcplan made it. */
    @Test
    void anOlderRunFolderSearchesToItsLimitWithoutAGapStopAndTheLpTimeForTheBound() {
        com.fasterxml.jackson.databind.node.ObjectNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(plan("--lp-time-limit", "20s").settings().toMap());
        json.remove(java.util.List.of("unimproved_limit_seconds", "gap", "bound_time_limit_seconds"));
        SolveSettings old = SolveSettings.fromJson(json, "RUN/summary.json: settings");
        assertNull(old.solverOptions().unimprovedLimit());
        assertEquals(-1.0, old.solverOptions().gap());
        assertEquals(Duration.ofSeconds(20), old.boundTimeLimit());
        json.put("gap", 1e-4); // one of them without the others: written by another dcplan
        assertThrows(dcplan.model.InputException.class, () -> SolveSettings.fromJson(json, "RUN/summary.json: settings"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
