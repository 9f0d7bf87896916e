package dcplan.forecast;

import dcplan.model.DemandCell;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated dirty forecasts rolled up by the Spark job and, independently, by the contract's
 * formulas in DuckDB SQL over the same Parquet files: the same cells, each within 1e-9.
 */
class CrossCheckTest {
    static SparkSession spark;
    @TempDir
    static Path tmp;
    static PlanningModel model;
    static Path forecasts;
    static AggregateJob.Result result;

    @BeforeAll
    static void generateAndRun() {
        spark = ForecastTestSupport.spark();
        try {
            model = ModelLoader.load(ForecastTestSupport.writeModel(tmp.resolve("models")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        forecasts = tmp.resolve("forecasts");
        new ForecastGenerator(model, 42, true).generate(spark, 40_000, 3).write().parquet(forecasts.toString());
        result = AggregateJob.run(spark, forecasts.toString(), model, 0.9, 0.3, tmp.resolve("demand").toString());
    }

    @Test
    void sparkAndDuckDbAgreeOnEveryCell() throws Exception {
        List<DuckDbRollup.Cell> duck = DuckDbRollup.run(forecasts + "/*.parquet", model, 0.9, 0.3, 2);
        Map<String, DemandCell> spark = new TreeMap<>();
        result.demand().forEach(c -> spark.put(c.region() + "/" + c.workload() + "/" + c.quarter(), c));
        Map<String, DuckDbRollup.Cell> db = new TreeMap<>();
        duck.forEach(c -> db.put(c.region() + "/" + c.workload() + "/" + c.quarter(), c));
        // 2 regions x 2 workloads x 4 quarters.
        assertEquals(16, db.size());
        assertEquals(db.keySet(), spark.keySet());
        for (String k : db.keySet()) {
            assertRelative(db.get(k).peakIps(), spark.get(k).peakIps(), k + " peak");
            assertRelative(db.get(k).avgIps(), spark.get(k).avgIps(), k + " avg");
        }
    }

    @Test
    void dirtyDataHasEveryRejectReasonAndCountsAddUp() {
        for (String reason : DemandAggregation.REASONS) {
            assertTrue(result.rejectedByReason().get(reason) > 0, reason + ": " + result.rejectedByReason());
        }
        assertTrue(result.restated() > 0);
        assertEquals(40_000, result.rowsRead());
        assertEquals(result.rowsRead(), result.restated() + result.rejected() + result.accepted());
        long rejectedRows = spark.read().parquet(tmp.resolve("demand").resolve("rejected").toString()).count();
        assertEquals(result.rejected(), rejectedRows);
    }

    @Test
    void generatorIsDeterministicAndItsScaleDoesNotGrowWithRows() {
        ForecastGenerator g = new ForecastGenerator(model, 42, false);
        List<Row> a = g.generate(spark, 500, 1).collectAsList();
        List<Row> b = g.generate(spark, 500, 4).collectAsList();
        assertEquals(a, b);
        // Sum of p50 over the first month: the same order of size for 10 k and 80 k rows.
        double small = firstMonthP50(g, 10_000);
        double large = firstMonthP50(g, 80_000);
        assertTrue(Math.abs(large / small - 1) < 0.15, small + " vs " + large);
    }

    private static double firstMonthP50(ForecastGenerator g, long rows) {
        return g.generate(spark, rows, 2).filter("month = date'2026-01-01'")
                .agg(sum(ForecastSchema.PEAK_P50)).first().getDouble(0);
    }

    private static void assertRelative(double expected, double actual, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertTrue(Math.abs(expected - actual) / scale <= 1e-9, what + ": duckdb " + expected + " spark " + actual);
    }
}
