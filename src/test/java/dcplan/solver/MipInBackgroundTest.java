package dcplan.solver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MIP's thread beside the planner's (issue 11: --time-limit is a maximum): waited for within a
 * bound, and, when abandoned, asked to stop and not waited for. A task that ignores the request
 * until a latch opens stands for SCIP past its own limit, which checks it only where it checks the
 * limit. No wall time is asserted: each wait is tied to a latch.
 */
class MipInBackgroundTest {

    @Test
    void aWaitWithinABoundGivesNothingWhileTheTaskRunsAndItsResultOnceItReturned() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        MipInBackground<String> task = MipInBackground.start(() -> {
            awaitIgnoringInterrupts(release);
            return "plans";
        }, () -> { }, "none", "test-mip");
        try {
            assertEquals(Optional.empty(), task.joinWithin(Duration.ofMillis(50)), "still running");
            release.countDown();
            assertEquals(Optional.of("plans"), task.joinWithin(Duration.ofSeconds(60)));
        } finally {
            task.close();
        }
    }

    @Test
    @Timeout(60) // a close() that waited would hang here: the task is deaf to its interrupt
    void anAbandonedTaskIsAskedToStopAndCloseDoesNotWaitForIt() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean askedToStop = new AtomicBoolean();
        MipInBackground<String> task = MipInBackground.start(() -> {
            awaitIgnoringInterrupts(release);
            askedToStop.set(Thread.currentThread().isInterrupted());
            return "plans";
        }, ended::countDown, "none", "test-mip");
        task.abandon();
        task.close();
        assertEquals(1, ended.getCount(), "close returned while the task still ran");
        release.countDown();
        assertTrue(ended.await(60, TimeUnit.SECONDS), "the thread ends on its own");
        assertTrue(askedToStop.get(), "its interrupt flag was set");
    }

    @Test
    void closeStopsATaskThatWasNotAbandonedAndWaitsForItsEnd() {
        AtomicBoolean ended = new AtomicBoolean();
        MipInBackground<String> task = MipInBackground.start(() -> {
            try {
                new CountDownLatch(1).await(); // until interrupted, as a solve stopped by its interrupt
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "stopped";
        }, () -> ended.set(true), "none", "test-mip");
        assertFalse(ended.get());
        task.close();
        assertTrue(ended.get(), "close returned only once the task had ended");
    }

    /** Waits for {@code latch}, the interrupt flag kept (set again) but not obeyed. */
    static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
