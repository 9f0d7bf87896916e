package dcplan.forecast;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
     *
     * <p>On a cluster master (spark://, yarn, k8s://) the executors need dcplan's classes and
     * Spark's Java 17 flags. Under spark-submit the application jar is shipped already
     * ({@code spark.jars} is set). Run from {@code bin/dcplan} or a test, the classes are a
     * folder ({@code target/classes}): it is packed into a temporary jar that
     * {@code spark.jars} ships. The roll-up itself runs only Spark SQL expressions on the
     * executors (no UDFs, no lambdas), so dcplan's classes alone suffice there; OptaPlanner and
     * the others stay in the driver. A {@code spark.jars} already given is left alone. The
     * executors' {@code --add-opens} flags need nothing here: SparkContext adds
     * JavaModuleOptions to every executor's command line itself (the cluster test checks it).
     * The executors collect garbage with the parallel collector ({@link #EXECUTOR_GC}) unless
     * {@code spark.executor.defaultJavaOptions} is given.
     */
    public static SparkSession session(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().appName(appName).master(master)
                .config("spark.sql.session.timeZone", "UTC")
                // Microsecond timestamps rather than the legacy INT96: every Parquet reader knows them.
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        SparkConf given = new SparkConf(true);
        if (master.startsWith("local")) {
            b.config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", String.valueOf(2 * localCores(master)));
        } else {
            if (!given.contains("spark.jars")) {
                Path jar = applicationJar();
                b.config("spark.jars", jar.toUri().toString());
            }
            if (!given.contains(EXECUTOR_DEFAULT_JAVA_OPTIONS)) {
                b.config(EXECUTOR_DEFAULT_JAVA_OPTIONS, EXECUTOR_GC);
            }
        }
        return b.getOrCreate();
    }

    /**
     * Spark's setting for JVM options every executor gets before its own
     * {@code spark.executor.extraJavaOptions} (meant for a cluster's administrator: one given,
     * e.g. in spark-defaults.conf, is left alone).
     */
    static final String EXECUTOR_DEFAULT_JAVA_OPTIONS = "spark.executor.defaultJavaOptions";

    /**
     * The executors' garbage collector: the throughput collector. An executor that sees one
     * processor or less than 1,792 MB (a 1-core, 1 GB worker) gets the JVM's Serial collector,
     * which keeps the heap at its initial size (1/64 of the machine's memory, 365 MB on a 24 GB
     * machine) as long as a collection leaves 40 % of it free, however large
     * spark.executor.memory is: the planner then ran in a 100 MB young generation, and a quarter
     * of a 100-future hedge's planner time went to collections (about 295 young and 12 full per
     * run; docs/benchmarks.md, "Tenth session"). The parallel collector sizes its generations
     * for its throughput goal (1 % of the time in collections) and grows its young generation
     * into the executor's memory (there: 113 young collections and no full one per run, the
     * planner batch 30 % faster). On bigger executors, where the JVM would pick G1, it gives up
     * short pauses, which no dcplan task needs, for throughput.
     */
    static final String EXECUTOR_GC = "-XX:+UseParallelGC";

    private static Path packedClasses;

    /**
     * The jar holding dcplan's classes: the jar this class was loaded from, or, when loaded from
     * a folder (target/classes), that folder packed into a temporary jar once per JVM (deleted
     * on exit).
     */
    public static synchronized Path applicationJar() {
        Path source;
        try {
            source = Path.of(Spark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate dcplan's classes", e);
        }
        if (!Files.isDirectory(source)) {
            return source;
        }
        if (packedClasses == null) {
            try {
                Path jar = Files.createTempFile("dcplan-classes-", ".jar");
                jar.toFile().deleteOnExit();
                packFolder(source, jar);
                packedClasses = jar;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return packedClasses;
    }

    /**
     * The jar files of this JVM's class path whose file names start with one of
     * {@code prefixes} (e.g. {@code "ojalgo-"}), in class path order. Jars named in a class path
     * jar's manifest {@code Class-Path} count too (Maven Surefire's manifest-only booter jar).
     */
    public static List<Path> classPathJars(List<String> prefixes) {
        Set<Path> seen = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                collectJars(Path.of(entry).toAbsolutePath().normalize(), seen);
            }
        }
        List<Path> out = new ArrayList<>();
        for (Path jar : seen) {
            String name = jar.getFileName().toString();
            if (prefixes.stream().anyMatch(name::startsWith)) {
                out.add(jar);
            }
        }
        return out;
    }

    private static void collectJars(Path entry, Set<Path> seen) {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry) || !seen.add(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest m = jar.getManifest();
            String classPath = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return;
            }
            for (String ref : classPath.trim().split("\\s+")) {
                try {
                    URI uri = entry.toUri().resolve(ref);
                    if ("file".equals(uri.getScheme())) {
                        collectJars(Path.of(uri).normalize(), seen);
                    }
                } catch (IllegalArgumentException ignored) {
                    // not a file URL: nothing to ship
                }
            }
        } catch (IOException ignored) {
            // unreadable jar: it stays in the list by name, without its manifest's references
        }
    }

    /** Writes every file under {@code dir} into {@code jar}, paths relative to dir. */
    static void packFolder(Path dir, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = dir.relativize(f).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
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
