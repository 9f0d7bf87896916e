package dcplan.solver;

import java.util.List;
import java.util.function.Function;

/**
 * The contract's order among several finished plans (or hedges): breaking no hard limit first, then
 * serving the most, then the cheapest, with served volumes within {@link Planner#SAME_SERVED} of the
 * most any of them serves called equal.
 *
 * <p>Why a floor measured from the most served, and not a pairwise tie: pairwise, A may lose to a
 * cheaper B serving a hair less, and B to a cheaper C serving a hair less than B, so the plan kept
 * can serve twice the tie less than A. Issue 11's line (never serve less than the exact optimum
 * beyond 1e-6 of the demand) was crossed that way on small mixed v2 #2 (docs/benchmarks.md, ninth
 * session). With a floor the plan kept serves at most the tie less than the best candidate, which
 * itself is within {@link MipCandidates#SERVED_PHASE_GAP} of the most any plan can serve.
 */
public final class ServedFirst {

    private ServedFirst() {
    }

    /** What the choice reads of one candidate; {@code volume}: all demand (served plus unmet). */
    public record Figures(boolean feasible, double served, double volume, double cost) {
    }

    /**
     * The index of the best of {@code items} by the order above, the first of equals; -1 when
     * there are none.
     */
    public static <T> int best(List<T> items, Function<T, Figures> figuresOf) {
        List<Figures> figures = items.stream().map(figuresOf).toList();
        boolean anyFeasible = figures.stream().anyMatch(Figures::feasible);
        double mostServed = Double.NEGATIVE_INFINITY;
        double volume = 1.0;
        for (Figures f : figures) {
            if (f.feasible() == anyFeasible) {
                mostServed = Math.max(mostServed, f.served());
                volume = Math.max(volume, f.volume());
            }
        }
        double floor = mostServed - Planner.SAME_SERVED * volume;
        int best = -1;
        for (int i = 0; i < figures.size(); i++) {
            Figures f = figures.get(i);
            if (f.feasible() == anyFeasible && f.served() >= floor
                    && (best < 0 || f.cost() < figures.get(best).cost())) {
                best = i;
            }
        }
        return best;
    }
}
