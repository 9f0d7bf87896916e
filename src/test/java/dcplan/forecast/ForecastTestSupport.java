package dcplan.forecast;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Shared helpers: one local[2] session for the whole forecast test set, rows, a small model. */
final class ForecastTestSupport {
    private ForecastTestSupport() {
    }

    /** The session every forecast test class shares (getOrCreate returns the running one). */
    static SparkSession spark() {
        return Spark.session("local[2]", "dcplan forecast tests");
    }

    /** A forecast row in schema order; month "2026-01", submitted "2026-01-05T00:00:00Z" or null. */
    static Row row(String team, String product, String country, String workload, String month,
                   Double p50, Double p90, Double avg, String submittedAt) {
        return RowFactory.create(team, product, country, workload,
                month == null ? null : java.sql.Date.valueOf(LocalDate.parse(month + "-01")),
                p50, p90, avg, submittedAt == null ? null : Timestamp.from(Instant.parse(submittedAt)));
    }

    static Dataset<Row> frame(Row... rows) {
        return spark().createDataFrame(Arrays.asList(rows), ForecastSchema.SCHEMA);
    }

    /**
     * A model folder with regions north (countries AA, AB) and south (SA), workloads chat and
     * batch, horizon 2026Q1..2026Q4, quantile 0.9, rho 0.3. For the generator: one chip.
     */
    static Path writeModel(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("regions.yaml"), """
                regions:
                  - {id: north, countries: [AA, AB]}
                  - {id: south, countries: [SA]}
                """);
        Files.writeString(dir.resolve("workloads.yaml"), """
                workloads:
                  - {id: chat, latency_slo_ms: 100}
                  - {id: batch}
                """);
        Files.writeString(dir.resolve("sites.yaml"), """
                sites:
                  - {id: s1, country: AA, jurisdiction: AA, latency_ms: {north: 10, south: 30},
                     existing_it_mw: 10, electricity_usd_per_mwh: 80, pue: 1.3}
                """);
        Files.writeString(dir.resolve("chips.yaml"), """
                chips:
                  - {id: c1, vendor: v, server_price_usd: 100000, server_kw: 6, idle_fraction: 0.4,
                     amortization_quarters: 20, throughput_ips: {chat: 50, batch: 100}}
                """);
        Files.writeString(dir.resolve("policy.yaml"), """
                policy:
                  horizon: {from: 2026Q1, to: 2026Q4}
                  planning_quantile: 0.9
                  rho: 0.3
                  target_utilization: 0.8
                """);
        return dir;
    }

    static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }
}
