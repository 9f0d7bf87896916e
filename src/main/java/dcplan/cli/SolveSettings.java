package dcplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dcplan.model.InputException;
import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search and LP settings of one plan run: what {@code --time-limit --steps --seed --chunks
 * --lp-time-limit --polish-time-limit --unimproved-limit --gap --bound-time-limit} gave, recorded
 * in summary.json ("settings") and log.txt so that {@code dcplan rerun} solves again exactly as
 * the run did.
 *
 * @param timeLimit       search time; a step limit replaces it
 * @param steps           local search steps, null for none: the same inputs and seed then give the same plan
 * @param seed            random seed of the search
 * @param chunks          chunks per demand cell, 0 = chosen from the problem size
 * @param lpTimeLimit     LP relaxation time (0 skips it)
 * @param polishTimeLimit time of each LP re-split (0 skips them)
 * @param unimprovedLimit a time-limited search ends after this long without a new best (null or 0: never)
 * @param gap             the search ends once its best is proven within this relative gap of the bound
 * @param boundTimeLimit  time for the lower bound after the plan (the MIP's, with phases; 0: the relaxation's)
 */
record SolveSettings(Duration timeLimit, Long steps, long seed, int chunks, Duration lpTimeLimit,
                     Duration polishTimeLimit, Duration unimprovedLimit, double gap, Duration boundTimeLimit) {
    /** The keys of {@link #toMap}, in order. */
    static final List<String> KEYS = List.of("seed", "steps", "time_limit_seconds", "lp_time_limit_seconds",
            "polish_time_limit_seconds", "chunks", "unimproved_limit_seconds", "gap", "bound_time_limit_seconds");

    /** The keys a run folder written before the stopping rules lacks: {@link #fromJson} reads it as that dcplan ran. */
    private static final List<String> ADDED_LATER = List.of("unimproved_limit_seconds", "gap", "bound_time_limit_seconds");

    /** The search's options: a step limit makes the run reproducible; a time limit, when given too, still applies. */
    CapacitySolver.Options solverOptions() {
        return CapacitySolver.Options.of(timeLimit, steps, seed).withChunksPerCell(chunks)
                .withUnimprovedLimit(unimprovedLimit).withGap(gap);
    }

    Planner.LpLimits lpLimits() {
        return new Planner.LpLimits(lpTimeLimit, polishTimeLimit);
    }

    String describe() {
        String limit = timeLimit == null ? "" : "for up to " + timeLimit.toSeconds() + " s";
        return steps == null ? limit : steps + " local search steps" + (limit.isEmpty() ? "" : ", " + limit);
    }

    /** One line for log.txt: everything a rerun needs besides the inputs. */
    String logLine() {
        return "seed " + seed + ", " + (steps != null ? steps + " steps (reproducible" + (timeLimit == null ? ")"
                : "; also a time limit of " + seconds(timeLimit) + " s, which may end it first)")
                : "time limit " + seconds(timeLimit) + " s (not reproducible: give --steps for that)")
                + stopping()
                + ", LP relaxation limit " + seconds(lpTimeLimit) + " s, LP polish limit " + seconds(polishTimeLimit)
                + " s, bound limit " + seconds(boundTimeLimit) + " s, chunks per cell " + (chunks == 0 ? "auto" : chunks);
    }

    /** The early stops, for the log line. */
    private String stopping() {
        boolean unimproved = steps == null && unimprovedLimit != null && !unimprovedLimit.isZero();
        return (unimproved ? ", ends after " + seconds(unimprovedLimit) + " s without a new best" : "")
                + (gap >= 0 ? ", or once within a gap of " + gap + " of the relaxation's bound" : "");
    }

    /** The summary.json fields, in seconds (null steps: no step limit). */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("steps", steps);
        m.put("time_limit_seconds", timeLimit == null ? null : seconds(timeLimit));
        m.put("lp_time_limit_seconds", seconds(lpTimeLimit));
        m.put("polish_time_limit_seconds", seconds(polishTimeLimit));
        m.put("chunks", chunks);
        m.put("unimproved_limit_seconds", unimprovedLimit == null ? 0.0 : seconds(unimprovedLimit));
        m.put("gap", gap);
        m.put("bound_time_limit_seconds", seconds(boundTimeLimit));
        return m;
    }

    /**
     * Reads what {@link #toMap} wrote; {@code where} names the file ("RUN/summary.json: settings").
     * A run folder from before the stopping rules has none of their keys: it is read as that
     * dcplan ran, searching to its time limit, no gap stop, the bound with the LP's time.
     */
    static SolveSettings fromJson(JsonNode settings, String where) {
        boolean older = ADDED_LATER.stream().noneMatch(settings::has);
        for (String key : KEYS) {
            boolean optional = key.equals("steps") || key.equals("time_limit_seconds") || (older && ADDED_LATER.contains(key));
            if (!optional && !settings.path(key).isNumber()) {
                throw new InputException(where + "." + key + ": missing or not a number (run folder written by another dcplan?)");
            }
        }
        JsonNode steps = settings.path("steps");
        JsonNode time = settings.path("time_limit_seconds");
        Duration lp = duration(settings.get("lp_time_limit_seconds"));
        return new SolveSettings(time.isNumber() ? duration(time) : null, steps.isNumber() ? steps.asLong() : null,
                settings.get("seed").asLong(), settings.get("chunks").asInt(), lp,
                duration(settings.get("polish_time_limit_seconds")),
                older ? null : duration(settings.get("unimproved_limit_seconds")),
                older ? -1 : settings.get("gap").asDouble(),
                older ? lp : duration(settings.get("bound_time_limit_seconds")));
    }

    private static Duration duration(JsonNode seconds) {
        return Duration.ofMillis(Math.round(seconds.asDouble() * 1000));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
