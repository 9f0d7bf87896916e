package dcplan.hedge.domain;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.calculator.EasyScoreCalculator;

/**
 * OptaPlanner's score: the solution's {@link CommitmentScorer}. An easy (non-incremental) score,
 * since a commitment's worth is each future's recourse LP given all of them, which no constraint
 * stream can split into matches; the scorer caches by the commitments' content instead.
 */
public final class CommitmentScoreCalculator implements EasyScoreCalculator<CommitmentPlan, HardMediumSoftLongScore> {
    @Override
    public HardMediumSoftLongScore calculateScore(CommitmentPlan plan) {
        return plan.scorer().score(plan.amounts());
    }
}
