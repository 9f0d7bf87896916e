package dcplan.solver;

import dcplan.TinyModel;
import dcplan.cli.CliTestSupport;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Plan;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same inputs, seed and step-count termination give the same plan: through {@link Planner}
 * (LP relaxation seed and polish on) and through {@code dcplan plan --steps N --seed S}, whose
 * two run folders must hold byte-identical plan tables.
 *
 * <p>A step-limited search has no wall-clock limit, so every run here has a watchdog that
 * stops it ({@link Planner#terminateEarly}) after a generous time and the test then fails on
 * {@code stoppedEarly}, instead of hanging CI.
 */
class DeterminismTest {
    static final CapacitySolver.Options STEPS = CapacitySolver.Options.stepLimited(2000, 7).withChunksPerCell(8);
    static final Planner.LpLimits LP_ON = new Planner.LpLimits(Duration.ofSeconds(30), Duration.ofSeconds(30));

    /** Plans with a watchdog: after {@code limit} the search is stopped (and reported as stopped early). */
    static Planner.Outcome planWithWatchdog(PlanningModel model, List<DemandCell> demand, CapacitySolver.Options options,
                                            Planner.LpLimits lp, Duration limit) {
        Planner planner = new Planner();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
                planner.terminateEarly();
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "determinism-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return planner.plan(model, demand, options, lp);
        } finally {
            watchdog.interrupt();
        }
    }

    @Test
    void plannerGivesTheIdenticalPlanTwiceForTheSameSeedAndStepCount() {
        // 2 regions, 3 sites, 2 chips, 2 workloads, 4 quarters: 16 cells x 8 chunks
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        Planner.Outcome first = planWithWatchdog(inst.model(), inst.demand(), STEPS, LP_ON, Duration.ofSeconds(90));
        Planner.Outcome second = planWithWatchdog(inst.model(), inst.demand(), STEPS, LP_ON, Duration.ofSeconds(90));
        assertFalse(first.search().stoppedEarly(), "first run hit the watchdog: the 2000 steps did not end");
        assertFalse(second.search().stoppedEarly(), "second run hit the watchdog: the 2000 steps did not end");
        assertTrue(first.evaluation().feasible(), "feasible: " + first.evaluation().violations());
        assertFalse(first.plan().flows().isEmpty(), "the plan serves something");

        assertEquals(first.search().score(), second.search().score(), "search score");
        assertEquals(first.plan().flows(), second.plan().flows(), "flows (same order, same doubles)");
        assertEquals(new TreeMap<>(keyed(first.plan().installed())), new TreeMap<>(keyed(second.plan().installed())), "installed");
        assertEquals(new TreeMap<>(keyed(first.plan().itMwBuilt())), new TreeMap<>(keyed(second.plan().itMwBuilt())), "built MW");
        assertEquals(first.plan(), second.plan(), "whole plan");
        assertEquals(first.evaluation().totalCostUsd(), second.evaluation().totalCostUsd(), 0.0, "cost, bit for bit");
        assertEquals(first.polished(), second.polished(), "polish kept or not");
    }

    private static <V> Map<String, V> keyed(Map<?, V> m) {
        Map<String, V> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }

    /**
     * Through the CLI: two runs with the same inputs, seed and step count write byte-identical
     * plan tables. (The step limit also ends on a reproducible score-calculation count, so a
     * search sitting on a strict local optimum still ends; see the next test.)
     */
    @Test
    void cliWritesByteIdenticalPlanTablesForTheSameSeedAndSteps(@TempDir Path tmp) throws IOException {
        Path models = CliTestSupport.copyModels(tmp.resolve("models"));
        Path demand = CliTestSupport.writeDemand(tmp.resolve("demand.csv"), List.of("france", "china"), List.of("llm-chat", "embedding"));
        CliTestSupport.Run a = CliTestSupport.run("plan", "--models", models.toString(), "--demand", demand.toString(),
                "--steps", "300", "--seed", "7", "--chunks", "8", "--lp-time-limit", "30s", "--polish-time-limit", "30s",
                "--out", tmp.resolve("run-a").toString());
        CliTestSupport.Run b = CliTestSupport.run("plan", "--models", models.toString(), "--demand", demand.toString(),
                "--steps", "300", "--seed", "7", "--chunks", "8", "--lp-time-limit", "30s", "--polish-time-limit", "30s",
                "--out", tmp.resolve("run-b").toString());
        assertEquals(0, a.exitCode(), "first run: " + a.stderr());
        assertEquals(0, b.exitCode(), "second run: " + b.stderr());
        for (String table : List.of("flows.csv", "servers.csv", "facility.csv", "unmet.csv")) {
            byte[] x = Files.readAllBytes(tmp.resolve("run-a/plan/" + table));
            byte[] y = Files.readAllBytes(tmp.resolve("run-b/plan/" + table));
            assertArrayEquals(x, y, "plan/" + table + " differs between the two runs");
        }
        assertTrue(Files.readAllLines(tmp.resolve("run-a/plan/flows.csv")).size() > 1, "flows.csv has rows");
    }

    /**
     * Was a main-code bug (CapacitySolver.config, now fixed): with a step limit and no time
     * limit, the local search only ended after N <em>accepted</em> moves. Late acceptance never accepts a move that
     * is worse than both the last step and the score N steps ago; once the search sits on a
     * strict local optimum every move is worse, OptaPlanner keeps drawing random moves for ever,
     * and {@code dcplan plan --steps N} hangs. Here: one cell (8000 ips) served by chips A and B
     * (see {@link HandWorkedOptimaTest}); the construction heuristic puts every chunk on B (the
     * optimum), after which no move is accepted, and 10 steps never complete. The watchdog
     * stops the search after 10 s, so this test fails fast instead of hanging.
     */
    @Test
    void stepLimitedSearchEndsEvenWhenNoMoveImproves() {
        PlanningModel m = TinyModel.oneRegion().site("s", "XX", 10, 10, 0, Map.of())
                .chip("A", 100_000, 100, null, List.of())
                .chip("B", 50_000, 80, null, List.of()).build();
        long start = System.nanoTime();
        Planner.Outcome o = planWithWatchdog(m, List.of(TinyModel.cell("2026Q1", 8000, 4000)),
                CapacitySolver.Options.stepLimited(10, 7), Planner.LpLimits.NONE, Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertFalse(o.search().stoppedEarly(), String.format(
                "10 local search steps did not end within %.1f s (stopped by the watchdog); best cost %.2f", seconds,
                o.evaluation().totalCostUsd()));
    }
}
