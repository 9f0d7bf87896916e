package dcplan.sweep;

import dcplan.forecast.AggregateJob;
import dcplan.forecast.HadoopFolders;
import dcplan.model.InputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The sweep on Spark: one task per case ({@code parallelize(cases, cases.size())}), each
 * running {@link SweepTask} on an executor with the inputs broadcast as text; the results are
 * collected on the driver (a few hundred bytes per case) and written as one folder:
 * <pre>
 *   OUT/results.parquet/, results.csv   one row per case ({@link #RESULTS_SCHEMA})
 *   OUT/builds.parquet/,  builds.csv    per case: servers added per (site, chip), MW added per site
 *   OUT/sweep.md, sweep.json            P10/P50/P90 and the robust investments ({@link SweepReport})
 * </pre>
 * Written into a hidden sibling and renamed when complete; an existing OUT is refused.
 */
public final class SweepJob {
    public static final String STATS_CSV = AggregateJob.STATS_CSV;

    public static final StructType RESULTS_SCHEMA = new StructType()
            .add("case_id", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType, false)
            .add("name", DataTypes.StringType, false)
            .add("seed", DataTypes.LongType, false)
            .add("sample_index", DataTypes.LongType, false)
            .add("feasible", DataTypes.BooleanType, false)
            .add("served_inferences", DataTypes.DoubleType, false)
            .add("unmet_inferences", DataTypes.DoubleType, false)
            .add("total_cost_usd", DataTypes.DoubleType, false)
            .add("usd_per_million_inferences", DataTypes.DoubleType, false)
            .add("server_capex_amortized_usd", DataTypes.DoubleType, false)
            .add("facility_capex_amortized_usd", DataTypes.DoubleType, false)
            .add("energy_usd", DataTypes.DoubleType, false)
            .add("solve_seconds", DataTypes.DoubleType, false)
            .add("note", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, true);

    public static final StructType BUILDS_SCHEMA = new StructType()
            .add("case_id", DataTypes.StringType, false)
            .add("site", DataTypes.StringType, false)
            .add("chip", DataTypes.StringType, false)
            .add("servers_added", DataTypes.LongType, false)
            .add("it_mw_added", DataTypes.DoubleType, false);

    private SweepJob() {
    }

    /** Runs every case, one Spark task each; the results in case order. */
    public static List<SweepResult> run(SparkSession spark, SweepInputs inputs, List<SweepCase> cases) {
        if (cases.isEmpty()) {
            return List.of();
        }
        shipSolverLibraries(spark);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SweepInputs> shared = jsc.broadcast(inputs);
        try {
            List<SweepResult> out = new ArrayList<>(jsc.parallelize(cases, cases.size())
                    .map(c -> SweepTask.run(shared.value(), c)).collect());
            out.sort(Comparator.comparing(SweepResult::caseId));
            return out;
        } finally {
            shared.destroy();
        }
    }

    /**
     * What a sweep task needs on an executor besides Spark's jars and dcplan's classes: the
     * solver (OptaPlanner with micrometer and JAXB, ojAlgo, OR-Tools with JNA and this
     * platform's natives) and commons-csv. Jackson YAML, protobuf and snakeyaml come with Spark.
     * File name prefixes of the jars, as Maven names them; keep in step with the spark jar's
     * artifactSet in pom.xml (under spark-submit that jar carries all of them, OR-Tools' Linux
     * natives included, and nothing is added).
     */
    static List<String> solverLibraries() {
        List<String> out = new ArrayList<>(List.of("optaplanner-core-", "optaplanner-constraint-streams-",
                "micrometer-", "HdrHistogram-", "LatencyUtils-", "jakarta.xml.bind-api-", "jakarta.activation-api-",
                "jaxb-core-", "jaxb-runtime-", "angus-activation-", "istack-commons-runtime-", "ojalgo-",
                "ortools-java-", "jna-", "commons-csv-"));
        String platform = jnaPlatform();
        if (platform != null) {
            out.add("ortools-" + platform + "-");
        }
        return out;
    }

    /** JNA's name of this platform ("linux-x86-64"), as OR-Tools names its natives jar; null without JNA. */
    private static String jnaPlatform() {
        try {
            return (String) Class.forName("com.sun.jna.Platform").getField("RESOURCE_PREFIX").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /**
     * On a cluster master, adds the driver's {@link #solverLibraries()} jars to the context
     * ({@code SparkContext.addJar}): executors fetch them before their next task and load the
     * task with them. Nothing to do in local mode, or when the jars are not separate files on
     * the class path (spark-submit with the shaded jar, which carries them). Jars the context
     * already lists are not added twice. Returns the jars added.
     */
    public static List<java.nio.file.Path> shipSolverLibraries(SparkSession spark) {
        if (spark.sparkContext().isLocal()) {
            return List.of();
        }
        List<String> listed = scala.jdk.javaapi.CollectionConverters.asJava(spark.sparkContext().listJars());
        List<java.nio.file.Path> added = new ArrayList<>();
        for (java.nio.file.Path jar : dcplan.forecast.Spark.classPathJars(solverLibraries())) {
            String name = "/" + jar.getFileName();
            if (listed.stream().noneMatch(u -> u.endsWith(name))) {
                spark.sparkContext().addJar(jar.toString());
                added.add(jar);
            }
        }
        return added;
    }

    /** Writes the results folder {@code outDir} (must not exist) and returns its report. */
    public static SweepReport write(SparkSession spark, List<SweepResult> results, Map<String, Object> settings,
                                    String outDir) {
        Path out = new Path(outDir);
        FileSystem fs = AggregateJob.fileSystem(spark.sparkContext().hadoopConfiguration(), out);
        HadoopFolders folders = HadoopFolders.on(fs);
        folders.refuseExisting(out);
        SweepReport report = SweepReport.of(results, settings);
        return folders.write(out, tmp -> {
            spark.createDataFrame(resultRows(results), RESULTS_SCHEMA).coalesce(1)
                    .write().parquet(new Path(tmp, "results.parquet").toString());
            spark.createDataFrame(buildRows(results), BUILDS_SCHEMA).coalesce(1)
                    .write().parquet(new Path(tmp, "builds.parquet").toString());
            writeCsv(fs, new Path(tmp, "results.csv"), RESULTS_SCHEMA, resultRows(results));
            writeCsv(fs, new Path(tmp, "builds.csv"), BUILDS_SCHEMA, buildRows(results));
            writeText(fs, new Path(tmp, "sweep.md"), report.markdown());
            writeText(fs, new Path(tmp, "sweep.json"), report.json());
            return report;
        });
    }

    public static List<Row> resultRows(List<SweepResult> results) {
        List<Row> rows = new ArrayList<>();
        for (SweepResult r : results) {
            rows.add(RowFactory.create(r.caseId(), r.kind(), r.name(), r.seed(), r.sampleIndex(), r.feasible(),
                    r.servedInferences(), r.unmetInferences(), r.totalCostUsd(), r.usdPerMillion(), r.serverCapexUsd(),
                    r.facilityCapexUsd(), r.energyUsd(), r.solveSeconds(), r.note(), r.error()));
        }
        return rows;
    }

    public static List<Row> buildRows(List<SweepResult> results) {
        List<Row> rows = new ArrayList<>();
        for (SweepResult r : results) {
            for (SweepResult.Build b : r.builds()) {
                rows.add(RowFactory.create(r.caseId(), b.site(), b.chip(), b.serversAdded(), b.itMwAdded()));
            }
        }
        return rows;
    }

    /**
     * The monthly stats of a roll-up folder as {@code demand_stats.csv} text: the CSV when the
     * folder has one, else read from {@code demand_stats.parquet} with Spark. A plain demand
     * table (a file, or a folder without stats) is refused: sampling needs mu and sigma.
     */
    public static String statsCsv(SparkSession spark, String demand) {
        java.nio.file.Path folder = java.nio.file.Path.of(demand);
        String refusal = demand + ": --samples needs the roll-up folder written by 'dcplan aggregate --out DIR' "
                + "(demand.csv with demand_stats), not a plain demand table; pass --demand DIR";
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new InputException(refusal);
        }
        java.nio.file.Path csv = folder.resolve(STATS_CSV);
        if (java.nio.file.Files.isRegularFile(csv)) {
            try {
                return java.nio.file.Files.readString(csv);
            } catch (IOException e) {
                throw new InputException(csv + ": cannot read (" + e.getMessage() + ")");
            }
        }
        java.nio.file.Path parquet = folder.resolve(AggregateJob.STATS_PARQUET);
        if (!java.nio.file.Files.exists(parquet)) {
            throw new InputException(refusal);
        }
        Dataset<Row> rows = spark.read().parquet(parquet.toString());
        List<DemandDistribution.MonthStats> stats = new ArrayList<>();
        for (Row r : rows.selectExpr("region", "workload", "cast(month as date) month", "cast(mu as double)",
                "cast(s1 as double)", "cast(s2 as double)", "cast(avg as double)", "cast(rows as long)").collectAsList()) {
            stats.add(new DemandDistribution.MonthStats(r.getString(0), r.getString(1),
                    r.getDate(2).toLocalDate(), r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6), r.getLong(7)));
        }
        return DemandDistribution.statsCsv(stats);
    }

    private static void writeCsv(FileSystem fs, Path file, StructType schema, List<Row> rows) throws IOException {
        try (Writer w = new OutputStreamWriter(fs.create(file, false), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(schema.fieldNames()).get())) {
            for (Row r : rows) {
                Object[] v = new Object[r.length()];
                for (int i = 0; i < v.length; i++) {
                    Object x = r.get(i);
                    // Double.toString: the shortest text that reads back as the same double.
                    v[i] = x instanceof Double d ? Double.toString(d) : x == null ? "" : x;
                }
                p.printRecord(v);
            }
        }
    }

    private static void writeText(FileSystem fs, Path file, String text) throws IOException {
        try (OutputStream o = fs.create(file, false)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
