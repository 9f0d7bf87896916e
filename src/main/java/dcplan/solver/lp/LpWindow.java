package dcplan.solver.lp;

import dcplan.plan.Plan;

import java.util.Map;

/**
 * One step of relax-and-fix over windows of quarters: in a MIP solve ({@link LpOptions#integerServers}),
 * only the quarters {@code [integerFrom, integerTo)} (indices into the horizon) have whole servers and
 * phases; later quarters stay continuous (relaxed), and earlier quarters' servers are pinned at
 * {@code fixedServers} (both bounds; their MW go in {@link LpOptions#fixedMw}). {@link #ALL}: every
 * quarter integer, nothing pinned (the plain MIP). A solve with a partial window or pins is a
 * restriction and a relaxation at once, so it proves no bound.
 *
 * @param fixedServers I[s,c,q] pinned at these values where given (whole servers)
 */
public record LpWindow(int integerFrom, int integerTo, Map<Plan.SiteChipQuarter, Double> fixedServers) {

    /** The plain MIP: every quarter integer, nothing pinned. */
    public static final LpWindow ALL = new LpWindow(0, Integer.MAX_VALUE, Map.of());

    public LpWindow {
        if (integerFrom < 0 || integerTo < integerFrom) {
            throw new IllegalArgumentException("integer quarters [" + integerFrom + ", " + integerTo + ") are no window");
        }
        fixedServers = fixedServers == null ? Map.of() : Map.copyOf(fixedServers);
    }

    /** Whether quarter index {@code q} has whole servers and phases (in a MIP solve). */
    public boolean integerAt(int q) {
        return q >= integerFrom && q < integerTo;
    }

    /** Whether this is the plain MIP's window (then a MIP's dual bound is a bound). */
    public boolean isAll() {
        return integerFrom == 0 && integerTo == Integer.MAX_VALUE && fixedServers.isEmpty();
    }
}
