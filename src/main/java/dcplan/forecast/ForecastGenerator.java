package dcplan.forecast;

import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Workload;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dcplan.forecast.ForecastSchema.AVG_P50;
import static dcplan.forecast.ForecastSchema.COUNTRY;
import static dcplan.forecast.ForecastSchema.MONTH;
import static dcplan.forecast.ForecastSchema.PEAK_P50;
import static dcplan.forecast.ForecastSchema.PEAK_P90;
import static dcplan.forecast.ForecastSchema.PRODUCT;
import static dcplan.forecast.ForecastSchema.SUBMITTED_AT;
import static dcplan.forecast.ForecastSchema.TEAM;
import static dcplan.forecast.ForecastSchema.WORKLOAD;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Synthetic forecasts for a model, made by Spark from {@code spark.range(rows)}: every value is
 * a function of (seed, row id) through xxhash64, so the output is the same whatever the
 * partitioning or the machine, and 50 M rows need no shuffle and no join.
 *
 * <p>Shape. About 97 % of the rows are originals: original k is month {@code k % M} (M months
 * in the horizon) of series {@code k / M}; a series is one (team, product, country, workload),
 * numbered in mixed radix so no two series share a key (country fastest, then one of the
 * product's two workloads, then product; product p belongs to team p % 40). The other rows are
 * restatements of a random original, submitted 1-60 days later with values changed by
 * -10..+15 %. Products grow 8-13 % a quarter, Q3 is 2 % and Q4 8 % above trend, p90 is 10-35 %
 * above p50 (per product) and avg is 40-70 % of peak p50.
 *
 * <p>Scale does not depend on the row count: each row's p50 is its cell's target divided by
 * the expected rows in the cell, the targets being sized so the rolled-up demand needs about
 * 9,500 servers in the first quarter and 30,000 at the end of a 12-quarter horizon (at the
 * median throughput of the model's chips for each workload, {@link #REFERENCE_THROUGHPUT} for
 * a workload no chip serves, and 80 % utilisation), split by region and workload as in
 * {@link #REGION_SHARE} and {@link #WORKLOAD_SERVER_SHARE}.
 *
 * <p>{@code dirty}: about 0.7 % of rows get one defect each (unknown country XX, unknown
 * workload video-gen, a negative value, NaN, a null value, a null key column or
 * submitted_at, p90 below p50), and 5 % of restatements are submitted at exactly the time of
 * the row they restate (an ambiguous tie when nothing later exists).
 */
public final class ForecastGenerator {
    public static final int TEAMS = 40;
    public static final int WORKLOADS_PER_PRODUCT = 2;
    public static final double RESTATED_SHARE = 0.03;
    public static final double DIRTY_SHARE = 0.007;
    public static final double TIE_SHARE = 0.05;
    public static final double FIRST_QUARTER_SERVERS = 9_500;
    public static final double UTILISATION = 0.8;
    /** Planning peak over sum of p50 at the default policy (z(0.9) times a partly correlated sigma). */
    static final double PEAK_OVER_P50 = 1.12;

    /** Share of servers by region id; regions not listed share what is left equally. */
    public static final Map<String, Double> REGION_SHARE = Map.of(
            "brazil", 0.15, "france", 0.20, "sea-maritime", 0.18, "sea-mainland", 0.12, "china", 0.35);
    /** Share of servers by workload id; llm-chat the largest. */
    public static final Map<String, Double> WORKLOAD_SERVER_SHARE = Map.of(
            "llm-chat", 0.45, "llm-batch", 0.20, "embedding", 0.17, "recsys", 0.18);
    /** Inferences/s per server for a workload that no chip of the model serves. */
    public static final Map<String, Double> REFERENCE_THROUGHPUT = Map.of(
            "llm-chat", 50.0, "llm-batch", 100.0, "embedding", 3_000.0, "recsys", 7_500.0);

    private static final LocalDate SUBMISSION_START = LocalDate.of(2025, 10, 1);
    private static final long DAY_MICROS = 86_400_000_000L;

    private final PlanningModel model;
    private final long seed;
    private final boolean dirty;

    public ForecastGenerator(PlanningModel model, long seed, boolean dirty) {
        this.model = model;
        this.seed = seed;
        this.dirty = dirty;
    }

    /** The forecast rows, in {@link ForecastSchema#SCHEMA}, over {@code partitions} partitions. */
    public Dataset<Row> generate(SparkSession spark, long rows, int partitions) {
        List<String> countries = new ArrayList<>();
        List<Integer> countryRegion = new ArrayList<>();
        List<Region> regions = model.regions();
        for (int r = 0; r < regions.size(); r++) {
            for (String c : regions.get(r).countries()) {
                countries.add(c);
                countryRegion.add(r);
            }
        }
        List<String> workloads = model.workloads().stream().map(Workload::id).toList();
        int nC = countries.size();
        int nW = workloads.size();
        List<Quarter> quarters = model.quarters();
        int months = 3 * quarters.size();
        LocalDate start = LocalDate.of(quarters.get(0).year(), 3 * quarters.get(0).q() - 2, 1);

        long originals = Math.max(1, Math.round(rows / (1 + RESTATED_SHARE)));
        double series = Math.ceil((double) originals / months);
        // Expected series of one (country, workload): each series has one country and one workload.
        double seriesPerCell = Math.max(series / ((double) nC * nW), 1e-9);

        // p50 base per (country, workload) in the first quarter: the cell's sum of p50 divided by
        // the rows expected in it, so the totals do not move with the row count.
        List<Column> base = new ArrayList<>();
        double[] regionShare = shares(regions.stream().map(Region::id).toList(), REGION_SHARE);
        double[] workloadShare = shares(workloads, WORKLOAD_SERVER_SHARE);
        for (int c = 0; c < nC; c++) {
            int r = countryRegion.get(c);
            int countriesInRegion = regions.get(r).countries().size();
            for (int w = 0; w < nW; w++) {
                double ips = FIRST_QUARTER_SERVERS * regionShare[r] * workloadShare[w]
                        * referenceThroughput(workloads.get(w)) * UTILISATION / PEAK_OVER_P50;
                base.add(lit(ips / countriesInRegion / seriesPerCell));
            }
        }

        long submittedMicros = Instant.parse(SUBMISSION_START + "T00:00:00Z").toEpochMilli() * 1000;
        Dataset<Row> d = spark.range(0, rows, 1, partitions)
                .withColumn("restatement", col("id").geq(originals))
                // The original this row is a version of.
                .withColumn("k", when(col("restatement"), expr("pmod(" + hash("'rk'", "id") + ", " + originals + ")"))
                        .otherwise(col("id")))
                .withColumn("mi", expr("k % " + months))
                .withColumn("s", expr("k div " + months))
                .withColumn("c", expr("s % " + nC))
                .withColumn("slot", expr("(s div " + nC + ") % " + WORKLOADS_PER_PRODUCT))
                .withColumn("p", expr("s div " + ((long) nC * WORKLOADS_PER_PRODUCT)))
                .withColumn("w", expr("(pmod(" + hash("'pw'", "p") + ", " + nW + ") + slot) % " + nW))
                .withColumn(TEAM, expr("format_string('team-%02d', p % " + TEAMS + ")"))
                .withColumn(PRODUCT, expr("format_string('prod-%05d', p)"))
                .withColumn(COUNTRY, element_at(array(countries.stream().map(x -> lit(x)).toArray(Column[]::new)),
                        col("c").plus(1).cast("int")))
                .withColumn(WORKLOAD, element_at(array(workloads.stream().map(x -> lit(x)).toArray(Column[]::new)),
                        col("w").plus(1).cast("int")))
                .withColumn(MONTH, expr("add_months(date'" + start + "', cast(mi as int))"))
                // Per product: size (mean 1), growth per quarter, p90 spread, avg/peak ratio.
                .withColumn("size", uniform("'size'", "p").multiply(1.6).plus(0.2))
                .withColumn("growth", uniform("'growth'", "p").multiply(0.05).plus(0.08))
                .withColumn("spread", uniform("'spread'", "p").multiply(0.25).plus(0.10))
                .withColumn("avg_ratio", uniform("'avg'", "p").multiply(0.3).plus(0.4))
                .withColumn("season", element_at(array(lit(1.0), lit(1.0), lit(1.02), lit(1.08)),
                        expr("quarter(" + MONTH + ")")))
                .withColumn("change", when(col("restatement"), uniform("'change'", "id").multiply(0.25).plus(0.90))
                        .otherwise(lit(1.0)))
                .withColumn(PEAK_P50, element_at(array(base.toArray(Column[]::new)),
                                col("c").multiply(nW).plus(col("w")).plus(1).cast("int"))
                        .multiply(col("size"))
                        .multiply(exp(expr("ln(1 + growth) * mi / 3.0")))
                        .multiply(col("season"))
                        .multiply(uniform("'noise'", "k").multiply(0.1).plus(0.95))
                        .multiply(col("change")))
                .withColumn(PEAK_P90, col(PEAK_P50).multiply(lit(1.0).plus(col("spread")
                        .multiply(uniform("'spread_k'", "k").multiply(0.2).plus(0.9)))))
                .withColumn(AVG_P50, col(PEAK_P50).multiply(col("avg_ratio")))
                // Originals: a series is submitted within 30 days of the cycle start, its rows
                // within the hour. Restatements: 1-60 whole days later plus (id - originals)
                // milliseconds, unique per row, so clean data never ties by accident.
                .withColumn("original_us", expr(submittedMicros + " + cast(" + uniformSql("'sub'", "s") + " * "
                        + (30 * DAY_MICROS) + " as bigint) + cast(" + uniformSql("'subk'", "k") + " * 3600000000 as bigint)"))
                .withColumn("restated_us", expr("original_us + (1 + cast(" + uniformSql("'days'", "id") + " * 60 as bigint)) * "
                        + DAY_MICROS + " + (id - " + originals + ") * 1000"))
                .withColumn(SUBMITTED_AT, expr("timestamp_micros(if(restatement, restated_us, original_us))"));
        if (dirty) {
            d = dirty(d);
        }
        return d.select(ForecastSchema.columns());
    }

    /** Defects, each applied to its own small share of rows. */
    private Dataset<Row> dirty(Dataset<Row> d) {
        Column isDirty = uniform("'dirty'", "id").lt(DIRTY_SHARE);
        Column kind = expr("pmod(" + hash("'kind'", "id") + ", 8)");
        Column tie = col("restatement").and(uniform("'tie'", "id").lt(TIE_SHARE));
        Column nullD = lit(null).cast("double");
        return d
                .withColumn("kind", when(isDirty, kind).otherwise(lit(-1L)))
                .withColumn(COUNTRY, when(col("kind").equalTo(0), lit("XX"))
                        .when(col("kind").equalTo(6), lit(null).cast("string")).otherwise(col(COUNTRY)))
                .withColumn(WORKLOAD, when(col("kind").equalTo(1), lit("video-gen")).otherwise(col(WORKLOAD)))
                .withColumn(PEAK_P50, when(col("kind").equalTo(2), col(PEAK_P50).multiply(-1.0)).otherwise(col(PEAK_P50)))
                .withColumn(PEAK_P90, when(col("kind").equalTo(3), lit(Double.NaN))
                        .when(col("kind").equalTo(5), col(PEAK_P50).multiply(0.8)).otherwise(col(PEAK_P90)))
                .withColumn(AVG_P50, when(col("kind").equalTo(4), nullD).otherwise(col(AVG_P50)))
                .withColumn(SUBMITTED_AT, when(col("kind").equalTo(7), lit(null).cast("timestamp"))
                        .when(tie, expr("timestamp_micros(original_us)")).otherwise(col(SUBMITTED_AT)));
    }

    /**
     * Inferences/s of a typical server for the workload: the median over the model's chips that
     * serve it, so the server count holds for the model the data is made for; the reference
     * table when no chip serves it.
     */
    double referenceThroughput(String workload) {
        double[] t = model.chips().stream().mapToDouble(c -> c.throughput(workload)).filter(v -> v > 0).sorted().toArray();
        if (t.length == 0) {
            return REFERENCE_THROUGHPUT.getOrDefault(workload, 1_000.0);
        }
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
    }

    /** Normalised shares of the given ids: known ones as listed, the rest share what is left. */
    static double[] shares(List<String> ids, Map<String, Double> known) {
        double[] out = new double[ids.size()];
        double listed = 0;
        int unknown = 0;
        for (String id : ids) {
            if (known.containsKey(id)) {
                listed += known.get(id);
            } else {
                unknown++;
            }
        }
        double rest = unknown == 0 ? 0 : Math.max(1.0 - listed, 0.1) / unknown;
        double total = 0;
        for (int i = 0; i < ids.size(); i++) {
            out[i] = known.getOrDefault(ids.get(i), rest);
            total += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= total;
        }
        return out;
    }

    private String hash(String salt, String column) {
        return "xxhash64(" + seed + "L, " + salt + ", " + column + ")";
    }

    /** A uniform double in [0, 1) from the top 53 bits' worth of a seeded hash. */
    private String uniformSql(String salt, String column) {
        return "(cast(" + hash(salt, column) + " & 9007199254740991L as double) / 9007199254740992.0)";
    }

    private Column uniform(String salt, String column) {
        return expr(uniformSql(salt, column));
    }
}
