package dcplan.solver;

import dcplan.solver.lp.LpResult;

/**
 * When the search may stop because its best plan is proven good enough: it breaks no hard limit,
 * serves as much as the LP relaxation does (within {@link Planner#SAME_SERVED} of all demand, the
 * rule by which the Planner calls two plans equally served) and costs at most
 * {@code boundUsd * (1 + gap)}. The bound is the relaxation's proven lower bound on any plan
 * serving that much, so nothing the search could still find would be cheaper by more than the gap.
 *
 * <p>Figures are in USD and inferences, the plan's total cost (constants included): the caller
 * reads them off a score with {@link ScoreReading}, whose micro-dollars it converts.
 *
 * @param boundUsd          a proven lower bound on the total cost of every plan serving
 *                          {@code servedInferences}
 * @param servedInferences  what the relaxation serves (the most any plan can serve)
 * @param volumeInferences  all demand, in inferences
 * @param gap               the relative gap accepted, e.g. 1e-4
 */
public record GapStop(double boundUsd, double servedInferences, double volumeInferences, double gap) {

    /** The default {@code --gap}: within 0.01 % of the bound, below any cost figure a planner reads. */
    public static final double DEFAULT_GAP = 1e-4;

    /**
     * The stop for a search bounded by {@code relaxation}; null (never stop for the gap) when the
     * relaxation proved no bound, or the gap is negative (off).
     */
    public static GapStop of(LpResult relaxation, double gap) {
        if (relaxation == null || !relaxation.hasLowerBound() || gap < 0 || relaxation.lowerBoundUsd() <= 0) {
            return null;
        }
        double volume = relaxation.servedInferences() + relaxation.unmetInferences();
        return new GapStop(relaxation.lowerBoundUsd(), relaxation.servedInferences(), volume, gap);
    }

    /** Whether a plan with these figures is proven within the gap of the bound. */
    public boolean reached(boolean hardFeasible, double costUsd, double servedInferences) {
        if (!hardFeasible) {
            return false;
        }
        double sameServed = Planner.SAME_SERVED * Math.max(1.0, volumeInferences);
        return servedInferences >= this.servedInferences - sameServed && costUsd <= boundUsd * (1 + gap);
    }
}
