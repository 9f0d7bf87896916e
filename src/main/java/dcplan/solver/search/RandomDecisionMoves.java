package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

import java.util.Collections;
import java.util.Iterator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What the purchase and phase move factories share: moves drawn at random only (an original,
 * exhaustive order over every amount of every decision would be far too large to walk), an
 * endless stream of them while there is any decision to move, and a size OptaPlanner's union
 * selector reads as a few moves per decision.
 */
abstract class RandomDecisionMoves implements MoveIteratorFactory<CapacityPlan, DecisionMove<CapacityPlan>> {

    /** How many decisions of this factory's kind the working solution has. */
    abstract int decisionCount(CapacityPlan plan);

    /** One move drawn at random; called only when {@link #decisionCount} is not zero. */
    abstract DecisionMove<CapacityPlan> randomMove(Random random);

    @Override
    public long getSize(ScoreDirector<CapacityPlan> scoreDirector) {
        return decisionCount(scoreDirector.getWorkingSolution()) * 4L;
    }

    @Override
    public Iterator<DecisionMove<CapacityPlan>> createOriginalMoveIterator(ScoreDirector<CapacityPlan> scoreDirector) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " are selected at random only");
    }

    @Override
    public Iterator<DecisionMove<CapacityPlan>> createRandomMoveIterator(ScoreDirector<CapacityPlan> scoreDirector, Random random) {
        if (decisionCount(scoreDirector.getWorkingSolution()) == 0) {
            return Collections.emptyIterator();
        }
        return Stream.generate(() -> randomMove(random)).iterator();
    }
}
