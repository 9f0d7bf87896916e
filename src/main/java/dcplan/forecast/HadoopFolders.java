package dcplan.forecast;

import dcplan.model.io.AtomicFolder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@link AtomicFolder} on a Hadoop file system: the folders Spark writes (demand roll-ups,
 * sweeps, generated forecasts), which may live on HDFS or S3 as well as on the local disk.
 */
public final class HadoopFolders implements AtomicFolder.Store<Path> {
    private final FileSystem fs;

    private HadoopFolders(FileSystem fs) {
        this.fs = fs;
    }

    public static HadoopFolders on(FileSystem fs) {
        return new HadoopFolders(fs);
    }

    /**
     * {@link AtomicFolder#write} on this file system; a failed write is unchecked, as Spark's own
     * writes are.
     */
    public <T> T write(Path out, AtomicFolder.Writing<Path, T> writing) {
        try {
            return AtomicFolder.write(this, out, writing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses an output folder that exists, before any work: runs are never written over. */
    public void refuseExisting(Path out) {
        try {
            AtomicFolder.refuseExisting(this, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #refuseExisting(Path)} for a path on whatever file system {@code conf} gives it. */
    public static void refuseExisting(String outDir, Configuration conf) {
        Path out = new Path(outDir);
        on(AggregateJob.fileSystem(conf, out)).refuseExisting(out);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return fs.exists(path);
    }

    @Override
    public Path hiddenSibling(Path path, String suffix) throws IOException {
        Path parent = path.getParent() == null ? new Path(".") : path.getParent();
        fs.mkdirs(parent);
        return new Path(parent, "." + path.getName() + suffix);
    }

    /** Nothing: Spark's writers create their own folder and refuse one that exists. */
    @Override
    public void prepare(Path tmp) {
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    @Override
    public void deleteTree(Path path) throws IOException {
        fs.delete(path, true);
    }
}
