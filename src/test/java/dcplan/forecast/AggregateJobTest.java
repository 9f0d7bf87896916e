package dcplan.forecast;

import dcplan.cli.Main;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dcplan.forecast.ForecastTestSupport.frame;
import static dcplan.forecast.ForecastTestSupport.row;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job's I/O through {@code Main.run}: bad inputs exit 2 with one line; a good run writes the folder. */
class AggregateJobTest {
    static SparkSession spark;
    @TempDir
    static Path tmp;
    static Path models;
    static Path good;

    @BeforeAll
    static void start() throws Exception {
        spark = ForecastTestSupport.spark();
        models = ForecastTestSupport.writeModel(tmp.resolve("models"));
        good = tmp.resolve("good");
        frame(row("t1", "p1", "AA", "chat", "2026-01", 100.0, 110.0, 50.0, "2026-01-05T00:00:00Z"),
                row("t1", "p1", "AA", "chat", "2026-01", 120.0, 130.0, 60.0, "2026-02-05T00:00:00Z"),
                row("t1", "p2", "ZZ", "chat", "2026-01", 1.0, 2.0, 1.0, "2026-01-05T00:00:00Z"),
                row("t1", "p3", "SA", "batch", "2026-05", 10.0, 10.0, 3.0, "2026-01-05T00:00:00Z"))
                .coalesce(1).write().parquet(good.toString());
    }

