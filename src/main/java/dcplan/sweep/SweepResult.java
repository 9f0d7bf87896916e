package dcplan.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * One case's result: a row of {@code results.parquet} and its rows of {@code builds.parquet}.
 * Money in USD, volumes in inferences over the horizon; {@code usdPerMillion} is NaN when
 * nothing was served; {@code error} is null unless the case failed (its numbers are then NaN).
 *
 * @param solveSeconds wall time of the case on its executor: LP relaxation, search and polish
 *                     for a solve; polish and evaluation for a fixed-plan evaluation
 */
public record SweepResult(String caseId, String kind, String name, long seed, long sampleIndex, boolean feasible,
                          double servedInferences, double unmetInferences, double totalCostUsd, double usdPerMillion,
                          double serverCapexUsd, double facilityCapexUsd, double energyUsd, double solveSeconds,
                          String note, String error, List<Build> builds) implements Serializable {

    public SweepResult {
        builds = List.copyOf(builds);
    }

    /**
     * What the plan builds by the horizon's end: for a (site, chip) the servers added
     * (installed in the last quarter minus existing), with {@code chip} empty the site's IT MW
     * added (built in the last quarter minus existing). Every (site, chip) and every site of the
     * model has a row, zero when nothing is built, so shares and percentiles count every case.
     */
    public record Build(String site, String chip, long serversAdded, double itMwAdded) implements Serializable {
        public boolean isFacility() {
            return chip.isEmpty();
        }
    }

    /** The same result without its timing, for comparing two runs of a reproducible sweep. */
    public SweepResult withoutTiming() {
        return new SweepResult(caseId, kind, name, seed, sampleIndex, feasible, servedInferences, unmetInferences,
                totalCostUsd, usdPerMillion, serverCapexUsd, facilityCapexUsd, energyUsd, 0.0, note, error, builds);
    }
}
