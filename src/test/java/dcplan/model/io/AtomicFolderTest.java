package dcplan.model.io;

import dcplan.model.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFolderTest {

    @Test
    void writesTheWholeFolderUnderItsNameAndNothingElse(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("a/b/run");
        String result = AtomicFolder.write(out, tmp -> {
            assertFalse(Files.exists(out), "the target appears only when complete");
            assertTrue(tmp.getFileName().toString().startsWith(".run.tmp-"), tmp.toString());
            Files.writeString(tmp.resolve("x.txt"), "x");
            return "done";
        });
        assertEquals("done", result);
        assertEquals("x", Files.readString(out.resolve("x.txt")));
        assertEquals(List.of("run"), names(dir.resolve("a/b")));
    }

    @Test
    void refusesAnExistingTargetAndLeavesItAlone(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectory(dir.resolve("run"));
        Files.writeString(out.resolve("keep.txt"), "earlier");
        InputException e = assertThrows(InputException.class, () -> AtomicFolder.write(out, tmp -> {
            throw new AssertionError("must not start writing");
        }));
        assertTrue(e.getMessage().startsWith(out + ": already exists"), e.getMessage());
        assertThrows(InputException.class, () -> AtomicFolder.refuseExisting(out));
        assertEquals("earlier", Files.readString(out.resolve("keep.txt")));
        assertEquals(List.of("run"), names(dir));
    }

    @Test
    void aDanglingLinkCountsAsExisting(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("run"), dir.resolve("nowhere"));
        assertThrows(InputException.class, () -> AtomicFolder.refuseExisting(link));
    }

    @Test
    void leavesNothingBehindWhateverTheFailure(@TempDir Path dir) {
        Path out = dir.resolve("run");
        IOException io = assertThrows(IOException.class, () -> AtomicFolder.write(out, tmp -> {
            Files.writeString(tmp.resolve("half.txt"), "half");
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", io.getMessage());
        assertThrows(IllegalStateException.class, () -> AtomicFolder.write(out, tmp -> {
            Files.createDirectories(tmp.resolve("deep/er"));
            throw new IllegalStateException("bug");
        }));
        assertThrows(OutOfMemoryError.class, () -> AtomicFolder.write(out, tmp -> {
            Files.writeString(tmp.resolve("half.txt"), "half");
            throw new OutOfMemoryError("simulated");
        }));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void refusesATargetThatAppearedWhileWriting(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        assertThrows(InputException.class, () -> AtomicFolder.write(out, tmp -> {
            Files.createDirectory(out);
            Files.writeString(out.resolve("other.txt"), "another writer");
            Files.writeString(tmp.resolve("mine.txt"), "mine");
            return null;
        }));
        assertEquals("another writer", Files.readString(out.resolve("other.txt")));
        assertEquals(List.of("run"), names(dir));
    }

    static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
