package dcplan.sweep;

import java.io.Serializable;

/**
 * One case of a sweep, shipped to a Spark task: what to solve or evaluate. Plain values only
 * (the model, demand and plan travel as text in {@link SweepInputs}).
 *
 * @param id           stable id, sorts in case order ({@code c0000}, {@code c0001}, ...)
 * @param kind         scenario, sample (Monte Carlo demand, solved) or fixed-plan-eval
 * @param name         for people: the scenario file's name, {@code sample-0007}, ...
 * @param seed         OptaPlanner's random seed
 * @param steps        local search step limit (reproducible), or null
 * @param timeLimitMs  search time limit in ms, or null; at least one of steps and time is set
 *                     for the solving kinds
 * @param sampleIndex  Monte Carlo sample index (sample and fixed-plan-eval), else -1
 * @param scenarioYaml the scenario file's text (scenario), else null
 */
public record SweepCase(String id, Kind kind, String name, long seed, Long steps, Long timeLimitMs,
                        long sampleIndex, String scenarioYaml) implements Serializable {

    public enum Kind {
        SCENARIO("scenario"), SAMPLE("sample"), FIXED_PLAN_EVAL("fixed-plan-eval");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name used in files and reports. */
        public String label() {
            return label;
        }
    }

    public static String id(int index) {
        return String.format("c%04d", index);
    }

    public static SweepCase sample(int index, long sampleIndex, long seed, Long steps, Long timeLimitMs) {
        return new SweepCase(id(index), Kind.SAMPLE, String.format("sample-%04d", sampleIndex), seed, steps,
                timeLimitMs, sampleIndex, null);
    }

    public static SweepCase fixedPlanEval(int index, long sampleIndex) {
        return new SweepCase(id(index), Kind.FIXED_PLAN_EVAL, String.format("plan@sample-%04d", sampleIndex), 0,
                null, null, sampleIndex, null);
    }

    public static SweepCase scenario(int index, String name, String yaml, long seed, Long steps, Long timeLimitMs) {
        return new SweepCase(id(index), Kind.SCENARIO, name, seed, steps, timeLimitMs, -1, yaml);
    }
}
