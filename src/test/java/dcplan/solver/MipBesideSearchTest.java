package dcplan.solver;

import dcplan.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which starts are crossed with SCIP's served-phase plan after relax-and-fix: the rounded start
 * only where it was not crossed before relax-and-fix, never one start twice. How long each
 * crossover may take. And how long the main thread waits for a MIP past its own limit.
 */
class MipBesideSearchTest {

    private static final StartingPlans.Start ROUNDED = start("rounded");
    private static final StartingPlans.Start RELAX_AND_FIX = start("relax-and-fix");

    private static StartingPlans.Start start(String name) {
        return new StartingPlans.Start(name, new Plan(List.of(), Map.of(), Map.of()), null);
    }

    @Test
    void theRoundedStartCrossedBeforeRelaxAndFixIsNotCrossedAgain() {
        assertEquals(List.of(RELAX_AND_FIX), MipBesideSearch.startsToCrossAfterRelaxAndFix(ROUNDED, RELAX_AND_FIX, true),
                "relax-and-fix's plan, the better start, is still crossed");
        assertEquals(List.of(), MipBesideSearch.startsToCrossAfterRelaxAndFix(ROUNDED, ROUNDED, true),
                "the rounded start still the best: nothing left to cross");
    }

    @Test
    void theRoundedStartNotCrossedEarlyIsCrossedFirst() {
        assertEquals(List.of(ROUNDED, RELAX_AND_FIX), MipBesideSearch.startsToCrossAfterRelaxAndFix(ROUNDED, RELAX_AND_FIX, false));
        assertEquals(List.of(ROUNDED), MipBesideSearch.startsToCrossAfterRelaxAndFix(ROUNDED, ROUNDED, false),
                "one start, crossed once");
    }

    @Test
    void aCrossoverGetsTheTimeItsBoxNeedsWhereAQuarterOfWhatIsLeftIsLess() {
        // 30 s: about 24.5 s left until the MIP's end; a quarter (6.1 s) is less than the 10 s wanted
        assertEquals(Duration.ofMillis(9_800), MipBesideSearch.crossoverLimit(Duration.ofMillis(24_500)),
                "the 10 s wanted, held to 0.4 of the time left");
        assertEquals(Duration.ofSeconds(10), MipBesideSearch.crossoverLimit(Duration.ofSeconds(30)),
                "10 s where 0.4 of the time left allows it");
    }

    @Test
    void aCrossoverKeepsAQuarterOfWhatIsLeftWhereThatIsMore() {
        assertEquals(Duration.ofMillis(12_500), MipBesideSearch.crossoverLimit(Duration.ofSeconds(50)));
    }

    @Test
    void aCrossoverNeverGetsLessThanItsFloor() {
        assertEquals(MipNeighbourhoods.LEAST_TIME, MipBesideSearch.crossoverLimit(Duration.ofSeconds(5)),
                "0.4 of 5 s is below the 3 s floor");
        assertEquals(Duration.ofMillis(3_200), MipBesideSearch.crossoverLimit(Duration.ofSeconds(8)));
    }

    private static final MipCandidates.Found MIPS_OWN = found("the MIP's own plan");
    private static final MipCandidates.Found TAKEN_OVER = found(MipBesideSearch.NOT_WAITED_FOR);

    private static MipCandidates.Found found(String name) {
        return new MipCandidates.Found(Map.of(name, new Plan(List.of(), Map.of(), Map.of())), null);
    }

    /** A MIP's thread that returns {@link #MIPS_OWN} once {@code release} opens, deaf to its interrupt (SCIP past its limit). */
    private static MipInBackground<MipCandidates.Found> mipReturningOn(CountDownLatch release, CountDownLatch ended) {
        return MipInBackground.start(() -> {
            MipInBackgroundTest.awaitIgnoringInterrupts(release);
            return MIPS_OWN;
        }, ended::countDown, MipCandidates.Found.NONE, "test-mip");
    }

    /**
     * A take-over counted in {@code asked}: no served-phase plan (null) before its {@code at}-th ask;
     * there {@link #TAKEN_OVER}, and the MIP is released, so it returns while the main thread waits.
     */
    private static Supplier<MipCandidates.Found> takeOverReleasingAtAsk(int at, CountDownLatch release, AtomicInteger asked) {
        return () -> {
            if (asked.incrementAndGet() < at) {
                return null;
            }
            release.countDown();
            return TAKEN_OVER;
        };
    }

