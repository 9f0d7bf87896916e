package dcplan.cli;

import dcplan.forecast.AggregateJob;
import dcplan.forecast.Spark;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demand of {@code dcplan plan} and {@code dcplan whatif}: {@code --demand} (a CSV file, or a
 * Parquet file or folder) or {@code --forecasts} (rolled up with Spark first).
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
        if (demand != null && demand.endsWith(".csv")) {
            return DemandTable.readCsv(Path.of(demand));
        }
        SparkSession spark = Spark.session(Spark.master(master), "dcplan plan");
        try {
            if (demand != null) {
                return readParquet(spark, demand);
            }
            AggregateJob.Result rollUp = AggregateJob.rollUp(spark, forecasts, rollUpModel,
                    rollUpModel.policy().planningQuantile(), rollUpModel.policy().rho());
            note.accept("roll-up of " + forecasts + ":\n" + rollUp.summary().stripTrailing());
            return rollUp.demand();
        } finally {
            spark.stop();
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
