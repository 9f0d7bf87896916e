package dcplan.cluster;

import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster for tests: a master and N workers, each its own JVM, started
 * and stopped by {@code bin/spark-cluster} (which kills them by the PIDs in its files). Tests
 * get one through {@link SparkClusterExtension}, which starts it once per test run.
 */
public final class SparkCluster implements AutoCloseable {
    /** The project root: surefire runs in it. */
    public static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = ROOT.resolve("bin/spark-cluster");

    private final Path dir;
    private final int workers;
    private final String masterUrl;

    private SparkCluster(Path dir, int workers, String masterUrl) {
        this.dir = dir;
        this.workers = workers;
        this.masterUrl = masterUrl;
    }

    /**
     * Starts a cluster in {@code dir} (a stale one left there by a killed run is stopped first)
     * with {@code workers} workers of {@code cores} cores and {@code memory} each; {@code options}
     * are more of the script's start options ({@code --pin}).
     */
    public static SparkCluster start(Path dir, int workers, int cores, String memory, String... options) {
        script(dir, 60, "stop");
        List<String> args = new ArrayList<>(List.of("start", "--workers", String.valueOf(workers),
                "--cores", String.valueOf(cores), "--memory", memory));
        args.addAll(List.of(options));
        script(dir, 300, args.toArray(String[]::new));
        try {
            return new SparkCluster(dir, workers, Files.readString(dir.resolve("master.url")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** spark://127.0.0.1:PORT */
    public String masterUrl() {
        return masterUrl;
    }

    public int workers() {
        return workers;
    }

    /** The cluster folder: logs, PID files, workers' work folders (executor logs, fetched jars). */
    public Path dir() {
        return dir;
    }

    /** The output of {@code bin/spark-cluster status}. */
    public String status() {
        return script(dir, 30, "status");
    }

    /** PIDs of the live processes named in this cluster's PID files (master, workers). */
    public List<Long> daemonPids() {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pid")).sorted().toList()) {
                long pid = Long.parseLong(Files.readString(f).trim());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** An executor JVM of an application: its PID and command line. */
    public record Executor(long pid, String commandLine) {
    }

    /** The live executor JVMs of application {@code appId} (CoarseGrainedExecutorBackend --app-id appId). */
    public static List<Executor> executors(String appId) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(p -> new Executor(p.pid(), commandLine(p.pid())))
                .filter(e -> e.commandLine().contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")
                        && e.commandLine().contains(" --app-id " + appId + " "))
                .toList();
    }

    /**
     * The state the master records for a driver submitted in cluster deploy mode (FINISHED,
     * FAILED, ERROR, KILLED, RUNNING...), from its JSON page; "unknown" when it lists no such
     * driver. A cluster-mode spark-submit exits 0 even when its driver failed, so this is how a
     * test learns the outcome.
     */
    public String driverState(String driverId) {
        try {
            String ui = Files.readString(dir.resolve("master.webui")).trim();
            java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(ui + "/json/")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            com.fasterxml.jackson.databind.JsonNode master = new com.fasterxml.jackson.databind.ObjectMapper().readTree(page.body());
            for (String list : List.of("activedrivers", "completeddrivers")) {
                for (com.fasterxml.jackson.databind.JsonNode d : master.path(list)) {
                    if (driverId.equals(d.path("id").asText())) {
                        return d.path("state").asText();
                    }
                }
            }
            return "unknown";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -9 PID}. */
    public static void kill9(long pid) {
        run(List.of("kill", "-9", String.valueOf(pid)), ROOT, Map.of(), 10);
    }

    /**
     * Stops this JVM's active and default Spark sessions and forgets them: one SparkContext per
     * JVM, so a class that needs a cluster session (or a fresh local one) calls this first, and
     * the next {@code SparkSession.builder().getOrCreate()} makes a new context.
     */
    public static void stopSparkSessions() {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    @Override
    public void close() {
        script(dir, 120, "stop");
    }

    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String script(Path dir, int timeoutSeconds, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(SCRIPT.toString());
        cmd.addAll(List.of(args));
        // Offline when Maven is: the first run may have to populate target/spark-home/jars.
        return run(cmd, ROOT, Map.of("SPARK_CLUSTER_DIR", dir.toString(), "DCPLAN_OFFLINE",
                System.getenv().getOrDefault("DCPLAN_OFFLINE", "0")), timeoutSeconds);
    }

    private static String run(List<String> cmd, Path cwd, Map<String, String> env, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile("spark-cluster-", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", cmd) + ": no answer in " + timeoutSeconds + " s");
                }
                String out = Files.readString(log);
                // status exits 1 when not running, 3 when degraded: the caller reads the text.
                if (p.exitValue() != 0 && !cmd.contains("status")) {
                    throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + out);
                }
                return out;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
