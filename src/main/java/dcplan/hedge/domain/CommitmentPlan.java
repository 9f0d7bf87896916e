package dcplan.hedge.domain;

import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import java.util.List;

/**
 * The commitment search's solution: the shared commitments before the decision quarter as
 * {@link HeldAmount}s, scored over every future ({@link CommitmentScorer}: hard, futures that cannot
 * hold them; medium, expected unmet; soft, expected cost). The scorer is a plain reference, copied
 * as is when OptaPlanner clones the solution, so every clone shares its cache.
 */
@PlanningSolution
public class CommitmentPlan {
    @PlanningEntityCollectionProperty
    private List<HeldAmount> amounts;

    @PlanningScore
    private HardMediumSoftLongScore score;

    private CommitmentScorer scorer;

    public CommitmentPlan() {
        // for OptaPlanner's cloning
    }

    public CommitmentPlan(List<HeldAmount> amounts, CommitmentScorer scorer) {
        this.amounts = amounts;
        this.scorer = scorer;
    }

    public List<HeldAmount> amounts() {
        return amounts;
    }

    public CommitmentScorer scorer() {
        return scorer;
    }

    public HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftLongScore score) {
        this.score = score;
    }
}
