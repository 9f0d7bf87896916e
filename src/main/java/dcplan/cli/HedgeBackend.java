package dcplan.cli;

import dcplan.forecast.Spark;
import dcplan.hedge.CaseRunner;
import dcplan.hedge.DecompositionHedge;
import dcplan.hedge.DistinctCaseRunner;
import dcplan.hedge.ExtensiveFormHedge;
import dcplan.hedge.FutureExecutor;
import dcplan.hedge.HedgeSolver;
import dcplan.hedge.LocalCaseRunner;
import dcplan.hedge.SparkCaseRunner;
import dcplan.hedge.SparkFutureExecutor;
import org.apache.spark.sql.SparkSession;

/**
 * Where {@code dcplan hedge} runs its per-future solves, and which solver it uses: with
 * {@code --master}, or with {@link #DECOMPOSITION_FUTURES} futures or more, every per-future
 * solve is a Spark task (on the master given, else spark-submit's, else {@code local[*]});
 * otherwise one after another in this JVM. Many futures are solved by the decomposition, a
 * handful by the extensive form. The Spark session starts when first needed and is stopped at
 * the end if this started it (a session already running, a test's or a notebook's, is left).
 */
final class HedgeBackend implements AutoCloseable {
    /** From this many futures on, the decomposition: the extensive form would be one model this many times a plan's size. */
    static final int DECOMPOSITION_FUTURES = 50;

    private final String master;
    private final boolean tasks;
    private SparkSession spark;
    private boolean started;

    private HedgeBackend(String master, boolean tasks) {
        this.master = master;
        this.tasks = tasks;
    }

    static HedgeBackend of(String master, int futures) {
        return new HedgeBackend(master, master != null || futures >= DECOMPOSITION_FUTURES);
    }

    SparkSession spark() {
        if (spark == null) {
            started = !Spark.running();
            spark = Spark.session(Spark.master(master), "dcplan hedge");
        }
        return spark;
    }

    private FutureExecutor executor() {
        return new SparkFutureExecutor(spark());
    }

    /** {@code log}: where a plan made in this JVM writes its time and how it ended (the console). */
    CaseRunner runner(java.util.function.Consumer<String> log) {
        return new DistinctCaseRunner(tasks ? new SparkCaseRunner(executor()) : new LocalCaseRunner(log));
    }

    /** {@code log}: where the extensive form writes each step's time (the console). */
    HedgeSolver solver(int futures, CaseRunner runner, java.util.function.Consumer<String> log) {
        return futures >= DECOMPOSITION_FUTURES ? new DecompositionHedge(executor(), runner)
                : new ExtensiveFormHedge(runner, null, log);
    }

    /** "Spark tasks on local[*]" or "this JVM", for the console. */
    String describe() {
        return tasks ? "Spark tasks on " + spark().sparkContext().master() : "this JVM";
    }

    @Override
    public void close() {
        if (started && spark != null) {
            spark.stop();
        }
    }
}
