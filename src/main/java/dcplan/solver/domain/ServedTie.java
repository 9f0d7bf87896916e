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
 * {@code startUnmet - tie}, flat at {@code startUnmet - tie} up to {@code startUnmet}, and
 * {@code U - tie} above it. It never decreases as {@code U} grows, so serving less than the start
 * is always worse (no drift below it) and serving more beyond the tie always better, as for the
 * planner; within the tie above the start, cost decides.
 *
 * @param startUnmet inferences the start leaves unserved, as its chunks read it
 * @param tie        inferences within which two served volumes are the same
 */
public record ServedTie(long startUnmet, long tie) {

    public ServedTie {
        if (startUnmet < 0 || tie < 0) {
            throw new IllegalArgumentException("startUnmet and tie must be >= 0: " + startUnmet + ", " + tie);
        }
    }

    /** The tie at most the start's unmet volume, so that the counted volume is never negative. */
    private long width() {
        return Math.min(tie, startUnmet);
    }

    /**
     * The medium score given back for {@code unmet} inferences unmet: how much less the score counts
     * than the volume itself, 0 when serving beyond the tie above the start, {@code width} when
     * serving no more than the start.
     */
    public long credit(long unmet) {
        long width = width();
        return Math.max(0, Math.min(width, unmet - (startUnmet - width)));
    }

    /**
     * The unmet volume behind a counted one ({@code unmet - credit(unmet)}): the inverse of the
     * count, taking the start's unmet volume where the count is flat (the most a plan there leaves
     * unmet), so that a reading of served volume never flatters the plan.
     */
    public long unmetOf(long counted) {
        long width = width();
        long flat = startUnmet - width;
        if (counted < flat) {
            return counted;
        }
        return counted == flat ? startUnmet : counted + width;
    }
}
