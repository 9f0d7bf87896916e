package dcplan.forecast;

import dcplan.model.InputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The atomic folder on a Hadoop file system (the local one here, as Spark's writers see it). */
class HadoopFoldersTest {

    @Test
    void writesLetsTheWriterCreateTheFolderAndRenamesIt(@TempDir java.nio.file.Path dir) throws IOException {
        FileSystem fs = AggregateJob.fileSystem(new Configuration(), new Path(dir.toUri()));
        Path out = new Path(dir.toUri().toString(), "demand");
        HadoopFolders.on(fs).write(out, tmp -> {
            assertFalse(fs.exists(tmp), "left for the writer to create, as Spark's writers want");
            try (var w = fs.create(new Path(tmp, "demand.csv"), false)) {
                w.write("region\n".getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
        assertEquals("region\n", Files.readString(dir.resolve("demand/demand.csv")));
        assertEquals(List.of("demand"), names(dir));
    }

    @Test
    void refusesAnExistingFolderAndLeavesNothingOnFailure(@TempDir java.nio.file.Path dir) throws IOException {
        FileSystem fs = AggregateJob.fileSystem(new Configuration(), new Path(dir.toUri()));
        Path out = new Path(dir.toUri().toString(), "demand");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> HadoopFolders.on(fs).write(out, tmp -> {
            fs.create(new Path(tmp, "half.csv"), false).close();
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getCause().getMessage());
        assertEquals(List.of(), names(dir));
        Files.createDirectory(dir.resolve("demand"));
        assertThrows(InputException.class, () -> HadoopFolders.refuseExisting(out.toString(), new Configuration()));
        assertThrows(InputException.class, () -> HadoopFolders.on(fs).write(out, tmp -> null));
        assertEquals(List.of("demand"), names(dir));
    }

    private static List<String> names(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
