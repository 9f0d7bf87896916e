package dcplan.forecast;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dcplan.forecast.ForecastSchema.AVG_P50;
import static dcplan.forecast.ForecastSchema.COUNTRY;
import static dcplan.forecast.ForecastSchema.KEY;
import static dcplan.forecast.ForecastSchema.MONTH;
import static dcplan.forecast.ForecastSchema.PEAK_P50;
import static dcplan.forecast.ForecastSchema.PEAK_P90;
import static dcplan.forecast.ForecastSchema.REASON;
import static dcplan.forecast.ForecastSchema.REASON_COLUMN;
import static dcplan.forecast.ForecastSchema.SUBMITTED_AT;
import static dcplan.forecast.ForecastSchema.VALUES;
import static dcplan.forecast.ForecastSchema.WORKLOAD;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * Forecast rows to demand cells, as the contract's "Demand aggregation" section defines it.
 * Pure {@code Dataset<Row> -> Dataset<Row>} steps, no reading or writing, so tests feed them
 * small in-memory frames and the job composes them.
 *
 * <p>Steps: {@link #resolve} (restatements), {@link #classify} (checks of the winners),
 * {@link #monthlyStats} (mu, S1, S2, avg per region, workload, month), {@link #quarterly}
 * (peak and avg per quarter).
 *
 * <p>Reason codes of rejected rows, one per row; for null_value, nan_value and negative_value
 * the rejected row's {@link ForecastSchema#REASON_COLUMN} names the column at fault (the first
 * in schema order):
 * <ul>
 *   <li>{@code null_value}: a null column. Rows with a null key column (team, product,
 *       country, workload, month) or a null submitted_at are rejected before restatements are
 *       resolved (they cannot be ordered or matched to a key, so they can neither win nor
 *       replace anything); a winner with a null value column is rejected after;</li>
 *   <li>{@code ambiguous_restatement}: several rows of one key share the latest submitted_at;
 *       all of them are rejected and the earlier rows stay replaced;</li>
 *   <li>{@code nan_value}: a value is NaN or infinite (not a finite number);</li>
 *   <li>{@code negative_value}: a value is below 0;</li>
 *   <li>{@code unknown_country}: the country belongs to no region of the model;</li>
 *   <li>{@code unknown_workload}: the workload is not in the model;</li>
 *   <li>{@code p90_below_p50}: peak_p90_ips &lt; peak_p50_ips.</li>
 * </ul>
 * A winner failing several checks gets the first in the order null, nan, negative, country,
 * workload, p90. Rows replaced by a later one (whatever becomes of it) are "restated", not
 * rejected.
 */
public final class DemandAggregation {
    public static final String NULL_VALUE = "null_value";
    public static final String AMBIGUOUS = "ambiguous_restatement";
    public static final String NAN_VALUE = "nan_value";
    public static final String NEGATIVE_VALUE = "negative_value";
    public static final String UNKNOWN_COUNTRY = "unknown_country";
    public static final String UNKNOWN_WORKLOAD = "unknown_workload";
    public static final String P90_BELOW_P50 = "p90_below_p50";
    /** Every reason code, in the order reports list them. */
    public static final List<String> REASONS = List.of(NULL_VALUE, AMBIGUOUS, NAN_VALUE, NEGATIVE_VALUE,
            UNKNOWN_COUNTRY, UNKNOWN_WORKLOAD, P90_BELOW_P50);

    /** sigma_i = (p90 - p50) / z(0.9): the spread of one forecast as a normal's sigma. */
    public static final double Z90 = 1.2815515655446004;

    // Columns added along the way.
    public static final String REGION = "region";
    public static final String QUARTER = "quarter";
    /** Rows of the key at its latest submitted_at (1 = a clear winner, more = ambiguous). */
    public static final String N_LATEST = "n_latest";
    /** All rows of the key (versions); n_total - n_latest of them were restated. */
    public static final String N_TOTAL = "n_total";
    public static final String MU = "mu";
    public static final String S1 = "s1";
    public static final String S2 = "s2";
    public static final String AVG = "avg";
    public static final String ROWS = "rows";
    public static final String PEAK_IPS = "peak_ips";
    public static final String AVG_IPS = "avg_ips";

    private final Map<String, String> countryToRegion;
    private final Set<String> workloads;
    private final double quantile;
    private final double rho;
    private final double z;
    private final int partitions;

    /**
     * @param partitions hash partitions for the restatement step, 0 for the session's
     *                   spark.sql.shuffle.partitions
     */
    public DemandAggregation(Map<String, String> countryToRegion, Set<String> workloads,
                             double quantile, double rho, int partitions) {
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be within 0..1, got " + rho);
        }
        this.countryToRegion = Map.copyOf(countryToRegion);
        this.workloads = new TreeSet<>(workloads);
        this.quantile = quantile;
        this.rho = rho;
        this.z = NormalQuantile.z(quantile);
        this.partitions = partitions;
    }

    public DemandAggregation(Map<String, String> countryToRegion, Set<String> workloads,
                             double quantile, double rho) {
        this(countryToRegion, workloads, quantile, rho, 0);
    }

    public double quantile() {
        return quantile;
    }

    public double rho() {
        return rho;
    }

    public double z() {
        return z;
    }

    /** The outcome of {@link #resolve}: rows that cannot be keyed, and one row per key. */
    public record Resolution(Dataset<Row> keyed, Dataset<Row> unkeyed, Dataset<Row> groups) {
    }

    /**
     * Step (a), restatements. {@code unkeyed}: rows with a null key column or submitted_at,
     * with reason null_value. {@code groups}: one row per key holding the key, the latest
     * submitted_at, {@link #N_LATEST} rows at it, {@link #N_TOTAL} rows in all and the values
     * of the latest row (meaningful only when n_latest = 1). {@code keyed}: the keyable input
     * rows, to find the individual rows of ambiguous keys again.
     *
     * <p>Two hash aggregations over one shuffle, rather than a window: grouping by (key,
     * submitted_at) counts ties at every time; grouping those by key picks the latest. The
     * input is hash-partitioned by key first, which satisfies both groupings, so the 9-column
     * rows cross the network once and nothing is sorted.
     */
    public Resolution resolve(Dataset<Row> forecasts) {
        Column complete = lit(true);
        for (String c : KEY) {
            complete = complete.and(col(c).isNotNull());
        }
        complete = complete.and(col(SUBMITTED_AT).isNotNull());
        List<String> keyAndTimeNames = new ArrayList<>(KEY);
        keyAndTimeNames.add(SUBMITTED_AT);
        Dataset<Row> unkeyed = forecasts.filter(not(complete)).withColumn(REASON, lit(NULL_VALUE))
                .withColumn(REASON_COLUMN, firstOf(keyAndTimeNames, Column::isNull));
        Dataset<Row> keyed = forecasts.filter(complete);

        Column[] key = KEY.stream().map(c -> col(c)).toArray(Column[]::new);
        Column[] keyAndTime = new Column[key.length + 1];
        System.arraycopy(key, 0, keyAndTime, 0, key.length);
        keyAndTime[key.length] = col(SUBMITTED_AT);
        Dataset<Row> byKey = partitions > 0 ? keyed.repartition(partitions, key) : keyed.repartition(key);
        Dataset<Row> perTime = byKey.groupBy(keyAndTime).agg(
                count(lit(1)).as(N_LATEST),
                // Several rows at one time are rejected whatever their values; first() is only
                // exact, and only used, when the time has one row.
                first(col(PEAK_P50)).as(PEAK_P50), first(col(PEAK_P90)).as(PEAK_P90),
                first(col(AVG_P50)).as(AVG_P50));
        // submitted_at is unique per key here, so max_by is exact.
        Dataset<Row> groups = perTime.groupBy(key).agg(
                max(col(SUBMITTED_AT)).as(SUBMITTED_AT),
                max_by(col(N_LATEST), col(SUBMITTED_AT)).as(N_LATEST),
                sum(col(N_LATEST)).as(N_TOTAL),
                max_by(col(PEAK_P50), col(SUBMITTED_AT)).as(PEAK_P50),
                max_by(col(PEAK_P90), col(SUBMITTED_AT)).as(PEAK_P90),
                max_by(col(AVG_P50), col(SUBMITTED_AT)).as(AVG_P50));
        return new Resolution(keyed, unkeyed, groups);
    }

    /**
     * Step (b): adds {@link #REGION}, {@link #REASON} and {@link ForecastSchema#REASON_COLUMN}
     * to the groups of {@link #resolve}: ambiguous_restatement when the key has several rows at
     * its latest time, else the first failed check of the winner (and, for the value checks,
     * the first value column failing it), else null (accepted).
     */
    public Dataset<Row> classify(Dataset<Row> groups) {
        Column region = regionOf(col(COUNTRY));
        Column knownWorkload = workloads.isEmpty() ? lit(false) : col(WORKLOAD).isin(workloads.toArray());
        Column ambiguous = col(N_LATEST).gt(1);
        Column reason = when(ambiguous, lit(AMBIGUOUS))
                .when(anyOf(VALUES, Column::isNull), lit(NULL_VALUE))
                .when(anyOf(VALUES, DemandAggregation::notFinite), lit(NAN_VALUE))
                .when(anyOf(VALUES, DemandAggregation::negative), lit(NEGATIVE_VALUE))
                .when(region.isNull(), lit(UNKNOWN_COUNTRY))
                .when(not(knownWorkload), lit(UNKNOWN_WORKLOAD))
                .when(col(PEAK_P90).lt(col(PEAK_P50)), lit(P90_BELOW_P50))
                .otherwise(noText());
        // The same order as the reason, so the column named is the one the reason is about.
        Column faultColumn = when(ambiguous, noText())
                .when(anyOf(VALUES, Column::isNull), firstOf(VALUES, Column::isNull))
                .when(anyOf(VALUES, DemandAggregation::notFinite), firstOf(VALUES, DemandAggregation::notFinite))
                .when(anyOf(VALUES, DemandAggregation::negative), firstOf(VALUES, DemandAggregation::negative))
                .otherwise(noText());
        return groups.withColumn(REGION, region).withColumn(REASON, reason).withColumn(REASON_COLUMN, faultColumn);
    }

    /** A null string: no reason, or no column to name. */
    private static Column noText() {
        return lit(null).cast("string");
    }

    /** NaN or infinite: a value that is not a finite number. */
    private static Column notFinite(Column v) {
        return isnan(v).or(v.equalTo(lit(Double.POSITIVE_INFINITY))).or(v.equalTo(lit(Double.NEGATIVE_INFINITY)));
    }

    private static Column negative(Column v) {
        return v.lt(0.0);
    }

    /** True when {@code fault} holds for any of the columns. */
    private static Column anyOf(List<String> columns, java.util.function.UnaryOperator<Column> fault) {
        Column any = lit(false);
        for (String c : columns) {
            any = any.or(fault.apply(col(c)));
        }
        return any;
    }

    /** The name of the first of the columns for which {@code fault} holds, else null. */
    private static Column firstOf(List<String> columns, java.util.function.UnaryOperator<Column> fault) {
        Column[] named = columns.stream().map(c -> when(fault.apply(col(c)), lit(c))).toArray(Column[]::new);
        return coalesce(named);
    }

    /** The accepted winners of {@link #classify}. */
    public static Dataset<Row> accepted(Dataset<Row> classified) {
        return classified.filter(col(REASON).isNull());
    }

    /**
     * The rejected rows, in {@link ForecastSchema#REJECTED_SCHEMA} layout: unkeyable rows, every
     * row of an ambiguous key at its latest time, and winners that failed a check.
     */
    public static Dataset<Row> rejected(Resolution resolution, Dataset<Row> classified) {
        Column[] out = rejectedColumns();
        Dataset<Row> ambiguousKeys = classified.filter(col(REASON).equalTo(AMBIGUOUS))
                .select(keyAndTimeColumns());
        List<String> joinOn = new ArrayList<>(KEY);
        joinOn.add(SUBMITTED_AT);
        Dataset<Row> ambiguousRows = resolution.keyed()
                .join(ambiguousKeys, scala.jdk.javaapi.CollectionConverters.asScala(joinOn).toSeq(), "left_semi")
                .withColumn(REASON, lit(AMBIGUOUS)).withColumn(REASON_COLUMN, noText());
        Dataset<Row> failed = classified.filter(col(REASON).isNotNull().and(col(REASON).notEqual(AMBIGUOUS)));
        return resolution.unkeyed().select(out)
                .unionByName(ambiguousRows.select(out))
                .unionByName(failed.select(out));
    }

    /**
     * Step (c), the sums per (region, workload, month) over the accepted rows: {@link #MU} =
     * sum p50, {@link #S1} = sum sigma_i, {@link #S2} = sum sigma_i^2, {@link #AVG} = sum
     * avg_p50, {@link #ROWS}. Kept apart from the quantile so a Monte Carlo run can reuse them.
     */
    public Dataset<Row> monthlyStats(Dataset<Row> accepted) {
        Column[] sums = monthlySums();
        return accepted.groupBy(col(REGION), col(WORKLOAD), col(MONTH))
                .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length));
    }

    /**
     * Counts and monthly sums in one pass over {@link #classify}'s output, grouped by (reason,
     * region, workload, month): the rows with a null reason are exactly {@link #monthlyStats};
     * the others give the counts per reason ({@link #N_LATEST}, {@link #N_TOTAL}, groups in
     * {@link #ROWS}) and their sums mean nothing. One shuffle of the input serves both, which
     * is what makes the in-process roll-up a single Spark job.
     */
    public Dataset<Row> summary(Dataset<Row> classified) {
        List<Column> aggs = new ArrayList<>(List.of(monthlySums()));
        aggs.add(sum(col(N_LATEST)).as(N_LATEST));
        aggs.add(sum(col(N_TOTAL)).as(N_TOTAL));
        return classified.groupBy(col(REASON), col(REGION), col(WORKLOAD), col(MONTH))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    }

    private static Column[] monthlySums() {
        Column sigma = col(PEAK_P90).minus(col(PEAK_P50)).divide(Z90);
        return new Column[]{
                sum(col(PEAK_P50)).as(MU),
                sum(sigma).as(S1),
                sum(sigma.multiply(sigma)).as(S2),
                sum(col(AVG_P50)).as(AVG),
                count(lit(1)).as(ROWS)};
    }

    /**
     * Step (c) then (d): the month's planning peak {@code mu + z * sqrt((1-rho) S2 + rho S1^2)},
     * then per quarter the max of the months' peaks and the sum of the months' avg / 3. A month
     * without rows counts as 0: it adds nothing to avg and, when the quarter has fewer than
     * three months, 0 joins the max (it only matters when a quantile below 0.5 makes a peak
     * negative). Columns: region, workload, quarter (text like 2026Q3), peak_ips, avg_ips.
     */
    public Dataset<Row> quarterly(Dataset<Row> monthlyStats) {
        Column sigma = sqrt(lit(1.0 - rho).multiply(col(S2))
                .plus(lit(rho).multiply(col(S1)).multiply(col(S1))));
        Column peak = col(MU).plus(lit(z).multiply(sigma));
        Column quarterText = concat(year(col(MONTH)).cast("string"), lit("Q"), quarter(col(MONTH)).cast("string"));
        String months = "months";
        return monthlyStats
                .withColumn("peak", peak)
                .withColumn(QUARTER, quarterText)
                .groupBy(col(REGION), col(WORKLOAD), col(QUARTER))
                .agg(max(col("peak")).as(PEAK_IPS), sum(col(AVG)).divide(3.0).as(AVG_IPS),
                        count(lit(1)).as(months))
                .select(col(REGION), col(WORKLOAD), col(QUARTER),
                        when(col(months).lt(3), greatest(col(PEAK_IPS), lit(0.0))).otherwise(col(PEAK_IPS)).as(PEAK_IPS),
                        col(AVG_IPS))
                .orderBy(col(REGION), col(WORKLOAD), col(QUARTER));
    }

    /** The whole roll-up of clean data, for tests and callers that need no counts. */
    public Dataset<Row> demand(Dataset<Row> forecasts) {
        return quarterly(monthlyStats(accepted(classify(resolve(forecasts).groups()))));
    }

    private Column regionOf(Column country) {
        if (countryToRegion.isEmpty()) {
            return lit(null).cast("string");
        }
        List<Column> kv = new ArrayList<>();
        new TreeSet<>(countryToRegion.keySet()).forEach(c -> {
            kv.add(lit(c));
            kv.add(lit(countryToRegion.get(c)));
        });
        // try_element_at: a missing key is null, not an error, even with ANSI mode (Spark 4's default).
        return try_element_at(org.apache.spark.sql.functions.map(kv.toArray(Column[]::new)), country);
    }

    private static Column[] rejectedColumns() {
        return java.util.Arrays.stream(ForecastSchema.REJECTED_SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    }

    private static Column[] keyAndTimeColumns() {
        List<Column> cols = new ArrayList<>();
        KEY.forEach(c -> cols.add(col(c)));
        cols.add(col(SUBMITTED_AT));
        return cols.toArray(Column[]::new);
    }
}
