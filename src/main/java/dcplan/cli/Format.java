package dcplan.cli;

import java.util.Locale;

/** Numbers for people: USD with thousands separators, MW, percentages. */
public final class Format {
    private Format() {
    }

    public static String usd(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    public static String usd(double value) {
        return usd(value, 0);
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }

    public static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
