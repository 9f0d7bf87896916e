package dcplan.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to read a sweep: the thresholds behind "built" and "robust", and the warnings and
 * explanations {@code sweep.md}, {@code sweep.json} and the console print beside the figures.
 * One place, so the output and docs/sweep.md say the same.
 */
public final class SweepNotes {
    /**
     * A (site, chip) counts as built in a case when it adds at least this many servers by the
     * horizon's end: about one rack (50-80 kW at 6.2-10.2 kW per server). Fewer is the residue
     * of rounding a flow up to whole servers, not an investment a planner would commit to.
     */
    public static final long MIN_SERVERS = 8;
    /**
     * A site counts as expanded in a case when it adds at least this much IT load, in MW; less
     * (0.0044 MW was seen) is a crumb of the LP split, not a build.
     */
    public static final double MIN_IT_MW = 0.1;
    /** Robust: built (above the minimum) in at least this share of the cases. */
    public static final double ROBUST_SHARE = 0.8;
    /**
     * Below this many cases P10 and P90 are read from the two or three lowest and highest cases
     * (type 7 puts P10 at rank 1 + 0.1 (n - 1)): close to the minimum and maximum, not tails.
     */
    public static final int SMALL_SAMPLE = 20;

    private SweepNotes() {
    }

    public static boolean built(long serversAdded) {
        return serversAdded >= MIN_SERVERS;
    }

    public static boolean expanded(double itMwAdded) {
        return itMwAdded >= MIN_IT_MW - 1e-9;
    }

    public static boolean robust(double builtShare) {
        return builtShare >= ROBUST_SHARE - 1e-12;
    }

    /** The definition, as printed above the investment tables. */
    public static String robustDefinition() {
        return String.format(Locale.ROOT, "Built: at least %d servers of the chip at the site (for a site: at least "
                        + "%.1f MW of IT added) by the horizon's end; smaller additions are rounding residue and "
                        + "are not counted. Robust: built in at least %.0f %% of the cases.",
                MIN_SERVERS, MIN_IT_MW, 100 * ROBUST_SHARE);
    }

    /**
     * Warnings for the figures of {@code n} successful cases, all of one kind when
     * {@code kind} is not null.
     */
    public static List<String> warnings(int n, String kind) {
        List<String> w = new ArrayList<>();
        if (SweepCase.Kind.SCENARIO.label().equals(kind)) {
            w.add("The cases are scenarios, not samples of one distribution: P10/P50/P90 describe this set of "
                    + "scenarios, not probabilities.");
        } else if (n > 0 && n < SMALL_SAMPLE) {
            // Type 7 puts P10 between ranks floor(h) + 1 and floor(h) + 2, h = 0.1 (n - 1).
            int rank = (int) Math.floor(0.1 * (n - 1)) + 1;
            w.add(String.format(Locale.ROOT, "Only %d cases: P10 lies between the %s and %s lowest case and P90 "
                    + "between the %s and %s highest, so they are close to the minimum and maximum, not tail "
                    + "estimates. Use at least %d samples (100 or more for the tails).", n, ordinal(rank),
                    ordinal(rank + 1), ordinal(rank), ordinal(rank + 1), SMALL_SAMPLE));
        }
        return w;
    }

    private static String ordinal(int i) {
        return switch (i) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> i + "th";
        };
    }

    /**
     * Why the samples' percentiles are not the figures of a plan at the planning quantile, and
     * what to run for the risk of one plan (for sample sweeps; empty for the others).
     */
    public static List<String> reading(String kind) {
        if (SweepCase.Kind.SAMPLE.label().equals(kind)) {
            return List.of(
                    "Why a sample's P90 is not the plan for the 90th-percentile demand: `dcplan plan` sizes every "
                            + "(region, workload, quarter) cell at its own planning quantile at once. The cells are "
                            + "not perfectly correlated (rho < 1), so every cell at its quantile together is a more "
                            + "extreme future than the same quantile of total demand, and that plan costs more than "
                            + "the P90 sample.",
                    "Each sample is solved with perfect foresight: its plan is re-optimised for that sample's "
                            + "demand, so its cost per inference is what that demand would cost if it were known in "
                            + "advance. A real plan is made before demand is known.",
                    "The risk view: hold one plan against the samples with `dcplan sweep ... --plan RUN` (a run "
                            + "folder from `dcplan plan`): how often and by how much that plan falls short, and what "
                            + "it costs per inference, under the same samples.");
        }
        if (SweepCase.Kind.FIXED_PLAN_EVAL.label().equals(kind)) {
            return List.of("Every case holds the given plan's servers and MW; only the flows are re-split to the "
                    + "sampled demand. Unmet inferences are that plan's shortfall; the cost per inference rises when "
                    + "demand falls short of what was bought (the capex is spread over fewer inferences).");
        }
        return List.of();
    }
}
