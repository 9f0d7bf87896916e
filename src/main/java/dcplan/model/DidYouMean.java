package dcplan.model;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * "Did you mean" for a misspelled key or id: the one valid name closest to what was written,
 * and the message every loader uses for an unknown name, so they all read alike:
 * {@code unknown region 'brasil', did you mean 'brazil'? (valid: brazil, china, france)}.
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** "unknown KIND 'given'[, did you mean 'x'?] (valid: a, b, c)", the valid names sorted. */
    public static String unknown(String kind, String given, Collection<String> valid) {
        return unknown(kind, given, new TreeSet<>(valid), "");
    }

    /**
     * As {@link #unknown(String, String, Collection)}, the valid names in the order given
     * ({@code validInOrder}) and followed by {@code note} ("; ...").
     */
    public static String unknown(String kind, String given, Collection<String> validInOrder, String note) {
        return "unknown " + kind + " '" + given + "'" + suggestion(given, validInOrder)
                + " (valid: " + String.join(", ", validInOrder) + note + ")";
    }

    /** ", did you mean 'x'?" when one valid name is close to {@code given}, else "". */
    public static String suggestion(String given, Collection<String> valid) {
        return closest(given, valid).map(c -> ", did you mean '" + c + "'?").orElse("");
    }

    /**
     * The valid name closest to {@code given}, when there is exactly one best and it is close:
     * the same but for case, one of its hyphen- or underscore-separated words ("chat" for
     * "llm-chat"), or within an edit distance of a third of the name's length (at least 1;
     * a swap of two neighbouring letters is one edit).
     */
    public static Optional<String> closest(String given, Collection<String> valid) {
        if (given == null || given.isEmpty()) {
            return Optional.empty();
        }
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String v : new TreeSet<>(valid)) {
            int d = distance(g, v.toLowerCase(Locale.ROOT));
            if (d == 0 || isWordOf(g, v.toLowerCase(Locale.ROOT))) {
                d = 0;
            }
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance) {
                tie = true;
            }
        }
        int allowed = Math.max(1, given.length() / 3);
        return best != null && !tie && bestDistance <= allowed && !best.equals(given) ? Optional.of(best) : Optional.empty();
    }

    private static boolean isWordOf(String given, String name) {
        for (String word : name.split("[-_]")) {
            if (word.equals(given) && !word.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
