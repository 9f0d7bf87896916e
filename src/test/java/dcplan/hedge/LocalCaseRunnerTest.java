package dcplan.hedge;

import dcplan.plan.Commitments;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Futures planned side by side give the same step-limited plans, in the same order, as one after another. */
class LocalCaseRunnerTest {
    private static final HedgeSettings SETTINGS = new HedgeSettings(null, 3, 200L, Duration.ofSeconds(30));

    @Test
    void sideBySideGivesTheSamePlansAsOneAfterAnother() {
        HedgeInstance instance = HedgeModels.instance();
        List<Commitments> none = instance.cases().stream().map(c -> Commitments.NONE).toList();
        List<CasePlan> one = new LocalCaseRunner(1).plan(instance.cases(), none, SETTINGS);
        List<CasePlan> two = new LocalCaseRunner(2).plan(instance.cases(), none, SETTINGS);
        assertSamePlans(one, two);
    }

    /**
     * Futures holding commitments (one core each) run two at a time by the held-threads setting,
     * futures holding nothing (both cores each) one at a time, and the step-limited plans are the
     * same as one after another.
     */
    @Test
    void heldFuturesRunTwoAtATimeWithTheSamePlans() {
        HedgeInstance instance = HedgeModels.instance();
        List<Commitments> none = instance.cases().stream().map(c -> Commitments.NONE).toList();
        Set<String> aloneThreads = ConcurrentHashMap.newKeySet();
        List<CasePlan> alone = new LocalCaseRunner(1, 2, threadOf(aloneThreads)).plan(instance.cases(), none, SETTINGS);
        assertEquals(1, aloneThreads.size(), "plans holding nothing run one after another: " + aloneThreads);

        // every future holds the ban future's own commitments (its 2026Q1 nv and its dom orders)
        HedgeCase ban = instance.cases().get(1);
        List<Commitments> held = instance.cases().stream()
                .map(c -> Commitments.of(ban.model(), alone.get(1).plan(), c.model(), instance.decisionQuarter())).toList();
        held.forEach(h -> assertFalse(h.isNone(), "the test needs commitments held"));
        List<CasePlan> one = new LocalCaseRunner(1, 1, line -> { }).plan(instance.cases(), held, SETTINGS);
        Set<String> heldThreads = ConcurrentHashMap.newKeySet();
        List<CasePlan> two = new LocalCaseRunner(1, 2, threadOf(heldThreads)).plan(instance.cases(), held, SETTINGS);
        assertEquals(2, heldThreads.size(), "plans holding commitments run two at a time: " + heldThreads);
        assertSamePlans(one, two);
    }

    /**
     * By default (no system property) futures holding commitments run one per processor, each on
     * a core of its own: on the 2 cores of the machine the sample's hedge is measured on, two at a
     * time. Fails if the default goes back to one after another on a machine with 2 cores or more.
     */
    @Test
    void heldFuturesRunOnePerProcessorByDefault() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("dcplan.hedge.held-threads") == null,
                "the default is what is tested");
        HedgeInstance instance = HedgeModels.instance();
        HedgeCase ban = instance.cases().get(1);
        List<CasePlan> banAlone = new LocalCaseRunner(1).plan(List.of(ban), List.of(Commitments.NONE), SETTINGS);
        List<Commitments> held = instance.cases().stream()
                .map(c -> Commitments.of(ban.model(), banAlone.get(0).plan(), c.model(), instance.decisionQuarter())).toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        new LocalCaseRunner(threadOf(threads)).plan(instance.cases(), held, SETTINGS);
        assertEquals(Math.min(instance.cases().size(), Runtime.getRuntime().availableProcessors()), threads.size(),
                "plans holding commitments, one per processor: " + threads);
    }

    /** A log that records which thread wrote each plan's line. */
    private static Consumer<String> threadOf(Set<String> threads) {
        return line -> threads.add(Thread.currentThread().getName());
    }

    private static void assertSamePlans(List<CasePlan> one, List<CasePlan> two) {
        assertEquals(one.stream().map(CasePlan::name).toList(), two.stream().map(CasePlan::name).toList());
        for (int k = 0; k < one.size(); k++) {
            assertEquals(one.get(k).plan().installed(), two.get(k).plan().installed(), one.get(k).name());
            assertEquals(one.get(k).evaluation().totalCostUsd(), two.get(k).evaluation().totalCostUsd(), 0.0, one.get(k).name());
        }
    }
}
