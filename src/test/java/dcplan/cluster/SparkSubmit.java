package dcplan.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code spark-submit} without a Spark download, as docs/cluster.md shows it: Spark's own
 * {@code org.apache.spark.deploy.SparkSubmit} on {@code target/spark-home/jars} (the jars
 * {@code bin/spark-cluster} copied), with the launcher's Java flags, submitting the
 * {@code -spark.jar} that {@code mvn package} builds.
 */
public final class SparkSubmit {
    private static final Path ROOT = SparkCluster.ROOT;

    private SparkSubmit() {
    }

    /** What a spark-submit printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String lastStdoutLine() {
            List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    /**
     * The jar for spark-submit, target/dcplan-VERSION-spark.jar, built by {@code mvn package}
     * (tests skipped; offline with DCPLAN_OFFLINE=1) when it is missing or older than
     * target/classes: the jar submitted is the pom's, not one assembled here.
     */
    public static synchronized Path sparkJar() {
        Path jar = findJar();
        if (jar != null && !olderThanClasses(jar)) {
            return jar;
        }
        List<String> cmd = new ArrayList<>(List.of("mvn", "-q", "-B", "-Dmaven.test.skip=true", "package"));
        if ("1".equals(System.getenv("DCPLAN_OFFLINE"))) { // as bin/spark-cluster: offline when asked
            cmd.add(1, "-o");
        }
        Result r = run(cmd, Map.of(), 900);
        jar = findJar();
        if (r.exitCode() != 0 || jar == null) {
            throw new IllegalStateException("mvn package did not build the spark jar:\n" + r.stdout() + r.stderr());
        }
        return jar;
    }

    /**
     * Runs SparkSubmit with {@code args} (everything after {@code spark-submit}); SPARK_HOME is
     * the cluster's. Returns when it exits (a cluster-mode submission with
     * {@code spark.standalone.submit.waitAppCompletion=true} waits for the driver).
     */
    public static Result submit(List<String> args, int timeoutSeconds) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "source bin/lib/java-env.sh && exec java -Xmx1g $SPARK_JAVA_OPTS -cp \"$SPARK_HOME/jars/*\" "
                        + "org.apache.spark.deploy.SparkSubmit \"$@\"", "spark-submit"));
        cmd.addAll(args);
        return run(cmd, Map.of("SPARK_HOME", ROOT.resolve("target/spark-home").toString(), "SPARK_SCALA_VERSION", "2.13"),
                timeoutSeconds);
    }

    /** Spark's Java 17 flags as bin/lib/java-env.sh has them (SPARK_JAVA_OPTS). */
    public static String javaModuleFlags() {
        Result r = run(List.of("bash", "-c", "source bin/lib/java-env.sh && printf %s \"$SPARK_JAVA_OPTS\""), Map.of(), 30);
        if (r.exitCode() != 0 || r.stdout().isBlank()) {
            throw new IllegalStateException("no SPARK_JAVA_OPTS from bin/lib/java-env.sh: " + r.stderr());
        }
        return r.stdout().trim();
    }

    private static Path findJar() {
        try (Stream<Path> files = Files.list(ROOT.resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("dcplan-.*-spark\\.jar")).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether a file of target/classes is newer than the jar; dcplan/version.properties aside,
     * which Maven writes again on every build (it is filtered) with the same content.
     */
    private static boolean olderThanClasses(Path jar) {
        try (Stream<Path> classes = Files.walk(ROOT.resolve("target/classes"))) {
            FileTime built = Files.getLastModifiedTime(jar);
            return classes.filter(Files::isRegularFile).filter(f -> !f.endsWith("dcplan/version.properties")).anyMatch(f -> {
                try {
                    return Files.getLastModifiedTime(f).compareTo(built) > 0;
                } catch (IOException e) {
                    return true;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("spark-submit-", ".out");
            Path err = Files.createTempFile("spark-submit-", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", cmd) + ": no answer in " + timeoutSeconds + " s\n"
                            + Files.readString(err));
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
