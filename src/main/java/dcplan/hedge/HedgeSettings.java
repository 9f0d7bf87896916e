package dcplan.hedge;

import java.time.Duration;

/**
 * How to solve a hedge: the overall wall-time limit, the search's seed and, for reproducible runs,
 * its step limit (null: time-limited), and the LP/MIP solvers' time limit per solve.
 *
 * <p>The time limit is a round's: a {@link CaseRunner} gives each future it plans an equal share
 * of it. A round that plans only {@code planned} of its {@code futures} because the others are
 * the same problem ({@link DistinctCaseRunner}) passes {@link #forPart}, so that each future it
 * plans gets the share it would have had among all of them.
 */
public record HedgeSettings(Duration timeLimit, long seed, Long steps, Duration lpTimeLimit) {

    /** These settings with the time limit of {@code planned} futures' shares out of {@code futures}. */
    public HedgeSettings forPart(int planned, int futures) {
        if (timeLimit == null || planned == futures || futures <= 0) {
            return this;
        }
        return new HedgeSettings(Duration.ofMillis(timeLimit.toMillis() * planned / futures), seed, steps, lpTimeLimit);
    }
}
