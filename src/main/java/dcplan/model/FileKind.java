package dcplan.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a file holds, told from its first bytes rather than its name, so that a CSV file named
 * {@code .parquet} (or the reverse) is reported as what it is instead of as an unreadable file.
 */
public final class FileKind {
    /** How much of a file is read to tell CSV: enough for a header line and a few rows. */
    public static final int HEAD_BYTES = 4096;
    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private FileKind() {
    }

    /** Whether the local file starts with Parquet's magic bytes. */
    public static boolean isParquet(Path file) {
        return Arrays.equals(head(file, PARQUET_MAGIC.length), PARQUET_MAGIC);
    }

    /**
     * Whether the local file reads as comma-separated text: printable UTF-8 whose first line has
     * a comma (a header like {@code region,workload,...}).
     */
    public static boolean looksLikeCsv(Path file) {
        return looksLikeCsv(head(file, HEAD_BYTES));
    }

    /** As {@link #looksLikeCsv(Path)} for the first bytes of a file on any file system. */
    public static boolean looksLikeCsv(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        String firstLine = text.lines().findFirst().orElse("");
        return firstLine.contains(",") && text.chars().allMatch(c -> c == '\n' || c == '\r' || c == '\t' || c >= 32);
    }

    private static byte[] head(Path file, int bytes) {
        if (!Files.isRegularFile(file)) {
            return new byte[0];
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
