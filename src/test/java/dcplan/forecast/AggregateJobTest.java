package dcplan.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        // The files a planner opens without Spark: the rejected rows as CSV (with the reason and
        // the column at fault), rejects per team, and the counts as JSON.
        List<String> rejectedCsv = Files.readAllLines(out.resolve("rejected.csv"));
        assertEquals("team,product,country,workload,month,peak_p50_ips,peak_p90_ips,avg_p50_ips,submitted_at,reason,column",
                rejectedCsv.get(0));
        assertEquals(2, rejectedCsv.size(), rejectedCsv.toString());
        assertTrue(rejectedCsv.get(1).startsWith("t1,p2,ZZ,chat,2026-01-01,1.0,2.0,1.0,2026-01-05T00:00:00"),
                rejectedCsv.get(1));
        assertTrue(rejectedCsv.get(1).endsWith(",unknown_country,"), rejectedCsv.get(1));
        assertEquals(List.of("team,rejected_rows,rejected_peak_p50_ips,null_value,ambiguous_restatement,nan_value,"
                        + "negative_value,unknown_country,unknown_workload,p90_below_p50",
                "t1,1,1.0,0,0,0,0,1,0,0"), Files.readAllLines(out.resolve("rejected_by_team.csv")));
        JsonNode counts = new ObjectMapper().readTree(out.resolve("counts.json").toFile());
        assertEquals(4, counts.get("rows_read").asLong());
        assertEquals(1, counts.get("restated").asLong());
        assertEquals(1, counts.get("rejected_by_reason").get("unknown_country").asLong());
        assertEquals(2, counts.get("cells_written").asLong());
        // Volume not restated: accepted 120 + 10, rejected 1: share 1 / 131.
        assertEquals(1.0 / 131, counts.get("volume").get("rejected_share").asDouble(), 1e-15);
        // Nothing temporary left beside the output, nor inside it.
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            assertEquals(List.of(out), siblings.toList());
        }
        try (Stream<Path> inside = Files.list(out)) {
            assertEquals(List.of("counts.json", "demand.csv", "demand.parquet", "demand_stats.csv",
                    "demand_stats.parquet", "rejected", "rejected.csv", "rejected_by_team.csv"),
                    inside.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * Rejects per team and reason, the null column named, and the share of volume rejected, by
     * hand. Accepted: t1/p1 (p50 100) and t1/p4 (10), volume 110. Rejected: t1/p2 unknown
     * country (30); t2/p1 null avg (20); t2/p2 NaN p50 (no size: 0); a row without a team (50).
     * Rejected volume 30 + 20 + 0 + 50 = 100, share 100 / (110 + 100).
     */
    @Test
    void rejectsByTeamAndReasonWithTheirVolume() throws Exception {
        Path in = tmp.resolve("dirty-teams");
        frame(row("t1", "p1", "AA", "chat", "2026-01", 100.0, 110.0, 50.0, "2026-01-05T00:00:00Z"),
                row("t1", "p2", "ZZ", "chat", "2026-01", 30.0, 40.0, 10.0, "2026-01-05T00:00:00Z"),
                row("t2", "p1", "AA", "chat", "2026-01", 20.0, 25.0, null, "2026-01-05T00:00:00Z"),
                row("t2", "p2", "AA", "chat", "2026-01", Double.NaN, 25.0, 5.0, "2026-01-05T00:00:00Z"),
                row(null, "p3", "AA", "chat", "2026-01", 50.0, 60.0, 5.0, "2026-01-05T00:00:00Z"),
                row("t1", "p4", "AA", "chat", "2026-02", 10.0, 12.0, 5.0, "2026-01-05T00:00:00Z"))
                .coalesce(1).write().parquet(in.toString());
        Path out = tmp.resolve("out-dirty-teams");
        Run r = aggregate(in, out);
        assertEquals(0, r.code(), r.err().toString());
        // The console names the null columns and gives the share.
        assertTrue(r.out().matches("(?s).*null_value\\s+2\\s+\\(avg_p50_ips 1, team 1\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*nan_value\\s+1\\s+\\(peak_p50_ips 1\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*rejected volume\\s+47\\.62 % of peak_p50_ips.*"), r.out());

        // Most rejected rows first; the row without a team has an empty team (quoted, as CSV
        // writes an empty first field, so that the line is not blank).
        assertEquals(List.of("team,rejected_rows,rejected_peak_p50_ips,null_value,ambiguous_restatement,nan_value,"
                        + "negative_value,unknown_country,unknown_workload,p90_below_p50",
                "t2,2,20.0,1,0,1,0,0,0,0",
                "\"\",1,50.0,1,0,0,0,0,0,0",
                "t1,1,30.0,0,0,0,0,1,0,0"), Files.readAllLines(out.resolve("rejected_by_team.csv")));

        JsonNode counts = new ObjectMapper().readTree(out.resolve("counts.json").toFile());
        JsonNode volume = counts.get("volume");
        assertEquals(110.0, volume.get("accepted_peak_p50_ips").asDouble(), 1e-12);
        assertEquals(100.0, volume.get("rejected_peak_p50_ips").asDouble(), 1e-12);
        assertEquals(100.0 / 210, volume.get("rejected_share").asDouble(), 1e-15);
        assertTrue(volume.get("measure").asText().startsWith("peak_p50_ips summed"), volume.toString());
        assertEquals(1, counts.get("rejected_by_column").get("null_value").get("team").asLong());
        assertEquals(1, counts.get("rejected_by_column").get("null_value").get("avg_p50_ips").asLong());
        assertEquals(1, counts.get("rejected_by_column").get("nan_value").get("peak_p50_ips").asLong());
        JsonNode teams = counts.get("rejected_by_team");
        assertEquals(3, teams.size());
        assertEquals("t2", teams.get(0).get("team").asText());
        assertEquals(1, teams.get(0).get("by_reason").get("nan_value").asLong());
        assertTrue(teams.get(1).get("team").isNull(), teams.toString());

        List<String> rejectedCsv = Files.readAllLines(out.resolve("rejected.csv"));
        assertEquals(5, rejectedCsv.size(), rejectedCsv.toString());
        assertTrue(rejectedCsv.stream().anyMatch(l -> l.startsWith("t2,p1,") && l.endsWith(",null_value,avg_p50_ips")),
                rejectedCsv.toString());
        assertTrue(rejectedCsv.stream().anyMatch(l -> l.startsWith(",p3,") && l.endsWith(",null_value,team")),
                rejectedCsv.toString());
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
