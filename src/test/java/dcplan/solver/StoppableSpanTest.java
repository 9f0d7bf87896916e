package dcplan.solver;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relax-and-fix beside the MIP is stopped from the MIP's thread without leaving the main thread interrupted. */
class StoppableSpanTest {

    @Test
    void aStopAskedBeforeTheStretchSkipsIt() {
        StoppableSpan span = new StoppableSpan();
        span.stop();
        assertFalse(span.begin(), "the MIP returned before relax-and-fix began: skip it");
    }

    @Test
    void aStopDuringTheStretchInterruptsItsSolvesAndEndClearsTheFlag() throws Exception {
        StoppableSpan span = new StoppableSpan();
        CountDownLatch begun = new CountDownLatch(1);
        AtomicBoolean interruptedDuring = new AtomicBoolean();
        AtomicBoolean interruptedAfter = new AtomicBoolean(true);
        Thread main = new Thread(() -> {
            assertTrue(span.begin());
            begun.countDown();
            long until = System.nanoTime() + 10_000_000_000L;
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < until) {
                Thread.onSpinWait(); // a solve in progress, until stopped
            }
            interruptedDuring.set(Thread.currentThread().isInterrupted());
            span.end();
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        main.start();
        begun.await();
        span.stop();
        main.join();
        assertTrue(interruptedDuring.get(), "the solves of the stretch are refused once stopped");
        assertFalse(interruptedAfter.get(), "after the stretch the re-splits and the search must run");
    }

    @Test
    void endLeavesAnInterruptFromElsewhereInPlace() {
        StoppableSpan span = new StoppableSpan();
        assertTrue(span.begin());
        Thread.currentThread().interrupt(); // say, a Spark task being killed
        span.end();
        assertTrue(Thread.interrupted(), "not this stretch's stop: the interrupt stays");
    }
}
