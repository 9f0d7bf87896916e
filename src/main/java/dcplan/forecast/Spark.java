package dcplan.forecast;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the SparkSession of a dcplan command. The master comes from spark-submit (which sets
 * the {@code spark.master} system property) when present, else from the command's
 * {@code --master}, else {@code local[*]}: the code never hard-wires a cluster.
 */
public final class Spark {
    public static final String DEFAULT_MASTER = "local[*]";
    private static final Pattern LOCAL_THREADS = Pattern.compile("local\\[(\\d+)(,\\d+)?]");

    private Spark() {
    }

    /** The master to use: spark.master if set (spark-submit), else the option, else local[*]. */
    public static String master(String masterOption) {
        SparkConf conf = new SparkConf(true);
        if (conf.contains("spark.master")) {
            return conf.get("spark.master");
        }
        return masterOption != null && !masterOption.isBlank() ? masterOption : DEFAULT_MASTER;
    }

    /**
     * A session for {@code master}; returns the running one if there is one (tests and the
     * planner share it). Session time zone UTC, so submitted_at and dates read the same on every
     * machine. In local mode: no web UI (nobody looks, it takes a port) and 2 shuffle partitions
     * per core instead of Spark's 200, which on a laptop are mostly scheduling overhead.
     */
    public static SparkSession session(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().appName(appName).master(master)
                .config("spark.sql.session.timeZone", "UTC")
                // Microsecond timestamps rather than the legacy INT96: every Parquet reader knows them.
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        if (master.startsWith("local")) {
            b.config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", String.valueOf(2 * localCores(master)));
        }
        return b.getOrCreate();
    }

    /** Threads of a local master: local = 1, local[N] = N, local[*] = the machine's cores. */
    public static int localCores(String master) {
        Matcher m = LOCAL_THREADS.matcher(master);
        if (m.matches()) {
            return Math.max(1, Integer.parseInt(m.group(1)));
        }
        if (master.equals("local")) {
            return 1;
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Whether a session was already running, so a command knows not to stop one it did not start. */
    public static boolean running() {
        return SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined();
    }
}
