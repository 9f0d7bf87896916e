package dcplan.forecast;

import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.FileKind;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Workload;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dcplan.forecast.DemandAggregation.AVG_IPS;
import static dcplan.forecast.DemandAggregation.N_LATEST;
import static dcplan.forecast.DemandAggregation.N_TOTAL;
import static dcplan.forecast.DemandAggregation.PEAK_IPS;
import static dcplan.forecast.DemandAggregation.QUARTER;
import static dcplan.forecast.DemandAggregation.REGION;
import static dcplan.forecast.ForecastSchema.REASON;
import static dcplan.forecast.ForecastSchema.WORKLOAD;

/**
 * The forecast roll-up with its I/O: reads and validates the forecasts, runs
 * {@link DemandAggregation}, and either returns the demand in-process ({@link #rollUp}, for
 * {@code dcplan plan --forecasts}) or writes a demand folder ({@link #run}):
 * <pre>
 *   DIR/demand.csv            region, workload, quarter, peak_ips, avg_ips (sorted, full precision)
 *   DIR/demand.parquet/       the same table
 *   DIR/demand_stats.parquet/ region, workload, month, mu, s1, s2, avg, rows (for Monte Carlo)
 *   DIR/demand_stats.csv      the same table as CSV (read by dcplan sweep without Spark)
 *   DIR/rejected/             the rejected rows (forecast columns, reason, column at fault)
 *   DIR/rejected.csv          the same rows as one CSV file
 *   DIR/rejected_by_team.csv  rejected rows per team and reason, with their peak_p50_ips volume
 *   DIR/counts.json           the printed counts, the share of volume rejected, rejects by team
 * </pre>
 * Written as an {@link dcplan.model.io.AtomicFolder}: a failed or killed job leaves no DIR at
 * all; an existing DIR is refused.
 */
public final class AggregateJob {
    public static final String DEMAND_CSV = "demand.csv";
    public static final String DEMAND_PARQUET = "demand.parquet";
    public static final String STATS_PARQUET = "demand_stats.parquet";
    public static final String STATS_CSV = "demand_stats.csv";
    public static final String REJECTED = "rejected";
    public static final String REJECTED_CSV = "rejected.csv";
    public static final String REJECTED_BY_TEAM_CSV = "rejected_by_team.csv";
    public static final String COUNTS_JSON = "counts.json";

    public static final StructType DEMAND_SCHEMA = new StructType()
            .add(REGION, DataTypes.StringType, false)
            .add(WORKLOAD, DataTypes.StringType, false)
            .add(QUARTER, DataTypes.StringType, false)
            .add(PEAK_IPS, DataTypes.DoubleType, false)
            .add(AVG_IPS, DataTypes.DoubleType, false);

    private AggregateJob() {
    }

    /**
     * What a roll-up did. Every row read is exactly one of restated, rejected (by reason) or
     * accepted: {@code rowsRead == restated + rejected() + accepted}. {@code acceptedPeakP50Ips}
     * is the accepted rows' volume (see {@link RejectCounts}); {@code rejects} the rejected rows
     * by team, reason and column, present only when the rejected rows were written ({@link #run}).
     */
    public record Result(List<DemandCell> demand, long rowsRead, long restated,
                         Map<String, Long> rejectedByReason, long accepted, double acceptedPeakP50Ips,
                         Optional<RejectCounts> rejects) {
        public Result {
            demand = List.copyOf(demand);
            rejectedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(rejectedByReason));
        }

        public long rejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        Result withRejects(RejectCounts counts) {
            return new Result(demand, rowsRead, restated, rejectedByReason, accepted, acceptedPeakP50Ips,
                    Optional.of(counts));
        }

