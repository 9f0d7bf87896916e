package dcplan.hedge;

import java.time.Duration;

/**
 * How to solve a hedge: the overall wall-time limit, the search's seed and, for reproducible runs,
 * its step limit (null: time-limited), and the LP/MIP solvers' time limit per solve.
 */
public record HedgeSettings(Duration timeLimit, long seed, Long steps, Duration lpTimeLimit) {
}
