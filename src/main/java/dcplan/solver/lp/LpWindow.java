package dcplan.solver.lp;

import dcplan.plan.Plan;

import java.util.Map;

/**
 * One step of relax-and-fix over windows of quarters: in a MIP solve ({@link LpOptions#integerServers}),
 * only the quarters {@code [integerFrom, integerTo)} (indices into the horizon) have whole servers and
 * phases; later quarters stay continuous (relaxed), and earlier quarters' servers are pinned at
 * {@code fixedServers} (both bounds; their MW go in {@link LpOptions#fixedMw}). {@link #ALL}: every
 * quarter integer, nothing pinned (the plain MIP). A solve with a partial window, pins or ranges is
 * a restriction and a relaxation at once, so it proves no bound.
 *
 * @param fixedServers I[s,c,q] pinned at these values where given (whole servers)
 * @param serverRanges I[s,c,q] kept within these ranges where given (a crossover between two
 *                     plans, {@link #between}); a held floor or a pin wins over a range
 * @param mwRanges     M[s,q] kept within these ranges where given; a pin ({@link LpOptions#fixedMw})
 *                     or a held level wins over a range
 */
public record LpWindow(int integerFrom, int integerTo, Map<Plan.SiteChipQuarter, Double> fixedServers,
                       Map<Plan.SiteChipQuarter, Range> serverRanges, Map<Plan.SiteQuarter, Range> mwRanges) {

    /** The plain MIP: every quarter integer, nothing pinned. */
    public static final LpWindow ALL = new LpWindow(0, Integer.MAX_VALUE, Map.of());

    /** A variable's range, both ends included. */
    public record Range(double lower, double upper) {
        public Range {
            if (!(lower <= upper)) {
                throw new IllegalArgumentException("range [" + lower + ", " + upper + "] is empty");
            }
        }

        /** The range from the lower to the higher of {@code a} and {@code b}. */
        public static Range spanning(double a, double b) {
            return new Range(Math.min(a, b), Math.max(a, b));
        }
    }

    public LpWindow {
        if (integerFrom < 0 || integerTo < integerFrom) {
            throw new IllegalArgumentException("integer quarters [" + integerFrom + ", " + integerTo + ") are no window");
        }
        fixedServers = fixedServers == null ? Map.of() : Map.copyOf(fixedServers);
        serverRanges = serverRanges == null ? Map.of() : Map.copyOf(serverRanges);
        mwRanges = mwRanges == null ? Map.of() : Map.copyOf(mwRanges);
    }

    /** A relax-and-fix step: quarters {@code [integerFrom, integerTo)} integer, {@code fixedServers} pinned. */
    public LpWindow(int integerFrom, int integerTo, Map<Plan.SiteChipQuarter, Double> fixedServers) {
        this(integerFrom, integerTo, fixedServers, Map.of(), Map.of());
    }

    /**
     * Every quarter integer, each purchase within its range: servers and MW between two plans'
     * levels, a crossover's box (both plans lie in it, so it holds one serving as much as the
     * better of them).
     */
    public static LpWindow between(Map<Plan.SiteChipQuarter, Range> serverRanges, Map<Plan.SiteQuarter, Range> mwRanges) {
        return new LpWindow(0, Integer.MAX_VALUE, Map.of(), serverRanges, mwRanges);
    }

    /** Whether quarter index {@code q} has whole servers and phases (in a MIP solve). */
    public boolean integerAt(int q) {
        return q >= integerFrom && q < integerTo;
    }

    /** Whether this is the plain MIP's window (then a MIP's dual bound is a bound). */
    public boolean isAll() {
        return integerFrom == 0 && integerTo == Integer.MAX_VALUE && fixedServers.isEmpty() && serverRanges.isEmpty()
                && mwRanges.isEmpty();
    }
}
