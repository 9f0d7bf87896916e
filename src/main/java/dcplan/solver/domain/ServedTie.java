package dcplan.solver.domain;

/**
 * The planner's served-first tie, given to the search so that both rank plans alike. The planner
 * calls two plans' served volumes the same within {@code tie} inferences and then keeps the
 * cheaper (dcplan.solver.Planner#SAME_SERVED); the search's score ranks any inference served above
 * any cost. Left as it was, a search from a start that leaves crumbs unserved bought servers to
 * serve them, its best served a few 1e-7 of the demand more at a higher cost, and the planner then
 * wrote the start instead of the solver's best (12 of 18 small v2 rows at 30 s; the step-limited
 * sample: 1.4e-7 more for 0.40 % more; docs/solver.md).
 *
 * <p>With a tie, serving more than the start by at most {@code tie} earns no medium score: the
 * unmet volume the score counts, as a function of the volume unmet {@code U}, is {@code U} below
 * {@code topUnmet - tie}, flat at {@code topUnmet - tie} up to {@code topUnmet}, and
 * {@code U - tie} above it. It never decreases as {@code U} grows, so serving less than the start
 * is always worse (no drift below it) and serving more beyond the tie always better, as for the
 * planner; within the tie above the start, cost decides.
 *
 * <p>The flat band is a barrier where more can be served: a search that must serve crumbs to get
 * further finds no gain in the first ones (small partly-unservable v2 #2, 2,000 steps: 4e-5 of the
 * demand less served than without a tie). So {@link #of} puts the band only where no plan can serve
 * more than the tie beyond it: a start further than that from a bound on what any plan serves gets
 * its band moved down by the difference (its top, {@code topUnmet}, is then below the start), and every inference served above it counts.
 *
 * @param topUnmet   inferences unmet at the band's top: the start's, as its chunks read it, or
 *                   less where more can be served
 * @param tie        inferences within which two served volumes are the same
 */
public record ServedTie(long topUnmet, long tie) {

    public ServedTie {
        if (topUnmet < 0 || tie < 0) {
            throw new IllegalArgumentException("topUnmet and tie must be >= 0: " + topUnmet + ", " + tie);
        }
    }

    /**
     * The tie for a start leaving {@code startUnmet} inferences unmet (its chunks' reading) that
     * serves {@code belowMost} inferences less than a bound on what any plan serves (the evaluator's
     * reading, NaN or infinite: no bound, no band): the band at the start where that is within the
     * tie, moved down by the rest otherwise. Null (no tie) where the band would leave nothing.
     */
    public static ServedTie of(long startUnmet, double belowMost, long tie) {
        if (!Double.isFinite(belowMost)) {
            return null;
        }
        long beyondTheTie = (long) Math.ceil(Math.max(0, belowMost - tie));
        long top = startUnmet - Math.min(startUnmet, beyondTheTie);
        return top <= 0 ? null : new ServedTie(top, tie);
    }

    /** The tie at most the band top's unmet volume, so that the counted volume is never negative. */
    private long width() {
        return Math.min(tie, topUnmet);
    }

    /**
     * The medium score given back for {@code unmet} inferences unmet: how much less the score counts
     * than the volume itself, 0 when serving beyond the band, {@code width} when
     * serving no more than its top.
     */
    public long credit(long unmet) {
        long width = width();
        return Math.max(0, Math.min(width, unmet - (topUnmet - width)));
    }

    /**
     * The unmet volume behind a counted one ({@code unmet - credit(unmet)}): the inverse of the
     * count, taking the band top's unmet volume where the count is flat (the most a plan there leaves
     * unmet), so that a reading of served volume never flatters the plan.
     */
    public long unmetOf(long counted) {
        long width = width();
        long flat = topUnmet - width;
        if (counted < flat) {
            return counted;
        }
        return counted == flat ? topUnmet : counted + width;
    }
}
