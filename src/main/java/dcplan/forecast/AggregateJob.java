package dcplan.forecast;

import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.FileKind;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Workload;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static dcplan.forecast.DemandAggregation.AVG_IPS;
import static dcplan.forecast.DemandAggregation.N_LATEST;
import static dcplan.forecast.DemandAggregation.N_TOTAL;
import static dcplan.forecast.DemandAggregation.PEAK_IPS;
import static dcplan.forecast.DemandAggregation.QUARTER;
import static dcplan.forecast.DemandAggregation.REGION;
import static dcplan.forecast.ForecastSchema.REASON;
import static dcplan.forecast.ForecastSchema.WORKLOAD;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * The forecast roll-up with its I/O: reads and validates the forecasts, runs
 * {@link DemandAggregation}, and either returns the demand in-process ({@link #rollUp}, for
 * {@code dcplan plan --forecasts}) or writes a demand folder ({@link #run}):
 * <pre>
 *   DIR/demand.csv            region, workload, quarter, peak_ips, avg_ips (sorted, full precision)
 *   DIR/demand.parquet/       the same table
 *   DIR/demand_stats.parquet/ region, workload, month, mu, s1, s2, avg, rows (for Monte Carlo)
 *   DIR/demand_stats.csv      the same table as CSV (read by dcplan sweep without Spark)
 *   DIR/rejected/             the rejected rows (forecast columns + reason)
 * </pre>
 * Everything is written into a hidden sibling folder first and renamed to DIR when complete, so
 * a failed or killed job leaves no DIR at all; an existing DIR is refused.
 */
public final class AggregateJob {
    public static final String DEMAND_CSV = "demand.csv";
    public static final String DEMAND_PARQUET = "demand.parquet";
    public static final String STATS_PARQUET = "demand_stats.parquet";
    public static final String STATS_CSV = "demand_stats.csv";
    public static final String REJECTED = "rejected";

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
     * accepted: {@code rowsRead == restated + rejected() + accepted}.
     */
    public record Result(List<DemandCell> demand, long rowsRead, long restated,
                         Map<String, Long> rejectedByReason, long accepted) {
        public Result {
            demand = List.copyOf(demand);
            rejectedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(rejectedByReason));
        }

        public long rejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The counts as printed by {@code dcplan aggregate}. */
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("rows read      %,14d%n", rowsRead));
            b.append(String.format("restated       %,14d%n", restated));
            b.append(String.format("rejected       %,14d%n", rejected()));
            rejectedByReason.forEach((reason, n) -> b.append(String.format("  %-23s%,10d%n", reason, n)));
            b.append(String.format("accepted       %,14d%n", accepted));
            b.append(String.format("cells written  %,14d%n", demand.size()));
            return b.toString();
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
        refuseExisting(fs, out);
        Dataset<Row> input = readForecasts(spark, forecastsPath);
        DemandAggregation agg = aggregation(model, quantile, rho, partitionsFor(spark, input));
        return writeAtomically(fs, out, tmp -> {
            try (Computation c = new Computation(spark, input, agg)) {
                Result result = c.result();
                spark.createDataFrame(c.statsRows, c.statsSchema).coalesce(1)
                        .write().parquet(new Path(tmp, STATS_PARQUET).toString());
                writeStatsCsv(fs, new Path(tmp, STATS_CSV), c.statsRows);
                spark.createDataFrame(demandRows(result.demand()), DEMAND_SCHEMA).coalesce(1)
                        .write().parquet(new Path(tmp, DEMAND_PARQUET).toString());
                writeCsv(fs, new Path(tmp, DEMAND_CSV), result.demand());
                // One file: rejects are few, and many tiny files are worse than one slow writer.
                DemandAggregation.rejected(c.resolution, c.classified).repartition(1)
                        .write().parquet(new Path(tmp, REJECTED).toString());
                return result;
            }
        });
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

    /** Refuses an output folder that exists: runs are never written over. */
    public static void refuseExisting(String outDir, Configuration conf) {
        Path out = new Path(outDir);
        refuseExisting(fileSystem(conf, out), out);
    }

    private static void refuseExisting(FileSystem fs, Path out) {
        try {
            if (fs.exists(out)) {
                throw new InputException(out + ": already exists (choose a new --out; earlier output is never overwritten)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Something written into a temporary folder, then renamed into place. */
    @FunctionalInterface
    public interface Writing<T> {
        T writeInto(Path tmp) throws IOException;
    }

    /**
     * Writes into a hidden sibling of {@code out} and renames it to {@code out} when done; on
     * any failure the sibling is deleted and {@code out} never appears.
     */
    public static <T> T writeAtomically(FileSystem fs, Path out, Writing<T> writing) {
        Path parent = out.getParent() == null ? new Path(".") : out.getParent();
        Path tmp = new Path(parent, "." + out.getName() + ".tmp-" + UUID.randomUUID());
        boolean done = false;
        try {
            fs.mkdirs(parent);
            T result = writing.writeInto(tmp);
            refuseExisting(fs, out);
            if (!fs.rename(tmp, out)) {
                throw new IOException("cannot rename " + tmp + " to " + out);
            }
            done = true;
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!done) {
                try {
                    fs.delete(tmp, true);
                } catch (IOException ignored) {
                    // Best effort: the hidden folder is harmless and named as temporary.
                }
            }
        }
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

    private static void writeCsv(FileSystem fs, Path file, List<DemandCell> cells) throws IOException {
        try (Writer w = new OutputStreamWriter(fs.create(file, false), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(DemandTable.HEADER).get())) {
            for (DemandCell c : cells) {
                // Double.toString: the shortest text that reads back as the same double.
                p.printRecord(c.region(), c.workload(), c.quarter(), Double.toString(c.peakIps()),
                        Double.toString(c.avgIps()));
            }
        }
    }

    /** The monthly stats rows (region, workload, month, mu, s1, s2, avg, rows) as CSV, sorted. */
    private static void writeStatsCsv(FileSystem fs, Path file, List<Row> stats) throws IOException {
        List<Row> sorted = new ArrayList<>(stats);
        sorted.sort(java.util.Comparator.comparing((Row r) -> r.getString(0)).thenComparing(r -> r.getString(1))
                .thenComparing(r -> r.get(2).toString()));
        try (Writer w = new OutputStreamWriter(fs.create(file, false), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                     .setHeader("region", "workload", "month", "mu", "s1", "s2", "avg", "rows").get())) {
            for (Row r : sorted) {
                p.printRecord(r.getString(0), r.getString(1), r.get(2), Double.toString(r.getDouble(3)),
                        Double.toString(r.getDouble(4)), Double.toString(r.getDouble(5)), Double.toString(r.getDouble(6)), r.getLong(7));
            }
        }
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
            return new Result(demand, rowsRead, restated, rejected, accepted);
        }

        @Override
        public void close() {
            // Nothing cached.
        }
    }
}