        /** The counts as printed by {@code dcplan aggregate}. */
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("rows read      %,14d%n", rowsRead));
            b.append(String.format("restated       %,14d%n", restated));
            b.append(String.format("rejected       %,14d%n", rejected()));
            rejectedByReason.forEach((reason, n) -> b.append(String.format("  %-23s%,10d%s%n", reason, n,
                    rejects.map(r -> columns(r.byColumn(reason))).orElse(""))));
            b.append(String.format("accepted       %,14d%n", accepted));
            b.append(String.format("cells written  %,14d%n", demand.size()));
            rejects.ifPresent(r -> b.append(String.format(
                    "rejected volume%14.2f %% of peak_p50_ips (rows not restated), %d teams with rejects%n",
                    100 * r.rejectedShare(acceptedPeakP50Ips), r.byTeam().size())));
            return b.toString();
        }

        /** "  (avg_p50_ips 3, team 2)": the columns at fault of one reason, most rows first. */
        private static String columns(Map<String, Long> byColumn) {
            return byColumn.isEmpty() ? "" : byColumn.entrySet().stream()
                    .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ", "  (", ")"));
        }
    }

    /** The aggregation the model's policy asks for, or the given quantile and rho. */
    public static DemandAggregation aggregation(PlanningModel model, double quantile, double rho, int partitions) {
        Set<String> workloads = model.workloads().stream().map(Workload::id).collect(Collectors.toSet());
        return new DemandAggregation(model.countryToRegion(), workloads, quantile, rho, partitions);
    }

    /** Rolls up the forecasts at {@code forecastsPath} in-process; writes nothing. */
    public static Result rollUp(SparkSession spark, String forecastsPath, PlanningModel model,
                                double quantile, double rho) {
        Dataset<Row> input = readForecasts(spark, forecastsPath);
        DemandAggregation agg = aggregation(model, quantile, rho, partitionsFor(spark, input));
        try (Computation c = new Computation(spark, input, agg)) {
            return c.result();
        }
    }

    /**
     * Rolls up forecast rows already in {@link ForecastSchema#SCHEMA} (tests, or a caller that
     * read them itself); writes nothing.
     */
    public static Result rollUp(SparkSession spark, Dataset<Row> forecasts, DemandAggregation agg) {
        try (Computation c = new Computation(spark, forecasts, agg)) {
            return c.result();
        }
    }

    /** Rolls up and writes the demand folder {@code outDir} (which must not exist). */
    public static Result run(SparkSession spark, String forecastsPath, PlanningModel model,
                             double quantile, double rho, String outDir) {
        Path out = new Path(outDir);
        FileSystem fs = fileSystem(spark.sparkContext().hadoopConfiguration(), out);
        HadoopFolders folders = HadoopFolders.on(fs);
        folders.refuseExisting(out);
        Dataset<Row> input = readForecasts(spark, forecastsPath);
        DemandAggregation agg = aggregation(model, quantile, rho, partitionsFor(spark, input));
        return folders.write(out, tmp -> {
            try (Computation c = new Computation(spark, input, agg)) {
                Result result = c.result();
                spark.createDataFrame(c.statsRows, c.statsSchema).coalesce(1)
                        .write().parquet(new Path(tmp, STATS_PARQUET).toString());
                RollupFiles.writeStatsCsv(fs, new Path(tmp, STATS_CSV), c.statsRows);
                spark.createDataFrame(demandRows(result.demand()), DEMAND_SCHEMA).coalesce(1)
                        .write().parquet(new Path(tmp, DEMAND_PARQUET).toString());
                RollupFiles.writeDemandCsv(fs, new Path(tmp, DEMAND_CSV), result.demand());
                Result full = result.withRejects(writeRejected(spark, fs, tmp, c));
                RollupFiles.writeCounts(fs, new Path(tmp, COUNTS_JSON), full, full.rejects().orElseThrow(),
                        forecastsPath, quantile, rho);
                return full;
            }
        });
    }

    /**
     * The rejected rows as Parquet, then, read back from that small file, as CSV and counted by
     * team: the input is read a second time only once.
     */
    private static RejectCounts writeRejected(SparkSession spark, FileSystem fs, Path tmp, Computation c)
            throws IOException {
        Path parquet = new Path(tmp, REJECTED);
        // One file: rejects are few, and many tiny files are worse than one slow writer.
        DemandAggregation.rejected(c.resolution, c.classified).repartition(1).write().parquet(parquet.toString());
        Dataset<Row> rejected = spark.read().parquet(parquet.toString());
        RollupFiles.writeRejectedCsv(fs, new Path(tmp, REJECTED_CSV), rejected);
        RejectCounts counts = RejectCounts.of(rejected);
        RollupFiles.writeRejectedByTeam(fs, new Path(tmp, REJECTED_BY_TEAM_CSV), counts);
        return counts;
    }

    /**
     * Reads and checks the forecasts before any computing: the path exists, holds Parquet
     * files only, has rows, and has every column with an acceptable type. Returns the rows in
     * {@link ForecastSchema#SCHEMA}. Each problem is an InputException line naming the path.
     */
    public static Dataset<Row> readForecasts(SparkSession spark, String path) {
        Path p = new Path(path);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        FileSystem fs = fileSystem(conf, p);
        List<Path> files = dataFiles(fs, p, path);
        if (files.isEmpty()) {
            throw new InputException(path + ": no forecast files in the folder (empty input)");
        }
        for (Path f : files) {
            if (!isParquet(fs, f)) {
                throw new InputException(f + ": not a Parquet file (forecasts must be Parquet"
                        + (FileKind.looksLikeCsv(head(fs, f)) ? "; it looks like CSV: convert it to Parquet)" : ")"));
            }
        }
        Dataset<Row> raw;
        try {
            // mergeSchema: files that disagree on a column's type fail here, naming the path,
            // instead of halfway through the job.
            raw = spark.read().option("mergeSchema", "true").parquet(path);
        } catch (RuntimeException e) {
            throw new InputException(path + ": cannot read the Parquet files (" + firstLine(e.getMessage()) + ")");
        }
        List<String> problems = ForecastSchema.problems(raw.schema(), path);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        Dataset<Row> conformed = ForecastSchema.conform(raw);
        // A count from the Parquet footers, no scan of the data.
        if (conformed.count() == 0) {
            throw new InputException(path + ": the forecasts have no rows (empty input)");
        }
        return conformed;
    }

    public static FileSystem fileSystem(Configuration conf, Path p) {
        try {
            FileSystem fs = p.getFileSystem(conf);
            // The local file system's checksum wrapper leaves .crc files beside every output.
            return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
        } catch (IOException e) {
            throw new InputException(p + ": cannot open the file system (" + firstLine(e.getMessage()) + ")");
        }
    }

    /** Data files under p (recursively, for partitioned folders), skipping _ and . names like Spark. */
    private static List<Path> dataFiles(FileSystem fs, Path p, String shown) {
        try {
            if (!fs.exists(p)) {
                throw new InputException(shown + ": forecasts not found (no such file or folder)");
            }
            List<Path> out = new ArrayList<>();
            collect(fs, fs.getFileStatus(p), out, true);
            return out;
        } catch (IOException e) {
            throw new InputException(shown + ": cannot list the forecasts (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static void collect(FileSystem fs, FileStatus st, List<Path> out, boolean top) throws IOException {
        String name = st.getPath().getName();
        if (!top && (name.startsWith("_") || name.startsWith("."))) {
            return;
        }
        if (st.isDirectory()) {
            for (FileStatus child : fs.listStatus(st.getPath())) {
                collect(fs, child, out, false);
            }
        } else {
            out.add(st.getPath());
        }
    }

    /** The first bytes of a file (what {@link FileKind} needs to tell CSV), empty when unreadable. */
    private static byte[] head(FileSystem fs, Path f) {
        try (FSDataInputStream in = fs.open(f)) {
            return in.readNBytes(FileKind.HEAD_BYTES);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** A Parquet file starts and ends with the magic "PAR1". */
    private static boolean isParquet(FileSystem fs, Path f) throws InputException {
        byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
        try {
            long len = fs.getFileStatus(f).getLen();
            if (len < 12) {
                return false;
            }
            byte[] head = new byte[4];
            byte[] tail = new byte[4];
            try (FSDataInputStream in = fs.open(f)) {
                in.readFully(0, head);
                in.readFully(len - 4, tail);
            }
            return Arrays.equals(head, magic) && Arrays.equals(tail, magic);
        } catch (IOException e) {
            throw new InputException(f + ": cannot read (" + firstLine(e.getMessage()) + ")");
        }
    }

    /**
     * Hash partitions for the restatement step: the session's setting, raised so that one task
     * holds at most about 2 M rows (its hash map stays in memory instead of spilling).
     */
    static int partitionsFor(SparkSession spark, Dataset<Row> input) {
        int configured = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
        // Parquet footers give the count without a scan.
        long rows = input.count();
        return (int) Math.max(configured, Math.min(4000, rows / 2_000_000 + 1));
    }

    private static List<Row> demandRows(List<DemandCell> cells) {
        List<Row> rows = new ArrayList<>();
        for (DemandCell c : cells) {
            rows.add(RowFactory.create(c.region(), c.workload(), c.quarter().toString(), c.peakIps(), c.avgIps()));
        }
        return rows;
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").trim();
    }

    /**
     * One roll-up. {@link #result} is one Spark job over the input (see
     * {@link DemandAggregation#summary}); {@link #writeRejected} reads the input again for the
     * rejected rows, which is cheaper than caching every resolved row for the few rejected.
     */
    private static final class Computation implements AutoCloseable {
        final DemandAggregation.Resolution resolution;
        final Dataset<Row> classified;
        final Dataset<Row> input;
        private final DemandAggregation agg;
        private final SparkSession spark;
        List<Row> statsRows;
        StructType statsSchema;

        Computation(SparkSession spark, Dataset<Row> input, DemandAggregation agg) {
            this.input = input;
            this.resolution = agg.resolve(input);
            this.classified = agg.classify(resolution.groups());
            this.agg = agg;
            this.spark = spark;
        }

        Result result() {
            long rowsRead = input.count();
            Dataset<Row> summary = agg.summary(classified);
            List<Row> rows = summary.collectAsList();
            Map<String, Long> rejected = new LinkedHashMap<>();
            DemandAggregation.REASONS.forEach(r -> rejected.put(r, 0L));
            long restated = 0;
            long keyedRows = 0;
            long accepted = 0;
            double acceptedVolume = 0;
            int muAt = summary.schema().fieldIndex(DemandAggregation.MU);
            int reasonAt = summary.schema().fieldIndex(REASON);
            int groupsAt = summary.schema().fieldIndex(DemandAggregation.ROWS);
            int latestAt = summary.schema().fieldIndex(N_LATEST);
            int totalAt = summary.schema().fieldIndex(N_TOTAL);
            statsRows = new ArrayList<>();
            for (Row r : rows) {
                String reason = r.getString(reasonAt);
                long groups = r.getLong(groupsAt);
                long latest = r.getLong(latestAt);
                long total = r.getLong(totalAt);
                restated += total - latest;
                keyedRows += total;
                if (reason == null) {
                    accepted += groups;
                    acceptedVolume += r.getDouble(muAt);
                    statsRows.add(r);
                } else if (reason.equals(DemandAggregation.AMBIGUOUS)) {
                    // Every row at the tied latest time is rejected, not one per key.
                    rejected.merge(reason, latest, Long::sum);
                } else {
                    rejected.merge(reason, groups, Long::sum);
                }
            }
            // Rows with a null key never reached the groups.
            rejected.merge(DemandAggregation.NULL_VALUE, rowsRead - keyedRows, Long::sum);

            // The accepted rows' sums are the monthly stats, in monthlyStats' layout.
            List<String> statsColumns = List.of(REGION, WORKLOAD, ForecastSchema.MONTH, DemandAggregation.MU,
                    DemandAggregation.S1, DemandAggregation.S2, DemandAggregation.AVG, DemandAggregation.ROWS);
            StructType schema = new StructType();
            for (String c : statsColumns) {
                schema = schema.add(summary.schema().apply(c));
            }
            statsSchema = schema;
            List<Row> stats = new ArrayList<>();
            for (Row r : statsRows) {
                Object[] v = new Object[statsColumns.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.get(r.fieldIndex(statsColumns.get(i)));
                }
                stats.add(RowFactory.create(v));
            }
            statsRows = stats;
            // The stats are small (regions x workloads x months): the quarters come from them.
            List<Row> quarters = agg.quarterly(spark.createDataFrame(statsRows, statsSchema)).collectAsList();
            List<DemandCell> demand = new ArrayList<>();
            for (Row q : quarters) {
                demand.add(new DemandCell(q.getString(0), q.getString(1), Quarter.parse(q.getString(2)),
                        q.getDouble(3), q.getDouble(4)));
            }
            return new Result(demand, rowsRead, restated, rejected, accepted, acceptedVolume, Optional.empty());
        }

        @Override
        public void close() {
            // Nothing cached.
        }
    }
}
