package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * Numbers for people, as the report prints them: USD with thousands separators, MW, %, counts.
 * One place for every figure of report.html and report.md, so the tests can format a
 * summary.json number the same way and compare it with what the browser shows. Missing,
 * null, NaN or infinite values print as {@code n/a} (an unlimited budget prints as
 * {@code unlimited}, see {@link #budget}). Locale.ROOT: a comma every three digits, a point
 * before the decimals, whatever the machine's locale.
 */
public final class ReportFormat {
    public static final String NA = "n/a";

    private ReportFormat() {
    }

    /** Whole US dollars: {@code USD 698,556,132}; negative as {@code USD -1,234}. */
    public static String usd(double value) {
        return usd(value, 0);
    }

    /** US dollars with {@code decimals} decimals: {@code USD 1,234.50}. */
    public static String usd(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return NA;
        }
        return "USD " + grouped(value, decimals);
    }

    /** USD per million inferences, four decimals (sub-cent figures matter): {@code USD 0.5550}. */
    public static String usdPerMillion(Double value) {
        return value == null ? NA : usd(value, 4);
    }

    /** Millions of US dollars for chart labels and dense tables: {@code USD 423.8 M}. */
    public static String usdMillions(double value) {
        if (!Double.isFinite(value)) {
            return NA;
        }
        return "USD " + grouped(value / 1e6, 1) + " M";
    }

    /** A yearly budget: {@code unlimited} when none is set (null or +inf). */
    public static String budget(Double value) {
        return value == null || value == Double.POSITIVE_INFINITY ? "unlimited" : usd(value);
    }

    /** Megawatts of IT load, two decimals: {@code 12.35 MW}. */
    public static String mw(double value) {
        if (!Double.isFinite(value)) {
            return NA;
        }
        return grouped(value, 2) + " MW";
    }

    /** A share (0.8 = 80 %) with one decimal: {@code 80.0 %}. */
    public static String percent(double share) {
        return percent(share, 1);
    }

    /** A share with {@code decimals} decimals. */
    public static String percent(double share, int decimals) {
        if (!Double.isFinite(share)) {
            return NA;
        }
        return grouped(share * 100, decimals) + " %";
    }

    /** A whole count with separators: {@code 1,258,664,928,871,663}. */
    public static String count(double value) {
        if (!Double.isFinite(value)) {
            return NA;
        }
        return grouped(value, 0);
    }

    /**
     * Inferences per second, whole: {@code 447,454 ips}; a positive value below one prints as
     * {@code < 1 ips} (not as a misleading 0; the CSV keeps the exact figure).
     */
    public static String ips(double value) {
        if (!Double.isFinite(value)) {
            return NA;
        }
        if (value > 0 && value < 0.5) {
            return "< 1 ips";
        }
        return grouped(value, 0) + " ips";
    }

    /** yes / no. */
    public static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    /** A number of a summary.json node, null when absent, JSON null or not a number. */
    public static Double number(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.asDouble();
    }

    static String grouped(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%,." + decimals + "f", value);
        // -0 and values that round to zero print without a sign
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }
}
