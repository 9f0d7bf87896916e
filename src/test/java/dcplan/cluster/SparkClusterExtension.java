package dcplan.cluster;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one shared {@link SparkCluster}: a master and two workers (1 core, 1g
 * each) in {@code target/spark-cluster-test}, started the first time a class asks and stopped
 * (by PID, through {@code bin/spark-cluster stop}) when the whole test run ends. Use:
 * <pre>
 *   &#64;Tag("cluster") &#64;ExtendWith(SparkClusterExtension.class)
 *   class MyTest {
 *       &#64;BeforeAll static void setUp(SparkCluster cluster) { ... cluster.masterUrl() ... }
 *   }
 * </pre>
 * or {@link #cluster(ExtensionContext)} from another extension. A JVM shutdown hook stops the
 * cluster too, should the run end without JUnit closing its store.
 */
public final class SparkClusterExtension implements BeforeAllCallback, ParameterResolver {
    public static final int WORKERS = 2;
    public static final int CORES = 1;
    public static final String MEMORY = "1g";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SparkClusterExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    /** The run's cluster, started on first use. */
    public static SparkCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent("cluster", k -> new Resource(), Resource.class).cluster;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == SparkCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return cluster(e);
    }

    /** Closed once by JUnit when the root context closes, after the last test of the run (JUnit 5.13+ closes AutoCloseable values; CloseableResource for older ones). */
    private static final class Resource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final SparkCluster cluster;
        final Thread hook;

        Resource() {
            cluster = SparkCluster.start(SparkCluster.ROOT.resolve("target/spark-cluster-test"), WORKERS, CORES, MEMORY);
            hook = new Thread(cluster::close, "spark-cluster-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            cluster.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // Already shutting down: the hook runs, stop is idempotent.
            }
        }
    }
}