    @Test
    void aMipBackBeforeTheWaitIsUsedAndItsServedPhaseNotTakenOver() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(0);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicInteger takenOver = new AtomicInteger();
        Deadline deadline = Deadline.of(Duration.ofSeconds(60), System::nanoTime);
        try (MipInBackground<MipCandidates.Found> mip = mipReturningOn(release, ended)) {
            assertTrue(ended.await(60, TimeUnit.SECONDS));
            MipCandidates.Found found = MipBesideSearch.waitForTheMip(mip, () -> {
                takenOver.incrementAndGet();
                return TAKEN_OVER;
            }, Duration.ofSeconds(50).toNanos(), deadline);
            assertSame(MIPS_OWN, found);
        }
        assertEquals(0, takenOver.get(), "back already: nothing taken over");
        assertEquals("waiting for the MIP", deadline.steps().get(0).name());
    }

    @Test
    void aMipNotBackWhenTheWaitBeginsHasItsServedPhaseTakenOverAndIsStillUsedWhenItReturnsInTime() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger takenOver = new AtomicInteger();
        Deadline deadline = Deadline.of(Duration.ofSeconds(60), System::nanoTime);
        // taken over at once, as the main thread would idle; the MIP returns then, by its own limit
        Supplier<MipCandidates.Found> takeOver = takeOverReleasingAtAsk(1, release, takenOver);
        try (MipInBackground<MipCandidates.Found> mip = mipReturningOn(release, new CountDownLatch(1))) {
            assertSame(MIPS_OWN, MipBesideSearch.waitForTheMip(mip, takeOver, Duration.ofSeconds(50).toNanos(), deadline));
        }
        assertEquals(1, takenOver.get());
        assertEquals("waiting for the MIP", deadline.steps().get(0).name());
    }

    @Test
    void aServedPhaseEndedOnlyAfterTheWaitBeganIsTakenOverPastTheMipsLimitAndTheMipStillUsedWhenBackByTheCutOff() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        Deadline deadline = Deadline.of(Duration.ofSeconds(60), System::nanoTime);
        // its own limit a second ago: past it from the start. No served-phase plan at the first ask;
        // at the second (past its limit) there is one, and the MIP returns then
        Supplier<MipCandidates.Found> takeOver = takeOverReleasingAtAsk(2, release, asked);
        try (MipInBackground<MipCandidates.Found> mip = mipReturningOn(release, new CountDownLatch(1))) {
            assertSame(MIPS_OWN, MipBesideSearch.waitForTheMip(mip, takeOver, -Deadline.MIP_LATE.toNanos(), deadline));
        }
        assertEquals(2, asked.get());
        assertEquals("waiting for the MIP, past its limit", deadline.steps().get(0).name());
    }

    @Test
    void noServedPhasePlanAtTheCutOffLeavesNoMipPlans() {
        Deadline deadline = Deadline.of(Duration.ofSeconds(1), System::nanoTime);
        CountDownLatch release = new CountDownLatch(1);
        MipInBackground<MipCandidates.Found> mip = mipReturningOn(release, new CountDownLatch(1));
        MipCandidates.Found found;
        try {
            found = MipBesideSearch.waitForTheMip(mip, () -> null, -Deadline.MIP_LATE.toNanos(), deadline);
        } finally {
            mip.close();
            release.countDown();
        }
        assertSame(MipCandidates.Found.NONE, found);
        assertEquals("waiting for the MIP, stopped: SCIP past its limit, no served-phase plan yet", deadline.steps().get(0).name());
    }

    @Test
    @Timeout(60) // a close() that waited would hang here: the task is deaf to its interrupt
    void aMipStillRunningAtTheCutOffIsAbandonedAndItsServedPhasesPlanKept() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        // 1 s: the cut-off is the limit less its 2 % margin, nothing measured yet
        Deadline deadline = Deadline.of(Duration.ofSeconds(1), System::nanoTime);
        MipInBackground<MipCandidates.Found> mip = mipReturningOn(release, ended);
        MipCandidates.Found found;
        try {
            found = MipBesideSearch.waitForTheMip(mip, () -> TAKEN_OVER, -Deadline.MIP_LATE.toNanos(), deadline);
        } finally {
            mip.close(); // abandoned: returns at once
        }
        assertEquals(1, ended.getCount(), "the MIP's thread still runs after close");
        assertSame(TAKEN_OVER, found);
        assertTrue(deadline.elapsedNanos() >= deadline.mipWaitEndNanos(-Deadline.MIP_LATE.toNanos()), "waited until the cut-off");
        assertEquals("waiting for the MIP, stopped: SCIP past its limit, its served phase's plan kept",
                deadline.steps().get(0).name());
        release.countDown();
        assertTrue(ended.await(60, TimeUnit.SECONDS));
    }
}
