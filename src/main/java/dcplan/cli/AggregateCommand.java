package dcplan.cli;

import dcplan.forecast.AggregateJob;
import dcplan.forecast.HadoopFolders;
import dcplan.forecast.Spark;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dcplan aggregate}: forecasts to the demand table, with Spark. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = {"Roll forecast rows (Parquet) up to demand per region, workload and quarter, "
                + "as the planning model's \"Demand aggregation\" defines it.",
                "Writes DIR/demand.csv and demand.parquet (region, workload, quarter, peak_ips, avg_ips), "
                        + "demand_stats.parquet and .csv (mu, s1, s2, avg per region, workload, month), "
                        + "rejected/ and rejected.csv (rejected rows with a reason and the column at fault), "
                        + "rejected_by_team.csv (teams x reasons) and counts.json (the counts printed, "
                        + "and the share of peak_p50_ips volume rejected). DIR must not exist; "
                        + "it appears only when complete."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  dcplan aggregate --forecasts data/forecasts/sample --models models --out runs/demand-1",
                "  dcplan aggregate --forecasts hdfs:///forecasts/2026-03 --models models --out /tmp/demand --rho 0.5",
                "  spark-submit --class dcplan.cli.Main --master spark://host:7077 dcplan.jar \\",
                "      aggregate --forecasts s3a://bucket/forecasts --models models --out s3a://bucket/demand-7",
                "",
                "Reason codes of rejected rows: null_value, ambiguous_restatement, nan_value, negative_value,",
                "unknown_country, unknown_workload, p90_below_p50; null_value, nan_value and negative_value",
                "name the column in the rejected row's 'column' field (see docs/rollup.md)."})
public final class AggregateCommand implements Callable<Integer> {

    @Option(names = "--forecasts", required = true, paramLabel = "PATH",
            description = "Forecast rows: a Parquet file or folder, any Hadoop file system URI.")
    String forecasts;

    @Option(names = "--models", paramLabel = "DIR", defaultValue = "models",
            description = "Model folder (regions, workloads, policy...). Default: ${DEFAULT-VALUE}.")
    Path models;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; must not exist.")
    String out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not run by spark-submit. Default: local[*].")
    String master;

    @Option(names = "--quantile", paramLabel = "Q",
            description = "Planning quantile in (0, 1). Default: the model's policy.planning_quantile.")
    Double quantile;

    @Option(names = "--rho", paramLabel = "R",
            description = "Demand correlation in [0, 1]. Default: the model's policy.rho.")
    Double rho;

    @Mixin
    StrictOption strict;

    @Override
    public Integer call() {
        PlanningModel model = strict.loadModel(models, System.err::println);
        double q = quantile != null ? quantile : model.policy().planningQuantile();
        double r = rho != null ? rho : model.policy().rho();
        if (!(q > 0 && q < 1)) {
            throw new InputException("--quantile: must be within (0, 1), got " + q);
        }
        if (!(r >= 0 && r <= 1)) {
            throw new InputException("--rho: must be within [0, 1], got " + r);
        }
        // Refuse an existing --out before starting Spark: the cheapest check first.
        HadoopFolders.refuseExisting(out, new org.apache.hadoop.conf.Configuration());
        boolean wasRunning = Spark.running();
        SparkSession spark = Spark.session(Spark.master(master), "dcplan aggregate");
        try {
            long started = System.nanoTime();
            AggregateJob.Result result = AggregateJob.run(spark, forecasts, model, q, r, out);
            System.out.print(result.summary());
            System.out.printf("quantile %s, rho %s; wrote %s in %.1f s%n", q, r, out, (System.nanoTime() - started) / 1e9);
            return ExitCodes.OK;
        } finally {
            if (!wasRunning) {
                spark.stop();
            }
        }
    }
}
