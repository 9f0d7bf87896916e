package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;

/**
 * A phase that changes nothing: it records the score at the end of construction, so that what the
 * local search adds over its starting point can be reported (docs/solver.md).
 */
public final class ConstructionEnd implements CustomPhaseCommand<CapacityPlan> {
    private volatile HardMediumSoftLongScore score;

    @Override
    public void changeWorkingSolution(ScoreDirector<CapacityPlan> scoreDirector) {
        score = (HardMediumSoftLongScore) ((InnerScoreDirector<CapacityPlan, ?>) scoreDirector).calculateScore();
    }

    /** The score when construction ended; null before. */
    public HardMediumSoftLongScore score() {
        return score;
    }
}
