package dcplan.cli;

import dcplan.forecast.AggregateJob;
import dcplan.forecast.Spark;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.FileKind;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demand of {@code dcplan plan}: {@code --demand} (a CSV file, a Parquet file or folder,
 * or a roll-up folder written by {@code dcplan aggregate}, as {@code sweep --demand} takes it)
 * or {@code --forecasts} (rolled up with Spark first). Local files are told by their content, not
 * their name: a CSV file named {@code .parquet} is reported as looking like CSV.
 */
final class DemandInput {
    private DemandInput() {
    }

    /**
     * Reads the demand. {@code rollUpModel} gives the roll-up's regions and policy; {@code note}
     * gets the lines worth printing (the roll-up's counts). Spark starts only for Parquet and
     * forecasts, on {@code master}.
     */
    static List<DemandCell> read(String demand, String forecasts, String master, PlanningModel rollUpModel,
                                 Consumer<String> note) {
        if (demand != null) {
            Path local = localPath(demand);
            if (local != null) {
                Path rollUpCsv = local.resolve(AggregateJob.DEMAND_CSV);
                if (Files.isDirectory(local) && Files.isRegularFile(rollUpCsv)) {
                    return DemandTable.readCsv(rollUpCsv); // a roll-up folder: its demand.csv, no Spark needed
                }
                if (!Files.exists(local)) {
                    throw new InputException(demand + ": demand file not found");
                }
                if (Files.isRegularFile(local) && (local.toString().endsWith(".csv") || !FileKind.isParquet(local))) {
                    return readLocalCsv(local);
                }
            }
        }
        boolean started = !Spark.running(); // a session already running (a test's, a notebook's) is left running
        SparkSession spark = Spark.session(Spark.master(master), "dcplan plan");
        try {
            if (demand != null) {
                return readParquet(spark, rollUpParquet(spark, demand));
            }
            AggregateJob.Result rollUp = AggregateJob.rollUp(spark, forecasts, rollUpModel,
                    rollUpModel.policy().planningQuantile(), rollUpModel.policy().rho());
            note.accept("roll-up of " + forecasts + ":\n" + rollUp.summary().stripTrailing());
            return rollUp.demand();
        } finally {
            if (started) {
                spark.stop();
            }
        }
    }

    /** The cells within the model's horizon, in order (the others cannot be planned). */
    static List<DemandCell> inHorizon(List<DemandCell> demand, PlanningModel model) {
        List<Quarter> horizon = model.quarters();
        List<DemandCell> out = new ArrayList<>();
        for (DemandCell c : demand) {
            if (horizon.contains(c.quarter())) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A local file named .csv, or not Parquet: read as CSV when it is CSV (a Parquet file named
     * .csv is refused by {@link DemandTable#readCsv}, a CSV file named .parquet here).
     */
    private static List<DemandCell> readLocalCsv(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".parquet") && FileKind.looksLikeCsv(file)) {
            throw new InputException(file + ": looks like CSV, not Parquet (no Parquet magic bytes, a first line with "
                    + "commas): name it .csv");
        }
        if (!name.endsWith(".csv") && !FileKind.looksLikeCsv(file)) {
            throw new InputException(file + ": neither CSV nor Parquet (give a demand table: region, workload, quarter, "
                    + "peak_ips, avg_ips)");
        }
        return DemandTable.readCsv(file);
    }

    /** The local file system path of {@code location}, or null for another file system (hdfs://, s3a://). */
    private static Path localPath(String location) {
        try {
            URI uri = new URI(location);
            if (uri.getScheme() == null || uri.getScheme().length() == 1) { // a plain path (or C:\...)
                return Path.of(location);
            }
            return "file".equals(uri.getScheme()) ? Path.of(uri) : null;
        } catch (Exception e) {
            return Path.of(location);
        }
    }

    /** {@code location/demand.parquet} when location is a roll-up folder on any file system, else location. */
    private static String rollUpParquet(SparkSession spark, String location) {
        org.apache.hadoop.fs.Path inside = new org.apache.hadoop.fs.Path(location, "demand.parquet");
        FileSystem fs = AggregateJob.fileSystem(spark.sparkContext().hadoopConfiguration(), inside);
        try {
            return fs.exists(inside) ? inside.toString() : location;
        } catch (IOException e) {
            return location;
        }
    }

    /** A demand table in Parquet with the spec's five columns, each checked by name and type. */
    static List<DemandCell> readParquet(SparkSession spark, String path) {
        Dataset<Row> rows;
        try {
            rows = spark.read().parquet(path);
        } catch (Exception e) {
            throw new InputException(path + ": cannot read as Parquet (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        List<String> columns = List.of(rows.columns());
        for (String column : DemandTable.HEADER) {
            if (!columns.contains(column)) {
                throw new InputException(path + ": missing column '" + column + "' (expected " + String.join(", ", DemandTable.HEADER) + ")");
            }
        }
        List<DemandCell> out = new ArrayList<>();
        for (Row r : rows.selectExpr("region", "workload", "quarter", "cast(peak_ips as double) peak_ips",
                "cast(avg_ips as double) avg_ips").collectAsList()) {
            String at = path + ": " + r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2);
            if (r.anyNull()) {
                throw new InputException(at + ": a null value");
            }
            try {
                out.add(new DemandCell(r.getString(0), r.getString(1), Quarter.parse(r.getString(2)), r.getDouble(3), r.getDouble(4)));
            } catch (IllegalArgumentException e) {
                throw new InputException(at + ": " + e.getMessage());
            }
        }
        return out;
    }
}
