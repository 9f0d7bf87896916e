package dcplan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Writes a folder under a temporary sibling name and renames it when complete. */
final class AtomicFolder {
    interface Writing {
        void into(Path tmp) throws IOException;
    }

    private AtomicFolder() {
    }

    static void write(Path target, Writing writing) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        Path tmp = absolute.getParent().resolve("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        try {
            writing.into(tmp);
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
