package dcplan.forecast;

import dcplan.model.DemandCell;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dcplan.forecast.DemandAggregation.AMBIGUOUS;
import static dcplan.forecast.DemandAggregation.NAN_VALUE;
import static dcplan.forecast.DemandAggregation.NEGATIVE_VALUE;
import static dcplan.forecast.DemandAggregation.NULL_VALUE;
import static dcplan.forecast.DemandAggregation.P90_BELOW_P50;
import static dcplan.forecast.DemandAggregation.UNKNOWN_COUNTRY;
import static dcplan.forecast.DemandAggregation.UNKNOWN_WORKLOAD;
import static dcplan.forecast.ForecastTestSupport.frame;
import static dcplan.forecast.ForecastTestSupport.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The roll-up on small in-memory frames; every expected number is worked out by hand from the
 * contract's formulas (arithmetic in the comments). Z = z(0.9) = 1.2815515655446004.
 */
class DemandAggregationTest {
    static final double Z = 1.2815515655446004;
    static final Map<String, String> COUNTRIES = Map.of("AA", "north", "AB", "north", "SA", "south");
    static final Set<String> WORKLOADS = Set.of("chat", "batch");
    static final String T0 = "2026-01-05T00:00:00Z";
    static final String T1 = "2026-02-01T00:00:00Z";

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = ForecastTestSupport.spark();
    }

    static DemandAggregation agg(double quantile, double rho) {
        return new DemandAggregation(COUNTRIES, WORKLOADS, quantile, rho);
    }

    /**
     * north/chat: January has two rows, sigma 3 and 4 (p90 = p50 + sigma * Z); February one row
     * with no spread; March none. south/batch: one row in April (2026Q2).
     */
    static Dataset<Row> twoMonths() {
        return frame(
                row("t1", "p1", "AA", "chat", "2026-01", 100.0, 100 + 3 * Z, 40.0, T0),
                row("t1", "p2", "AB", "chat", "2026-01", 200.0, 200 + 4 * Z, 60.0, T0),
                row("t1", "p1", "AA", "chat", "2026-02", 50.0, 50.0, 20.0, T0),
                row("t2", "p9", "SA", "batch", "2026-04", 10.0, 10 + 2 * Z, 6.0, T0));
    }

    static Map<String, DemandCell> cells(AggregateJob.Result r) {
        Map<String, DemandCell> out = new TreeMap<>();
        r.demand().forEach(c -> out.put(c.region() + "/" + c.workload() + "/" + c.quarter(), c));
        return out;
    }

    static AggregateJob.Result rollUp(Dataset<Row> rows, double quantile, double rho) {
        return AggregateJob.rollUp(spark, rows, agg(quantile, rho));
    }

    @Test
    void rhoZeroAddsVariances() {
        Map<String, DemandCell> c = cells(rollUp(twoMonths(), 0.9, 0.0));
        assertEquals(Set.of("north/chat/2026Q1", "south/batch/2026Q2"), c.keySet());
        DemandCell q1 = c.get("north/chat/2026Q1");
        // Jan: mu = 100 + 200 = 300, S2 = 3^2 + 4^2 = 25, sigma = sqrt(25) = 5,
        // peak = 300 + 5 Z = 306.407757827723; Feb: peak = 50; max = 306.407757827723.
        assertEquals(306.407757827723, q1.peakIps(), 1e-9);
        // avg = (Jan 40 + 60 + Feb 20 + Mar 0) / 3 = 120 / 3 = 40.
        assertEquals(40.0, q1.avgIps(), 1e-12);
        // south: mu = 10, sigma = 2, peak = 10 + 2 Z = 12.5631031310892; avg = 6 / 3 = 2.
        assertEquals(12.5631031310892, c.get("south/batch/2026Q2").peakIps(), 1e-9);
        assertEquals(2.0, c.get("south/batch/2026Q2").avgIps(), 1e-12);
    }

    @Test
    void rhoOneAddsSigmas() {
        Map<String, DemandCell> c = cells(rollUp(twoMonths(), 0.9, 1.0));
        // Jan: S1 = 3 + 4 = 7, sigma = sqrt(S1^2) = 7, peak = 300 + 7 Z = 308.9708609588122.
        assertEquals(308.9708609588122, c.get("north/chat/2026Q1").peakIps(), 1e-9);
        assertEquals(40.0, c.get("north/chat/2026Q1").avgIps(), 1e-12);
    }

    @Test
    void rhoHalfMixes() {
        Map<String, DemandCell> c = cells(rollUp(twoMonths(), 0.9, 0.5));
        // sigma = sqrt(0.5 * 25 + 0.5 * 49) = sqrt(37) = 6.082762530298219,
        // peak = 300 + 6.082762530298219 * Z = 307.7953738435397.
        assertEquals(307.7953738435397, c.get("north/chat/2026Q1").peakIps(), 1e-9);
    }

    @Test
    void medianQuantileIsTheSumOfMedians() {
        Map<String, DemandCell> c = cells(rollUp(twoMonths(), 0.5, 0.3));
        // z(0.5) = 0: peak = mu = 300 whatever sigma.
        assertEquals(300.0, c.get("north/chat/2026Q1").peakIps(), 1e-9);
        assertEquals(10.0, c.get("south/batch/2026Q2").peakIps(), 1e-9);
    }

    @Test
    void missingMonthsCountAsZeroInPeakAndAvg() {
        Dataset<Row> rows = frame(
                // 2026Q2: April only. 2026Q3: all three months.
                row("t1", "p1", "AA", "chat", "2026-04", 1.0, 1 + 10 * Z, 3.0, T0),
                row("t1", "p1", "AA", "chat", "2026-07", 1.0, 1 + 10 * Z, 3.0, T0),
                row("t1", "p1", "AA", "chat", "2026-08", 1.0, 1 + 10 * Z, 3.0, T0),
                row("t1", "p1", "AA", "chat", "2026-09", 1.0, 1 + 10 * Z, 3.0, T0));
        // quantile 0.1: z = -Z; one row, sigma = 10: month peak = 1 - 10 Z = -11.815515655446004.
        Map<String, DemandCell> c = cells(rollUp(rows, 0.1, 1.0));
        // Q2: May and June have no rows and count as 0: max(-11.8155..., 0, 0) = 0; avg = 3 / 3 = 1.
        assertEquals(0.0, c.get("north/chat/2026Q2").peakIps(), 0.0);
        assertEquals(1.0, c.get("north/chat/2026Q2").avgIps(), 1e-12);
        // Q3: three months present, the max of three equal negative peaks; avg = 9 / 3 = 3.
        assertEquals(-11.815515655446004, c.get("north/chat/2026Q3").peakIps(), 1e-9);
        assertEquals(3.0, c.get("north/chat/2026Q3").avgIps(), 1e-12);
    }

    @Test
    void restatementsLatestWinsTiesAreRejectedAndNothingComesBack() {
        Dataset<Row> rows = frame(
                // k1: restated once, the later row wins.
                row("t1", "p1", "AA", "chat", "2026-01", 100.0, 100.0, 10.0, T0),
                row("t1", "p1", "AA", "chat", "2026-01", 150.0, 150.0, 15.0, T1),
                // k2: the restatement is negative: rejected, and the earlier 80 stays replaced.
                row("t1", "p2", "AA", "chat", "2026-01", 80.0, 80.0, 8.0, T0),
                row("t1", "p2", "AA", "chat", "2026-01", -5.0, 80.0, 8.0, T1),
                // k3: two rows tie at the latest time: both ambiguous, 1000 stays replaced.
                row("t1", "p3", "AA", "chat", "2026-01", 1000.0, 1000.0, 100.0, T0),
                row("t1", "p3", "AA", "chat", "2026-01", 7.0, 7.0, 1.0, T1),
                row("t1", "p3", "AA", "chat", "2026-01", 9.0, 9.0, 1.0, T1),
                // k4: a tie at an earlier time does not matter: the latest row wins.
                row("t1", "p4", "AA", "chat", "2026-01", 2.0, 2.0, 1.0, T0),
                row("t1", "p4", "AA", "chat", "2026-01", 3.0, 3.0, 1.0, T0),
                row("t1", "p4", "AA", "chat", "2026-01", 30.0, 30.0, 3.0, T1));
        AggregateJob.Result r = rollUp(rows, 0.5, 0.0);
        assertEquals(10, r.rowsRead());
        // replaced rows: k1 1, k2 1, k3 1, k4 2 = 5.
        assertEquals(5, r.restated());
        assertEquals(2, r.rejectedByReason().get(AMBIGUOUS));
        assertEquals(1, r.rejectedByReason().get(NEGATIVE_VALUE));
        assertEquals(3, r.rejected());
        assertEquals(2, r.accepted());
        DemandCell jan = cells(r).get("north/chat/2026Q1");
        // winners k1 (150) and k4 (30): mu = 180, no spread, z(0.5) = 0: peak = 180.
        assertEquals(180.0, jan.peakIps(), 1e-9);
        // avg = (15 + 3) / 3 = 6.
        assertEquals(6.0, jan.avgIps(), 1e-12);

        Map<String, String> rejected = rejectedByProductAndP50(rows, agg(0.5, 0.0));
        assertEquals(Map.of("p2/-5.0", NEGATIVE_VALUE, "p3/7.0", AMBIGUOUS, "p3/9.0", AMBIGUOUS), rejected);
        // The negative restatement names its column; a tie has no column to name.
        Map<String, String> columns = rejectedColumnByProductAndP50(rows, agg(0.5, 0.0));
        assertEquals("peak_p50_ips", columns.get("p2/-5.0"));
        assertEquals("", columns.get("p3/7.0"));
        assertEquals("", columns.get("p3/9.0"));
    }

    @Test
    void everyReasonInTheContractOrder() {
        Dataset<Row> rows = frame(
                row("t1", "ok", "AA", "chat", "2026-01", 10.0, 12.0, 5.0, T0),
                // Rejected before resolution: a null key column or submitted_at. The last one
                // would restate "ok" but cannot, having no time.
                row(null, "nullTeam", "AA", "chat", "2026-01", 10.0, 12.0, 5.0, T0),
                row("t1", "nullMonth", "AA", "chat", null, 10.0, 12.0, 5.0, T0),
                row("t1", "ok", "AA", "chat", "2026-01", 99.0, 99.0, 9.0, null),
                // Checks of the winners.
                row("t1", "nullAvg", "AA", "chat", "2026-01", 10.0, 12.0, null, T0),
                row("t1", "nanP90", "AA", "chat", "2026-01", 10.0, Double.NaN, 5.0, T0),
                row("t1", "infinite", "AA", "chat", "2026-01", 10.0, Double.POSITIVE_INFINITY, 5.0, T0),
                row("t1", "negAvg", "AA", "chat", "2026-01", 10.0, 12.0, -1.0, T0),
                row("t1", "country", "ZZ", "chat", "2026-01", 10.0, 12.0, 5.0, T0),
                row("t1", "workload", "AA", "video", "2026-01", 10.0, 12.0, 5.0, T0),
                row("t1", "p90", "AA", "chat", "2026-01", 10.0, 9.0, 5.0, T0),
                // Several faults: the first in the order null, nan, negative, country, workload, p90.
                row("t1", "nullAndNan", "ZZ", "video", "2026-01", Double.NaN, 12.0, null, T0),
                row("t1", "nanAndCountry", "ZZ", "video", "2026-01", Double.NaN, 12.0, 5.0, T0),
                row("t1", "negAndCountry", "ZZ", "chat", "2026-01", -1.0, 12.0, 5.0, T0),
                row("t1", "countryAndWorkload", "ZZ", "video", "2026-01", 10.0, 9.0, 5.0, T0),
                row("t1", "workloadAndP90", "AA", "video", "2026-01", 10.0, 9.0, 5.0, T0));
        AggregateJob.Result r = rollUp(rows, 0.9, 0.3);
        assertEquals(16, r.rowsRead());
        assertEquals(0, r.restated());
        assertEquals(1, r.accepted());
        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        expected.put(NULL_VALUE, 5L);
        expected.put(AMBIGUOUS, 0L);
        expected.put(NAN_VALUE, 3L);
        expected.put(NEGATIVE_VALUE, 2L);
        expected.put(UNKNOWN_COUNTRY, 2L);
        expected.put(UNKNOWN_WORKLOAD, 2L);
        expected.put(P90_BELOW_P50, 1L);
        assertEquals(expected, r.rejectedByReason());

        Map<String, String> byRow = rejectedByProductAndP50(rows, agg(0.9, 0.3));
        assertEquals(NULL_VALUE, byRow.get("nullTeam/10.0"));
        assertEquals(NULL_VALUE, byRow.get("nullMonth/10.0"));
        assertEquals(NULL_VALUE, byRow.get("ok/99.0"));
        assertEquals(NULL_VALUE, byRow.get("nullAvg/10.0"));
        assertEquals(NAN_VALUE, byRow.get("nanP90/10.0"));
        assertEquals(NAN_VALUE, byRow.get("infinite/10.0"));
        assertEquals(NEGATIVE_VALUE, byRow.get("negAvg/10.0"));
        assertEquals(UNKNOWN_COUNTRY, byRow.get("country/10.0"));
        assertEquals(UNKNOWN_WORKLOAD, byRow.get("workload/10.0"));
        assertEquals(P90_BELOW_P50, byRow.get("p90/10.0"));
        assertEquals(NULL_VALUE, byRow.get("nullAndNan/NaN"));
        assertEquals(NAN_VALUE, byRow.get("nanAndCountry/NaN"));
        assertEquals(NEGATIVE_VALUE, byRow.get("negAndCountry/-1.0"));
        assertEquals(UNKNOWN_COUNTRY, byRow.get("countryAndWorkload/10.0"));
        assertEquals(UNKNOWN_WORKLOAD, byRow.get("workloadAndP90/10.0"));
        assertEquals(15, byRow.size());

        // The column at fault: for null, nan and negative values the first such column in
        // schema order (team, product, country, workload, month, ..., submitted_at), the same
        // fault the reason is about; none for the reasons that name it already.
        Map<String, String> columns = rejectedColumnByProductAndP50(rows, agg(0.9, 0.3));
        assertEquals("team", columns.get("nullTeam/10.0"));
        assertEquals("month", columns.get("nullMonth/10.0"));
        assertEquals("submitted_at", columns.get("ok/99.0"));
        assertEquals("avg_p50_ips", columns.get("nullAvg/10.0"));
        assertEquals("peak_p90_ips", columns.get("nanP90/10.0"));
        assertEquals("peak_p90_ips", columns.get("infinite/10.0"));
        assertEquals("avg_p50_ips", columns.get("negAvg/10.0"));
        assertEquals("", columns.get("country/10.0"));
        assertEquals("", columns.get("workload/10.0"));
        assertEquals("", columns.get("p90/10.0"));
        // null beats NaN: the null avg is named, not the NaN p50.
        assertEquals("avg_p50_ips", columns.get("nullAndNan/NaN"));
        assertEquals("peak_p50_ips", columns.get("nanAndCountry/NaN"));
        assertEquals("peak_p50_ips", columns.get("negAndCountry/-1.0"));
        assertEquals("", columns.get("countryAndWorkload/10.0"));
        assertEquals("", columns.get("workloadAndP90/10.0"));

        // Only "ok" counts: sigma = (12 - 10) / Z, one row so sigma = 2 / Z for any rho,
        // peak = 10 + Z * 2 / Z = 12; avg = 5 / 3.
        DemandCell jan = cells(r).get("north/chat/2026Q1");
        assertEquals(12.0, jan.peakIps(), 1e-9);
        assertEquals(5.0 / 3, jan.avgIps(), 1e-12);
        assertEquals(1, r.demand().size());
    }

    @Test
    void monthlyStatsKeepTheSums() {
        DemandAggregation a = agg(0.9, 0.3);
        List<Row> stats = a.monthlyStats(DemandAggregation.accepted(a.classify(a.resolve(twoMonths()).groups())))
                .filter("region = 'north' and month = date'2026-01-01'").collectAsList();
        assertEquals(1, stats.size());
        Row jan = stats.get(0);
        // mu = 300, S1 = 7, S2 = 25, avg = 100, 2 rows.
        assertEquals(300.0, jan.getDouble(jan.fieldIndex(DemandAggregation.MU)), 1e-9);
        assertEquals(7.0, jan.getDouble(jan.fieldIndex(DemandAggregation.S1)), 1e-9);
        assertEquals(25.0, jan.getDouble(jan.fieldIndex(DemandAggregation.S2)), 1e-9);
        assertEquals(100.0, jan.getDouble(jan.fieldIndex(DemandAggregation.AVG)), 1e-12);
        assertEquals(2L, jan.getLong(jan.fieldIndex(DemandAggregation.ROWS)));
    }

    /** The rejected rows as "product/p50" -> reason. */
    static Map<String, String> rejectedByProductAndP50(Dataset<Row> rows, DemandAggregation a) {
        return rejectedByProductAndP50(rows, a, ForecastSchema.REASON);
    }

    /** The rejected rows as "product/p50" -> the column at fault, "" for none. */
    static Map<String, String> rejectedColumnByProductAndP50(Dataset<Row> rows, DemandAggregation a) {
        return rejectedByProductAndP50(rows, a, ForecastSchema.REASON_COLUMN);
    }

    static Map<String, String> rejectedByProductAndP50(Dataset<Row> rows, DemandAggregation a, String field) {
        DemandAggregation.Resolution res = a.resolve(rows);
        Map<String, String> out = new TreeMap<>();
        for (Row r : DemandAggregation.rejected(res, a.classify(res.groups())).collectAsList()) {
            String k = r.getString(1) + "/" + r.get(5);
            String value = r.getString(r.fieldIndex(field));
            if (out.put(k, value == null ? "" : value) != null) {
                throw new AssertionError("two rejected rows for " + k);
            }
        }
        return out;
    }
}
