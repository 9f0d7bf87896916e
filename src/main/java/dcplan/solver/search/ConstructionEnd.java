package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;

import java.util.function.Consumer;

/**
 * A phase that changes nothing: it records the score at the end of construction, so that what the
 * local search adds over its starting point can be reported (docs/solver.md), and hands it to a
 * listener: a start that is already proven within the gap raises no new-best event (nothing is
 * left to construct), yet must end the search before local search begins.
 */
public final class ConstructionEnd implements CustomPhaseCommand<CapacityPlan> {
    private volatile HardMediumSoftLongScore score;
    private volatile Consumer<HardMediumSoftLongScore> listener = s -> { };

    @Override
    public void changeWorkingSolution(ScoreDirector<CapacityPlan> scoreDirector) {
        score = (HardMediumSoftLongScore) ((InnerScoreDirector<CapacityPlan, ?>) scoreDirector).calculateScore();
        listener.accept(score);
    }

    /** Called with the score when construction ends, on the solver's thread. */
    public void onEnd(Consumer<HardMediumSoftLongScore> then) {
        listener = then;
    }

    /** The score when construction ended; null before. */
    public HardMediumSoftLongScore score() {
        return score;
    }
}
