package dcplan.cli;

import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.Map;

/**
 * The search and LP options shared by {@code plan}, {@code whatif} and {@code sweep} (a picocli
 * mixin). The time limits' defaults are the command's: {@link OnePlan} for a plan of its own,
 * {@link PerCase} for each case of a sweep, set with {@code @Command(defaultValueProvider = ...)}.
 */
final class SolveOptions {
    static final String TIME_LIMIT = "--time-limit";
    static final String LP_TIME_LIMIT = "--lp-time-limit";
    static final String POLISH_TIME_LIMIT = "--polish-time-limit";
    static final String UNIMPROVED_LIMIT = "--unimproved-limit";
    static final String BOUND_TIME_LIMIT = "--bound-time-limit";

    /**
     * plan and whatif: at most a minute of search, ended after 10 s without a new best
     * (docs/solver.md, "Stopping"); two minutes for the LP relaxation, one for each polish, half
     * a minute for the bound's MIP.
     */
    static final class OnePlan extends Defaults {
        OnePlan() {
            super(Map.of(TIME_LIMIT, "60s", UNIMPROVED_LIMIT, "10s", LP_TIME_LIMIT, "120s", POLISH_TIME_LIMIT, "60s",
                    BOUND_TIME_LIMIT, "30s"));
        }
    }

    /** sweep: half a minute for each of a case's search, LP relaxation and polish; 10 s without a new best ends a search. */
    static final class PerCase extends Defaults {
        PerCase() {
            super(Map.of(TIME_LIMIT, "30s", UNIMPROVED_LIMIT, "10s", LP_TIME_LIMIT, "30s", POLISH_TIME_LIMIT, "30s",
                    BOUND_TIME_LIMIT, "30s"));
        }
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = TIME_LIMIT, converter = DurationConverter.class,
            description = "Planning time, e.g. 30s, 5m: the LP steps, starting plans and search end within it (the final "
                    + "re-split may take a tenth more); the bound after the plan has its own --bound-time-limit "
                    + "(default: ${DEFAULT-VALUE}; with --steps, only the search's, when given).")
    Duration timeLimit;

    @Option(names = UNIMPROVED_LIMIT, converter = DurationConverter.class,
            description = "End the search when its best plan has not improved for this long (0: search to --time-limit; "
                    + "not with --steps; default: ${DEFAULT-VALUE}).")
    Duration unimprovedLimit;

    @Option(names = "--gap", defaultValue = "1e-4",
            description = "End the search once its plan is proven within this relative gap of the LP bound (default: ${DEFAULT-VALUE}).")
    double gap;

    @Option(names = "--steps", description = "Stop local search after this many steps: the same inputs and seed give the same result.")
    Long steps;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--chunks", defaultValue = "0", description = "Chunks per demand cell (0: chosen from the problem size).")
    int chunks;

    @Option(names = LP_TIME_LIMIT, converter = DurationConverter.class,
            description = "Time for the LP relaxation that seeds the search and bounds the cost (0 to skip; default: ${DEFAULT-VALUE}).")
    Duration lpTimeLimit;

    @Option(names = POLISH_TIME_LIMIT, converter = DurationConverter.class,
            description = "Time for each LP that re-splits demand over the servers bought (0 to skip; default: ${DEFAULT-VALUE}).")
    Duration polishTimeLimit;

    @Option(names = BOUND_TIME_LIMIT, converter = DurationConverter.class,
            description = "Time for the lower bound's MIP where phases make the relaxation weak, after the plan and "
                    + "besides --time-limit (0: the relaxation's bound; default: ${DEFAULT-VALUE}).")
    Duration boundTimeLimit;

    /**
     * The search's time limit: the one given, else the command's default unless a step limit
     * makes the run reproducible (then none).
     */
    Duration searchTime() {
        boolean given = command.commandLine().getParseResult().hasMatchedOption(TIME_LIMIT);
        return given || steps == null ? timeLimit : null;
    }

    /** What this run solves with, as recorded in the run folder (the time limit: {@link #searchTime}). */
    SolveSettings settings() {
        return new SolveSettings(searchTime(), steps, seed, chunks, lpTimeLimit, polishTimeLimit, unimprovedLimit, gap,
                boundTimeLimit);
    }

    CapacitySolver.Options solverOptions() {
        return settings().solverOptions();
    }

    Planner.LpLimits lpLimits() {
        return settings().lpLimits();
    }

    String describe() {
        return settings().describe();
    }

    /** A command's defaults for the time limits; the other options have one default everywhere. */
    abstract static class Defaults implements IDefaultValueProvider {
        private final Map<String, String> values;

        Defaults(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec option ? values.get(option.longestName()) : null;
        }
    }
}
