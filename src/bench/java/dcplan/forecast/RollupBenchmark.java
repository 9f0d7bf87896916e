package dcplan.forecast;

import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/bench aggregate}: times the Spark roll-up (local[*]) against the same computation
 * in DuckDB on the same Parquet files. Data is generated once per size under the bench folder
 * and reused. Usage: {@code RollupBenchmark --rows 1000000,10000000 [--runs 3] [--dir target/bench]
 * [--models models]}. Prints median seconds, rows per second and the Spark/DuckDB ratio.
 */
public final class RollupBenchmark {
    private RollupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = List.of(1_000_000L, 10_000_000L);
        int runs = 3;
        String dir = "target/bench";
        String models = "models";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> sizes = Arrays.stream(args[++i].split(",")).map(s -> (long) Double.parseDouble(s.trim())).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = args[++i];
                case "--models" -> models = args[++i];
                default -> {
                    System.err.println("bench: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        PlanningModel model = ModelLoader.load(java.nio.file.Path.of(models));
        double q = model.policy().planningQuantile();
        double rho = model.policy().rho();
        int cores = Runtime.getRuntime().availableProcessors();
        SparkSession spark = Spark.session("local[*]", "dcplan bench");
        List<String> table = new ArrayList<>();
        for (long rows : sizes) {
            String data = ClusterBenchmark.generate(spark, model, dir, rows);
            double[] sparkSec = new double[runs];
            double[] duckSec = new double[runs];
            int cells = 0;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                cells = AggregateJob.rollUp(spark, data, model, q, rho).demand().size();
                sparkSec[r] = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                int duckCells = DuckDbRollup.run(data + "/*.parquet", model, q, rho, cores).size();
                duckSec[r] = (System.nanoTime() - t0) / 1e9;
                System.err.printf("bench: %,d rows run %d: spark %.2f s, duckdb %.2f s (%d / %d cells)%n",
                        rows, r + 1, sparkSec[r], duckSec[r], cells, duckCells);
            }
            double s = median(sparkSec);
            double d = median(duckSec);
            table.add(String.format("| %,d | %.2f | %,.0f | %.2f | %,.0f | %.2f |", rows, s, rows / s, d, rows / d, s / d));
        }
        System.out.printf("Roll-up on %d cores, %d runs each, median (quantile %s, rho %s)%n%n", cores, runs, q, rho);
        System.out.println("| rows | Spark s | Spark rows/s | DuckDB s | DuckDB rows/s | Spark/DuckDB |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        table.forEach(System.out::println);
        spark.stop();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
