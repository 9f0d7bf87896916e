package dcplan.solver;

import dcplan.solver.lp.HardInstances;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MIP on the second core: Ctrl-C ({@link Planner#terminateEarly}) stops the first search and
 * SCIP, and no MIP thread outlives {@code plan()}. About 10-20 s (a medium instance's relaxation
 * and rounding come first).
 */
class ConcurrentPlannerTest {

    @Test
    void ctrlCStopsTheSearchAndTheMipAndNoMipThreadOutlivesThePlan() throws Exception {
        HardInstances.Instance inst = HardInstances.generate(HardInstances.Flavor.MIXED, HardInstances.Size.MEDIUM, 1);
        CapacitySolver.Options options = CapacitySolver.Options.timeLimited(Duration.ofSeconds(300), 1)
                .withUnimprovedLimit(Duration.ofSeconds(300));
        Planner planner = new Planner();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Planner.Outcome> out = caller.submit(() -> planner.plan(inst.model(), inst.demand(), options,
                    new Planner.LpLimits(Duration.ofSeconds(60), Duration.ofSeconds(60))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!mipThreadAlive() && !out.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(mipThreadAlive(), "the MIP runs on a thread of its own (2 processors: "
                    + Runtime.getRuntime().availableProcessors() + ")");
            Thread.sleep(1000);
            long stoppedAt = System.nanoTime();
            planner.terminateEarly();
            Planner.Outcome outcome = out.get(90, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - stoppedAt) / 1e9;
            assertNotNull(outcome.plan());
            assertTrue(outcome.search().stoppedEarly(), outcome.search().ended());
            assertFalse(mipThreadAlive(), "SCIP stopped and its thread joined before plan() returned");
            // the MIP's share alone is 225 s: only stopping SCIP makes this short (LP re-splits follow)
            assertTrue(seconds < 60, seconds + " s after Ctrl-C");
        } finally {
            caller.shutdownNow();
        }
    }

    private static boolean mipThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("dcplan-mip") && t.isAlive());
    }
}