    record Run(int code, String out, List<String> err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8),
                    ForecastTestSupport.lines(err.toString(StandardCharsets.UTF_8)));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Run aggregate(Path forecasts, Path out) {
        return run("aggregate", "--forecasts", forecasts.toString(), "--models", models.toString(), "--out", out.toString());
    }

    /** Exit 2, exactly one stderr line, naming the path and the problem; no output folder. */
    static void assertBadInput(Run r, Path named, String problem, Path out) {
        assertEquals(2, r.code(), r.err().toString());
        assertEquals(1, r.err().size(), r.err().toString());
        String line = r.err().get(0);
        assertTrue(line.startsWith("dcplan: "), line);
        assertTrue(line.contains(named.toString()), line);
        assertTrue(line.contains(problem), line);
        assertFalse(Files.exists(out), "no output for bad input");
    }

    @Test
    void missingFolder() {
        Path missing = tmp.resolve("nowhere");
        Path out = tmp.resolve("out-missing");
        assertBadInput(aggregate(missing, out), missing, "not found", out);
    }

    @Test
    void fileThatIsNotParquet() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("csv-in"));
        Path file = Files.writeString(dir.resolve("part-0.parquet"), "team,product\nt1,p1\n");
        Path out = tmp.resolve("out-csv");
        assertBadInput(aggregate(dir, out), file, "not a Parquet file", out);
    }

    @Test
    void missingColumn() {
        Path in = tmp.resolve("no-avg");
        spark.read().parquet(good.toString()).drop(ForecastSchema.AVG_P50).write().parquet(in.toString());
        Path out = tmp.resolve("out-no-avg");
        assertBadInput(aggregate(in, out), in, "missing column 'avg_p50_ips'", out);
    }

    @Test
    void wrongColumnType() {
        Path in = tmp.resolve("text-p90");
        spark.read().parquet(good.toString())
                .withColumn(ForecastSchema.PEAK_P90, col(ForecastSchema.PEAK_P90).cast("string"))
                .write().parquet(in.toString());
        Path out = tmp.resolve("out-text-p90");
        assertBadInput(aggregate(in, out), in, "column 'peak_p90_ips' has type string", out);
    }

    @Test
    void emptyInput() {
        Path in = tmp.resolve("empty");
        spark.read().parquet(good.toString()).limit(0).write().parquet(in.toString());
        Path out = tmp.resolve("out-empty");
        assertBadInput(aggregate(in, out), in, "empty input", out);
    }

    @Test
    void emptyFolder() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("empty-folder"));
        Path out = tmp.resolve("out-empty-folder");
        assertBadInput(aggregate(in, out), in, "empty input", out);
    }

    @Test
    void outThatExistsIsRefused() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "earlier run");
        Run r = aggregate(good, out);
        assertEquals(2, r.code());
        assertEquals(1, r.err().size(), r.err().toString());
        assertTrue(r.err().get(0).contains(out.toString()) && r.err().get(0).contains("already exists"), r.err().get(0));
        assertEquals("earlier run", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void integerValuesAndTimestampMonthsAreAccepted() throws Exception {
        Path in = tmp.resolve("ints");
        spark.read().parquet(good.toString())
                .withColumn(ForecastSchema.PEAK_P50, col(ForecastSchema.PEAK_P50).cast("long"))
                .withColumn(ForecastSchema.AVG_P50, col(ForecastSchema.AVG_P50).cast("int"))
                .withColumn(ForecastSchema.MONTH, col(ForecastSchema.MONTH).cast("timestamp"))
                .write().parquet(in.toString());
        Path out = tmp.resolve("out-ints");
        Run r = aggregate(in, out);
        assertEquals(0, r.code(), r.err().toString());
        assertEquals(2, DemandTable.readCsv(out.resolve("demand.csv")).size());
    }

    @Test
    void goodRunWritesTheFolderAndCounts() throws Exception {
        Path out = tmp.resolve("runs").resolve("demand-1");
        Run r = run("aggregate", "--forecasts", good.toString(), "--models", models.toString(),
                "--out", out.toString(), "--quantile", "0.5", "--rho", "0");
        assertEquals(0, r.code(), r.err().toString());
        assertTrue(r.out().matches("(?s).*rows read\\s+4\\b.*"), r.out());
        assertTrue(r.out().matches("(?s).*restated\\s+1\\b.*"), r.out());
        assertTrue(r.out().matches("(?s).*unknown_country\\s+1\\b.*"), r.out());
        assertTrue(r.out().matches("(?s).*cells written\\s+2\\b.*"), r.out());

        List<String> csv = Files.readAllLines(out.resolve("demand.csv"));
        assertEquals("region,workload,quarter,peak_ips,avg_ips", csv.get(0));
        // north/chat/2026Q1: the restatement wins, p50 = 120, z(0.5) = 0: peak 120, avg 60 / 3 = 20.
        // south/batch/2026Q2: peak 10, avg 3 / 3 = 1. Sorted by region, workload, quarter.
        assertEquals(List.of("region,workload,quarter,peak_ips,avg_ips",
                "north,chat,2026Q1,120.0,20.0", "south,batch,2026Q2,10.0,1.0"), csv);
        List<DemandCell> cells = DemandTable.readCsv(out.resolve("demand.csv"));
        PlanningModel model = ModelLoader.load(models);
        assertEquals(List.of(), DemandTable.validate(cells, model, "demand.csv"));

        List<Row> parquet = spark.read().parquet(out.resolve("demand.parquet").toString()).orderBy("region").collectAsList();
        assertEquals(List.of("region", "workload", "quarter", "peak_ips", "avg_ips"),
                List.of(spark.read().parquet(out.resolve("demand.parquet").toString()).columns()));
        assertEquals(120.0, parquet.get(0).getDouble(3), 0.0);

        List<Row> rejected = spark.read().parquet(out.resolve("rejected").toString()).collectAsList();
        assertEquals(1, rejected.size());
        assertEquals("unknown_country", rejected.get(0).getString(rejected.get(0).fieldIndex("reason")));
        assertEquals(2, spark.read().parquet(out.resolve("demand_stats.parquet").toString())
                .filter(col("mu").gt(lit(0))).count());
        // The same stats as CSV, for dcplan sweep: header and one line per (region, workload, month).
        List<String> stats = Files.readAllLines(out.resolve("demand_stats.csv"));
        assertEquals("region,workload,month,mu,s1,s2,avg,rows", stats.get(0));
        assertEquals(spark.read().parquet(out.resolve("demand_stats.parquet").toString()).count(), stats.size() - 1);
        // Nothing temporary left beside the output.
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            assertEquals(List.of(out), siblings.toList());
        }
    }

    @Test
    void rollUpApiMatchesTheCommand() {
        PlanningModel model = ModelLoader.load(models);
        AggregateJob.Result r = AggregateJob.rollUp(spark, good.toString(), model, 0.5, 0.0);
        assertEquals(4, r.rowsRead());
        assertEquals(r.rowsRead(), r.restated() + r.rejected() + r.accepted());
        assertEquals(2, r.demand().size());
        assertEquals(120.0, r.demand().get(0).peakIps(), 0.0);
    }
}
