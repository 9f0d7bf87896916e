package dcplan.model.io;

import dcplan.model.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes an output folder so that a reader sees either no folder or a complete one, and never
 * over an earlier one. The one implementation of that rule for every folder dcplan writes (run
 * folders, comparisons, demand roll-ups, sweeps, generated forecasts):
 * <ol>
 *   <li>an existing target is refused ({@link InputException}: exit code 2);</li>
 *   <li>everything is written into a hidden temporary sibling, {@code .<name>.tmp-<uuid>};</li>
 *   <li>the target is refused again if it appeared meanwhile, then the sibling is renamed to it
 *       (one atomic rename where the file system has one: POSIX, HDFS);</li>
 *   <li>on any failure the sibling is deleted, so the target never appears half-written.</li>
 * </ol>
 * A writer that creates the target between the last check and the rename is not excluded: the
 * rename then fails if the target is a non-empty folder (a POSIX rename replaces only an empty
 * one). The file operations come from a {@link Store}: {@link #LOCAL} (java.nio) for the folders
 * dcplan writes itself, a Hadoop file system for the folders Spark writes
 * ({@code dcplan.forecast.HadoopFolders}), which may live on HDFS or S3.
 */
public final class AtomicFolder {

    /** What is written into the temporary folder; its result is what {@code write} returns. */
    @FunctionalInterface
    public interface Writing<P, T> {
        T into(P tmp) throws IOException;
    }

    /** The few file operations the protocol needs, on one kind of file system with paths P. */
    public interface Store<P> {
        boolean exists(P path) throws IOException;

        /** The hidden sibling {@code .<name><suffix>} of {@code path}; its parent folder is created. */
        P hiddenSibling(P path, String suffix) throws IOException;

        /** Readies the temporary folder before anything is written into it. */
        void prepare(P tmp) throws IOException;

        /** Renames {@code from} to {@code to}, atomically where the file system can. */
        void rename(P from, P to) throws IOException;

        /** Deletes {@code path} and everything under it, if it exists. */
        void deleteTree(P path) throws IOException;
    }

    /** The local file system through java.nio. */
    public static final Store<Path> LOCAL = new Local();

    private AtomicFolder() {
    }

    /** Writes the local folder {@code target} (see the class comment). */
    public static <T> T write(Path target, Writing<Path, T> writing) throws IOException {
        return write(LOCAL, target, writing);
    }

    /** Writes the folder {@code target} on {@code store} (see the class comment). */
    public static <P, T> T write(Store<P> store, P target, Writing<P, T> writing) throws IOException {
        refuseExisting(store, target);
        P tmp = store.hiddenSibling(target, ".tmp-" + UUID.randomUUID());
        try {
            store.prepare(tmp);
            T result = writing.into(tmp);
            refuseExisting(store, target);
            store.rename(tmp, target);
            return result;
        } catch (Throwable e) {
            // Errors too (out of memory, a missing native library): nothing half-written stays.
            try {
                store.deleteTree(tmp);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Refuses a local {@code target} that exists: a command checks before its long work. */
    public static void refuseExisting(Path target) {
        if (existsLocally(target)) {
            throw alreadyExists(target);
        }
    }

    /** Refuses a {@code target} that exists on {@code store}. */
    public static <P> void refuseExisting(Store<P> store, P target) throws IOException {
        if (store.exists(target)) {
            throw alreadyExists(target);
        }
    }

    private static InputException alreadyExists(Object target) {
        return new InputException(target + ": already exists (earlier output is never written over; choose a new --out)");
    }

    /** A symbolic link counts as existing, even one that points nowhere. */
    private static boolean existsLocally(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static final class Local implements Store<Path> {
        @Override
        public boolean exists(Path path) {
            return existsLocally(path);
        }

        @Override
        public Path hiddenSibling(Path path, String suffix) throws IOException {
            Path absolute = path.toAbsolutePath().normalize();
            Files.createDirectories(absolute.getParent());
            return absolute.resolveSibling("." + absolute.getFileName() + suffix);
        }

        @Override
        public void prepare(Path tmp) throws IOException {
            Files.createDirectory(tmp);
        }

        @Override
        public void rename(Path from, Path to) throws IOException {
            Files.move(from, to.toAbsolutePath().normalize(), StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void deleteTree(Path root) throws IOException {
            if (!exists(root)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
