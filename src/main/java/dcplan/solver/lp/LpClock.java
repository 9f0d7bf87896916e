package dcplan.solver.lp;

import java.time.Duration;

/** Wall clock of one solve (all its phases) against its time limit; no limit when null. */
final class LpClock {
    private final long start = System.nanoTime();
    private final Duration limit;

    LpClock(Duration limit) {
        this.limit = limit;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    boolean limited() {
        return limit != null;
    }

    /** Milliseconds left (at least 1), or -1 when no limit. */
    long remainingMillis() {
        if (limit == null) {
            return -1;
        }
        return Math.max(1, limit.toMillis() - (System.nanoTime() - start) / 1_000_000);
    }

    /** Half of what is left (phase 1 leaves the rest to phase 2), or -1 when no limit. */
    long halfRemainingMillis() {
        return limit == null ? -1 : Math.max(1, remainingMillis() / 2);
    }

    /**
     * The served phase's budget: half of what is left, or what is left until {@code atLeast}
     * from the start when that is more (never more than what is left); -1 when no limit.
     */
    long servedPhaseMillis(Duration atLeast) {
        long half = halfRemainingMillis();
        if (limit == null || atLeast == null) {
            return half;
        }
        long untilFloor = atLeast.toMillis() - (System.nanoTime() - start) / 1_000_000;
        return Math.min(remainingMillis(), Math.max(half, untilFloor));
    }

    /** 97 % of the limit used: not worth starting another phase. */
    boolean expired() {
        return limit != null && (System.nanoTime() - start) / 1_000_000 >= limit.toMillis() * 0.97;
    }
}
