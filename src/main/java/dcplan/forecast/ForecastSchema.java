package dcplan.forecast;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.trunc;

/**
 * The forecast table (one row per team, product, country, workload and month, as submitted at
 * a time) and the types accepted when reading it. The schema is written out here, never
 * inferred: a column whose type drifts must fail loudly rather than be read as something else.
 *
 * <p>Accepted input types (everything is converted to {@link #SCHEMA}):
 * <ul>
 *   <li>team, product, country, workload: string only;</li>
 *   <li>month: date; a timestamp is accepted and taken as its UTC date. Any day of a month is
 *       taken as that month (truncated to the first day), so 2026-03-15 and 2026-03-01 are
 *       the same month;</li>
 *   <li>peak_p50_ips, peak_p90_ips, avg_p50_ips: double; float, byte, short, int, long and
 *       decimal are cast to double (integer exports from spreadsheets are common);</li>
 *   <li>submitted_at: timestamp (with or without time zone, the latter read as UTC).</li>
 * </ul>
 */
public final class ForecastSchema {
    public static final String TEAM = "team";
    public static final String PRODUCT = "product";
    public static final String COUNTRY = "country";
    public static final String WORKLOAD = "workload";
    public static final String MONTH = "month";
    public static final String PEAK_P50 = "peak_p50_ips";
    public static final String PEAK_P90 = "peak_p90_ips";
    public static final String AVG_P50 = "avg_p50_ips";
    public static final String SUBMITTED_AT = "submitted_at";

    /** Added to rejected rows: why the row did not count (see {@link DemandAggregation}). */
    public static final String REASON = "reason";
    /**
     * Added to rejected rows: the column at fault for null_value, nan_value and negative_value
     * (the first in schema order), null for the other reasons, whose code names it already.
     */
    public static final String REASON_COLUMN = "column";

    /** The restatement key: rows sharing it are versions of one forecast. */
    public static final List<String> KEY = List.of(TEAM, PRODUCT, COUNTRY, WORKLOAD, MONTH);
    public static final List<String> VALUES = List.of(PEAK_P50, PEAK_P90, AVG_P50);

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField(TEAM, DataTypes.StringType, true),
            DataTypes.createStructField(PRODUCT, DataTypes.StringType, true),
            DataTypes.createStructField(COUNTRY, DataTypes.StringType, true),
            DataTypes.createStructField(WORKLOAD, DataTypes.StringType, true),
            DataTypes.createStructField(MONTH, DataTypes.DateType, true),
            DataTypes.createStructField(PEAK_P50, DataTypes.DoubleType, true),
            DataTypes.createStructField(PEAK_P90, DataTypes.DoubleType, true),
            DataTypes.createStructField(AVG_P50, DataTypes.DoubleType, true),
            DataTypes.createStructField(SUBMITTED_AT, DataTypes.TimestampType, true)});

    /** {@link #SCHEMA} plus the reason and the column at fault: the layout of the rejected rows. */
    public static final StructType REJECTED_SCHEMA = SCHEMA.add(REASON, DataTypes.StringType, false)
            .add(REASON_COLUMN, DataTypes.StringType, true);

    public static final List<String> COLUMNS = List.of(SCHEMA.fieldNames());

    private ForecastSchema() {
    }

    /** Columns in schema order, for select(...). */
    public static Column[] columns() {
        return COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new);
    }

    /**
     * Problems of an input schema: each missing column and each column of a type that cannot be
     * converted, one line each, prefixed with {@code where}. Extra columns are ignored.
     */
    public static List<String> problems(StructType input, String where) {
        List<String> problems = new ArrayList<>();
        for (StructField expected : SCHEMA.fields()) {
            StructField found = find(input, expected.name());
            if (found == null) {
                problems.add(where + ": missing column '" + expected.name() + "' (expected "
                        + String.join(", ", COLUMNS) + ")");
            } else if (!accepts(expected.dataType(), found.dataType())) {
                problems.add(where + ": column '" + expected.name() + "' has type "
                        + found.dataType().simpleString() + ", expected " + describe(expected.dataType()));
            }
        }
        return problems;
    }

    /** Converts a frame whose schema has no {@link #problems} to exactly {@link #SCHEMA}. */
    public static Dataset<Row> conform(Dataset<Row> input) {
        Column[] out = new Column[SCHEMA.size()];
        for (int i = 0; i < SCHEMA.size(); i++) {
            StructField f = SCHEMA.fields()[i];
            Column c = col(f.name()).cast(f.dataType());
            if (f.name().equals(MONTH)) {
                // A forecast is monthly: any day stands for its month (trunc keeps the date type).
                c = trunc(c, "month");
            }
            out[i] = c.as(f.name());
        }
        return input.select(out);
    }

    private static StructField find(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    static boolean accepts(DataType expected, DataType found) {
        if (expected.equals(DataTypes.StringType)) {
            return found.equals(DataTypes.StringType);
        }
        if (expected.equals(DataTypes.DateType)) {
            return found.equals(DataTypes.DateType) || found.equals(DataTypes.TimestampType)
                    || found.equals(DataTypes.TimestampNTZType);
        }
        if (expected.equals(DataTypes.TimestampType)) {
            return found.equals(DataTypes.TimestampType) || found.equals(DataTypes.TimestampNTZType);
        }
        if (expected.equals(DataTypes.DoubleType)) {
            return found.equals(DataTypes.DoubleType) || found.equals(DataTypes.FloatType)
                    || found.equals(DataTypes.ByteType) || found.equals(DataTypes.ShortType)
                    || found.equals(DataTypes.IntegerType) || found.equals(DataTypes.LongType)
                    || found instanceof DecimalType;
        }
        return expected.equals(found);
    }

    private static String describe(DataType expected) {
        if (expected.equals(DataTypes.DoubleType)) {
            return "double (float, int, long or decimal are accepted)";
        }
        if (expected.equals(DataTypes.DateType)) {
            return "date (a timestamp is accepted)";
        }
        return expected.simpleString();
    }
}
