package dcplan.hedge.domain;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import java.util.List;

/**
 * Scores shared commitments over every future, lexicographically over expectations: hard, minus
 * the futures that cannot hold them; medium, minus the expected unmet volume; soft, minus the
 * expected cost.
 */
@FunctionalInterface
public interface CommitmentScorer {
    HardMediumSoftLongScore score(List<HeldAmount> amounts);
}
