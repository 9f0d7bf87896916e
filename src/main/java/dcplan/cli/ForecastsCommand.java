package dcplan.cli;

import dcplan.forecast.AggregateJob;
import dcplan.forecast.ForecastGenerator;
import dcplan.forecast.HadoopFolders;
import dcplan.forecast.Spark;
import dcplan.model.InputException;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code dcplan forecasts}: tools for forecast rows (for now: synthetic ones). */
@Command(name = "forecasts", mixinStandardHelpOptions = true,
        description = "Forecast rows: generate synthetic ones for tests, demos and benchmarks.",
        subcommands = {ForecastsCommand.Generate.class},
        footerHeading = "%nExamples:%n",
        footer = {"  dcplan forecasts generate --rows 100000 --seed 7 --dirty --out data/forecasts/sample"})
public final class ForecastsCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCodes.BAD_INPUT;
    }

    /** {@code dcplan forecasts generate}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Write synthetic forecast rows as Parquet (several files), made by Spark from seeded "
                    + "hashes: the same --rows and --seed give the same rows on any machine.",
                    "Teams, products on two workloads each, every country of the model's regions, every month of "
                            + "the horizon; growth, seasonality, p90 spreads, restatements (3 %% of rows). Demand does "
                            + "not grow with --rows: the roll-up needs about 9,500 servers in the first quarter and "
                            + "30,000 in the last. --dirty adds a small share of every kind of row the roll-up rejects."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  dcplan forecasts generate --rows 100000 --seed 7 --dirty --out data/forecasts/sample",
                    "  dcplan forecasts generate --rows 50000000 --seed 1 --files 16 --out target/bench/rows-50000000"})
    public static final class Generate implements Callable<Integer> {
        @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows to write.")
        long rows;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; must not exist.")
        String out;

        @Option(names = "--dirty", description = "Add rows of every kind the roll-up rejects.")
        boolean dirty;

        @Option(names = "--models", paramLabel = "DIR", defaultValue = "models",
                description = "Model folder whose regions, workloads, horizon and chips shape the rows. Default: ${DEFAULT-VALUE}.")
        java.nio.file.Path models;

        @Option(names = "--files", paramLabel = "K",
                description = "Parquet files to write. Default: one per 4 M rows, at least 2.")
        Integer files;

        @Option(names = "--master", paramLabel = "URL", description = "Spark master when not run by spark-submit. Default: local[*].")
        String master;

        @Override
        public Integer call() {
            if (rows < 1) {
                throw new InputException("--rows: must be at least 1, got " + rows);
            }
            int k = files != null ? files : (int) Math.max(2, Math.min(1000, (rows + 3_999_999) / 4_000_000));
            if (k < 1) {
                throw new InputException("--files: must be at least 1, got " + k);
            }
            PlanningModel model = ModelLoader.load(models);
            HadoopFolders.refuseExisting(out, new org.apache.hadoop.conf.Configuration());
            boolean wasRunning = Spark.running();
            SparkSession spark = Spark.session(Spark.master(master), "dcplan forecasts generate");
            try {
                long started = System.nanoTime();
                Path target = new Path(out);
                FileSystem fs = AggregateJob.fileSystem(spark.sparkContext().hadoopConfiguration(), target);
                HadoopFolders.on(fs).write(target, tmp -> {
                    new ForecastGenerator(model, seed, dirty).generate(spark, rows, k)
                            .write().parquet(tmp.toString());
                    return null;
                });
                System.out.printf("wrote %,d forecast rows (seed %d%s) in %d files to %s in %.1f s%n",
                        rows, seed, dirty ? ", dirty" : "", k, out, (System.nanoTime() - started) / 1e9);
                return ExitCodes.OK;
            } finally {
                if (!wasRunning) {
                    spark.stop();
                }
            }
        }
    }
}
