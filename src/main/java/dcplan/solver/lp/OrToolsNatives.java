package dcplan.solver.lp;

import com.google.ortools.Loader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads OR-Tools' JNI library once per JVM.
 *
 * <p>{@link Loader#loadNativeLibraries()} first tries {@code System.loadLibrary("jniortools")}
 * ({@code java.library.path}), then copies the natives (about 70 MB) from the
 * {@code ortools-<platform>} jar into a fresh {@code java.io.tmpdir/ortools-java*} folder and
 * {@code System.load}s them from there. That fails where the temporary folder is mounted
 * {@code noexec} (the dynamic linker may not map code from it: "failed to map segment from
 * shared object") - and OR-Tools 9.15's loader then returns as if all went well (see
 * {@link #probe()}) - and {@code java.io.tmpdir} cannot be changed once the JVM has started
 * (the JDK reads it once). So:
 * <ol>
 *   <li>with {@code -Ddcplan.ortools.dir=DIR} (or the environment variable
 *       {@code DCPLAN_ORTOOLS_DIR}) the natives are extracted to {@code DIR/<version>-<platform>}
 *       (once; a later run reuses the files when their sizes match) and loaded from there;</li>
 *   <li>otherwise OR-Tools' own loader is tried; if it fails, the natives are extracted to
 *       {@code ~/.cache/dcplan/ortools/<version>-<platform>} and loaded from there, and the
 *       reason of the first failure (with the temporary folder's mount options) is kept in
 *       {@link #note()}.</li>
 * </ol>
 * The libraries have RUNPATH {@code $ORIGIN}, so loading {@code libjniortools} from a folder
 * resolves its dependencies in the same folder. When every attempt fails, {@link #error()}
 * says why and {@link LpBackends#standard()} falls back to ojAlgo.
 */
final class OrToolsNatives {

    private static final Object LOCK = new Object();
    private static volatile Boolean loaded;
    private static String error = "";
    private static String note = "";

    private OrToolsNatives() {
    }

    /** True when the natives are (now) loaded. */
    static boolean load() {
        Boolean l = loaded;
        if (l != null) {
            return l;
        }
        synchronized (LOCK) {
            if (loaded == null) {
                loaded = doLoad();
            }
            return loaded;
        }
    }

    /** Why loading failed, or "". */
    static String error() {
        return error;
    }

    /** How the natives were loaded when OR-Tools' own loader failed, or "". */
    static String note() {
        return note;
    }

    private static boolean doLoad() {
        String dir = System.getProperty("dcplan.ortools.dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("DCPLAN_ORTOOLS_DIR");
        }
        if (dir != null && !dir.isBlank()) {
            try {
                loadFrom(Paths.get(dir));
                probe();
                return true;
            } catch (Throwable t) {
                error = "OR-Tools natives did not load from " + dir + ": " + t;
                return false;
            }
        }
        String first;
        try {
            Loader.loadNativeLibraries();
            probe();
            return true;
        } catch (Throwable t) {
            first = "OR-Tools' loader failed (" + t + "); java.io.tmpdir " + System.getProperty("java.io.tmpdir")
                    + " " + mountOptions(Paths.get(System.getProperty("java.io.tmpdir")));
        }
        Path cache = Paths.get(System.getProperty("user.home"), ".cache", "dcplan", "ortools");
        try {
            loadFrom(cache);
            probe();
            note = first + "; loaded from " + cache + " instead";
            System.err.println("[dcplan] " + note);
            return true;
        } catch (Throwable t) {
            error = first + "; from " + cache + " too: " + t
                    + " (set -Ddcplan.ortools.dir or DCPLAN_ORTOOLS_DIR to a folder that allows exec)";
            return false;
        }
    }

    /**
     * Calls into the natives once. Needed because {@link Loader#loadNativeLibraries()} swallows
     * the {@link UnsatisfiedLinkError} of {@code System.load} on every platform but Windows (9.15:
     * it catches it and returns): on a noexec tmpdir it "succeeds" and the first solver call dies.
     */
    private static void probe() {
        com.google.ortools.linearsolver.MPSolver s = com.google.ortools.linearsolver.MPSolver.createSolver("GLOP");
        if (s == null) {
            throw new IllegalStateException("OR-Tools natives loaded but GLOP is missing");
        }
        s.delete();
    }

    /** Extracts the platform's natives below {@code base} (unless already there) and loads them. */
    private static void loadFrom(Path base) throws IOException {
        String platform = "ortools-" + com.sun.jna.Platform.RESOURCE_PREFIX;
        URL url = Loader.class.getClassLoader().getResource(platform);
        if (url == null) {
            throw new IOException("no OR-Tools natives for " + platform + " on the class path");
        }
        String version = "unknown";
        try (InputStream in = Loader.class.getClassLoader().getResourceAsStream(
                "META-INF/maven/com.google.ortools/" + platform + "/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                version = p.getProperty("version", version);
            }
        }
        Path target = base.resolve(version + "-" + com.sun.jna.Platform.RESOURCE_PREFIX);
        Files.createDirectories(target);
        URI uri;
        try {
            uri = url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        if ("jar".equals(uri.getScheme())) {
            FileSystem fs;
            boolean close = false;
            try {
                fs = FileSystems.getFileSystem(uri);
            } catch (FileSystemNotFoundException e) {
                fs = FileSystems.newFileSystem(uri, Map.of());
                close = true;
            }
            try {
                copyTree(fs.provider().getPath(uri), target);
            } finally {
                if (close) {
                    fs.close();
                }
            }
        } else {
            copyTree(Paths.get(uri), target);
        }
        System.load(target.resolve(System.mapLibraryName("jniortools")).toAbsolutePath().toString());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(from)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path dest = to.resolve(f.getFileName().toString());
            if (Files.exists(dest) && Files.size(dest) == Files.size(f)) {
                continue;
            }
            Path tmp = Files.createTempFile(to, ".part-", "");
            try (InputStream in = Files.newInputStream(f)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The mount options of the file system holding {@code p}, from /proc/self/mountinfo, or "". */
    static String mountOptions(Path p) {
        try {
            Path real = p.toRealPath();
            String best = "";
            String bestOpts = "";
            for (String line : Files.readAllLines(Paths.get("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 5) {
                    String mountPoint = f[4].replace("\\040", " ");
                    if (real.startsWith(mountPoint) && mountPoint.length() >= best.length()) {
                        best = mountPoint;
                        bestOpts = f[5];
                    }
                }
            }
            return best.isEmpty() ? "" : "(mounted at " + best + " with " + bestOpts + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
