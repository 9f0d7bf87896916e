package dcplan.solver;

import dcplan.solver.lp.LpResult;

/**
 * When the search may stop because its best plan is proven good enough: it breaks no hard limit,
 * serves as much as the bound's solve found the most any plan can serve (within
 * {@link Planner#SAME_SERVED} of all demand, the rule by which the Planner calls two plans equally
 * served) and costs at most {@code boundUsd * (1 + gap)}. The bound is a proven lower bound on any
 * plan serving that much, so nothing the search could still find would be cheaper by more than the
 * gap. Two bounds are at hand: the LP relaxation's ({@link #of}) and the dual bound of the MIP the
 * planner ran for a start ({@link #ofMip}); the search stops by the stronger ({@link #strongest}).
 *
 * <p>Figures are in USD and inferences, the plan's total cost (constants included): the caller
 * reads them off a score with {@link ScoreReading}, whose micro-dollars it converts.
 *
 * @param boundUsd          a proven lower bound on the total cost of every plan serving
 *                          {@code servedInferences}
 * @param servedInferences  the most any plan can serve, as the bound's solve proved it
 * @param volumeInferences  all demand, in inferences
 * @param gap               the relative gap accepted, e.g. 1e-4
 * @param kind              which bound it is, for the log
 * @param startProven       whether the search's start is itself proven within the gap
 *                          ({@link #metByTheStart}): the search then ends when its construction does
 */
public record GapStop(double boundUsd, double servedInferences, double volumeInferences, double gap, String kind,
                      boolean startProven) {

    /** A stop by a bound the start is not yet proven against. */
    public GapStop(double boundUsd, double servedInferences, double volumeInferences, double gap, String kind) {
        this(boundUsd, servedInferences, volumeInferences, gap, kind, false);
    }

    /** The default {@code --gap}: within 0.01 % of the bound, below any cost figure a planner reads. */
    public static final double DEFAULT_GAP = 1e-4;

    /** A stop by the LP relaxation's bound. */
    public GapStop(double boundUsd, double servedInferences, double volumeInferences, double gap) {
        this(boundUsd, servedInferences, volumeInferences, gap, LpResult.LP_RELAXATION);
    }

    /**
     * The stop for a search bounded by {@code relaxation}; null (never stop for the gap) when the
     * relaxation proved no bound, or the gap is negative (off).
     */
    public static GapStop of(LpResult relaxation, double gap) {
        if (relaxation == null || !relaxation.hasLowerBound() || gap < 0 || relaxation.lowerBoundUsd() <= 0) {
            return null;
        }
        double volume = relaxation.servedInferences() + relaxation.unmetInferences();
        return new GapStop(relaxation.lowerBoundUsd(), relaxation.servedInferences(), volume, gap, relaxation.lowerBoundKind());
    }

    /**
     * The stop by the MIP's dual bound (SCIP's, proven whether or not it closed its gap). That
     * bound holds for plans serving at least what the MIP's cost phase was held to, its served
     * phase's value ({@link LpResult#maxServedInferences}); a stop at that level keeps served
     * first only where it is the most any plan can serve: the MIP proved both phases optimal, or
     * its served phase reached what the relaxation serves (an upper bound on every plan). Null
     * otherwise, and when there is no bound or the gap is off.
     */
    public static GapStop ofMip(LpResult mip, LpResult relaxation, double gap) {
        if (mip == null || !mip.hasLowerBound() || gap < 0 || mip.lowerBoundUsd() <= 0
                || Double.isNaN(mip.maxServedInferences())) {
            return null;
        }
        double volume = mip.servedInferences() + mip.unmetInferences();
        boolean mostServed = mip.provenOptimal() || (relaxation != null && relaxation.hasLowerBound()
                && mip.maxServedInferences() >= relaxation.servedInferences() - Planner.SAME_SERVED * Math.max(1.0, volume));
        return mostServed ? new GapStop(mip.lowerBoundUsd(), mip.maxServedInferences(), volume, gap, mip.lowerBoundKind()) : null;
    }

    /**
     * The stop of the relaxation ({@link #of}) and the MIP ({@link #ofMip}) that can prove more plans
     * (either may be null). Each holds for plans serving at least its own level. The MIP's level is
     * the most any plan can serve ({@link #ofMip} returns none otherwise), so where the relaxation
     * serves more than that (fractional servers reach demand whole ones cannot: a partly unservable
     * instance), no plan reaches the relaxation's level and only the MIP's stop can end the search;
     * at the same level (within {@link Planner#SAME_SERVED}) the higher bound proves more plans.
     */
    public static GapStop strongest(GapStop relaxation, GapStop mip) {
        if (relaxation == null || mip == null) {
            return relaxation == null ? mip : relaxation;
        }
        double sameServed = Planner.SAME_SERVED * Math.max(1.0, mip.volumeInferences());
        if (relaxation.servedInferences() > mip.servedInferences() + sameServed) {
            return mip;
        }
        return mip.boundUsd() > relaxation.boundUsd() ? mip : relaxation;
    }

    /**
     * The stop once the search's start is proven within the gap by the evaluator: any plan the
     * search holds that breaks no hard limit and serves as much ends it (the Planner writes the
     * start where the search's best is worse, so the plan written is proven either way). The
     * search then ends when its construction does ({@link #startProven}), whatever the
     * construction's own reading of the start scores ({@code CapacitySolver}). That reading can
     * break a hard limit the start keeps (small budget-bound #2: whole servers derived from routes
     * over the budget by 82,316 USD), and a search from there spent the rest of the limit (19 s)
     * on a plan the Planner then did not keep.
     */
    public GapStop metByTheStart() {
        return new GapStop(Double.MAX_VALUE, servedInferences, volumeInferences, gap, kind + " (met by the start)", true);
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
