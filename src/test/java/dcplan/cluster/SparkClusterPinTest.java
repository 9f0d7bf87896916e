package dcplan.cluster;

import dcplan.forecast.Spark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code bin/spark-cluster start --pin}: each worker's executors run on that worker's cores
 * alone, as on separate machines (what {@code bin/bench hedge} compares 1 and 2 workers on).
 */
@Tag("cluster")
class SparkClusterPinTest {

    @Test
    void aPinnedWorkersExecutorRunsOnItsOwnCoreAlone(@TempDir Path dir) throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "two workers of one core need two cores");
        try (SparkCluster cluster = SparkCluster.start(dir.resolve("cluster"), 2, 1, "1g", "--pin")) {
            // one SparkContext per JVM: an earlier test's session would be reused, on its own master
            SparkCluster.stopSparkSessions();
            SparkSession spark = Spark.session(cluster.masterUrl(), "dcplan pin test");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (spark.sparkContext().statusTracker().getExecutorInfos().length < 3) {
                    assertTrue(System.nanoTime() < deadline, "executors did not register in 120 s");
                    Thread.sleep(100);
                }
                Set<String> cpus = new TreeSet<>();
                for (SparkCluster.Executor e : SparkCluster.executors(spark.sparkContext().applicationId())) {
                    cpus.add(allowedCpus(e.pid()));
                }
                assertEquals(Set.of("0", "1"), cpus, "each executor on one core of its own");
            } finally {
                spark.stop();
                SparkCluster.stopSparkSessions();
            }
        }
    }

    /** The CPUs a process may run on, as the kernel lists them ("0", "0-1"). */
    private static String allowedCpus(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElseThrow();
    }
}
