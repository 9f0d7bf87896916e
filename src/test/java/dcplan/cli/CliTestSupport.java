package dcplan.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Helpers for end-to-end tests of the CLI: a copy of the repo's {@code models/} folder, a small
 * demand table for it, and {@link Main#run} with stdout and stderr captured.
 */
public final class CliTestSupport {
    /** The repo's sample model folder (tests run with the project folder as working directory). */
    public static final Path REPO_MODELS = Path.of("models");
    public static final List<String> REGIONS = List.of("brazil", "france", "sea-maritime", "sea-mainland", "china");
    public static final List<String> WORKLOADS = List.of("llm-chat", "llm-batch", "embedding", "recsys");

    private CliTestSupport() {
    }

    /** What one {@code Main.run} printed and returned. */
    public record Run(int exitCode, String stdout, String stderr) {
        public List<String> stdoutLines() {
            return stdout.lines().filter(l -> !l.isBlank()).toList();
        }

        public List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        public String lastStdoutLine() {
            List<String> lines = stdoutLines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    /** Runs the CLI with System.out and System.err swapped for buffers (restored in finally). */
    public static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Copies the five YAML files of the repo's models/ into {@code dest} (created). */
    public static Path copyModels(Path dest) {
        try {
            Files.createDirectories(dest);
            try (Stream<Path> files = Files.list(REPO_MODELS)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    Files.copy(f, dest.resolve(f.getFileName()));
                }
            }
            return dest;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Replaces {@code from} by {@code to} in one model file, failing if {@code from} is absent. */
    public static void edit(Path modelFolder, String file, String from, String to) {
        try {
            Path f = modelFolder.resolve(file);
            String text = Files.readString(f);
            if (!text.contains(from)) {
                throw new IllegalStateException(file + " does not contain '" + from + "'");
            }
            Files.writeString(f, text.replace(from, to));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A modest demand for the sample model, every quarter 2026Q1..2028Q4 of the given regions and
     * workloads: peak in tens to hundreds of servers' worth, growing 3 % a quarter, avg = 55 % of
     * peak (whole numbers, so the CSV round-trips exactly).
     */
    public static Path writeDemand(Path file, List<String> regions, List<String> workloads) {
        double[] base = {1500, 800, 120_000, 300_000}; // llm-chat, llm-batch, embedding, recsys
        List<String> lines = new ArrayList<>();
        lines.add("region,workload,quarter,peak_ips,avg_ips");
        for (int r = 0; r < regions.size(); r++) {
            for (String w : workloads) {
                double b = base[WORKLOADS.indexOf(w)] * (1 + 0.25 * r);
                for (int i = 0; i < 12; i++) {
                    String q = (2026 + i / 4) + "Q" + (i % 4 + 1);
                    long peak = Math.round(b * Math.pow(1.03, i));
                    long avg = Math.round(peak * 0.55);
                    lines.add(String.format(Locale.ROOT, "%s,%s,%s,%d,%d", regions.get(r), w, q, peak, avg));
                }
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines);
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static Path writeDemand(Path file) {
        return writeDemand(file, REGIONS, WORKLOADS);
    }
}
