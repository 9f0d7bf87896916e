package dcplan.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar quarter such as {@code 2026Q1}; every quarter has 2190 hours (8760 / 4). */
public record Quarter(int year, int q) implements Comparable<Quarter> {

    public static final double HOURS = 2190.0;
    public static final double SECONDS = HOURS * 3600.0;
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})Q([1-4])");

    public Quarter {
        if (q < 1 || q > 4) {
            throw new IllegalArgumentException("quarter must be 1..4, got " + q);
        }
    }

    /** Parses {@code 2026Q3}; throws IllegalArgumentException naming the text otherwise. */
    public static Quarter parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a quarter like 2026Q1");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The quarter holding the first day of a month (month 1..12). */
    public static Quarter ofMonth(int year, int month) {
        return new Quarter(year, (month - 1) / 3 + 1);
    }

    /** Quarters since year 0: makes differences and ordering plain integer arithmetic. */
    public int ordinal() {
        return year * 4 + (q - 1);
    }

    public static Quarter ofOrdinal(int ordinal) {
        return new Quarter(Math.floorDiv(ordinal, 4), Math.floorMod(ordinal, 4) + 1);
    }

    public Quarter next() {
        return ofOrdinal(ordinal() + 1);
    }

    public Quarter previous() {
        return ofOrdinal(ordinal() - 1);
    }

    public boolean isBefore(Quarter other) {
        return ordinal() < other.ordinal();
    }

    /** Inclusive range from {@code from} to {@code to}. */
    public static List<Quarter> range(Quarter from, Quarter to) {
        List<Quarter> out = new ArrayList<>();
        for (int o = from.ordinal(); o <= to.ordinal(); o++) {
            out.add(ofOrdinal(o));
        }
        return out;
    }

    @Override
    public int compareTo(Quarter other) {
        return Integer.compare(ordinal(), other.ordinal());
    }

    @Override
    public String toString() {
        return year + "Q" + q;
    }
}
