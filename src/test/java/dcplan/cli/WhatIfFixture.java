package dcplan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A baseline run and a what-if run on it (brazil-demand-surge), made once per test JVM and
 * shared by {@code WhatIfCommandTest} and {@code DiffBrowserTest}: a copy of the sample models,
 * a small demand that grows past the installed base (so both plans buy servers and the capex
 * sections have something to compare), 3 s of search each. The folder is
 * deleted when the JVM exits.
 */
public final class WhatIfFixture {
    public static final String SCENARIO = "models/scenarios/brazil-demand-surge.yaml";
    public static final String[] LIMITS = {"--time-limit", "3s", "--lp-time-limit", "20s", "--polish-time-limit", "20s"};

    /** The folder holding everything, the model copy, the demand, the baseline and the what-if run. */
    public record Runs(Path dir, Path models, Path demand, Path baseline, CliTestSupport.Run baselineRun,
                       Path whatIf, CliTestSupport.Run whatIfRun) {
    }

    private static Runs runs;

    private WhatIfFixture() {
    }

    public static synchronized Runs get() {
        if (runs != null) {
            return runs;
        }
        try {
            Path dir = Files.createTempDirectory("dcplan-whatif-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            Path models = CliTestSupport.copyModels(dir.resolve("models"));
            Path demand = writeDemand(dir.resolve("demand.csv"));
            Path baseline = dir.resolve("runs/baseline");
            CliTestSupport.Run b = CliTestSupport.run(concat(new String[]{"plan", "--models", models.toString(),
                    "--demand", demand.toString(), "--out", baseline.toString()}, LIMITS));
            assertTrue(b.exitCode() == 0 || b.exitCode() == 3, "baseline plan exited " + b.exitCode() + ":\n" + b.stderr());
            Path whatIf = dir.resolve("runs/brazil-surge");
            CliTestSupport.Run w = CliTestSupport.run(concat(new String[]{"whatif", "--baseline", baseline.toString(),
                    "--scenario", SCENARIO, "--out", whatIf.toString()}, LIMITS));
            runs = new Runs(dir, models, demand, baseline, b, whatIf, w);
            return runs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every region and workload of {@link CliTestSupport#writeDemand}, 2026Q1..2028Q4, starting at
     * {@code scale} times its figures and growing 12 % a quarter: beyond the existing servers
     * from about 2027, so capex appears; avg = 55 % of peak, whole numbers.
     */
    public static Path writeDemand(Path file) throws IOException {
        double[] base = {1500, 800, 120_000, 300_000}; // llm-chat, llm-batch, embedding, recsys
        double scale = 3;
        StringBuilder csv = new StringBuilder("region,workload,quarter,peak_ips,avg_ips\n");
        for (int r = 0; r < CliTestSupport.REGIONS.size(); r++) {
            for (int w = 0; w < CliTestSupport.WORKLOADS.size(); w++) {
                for (int i = 0; i < 12; i++) {
                    long peak = Math.round(scale * base[w] * (1 + 0.25 * r) * Math.pow(1.12, i));
                    csv.append(String.format(java.util.Locale.ROOT, "%s,%s,%dQ%d,%d,%d%n", CliTestSupport.REGIONS.get(r),
                            CliTestSupport.WORKLOADS.get(w), 2026 + i / 4, i % 4 + 1, peak, Math.round(peak * 0.55)));
                }
            }
        }
        Files.writeString(file, csv);
        return file;
    }

    public static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
