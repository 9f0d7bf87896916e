package dcplan.forecast;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The roll-up folder's text files, the ones a planner opens without Spark: demand.csv,
 * demand_stats.csv, rejected.csv, rejected_by_team.csv and counts.json. The layouts are listed
 * in docs/rollup.md.
 */
final class RollupFiles {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** How counts.json and the console define the volume (see {@link RejectCounts}). */
    static final String VOLUME_MEASURE = "peak_p50_ips summed over the rows not restated (accepted + rejected); "
            + "a rejected row whose peak_p50_ips is null, NaN, infinite or negative counts 0";

    private RollupFiles() {
    }

    static void writeDemandCsv(FileSystem fs, Path file, List<DemandCell> cells) throws IOException {
        try (CSVPrinter p = printer(fs, file, DemandTable.HEADER)) {
            for (DemandCell c : cells) {
                // Double.toString: the shortest text that reads back as the same double.
                p.printRecord(c.region(), c.workload(), c.quarter(), Double.toString(c.peakIps()),
                        Double.toString(c.avgIps()));
            }
        }
    }

    /** The monthly stats rows (region, workload, month, mu, s1, s2, avg, rows) as CSV, sorted. */
    static void writeStatsCsv(FileSystem fs, Path file, List<Row> stats) throws IOException {
        List<Row> sorted = new ArrayList<>(stats);
        sorted.sort(Comparator.comparing((Row r) -> r.getString(0)).thenComparing(r -> r.getString(1))
                .thenComparing(r -> r.get(2).toString()));
        try (CSVPrinter p = printer(fs, file, "region", "workload", "month", "mu", "s1", "s2", "avg", "rows")) {
            for (Row r : sorted) {
                p.printRecord(r.getString(0), r.getString(1), r.get(2), Double.toString(r.getDouble(3)),
                        Double.toString(r.getDouble(4)), Double.toString(r.getDouble(5)), Double.toString(r.getDouble(6)), r.getLong(7));
            }
        }
    }

    /**
     * The rejected rows as one CSV file with a header, sorted by reason then key: Spark writes a
     * folder with one part file, which is renamed to {@code file} (works on any Hadoop file
     * system, so the rows never pass through the driver).
     */
    static void writeRejectedCsv(FileSystem fs, Path file, Dataset<Row> rejected) throws IOException {
        Path parts = new Path(file.getParent(), "_" + file.getName() + ".parts");
        rejected.orderBy(col(ForecastSchema.REASON), col(ForecastSchema.TEAM), col(ForecastSchema.PRODUCT),
                        col(ForecastSchema.COUNTRY), col(ForecastSchema.WORKLOAD), col(ForecastSchema.MONTH),
                        col(ForecastSchema.SUBMITTED_AT))
                .coalesce(1).write().option("header", "true").csv(parts.toString());
        FileStatus[] written = fs.globStatus(new Path(parts, "part-*"));
        if (written == null || written.length != 1) {
            throw new IOException(parts + ": expected one CSV part file, found "
                    + (written == null ? 0 : written.length));
        }
        if (!fs.rename(written[0].getPath(), file)) {
            throw new IOException("cannot rename " + written[0].getPath() + " to " + file);
        }
        fs.delete(parts, true);
    }

    /**
     * Teams x reasons: one line per team (an empty team is rows without one), most rejected
     * rows first, with the team's rejected rows, their volume, then one column per reason code.
     */
    static void writeRejectedByTeam(FileSystem fs, Path file, RejectCounts rejects) throws IOException {
        List<String> header = new ArrayList<>(List.of("team", "rejected_rows", "rejected_peak_p50_ips"));
        header.addAll(DemandAggregation.REASONS);
        try (CSVPrinter p = printer(fs, file, header.toArray(String[]::new))) {
            for (RejectCounts.Team t : rejects.byTeam()) {
                List<Object> line = new ArrayList<>(List.of(t.team() == null ? "" : t.team(), t.rows(),
                        Double.toString(t.peakP50Ips())));
                line.addAll(t.byReason().values());
                p.printRecord(line);
            }
        }
    }

    /** counts.json: the console's counts, the rejected volume and its share, rejects by team and column. */
    static void writeCounts(FileSystem fs, Path file, AggregateJob.Result result, RejectCounts rejects,
                            String forecasts, double quantile, double rho) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("forecasts", forecasts);
        o.put("quantile", quantile);
        o.put("rho", rho);
        o.put("rows_read", result.rowsRead());
        o.put("restated", result.restated());
        o.put("rejected", result.rejected());
        o.put("accepted", result.accepted());
        o.put("cells_written", result.demand().size());
        ObjectNode reasons = o.putObject("rejected_by_reason");
        result.rejectedByReason().forEach(reasons::put);
        ObjectNode columns = o.putObject("rejected_by_column");
        for (String reason : DemandAggregation.REASONS) {
            if (!rejects.byColumn(reason).isEmpty()) {
                ObjectNode c = columns.putObject(reason);
                rejects.byColumn(reason).forEach(c::put);
            }
        }
        ObjectNode volume = o.putObject("volume");
        volume.put("measure", VOLUME_MEASURE);
        volume.put("accepted_peak_p50_ips", result.acceptedPeakP50Ips());
        volume.put("rejected_peak_p50_ips", rejects.peakP50Ips());
        volume.put("rejected_share", rejects.rejectedShare(result.acceptedPeakP50Ips()));
        ArrayNode teams = o.putArray("rejected_by_team");
        for (RejectCounts.Team t : rejects.byTeam()) {
            ObjectNode n = teams.addObject();
            n.put("team", t.team());
            n.put("rows", t.rows());
            n.put("peak_p50_ips", t.peakP50Ips());
            ObjectNode by = n.putObject("by_reason");
            t.byReason().forEach(by::put);
        }
        try (OutputStream out = fs.create(file, false)) {
            JSON.writeValue(out, o);
        }
    }

    private static CSVPrinter printer(FileSystem fs, Path file, String... header) throws IOException {
        Writer w = new OutputStreamWriter(fs.create(file, false), StandardCharsets.UTF_8);
        return new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header).get());
    }
}
