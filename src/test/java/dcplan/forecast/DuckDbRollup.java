package dcplan.forecast;

import dcplan.model.PlanningModel;
import dcplan.model.Workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The contract's roll-up written once more, in DuckDB SQL over the same Parquet files: an
 * independent oracle for tests (nothing shared with the Spark code but the column names) and
 * the single-machine peer in {@code bin/bench}. z is passed in as a literal.
 */
public final class DuckDbRollup {
    private DuckDbRollup() {
    }

    /** One demand cell as DuckDB computes it. */
    public record Cell(String region, String workload, String quarter, double peakIps, double avgIps) {
    }

    /** The SQL for Parquet files matching {@code glob} (e.g. dir/*.parquet). */
    public static String sql(String glob, Map<String, String> countryToRegion, List<String> workloads,
                             double z, double rho) {
        String regions = countryToRegion.entrySet().stream()
                .map(e -> "('" + e.getKey().replace("'", "''") + "', '" + e.getValue().replace("'", "''") + "')")
                .collect(Collectors.joining(", "));
        String known = workloads.stream().map(w -> "'" + w.replace("'", "''") + "'").collect(Collectors.joining(", "));
        String z90 = "1.2815515655446004";
        return """
                WITH src AS (
                  SELECT team, product, country, workload, month,
                         peak_p50_ips AS p50, peak_p90_ips AS p90, avg_p50_ips AS a, submitted_at AS ts
                  FROM read_parquet('%s')),
                keyed AS (
                  SELECT * FROM src WHERE team IS NOT NULL AND product IS NOT NULL AND country IS NOT NULL
                    AND workload IS NOT NULL AND month IS NOT NULL AND ts IS NOT NULL),
                latest AS (
                  SELECT * FROM keyed
                  QUALIFY ts = max(ts) OVER (PARTITION BY team, product, country, workload, month)),
                winners AS (
                  SELECT * FROM latest
                  QUALIFY count(*) OVER (PARTITION BY team, product, country, workload, month) = 1),
                regions(country, region) AS (VALUES %s),
                ok AS (
                  SELECT w.*, r.region FROM winners w JOIN regions r ON w.country = r.country
                  WHERE w.workload IN (%s)
                    AND p50 IS NOT NULL AND p90 IS NOT NULL AND a IS NOT NULL
                    AND isfinite(p50) AND isfinite(p90) AND isfinite(a)
                    AND p50 >= 0 AND p90 >= 0 AND a >= 0 AND p90 >= p50),
                monthly AS (
                  SELECT region, workload, month, sum(p50) AS mu, sum((p90 - p50) / %s) AS s1,
                         sum(((p90 - p50) / %s) * ((p90 - p50) / %s)) AS s2, sum(a) AS av
                  FROM ok GROUP BY region, workload, month),
                peaks AS (
                  SELECT *, mu + (%s) * sqrt((1 - (%s)) * s2 + (%s) * s1 * s1) AS peak FROM monthly)
                SELECT region, workload,
                       CAST(year(month) AS VARCHAR) || 'Q' || CAST(quarter(month) AS VARCHAR) AS quarter,
                       CASE WHEN count(*) < 3 THEN greatest(max(peak), 0.0) ELSE max(peak) END AS peak_ips,
                       sum(av) / 3 AS avg_ips
                FROM peaks GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """.formatted(glob.replace("'", "''"), regions, known, z90, z90, z90,
                Double.toString(z), Double.toString(rho), Double.toString(rho));
    }

    /** Runs the roll-up in an in-memory DuckDB with {@code threads} threads (0 = DuckDB's default). */
    public static List<Cell> run(String glob, PlanningModel model, double quantile, double rho, int threads)
            throws SQLException {
        List<String> workloads = model.workloads().stream().map(Workload::id).toList();
        String sql = sql(glob, model.countryToRegion(), workloads, NormalQuantile.z(quantile), rho);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            if (threads > 0) {
                s.execute("SET threads = " + threads);
            }
            List<Cell> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(new Cell(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5)));
                }
            }
            return out;
        }
    }
}
