package dcplan.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.Quarter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run folder records beside the plan: the scenario, the hash of the resolved inputs,
 * solver timing and outcome, and extra files (the resolved model YAML, a log, a report).
 *
 * @param scenario      scenario name
 * @param inputsSha256  {@link InputsHash#sha256} of the resolved inputs
 * @param solveSeconds  wall-clock solve time
 * @param stoppedEarly  whether the solver stopped on a time limit or interruption
 * @param score         the solver's score as text (free form), may be null
 * @param lowerBoundUsd a proven lower bound on total cost, null when none was computed
 * @param gap           relative optimality gap, null when unknown
 * @param extraFiles    relative path inside the run folder (e.g. {@code scenario/models/sites.yaml},
 *                      {@code solve.log}) -> content; no absolute paths, no {@code ..}
 * @param extraWriter   called with the temporary folder before it is renamed, to write further
 *                      files; null for none. If it throws, nothing is left behind.
 * @param decidedUntil  for a plan that kept a baseline's commitments (a what-if, contract version
 *                      2): the first quarter not yet decided; null for a plan made from scratch
 * @param baselineRun   the baseline's run folder as given (a path), for a what-if (with
 *                      {@code decidedUntil}, or without it when every quarter was re-planned); else null
 * @param whatIf        a what-if's own figures for summary.json's {@code what_if} (held, stranded,
 *                      the cost of hindsight); null for a plan
 */
public record RunInfo(String scenario, String inputsSha256, double solveSeconds, boolean stoppedEarly,
                      String score, Double lowerBoundUsd, Double gap, Map<String, byte[]> extraFiles,
                      ExtraWriter extraWriter, Quarter decidedUntil, String baselineRun,
                      ObjectNode whatIf) {

    public RunInfo {
        extraFiles = extraFiles == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraFiles));
    }

    /** A run with no bound, gap, extra files or writer. */
    public static RunInfo of(String scenario, String inputsSha256, double solveSeconds, boolean stoppedEarly, String score) {
        return new RunInfo(scenario, inputsSha256, solveSeconds, stoppedEarly, score, null, null, Map.of(), null,
                null, null, null);
    }

    public RunInfo withBound(Double lowerBoundUsd, Double gap) {
        return new RunInfo(scenario, inputsSha256, solveSeconds, stoppedEarly, score, lowerBoundUsd, gap, extraFiles,
                extraWriter, decidedUntil, baselineRun, whatIf);
    }

    public RunInfo withExtraFiles(Map<String, byte[]> files) {
        return new RunInfo(scenario, inputsSha256, solveSeconds, stoppedEarly, score, lowerBoundUsd, gap, files,
                extraWriter, decidedUntil, baselineRun, whatIf);
    }

    public RunInfo withExtraWriter(ExtraWriter writer) {
        return new RunInfo(scenario, inputsSha256, solveSeconds, stoppedEarly, score, lowerBoundUsd, gap, extraFiles,
                writer, decidedUntil, baselineRun, whatIf);
    }

    /**
     * The same run, made keeping the commitments of the baseline run folder {@code baselineRun}
     * made before {@code decidedUntil}; summary.json then records both.
     */
    public RunInfo withCommitments(Quarter decidedUntil, String baselineRun) {
        return new RunInfo(scenario, inputsSha256, solveSeconds, stoppedEarly, score, lowerBoundUsd, gap, extraFiles,
                extraWriter, decidedUntil, baselineRun, whatIf);
    }

    /** The same run with a what-if's figures for summary.json ({@code what_if}). */
    public RunInfo withWhatIf(ObjectNode figures) {
        return new RunInfo(scenario, inputsSha256, solveSeconds, stoppedEarly, score, lowerBoundUsd, gap, extraFiles,
                extraWriter, decidedUntil, baselineRun, figures);
    }

    /** Writes extra files into the run's temporary folder before it is renamed into place. */
    @FunctionalInterface
    public interface ExtraWriter {
        void writeInto(Path tempFolder) throws IOException;
    }
}
