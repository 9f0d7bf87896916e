package dcplan.forecast;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dcplan.forecast.ForecastSchema.PEAK_P50;
import static dcplan.forecast.ForecastSchema.REASON;
import static dcplan.forecast.ForecastSchema.REASON_COLUMN;
import static dcplan.forecast.ForecastSchema.TEAM;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The rejected rows counted by team, reason and the column at fault, with their forecast
 * volume: what a planner needs to go back to the teams whose rows did not count.
 *
 * <p>Volume is {@code peak_p50_ips} summed over rows (each row one product's median peak in one
 * month, so the sum weighs a product-month by its size). A rejected row whose peak_p50_ips is
 * null, NaN, infinite or negative has no size to weigh and counts 0. The share of volume
 * rejected is the rejected volume over the volume of every row that was not restated
 * (accepted + rejected): each row submitted as the latest version counts once, so every tied
 * row of an ambiguous restatement counts.
 *
 * @param lines one line per (team, reason, column), most rows first; team and column may be null
 */
public record RejectCounts(List<Line> lines) {
    /** Rejected rows of one team for one reason (and column at fault, or null). */
    public record Line(String team, String reason, String column, long rows, double peakP50Ips) {
    }

    /** One team's rejected rows: in all, and by reason (every reason code, 0 when none). */
    public record Team(String team, long rows, double peakP50Ips, Map<String, Long> byReason) {
    }

    private static final String ROWS = "rows";
    private static final String VOLUME = "volume";

    public RejectCounts {
        lines = List.copyOf(lines);
    }

    /**
     * Counts rows in {@link ForecastSchema#REJECTED_SCHEMA} layout. One small Spark job: the
     * rejected rows are few, and the groups fewer.
     */
    public static RejectCounts of(Dataset<Row> rejected) {
        Column v = col(PEAK_P50);
        Column sized = v.isNotNull().and(not(isnan(v))).and(v.geq(0.0)).and(v.lt(lit(Double.POSITIVE_INFINITY)));
        List<Line> lines = new ArrayList<>();
        for (Row r : rejected.groupBy(col(TEAM), col(REASON), col(REASON_COLUMN))
                .agg(count(lit(1)).as(ROWS), sum(when(sized, v).otherwise(0.0)).as(VOLUME))
                .collectAsList()) {
            lines.add(new Line(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getDouble(4)));
        }
        lines.sort(Comparator.comparingLong(Line::rows).reversed()
                .thenComparing(Line::team, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Line::reason)
                .thenComparing(Line::column, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new RejectCounts(lines);
    }

    public long rows() {
        return lines.stream().mapToLong(Line::rows).sum();
    }

    /** peak_p50_ips of the rejected rows (see the class comment for rows without a size). */
    public double peakP50Ips() {
        return lines.stream().mapToDouble(Line::peakP50Ips).sum();
    }

    /** The rejected share of the volume not restated, given the accepted rows' volume; 0 when there is none. */
    public double rejectedShare(double acceptedPeakP50Ips) {
        double total = acceptedPeakP50Ips + peakP50Ips();
        return total > 0 ? peakP50Ips() / total : 0.0;
    }

    /** Teams, most rejected rows first (then by name; a null team, rows without one, first among equals). */
    public List<Team> byTeam() {
        Map<String, List<Line>> grouped = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        lines.forEach(l -> grouped.computeIfAbsent(l.team(), t -> new ArrayList<>()).add(l));
        List<Team> teams = new ArrayList<>();
        grouped.forEach((team, ls) -> {
            Map<String, Long> byReason = new LinkedHashMap<>();
            DemandAggregation.REASONS.forEach(r -> byReason.put(r, 0L));
            ls.forEach(l -> byReason.merge(l.reason(), l.rows(), Long::sum));
            teams.add(new Team(team, ls.stream().mapToLong(Line::rows).sum(),
                    ls.stream().mapToDouble(Line::peakP50Ips).sum(), byReason));
        });
        teams.sort(Comparator.comparingLong(Team::rows).reversed());
        return teams;
    }

    /** Rows of one reason by the column at fault, most first (reasons without a column: empty). */
    public Map<String, Long> byColumn(String reason) {
        Map<String, Long> counts = new TreeMap<>();
        lines.stream().filter(l -> l.reason().equals(reason) && l.column() != null)
                .forEach(l -> counts.merge(l.column(), l.rows(), Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
