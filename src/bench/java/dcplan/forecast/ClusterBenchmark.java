package dcplan.forecast;

import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/bench cluster}: times the roll-up ({@link AggregateJob#rollUp}, as {@code dcplan
 * plan --forecasts} runs it) in local[*] and on a standalone cluster, on the same Parquet files
 * (generated once per size under the bench folder, shared with {@code bin/bench aggregate}).
 * One session per mode (start-up not timed); both modes use the same number of shuffle
 * partitions (2 per core: local[*] on this machine, the executors' cores on the cluster).
 * Usage: {@code ClusterBenchmark --master spark://HOST:PORT --rows N[,N] [--runs R] [--dir
 * target/bench] [--models models] [--cluster-cores C] [--warmup W]}. Each mode first runs W
 * untimed roll-ups of the smallest size (default 1). Prints the medians as a Markdown table
 * with the machine's load average: on a shared machine the figures move with it.
 */
public final class ClusterBenchmark {
    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = List.of(1_000_000L);
        int runs = 3;
        String dir = "target/bench";
        String models = "models";
        String master = null;
        int clusterCores = 2;
        int warmup = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> sizes = Arrays.stream(args[++i].split(",")).map(s -> (long) Double.parseDouble(s.trim())).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = args[++i];
                case "--models" -> models = args[++i];
                case "--master" -> master = args[++i];
                case "--cluster-cores" -> clusterCores = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("bench: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (master == null) {
            System.err.println("bench: --master spark://HOST:PORT is required");
            System.exit(2);
        }
        PlanningModel model = ModelLoader.load(java.nio.file.Path.of(models));
        double q = model.policy().planningQuantile();
        double rho = model.policy().rho();
        int cores = Runtime.getRuntime().availableProcessors();

        SparkSession spark = Spark.session("local[*]", "dcplan bench cluster (local)");
        List<String> data = new ArrayList<>();
        for (long rows : sizes) {
            data.add(generate(spark, model, dir, rows));
        }
        String loadBefore = loadAverage();
        warmUp(spark, data.get(0), model, q, rho, warmup);
        double[][] localSec = new double[sizes.size()][];
        for (int s = 0; s < sizes.size(); s++) {
            localSec[s] = time(spark, data.get(s), model, q, rho, runs, "local[*]");
        }
        String localPartitions = spark.conf().get("spark.sql.shuffle.partitions");
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();

        System.setProperty("spark.sql.shuffle.partitions", String.valueOf(2 * clusterCores));
        spark = Spark.session(master, "dcplan bench cluster");
        // Executors register after the session starts: wait for them (the driver counts too).
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < clusterCores + 1
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        warmUp(spark, data.get(0), model, q, rho, warmup);
        double[][] clusterSec = new double[sizes.size()][];
        for (int s = 0; s < sizes.size(); s++) {
            clusterSec[s] = time(spark, data.get(s), model, q, rho, runs, master);
        }
        spark.stop();

        System.out.printf("Roll-up (AggregateJob.rollUp), %d runs each after %d warm-up, median and fastest; "
                        + "local[*] on %d cores, %s shuffle partitions; cluster %s with %d executor cores, "
                        + "%d shuffle partitions; load average %s before, %s after%n%n",
                runs, warmup, cores, localPartitions, master, clusterCores, 2 * clusterCores, loadBefore, loadAverage());
        System.out.println("| rows | local[*] s | cluster s | local fastest s | cluster fastest s | cluster/local |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int s = 0; s < sizes.size(); s++) {
            double l = RollupBenchmark.median(localSec[s]);
            double c = RollupBenchmark.median(clusterSec[s]);
            System.out.printf("| %,d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", sizes.get(s), l, c,
                    Arrays.stream(localSec[s]).min().orElse(0), Arrays.stream(clusterSec[s]).min().orElse(0), c / l);
        }
    }

    /**
     * The benchmark's forecasts of {@code rows} rows (--dirty, seed 1) under {@code dir},
     * generated once and reused; returns their absolute path (a cluster's executors read it too).
     */
    static String generate(SparkSession spark, PlanningModel model, String dir, long rows) {
        String data = dir + "/rows-" + rows;
        if (!Files.isDirectory(java.nio.file.Path.of(data))) {
            long t0 = System.nanoTime();
            Path target = new Path(data);
            int files = (int) Math.max(2, Math.min(1000, (rows + 3_999_999) / 4_000_000));
            HadoopFolders.on(AggregateJob.fileSystem(spark.sparkContext().hadoopConfiguration(), target))
                    .write(target, tmp -> {
                        new ForecastGenerator(model, 1, true).generate(spark, rows, files).write().parquet(tmp.toString());
                        return null;
                    });
            System.err.printf("bench: generated %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        }
        // The cluster's executors read the same files: an absolute path.
        return java.nio.file.Path.of(data).toAbsolutePath().toString();
    }

    /** Untimed runs on the smallest size: JIT and the executors' first class loading. */
    private static void warmUp(SparkSession spark, String data, PlanningModel model, double q, double rho, int n) {
        for (int i = 0; i < n; i++) {
            AggregateJob.rollUp(spark, data, model, q, rho);
        }
    }

    /** The 1-minute load average (Linux), as context for the figures; "?" elsewhere. */
    static String loadAverage() {
        try {
            return Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static double[] time(SparkSession spark, String data, PlanningModel model, double q, double rho,
                                 int runs, String what) {
        double[] sec = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            int cells = AggregateJob.rollUp(spark, data, model, q, rho).demand().size();
            sec[r] = (System.nanoTime() - t0) / 1e9;
            System.err.printf("bench: %s run %d on %s: %.2f s (%d cells)%n", what, r + 1, data, sec[r], cells);
        }
        return sec;
    }
}
