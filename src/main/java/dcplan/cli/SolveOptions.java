package dcplan.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** The search and LP options shared by {@code plan} and {@code whatif} (a picocli mixin). */
final class SolveOptions {
    @Option(names = "--time-limit", defaultValue = "60s", converter = DurationConverter.class,
            description = "Search time (default: ${DEFAULT-VALUE}), e.g. 30s, 5m.")
    Duration timeLimit;

    @Option(names = "--steps", description = "Stop local search after this many steps: the same inputs and seed give the same plan.")
    Long steps;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--chunks", defaultValue = "0", description = "Chunks per demand cell (0: chosen from the problem size).")
    int chunks;

    @Option(names = "--lp-time-limit", defaultValue = "120s", converter = DurationConverter.class,
            description = "Time for the LP relaxation that seeds the search and bounds the cost (0 to skip; default: ${DEFAULT-VALUE}).")
    Duration lpTimeLimit;

    @Option(names = "--polish-time-limit", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time for each LP that re-splits demand over the servers bought (0 to skip; default: ${DEFAULT-VALUE}).")
    Duration polishTimeLimit;

    SolveSettings settings() {
        return new SolveSettings(timeLimit, steps, seed, chunks, lpTimeLimit, polishTimeLimit);
    }
}
