package dcplan.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcplan.cli.Main;
import dcplan.report.HedgedFolderFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Executes notebooks/*.ipynb headless ({@code jupyter nbconvert --execute}) against run folders
 * planned during this test, with Debian's /usr/bin/jupyter and /usr/bin/python3 (never a pyenv or
 * venv Python on PATH). Jupyter missing is a failure, not a skip: bin/lib/install-notebook-deps.sh
 * installs it.
 */
class NotebooksTest {
    static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path NOTEBOOKS = ROOT.resolve("notebooks");
    static final String ALLOCATION = "allocation-review.ipynb";
    static final String WHATIF = "whatif-comparison.ipynb";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path baseRun;
    static Path scaledRun;

    @BeforeAll
    static void planTwoRuns() throws Exception {
        requireJupyter();
        Path models = tmp.resolve("models");
        HedgedFolderFixture.copyTree(ROOT.resolve("models"), models);
        baseRun = plan(models, writeDemand(tmp.resolve("demand-base.csv"), 1.0), tmp.resolve("runs/base"));
        scaledRun = plan(models, writeDemand(tmp.resolve("demand-x1.3.csv"), 1.3), tmp.resolve("runs/demand-x1.3"));
    }

    @Test
    void allocationReviewExecutesAgainstARunFolder() throws Exception {
        Path out = tmp.resolve("executed-allocation");
        Result r = nbconvert(ALLOCATION, out, Map.of("DCPLAN_RUN", baseRun.toString()));
        assertEquals(0, r.exit, () -> "nbconvert failed on " + ALLOCATION + ":\n" + r.output);
        JsonNode nb = JSON.readTree(out.resolve(ALLOCATION).toFile());
        assertNoErrors(nb);
        // capex, chip mix, cost per inference, power, utilisation, unmet demand
        assertTrue(countImages(nb) >= 6, "expected at least 6 charts, got " + countImages(nb));
        assertEveryChartHasReadingGuidance(nb);
        assertTrue(text(nb).contains("run folder: " + baseRun.toRealPath()), "the first cell names the run folder");
        // cost per workload (the blended figure named as such) and where each region is served from
        assertTrue(countImages(nb) >= 8, "expected the workload and sourcing charts too, got " + countImages(nb));
        assertTrue(text(nb).contains("blended, all workloads"), "the workload table ends with the blended figure");
        assertTrue(text(nb).contains("share_of_busy_servers"), "the region x site x chip sourcing table");
    }

    @Test
    void whatifComparisonExecutesAgainstSeveralRunFolders() throws Exception {
        Path out = tmp.resolve("executed-whatif");
        Result r = nbconvert(WHATIF, out, Map.of("DCPLAN_RUNS", baseRun + java.io.File.pathSeparator + scaledRun));
        assertEquals(0, r.exit, () -> "nbconvert failed on " + WHATIF + ":\n" + r.output);
        JsonNode nb = JSON.readTree(out.resolve(WHATIF).toFile());
        assertNoErrors(nb);
        // capex by site, capex by chip, cost per inference, unmet demand
        assertTrue(countImages(nb) >= 4, "expected at least 4 charts, got " + countImages(nb));
        assertEveryChartHasReadingGuidance(nb);
        String all = text(nb);
        assertTrue(all.contains("Δ demand-x1.3"), "the headline table has a difference column per what-if");
        assertTrue(all.contains("USD per M inferences: llm-chat"), "the headline has the cost per workload");
        assertTrue(all.contains("USD per M tokens: llm-chat"), "and per million tokens where tokens are known");
    }

    @Test
    void bothNotebooksReadAWhatIfsCommitmentsAndAVersion1RunFolder() throws Exception {
        // a held what-if: plan/builds.csv, order_quarter, held.csv, stranded.csv and summary.json what_if
        Path scenario = Files.writeString(tmp.resolve("ban.yaml"), "name: ban-br\ndescription: test ban in Brazil\n"
                + "chips:\n  ppu:\n    ban: [{jurisdiction: BR, from: 2027Q3}]\n  nvidia-h200:\n    ban: [{jurisdiction: BR, "
                + "from: 2027Q3}]\n");
        Path whatIf = tmp.resolve("runs/ban-br");
        int exit = Main.run("whatif", "--baseline", baseRun.toString(), "--scenario", scenario.toString(),
                "--time-limit", "5s", "--lp-time-limit", "30s", "--out", whatIf.toString());
        assertTrue(exit == 0 || exit == 3, "dcplan whatif exited " + exit);
        assertTrue(Files.isRegularFile(whatIf.resolve("held.csv")) && Files.isRegularFile(whatIf.resolve("plan/builds.csv")));
        Result review = nbconvert(ALLOCATION, tmp.resolve("executed-whatif-review"), Map.of("DCPLAN_RUN", whatIf.toString()));
        assertEquals(0, review.exit, () -> "nbconvert failed on " + ALLOCATION + " for a what-if:\n" + review.output);
        JsonNode nb = JSON.readTree(tmp.resolve("executed-whatif-review").resolve(ALLOCATION).toFile());
        assertNoErrors(nb);
        assertEveryChartHasReadingGuidance(nb);
        long held = Files.lines(whatIf.resolve("held.csv")).count() - 1;
        assertTrue(text(nb).matches("(?s).*\\d+ builds \\([\\d,.]+ MW\\), \\d+ orders \\([\\d,]+ servers\\)"
                + (held > 0 ? "; " + held + " commitments kept from the baseline \\(held.csv\\)" : "") + ".*"), text(nb));

        // a version-1 run folder: no builds.csv, no order_quarter column, no resolved model
        Path v1 = tmp.resolve("runs/version-1");
        HedgedFolderFixture.copyTree(baseRun, v1);
        Files.delete(v1.resolve("plan/builds.csv"));
        List<String> servers = Files.readAllLines(v1.resolve("plan/servers.csv"));
        Files.write(v1.resolve("plan/servers.csv"), servers.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        try (Stream<Path> walk = Files.walk(v1.resolve("inputs/resolved"))) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        Result old = nbconvert(ALLOCATION, tmp.resolve("executed-v1-review"), Map.of("DCPLAN_RUN", v1.toString()));
        assertEquals(0, old.exit, () -> "nbconvert failed on " + ALLOCATION + " for a version-1 folder:\n" + old.output);
        JsonNode oldNb = JSON.readTree(tmp.resolve("executed-v1-review").resolve(ALLOCATION).toFile());
        assertNoErrors(oldNb);
        assertTrue(countImages(oldNb) >= 8, "every chart drawn for a version-1 folder: " + countImages(oldNb));
        assertTrue(text(oldNb).contains("0 builds (0.0 MW)"), "no builds in a version-1 folder");

        Result compare = nbconvert(WHATIF, tmp.resolve("executed-whatif-commitments"),
                Map.of("DCPLAN_RUNS", v1 + java.io.File.pathSeparator + baseRun + java.io.File.pathSeparator + whatIf));
        assertEquals(0, compare.exit, () -> "nbconvert failed on " + WHATIF + ":\n" + compare.output);
        JsonNode cmp = JSON.readTree(tmp.resolve("executed-whatif-commitments").resolve(WHATIF).toFile());
        assertNoErrors(cmp);
        String all = text(cmp);
        assertTrue(all.contains("at 2027Q3, keeping the baseline's commitments"), all);
        assertTrue(all.contains("servers kept from the baseline") && all.contains("servers stranded by a ban"), all);
    }

    @Test
    void bothNotebooksReadAHedgedRunFolder() throws Exception {
        // two futures planned above, base (central, 0.7) and demand x1.3 (0.3), in the hedged folder format
        Path hedge = HedgedFolderFixture.write(tmp.resolve("runs/hedge"), "demand-risk", "2027Q1", List.of(
                new HedgedFolderFixture.Future("base", 0.7, baseRun, 0.98 * cost(baseRun), cost(baseRun), ""),
                new HedgedFolderFixture.Future("demand-x1.3", 0.3, scaledRun, 0.95 * cost(scaledRun),
                        1.1 * cost(scaledRun), "")));
        Result review = nbconvert(ALLOCATION, tmp.resolve("executed-hedge-review"), Map.of("DCPLAN_RUN", hedge.toString()));
        assertEquals(0, review.exit, () -> "nbconvert failed on " + ALLOCATION + " for a hedged run:\n" + review.output);
        JsonNode nb = JSON.readTree(tmp.resolve("executed-hedge-review").resolve(ALLOCATION).toFile());
        assertNoErrors(nb);
        assertEveryChartHasReadingGuidance(nb);
        String all = text(nb);
        assertTrue(all.contains("a hedged run: reviewing its central future base"), all);
        assertTrue(all.contains("hedged over 2 futures (demand-risk), commitments shared before 2027Q1"), all);
        assertTrue(all.matches("(?s).*What to do now, before 2027Q1: order [\\d,]+ servers .*"), all);
        assertTrue(all.contains("EVPI: knowing the future in advance would save")
                && all.contains("VSS: planning for the central future alone"), all);
        assertTrue(countImages(nb) >= 9, "every plan chart and the cost per future: " + countImages(nb));

        Result compare = nbconvert(WHATIF, tmp.resolve("executed-hedge-compare"),
                Map.of("DCPLAN_RUNS", baseRun + java.io.File.pathSeparator + hedge));
        assertEquals(0, compare.exit, () -> "nbconvert failed on " + WHATIF + " with a hedged run:\n" + compare.output);
        JsonNode cmp = JSON.readTree(tmp.resolve("executed-hedge-compare").resolve(WHATIF).toFile());
        assertNoErrors(cmp);
        assertEveryChartHasReadingGuidance(cmp);
        String c = text(cmp);
        assertTrue(c.contains("Δ hedge/demand-x1.3") && c.contains("Δ hedge/base"), "a column per future:\n" + c);
        assertTrue(c.contains("--- hedge") && c.contains("What to do now, before 2027Q1"), c);
    }

    static double cost(Path run) throws IOException {
        return JSON.readTree(run.resolve("summary.json").toFile()).get("total_cost_usd").asDouble();
    }

    @Test
    void aFolderThatIsNotARunFolderStopsTheFirstCellWithAClearMessage() throws Exception {
        Path notARun = Files.createDirectories(tmp.resolve("not-a-run"));
        Files.writeString(notARun.resolve("notes.txt"), "not a plan\n");

        Result r = nbconvert(ALLOCATION, tmp.resolve("executed-bad-allocation"), Map.of("DCPLAN_RUN", notARun.toString()));
        assertNotEquals(0, r.exit, "nbconvert must fail on a folder that is not a run folder");
        assertTrue(r.output.contains("not a run folder: " + notARun), r.output);
        assertTrue(r.output.contains("expected summary.json and plan/flows.csv"), r.output);
        assertTrue(Pattern.compile("In ?\\[1\\]").matcher(r.output).find(), "stops at the first cell:\n" + r.output);

        Result w = nbconvert(WHATIF, tmp.resolve("executed-bad-whatif"),
                Map.of("DCPLAN_RUNS", baseRun + java.io.File.pathSeparator + notARun));
        assertNotEquals(0, w.exit, "nbconvert must fail when one of the folders is not a run folder");
        assertTrue(w.output.contains("not a run folder: " + notARun), w.output);
        assertTrue(Pattern.compile("In ?\\[1\\]").matcher(w.output).find(), "stops at the first cell:\n" + w.output);
    }

    @Test
    void notebooksAreCommittedWithOutputsClearedAndMatchTheirGenerator() throws Exception {
        for (String name : List.of(ALLOCATION, WHATIF)) {
            JsonNode nb = JSON.readTree(NOTEBOOKS.resolve(name).toFile());
            assertEquals("python3", nb.path("metadata").path("kernelspec").path("name").asText(), name);
            JsonNode first = firstCodeCell(nb);
            String src = source(first);
            assertTrue(src.contains(name.equals(ALLOCATION) ? "os.environ.get(\"DCPLAN_RUN\"" : "os.environ.get(\"DCPLAN_RUNS\""),
                    name + ": the first code cell reads the run folder(s) from the environment");
            for (JsonNode cell : nb.path("cells")) {
                if (cell.path("cell_type").asText().equals("code")) {
                    assertEquals(0, cell.path("outputs").size(), name + ": outputs must be cleared");
                    assertTrue(cell.path("execution_count").isNull(), name + ": execution counts must be cleared");
                }
            }
        }
        Result check = run(List.of(PYTHON.toString(), NOTEBOOKS.resolve("build_notebooks.py").toString(), "--check"),
                Map.of(), 120);
        assertEquals(0, check.exit, () -> "notebooks/*.ipynb were edited without notebooks/build_notebooks.py "
                + "(edit the generator, then run /usr/bin/python3 notebooks/build_notebooks.py):\n" + check.output);
    }

    // --- run folders ------------------------------------------------------------------------

    /** A small demand table for the sample models: 5 regions x 4 workloads x 2026Q1..2028Q4. */
    static Path writeDemand(Path file, double scale) throws IOException {
        String[] regions = {"brazil", "france", "sea-maritime", "sea-mainland", "china"};
        String[] workloads = {"llm-chat", "llm-batch", "embedding", "recsys"};
        double[] start = {2000, 1000, 100_000, 300_000};
        double[] growth = {1.2, 1.15, 1.08, 1.06}; // per quarter: llm-chat reaches ~15k-21k by 2028Q4
        StringBuilder csv = new StringBuilder("region,workload,quarter,peak_ips,avg_ips\n");
        for (int r = 0; r < regions.length; r++) {
            for (int w = 0; w < workloads.length; w++) {
                for (int i = 0; i < 12; i++) {
                    String quarter = (2026 + i / 4) + "Q" + (i % 4 + 1);
                    double peak = scale * start[w] * (1 + 0.1 * r) * Math.pow(growth[w], i);
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.1f,%.1f%n",
                            regions[r], workloads[w], quarter, peak, 0.5 * peak));
                }
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    static Path plan(Path models, Path demand, Path out) {
        int exit = Main.run("plan", "--models", models.toString(), "--demand", demand.toString(),
                "--time-limit", "5s", "--lp-time-limit", "30s", "--out", out.toString());
        // 3 = no feasible plan: the run folder is still written and the notebooks must read it
        assertTrue(exit == 0 || exit == 3, "dcplan plan exited " + exit + " for " + demand);
        assertTrue(Files.isRegularFile(out.resolve("summary.json")), out + ": no summary.json");
        assertTrue(Files.isRegularFile(out.resolve("plan/flows.csv")), out + ": no plan/flows.csv");
        return out;
    }

    // --- jupyter ----------------------------------------------------------------------------

    static void requireJupyter() throws Exception {
        String hint = "Debian's Jupyter is missing: run bin/lib/install-notebook-deps.sh (as root; it apt-installs "
                + "jupyter, python3-nbconvert, python3-ipykernel, python3-pandas, python3-matplotlib, python3-yaml). "
                + "The notebook tests run /usr/bin/jupyter and /usr/bin/python3 explicitly, not a pyenv/venv python.";
        for (Path tool : List.of(JUPYTER, Path.of("/usr/bin/jupyter-nbconvert"), PYTHON)) {
            if (!Files.isExecutable(tool)) {
                fail(hint + " (" + tool + " not found)");
            }
        }
        Result imports = run(List.of(PYTHON.toString(), "-c",
                "import nbconvert, nbformat, ipykernel, pandas, matplotlib, yaml"), Map.of(), 120);
        if (imports.exit != 0) {
            fail(hint + "\n" + imports.output);
        }
    }

    record Result(int exit, String output) {
    }

    /** jupyter nbconvert --execute notebooks/<name> into outDir, with Debian's python3 as the kernel. */
    static Result nbconvert(String name, Path outDir, Map<String, String> env) throws Exception {
        Path jupyterPath = tmp.resolve("jupyter");
        Path kernel = jupyterPath.resolve("kernels/python3/kernel.json");
        if (!Files.exists(kernel)) {
            // first on the kernel search path, so a user-level "python3" kernel cannot win
            Files.createDirectories(kernel.getParent());
            Files.writeString(kernel, "{\"argv\": [\"" + PYTHON + "\", \"-m\", \"ipykernel_launcher\", \"-f\", "
                    + "\"{connection_file}\"], \"display_name\": \"Python 3 (Debian)\", \"language\": \"python\"}\n");
        }
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JUPYTER_PATH", jupyterPath.toString());
        all.put("JUPYTER_CONFIG_DIR", Files.createDirectories(tmp.resolve("jupyter-config")).toString());
        all.put("JUPYTER_RUNTIME_DIR", Files.createDirectories(tmp.resolve("jupyter-runtime")).toString());
        all.put("MPLCONFIGDIR", Files.createDirectories(tmp.resolve("matplotlib")).toString());
        List<String> cmd = List.of(JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=python3", "--ExecutePreprocessor.timeout=600",
                "--output-dir", outDir.toString(), NOTEBOOKS.resolve(name).toString());
        return run(cmd, all, 900);
    }

    static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        // Debian's python only: no pyenv/venv paths or module overrides leak into the kernel
        e.remove("PYTHONPATH");
        e.remove("PYTHONHOME");
        e.remove("VIRTUAL_ENV");
        e.put("PATH", "/usr/bin:/bin:" + e.getOrDefault("PATH", ""));
        e.put("PYTHONNOUSERSITE", "1");
        e.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        e.putAll(env);
        Path log = Files.createTempFile(tmp, "process", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(String.join(" ", cmd) + ": still running after " + timeoutSeconds + " s\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    // --- executed notebooks -----------------------------------------------------------------

    static int countImages(JsonNode nb) {
        int n = 0;
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode o : cell.path("outputs")) {
                if (o.path("data").has("image/png")) {
                    n++;
                }
            }
        }
        return n;
    }

    static void assertNoErrors(JsonNode nb) {
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode o : cell.path("outputs")) {
                assertFalse(o.path("output_type").asText().equals("error"),
                        "cell error: " + o.path("ename").asText() + ": " + o.path("evalue").asText());
            }
        }
    }

    /** Every cell that draws a chart comes right after a markdown cell (its reading guidance). */
    static void assertEveryChartHasReadingGuidance(JsonNode nb) {
        JsonNode cells = nb.path("cells");
        for (int i = 0; i < cells.size(); i++) {
            boolean chart = false;
            for (JsonNode o : cells.get(i).path("outputs")) {
                chart |= o.path("data").has("image/png");
            }
            if (chart) {
                assertTrue(i > 0 && cells.get(i - 1).path("cell_type").asText().equals("markdown")
                                && !source(cells.get(i - 1)).isBlank(),
                        "chart in cell " + i + " has no markdown reading guidance right before it");
            }
        }
    }

    static JsonNode firstCodeCell(JsonNode nb) {
        for (JsonNode cell : nb.path("cells")) {
            if (cell.path("cell_type").asText().equals("code")) {
                return cell;
            }
        }
        throw new AssertionError("no code cell");
    }

    static String source(JsonNode cell) {
        return joined(cell.path("source"));
    }

    /** All stream and text/plain output of an executed notebook. */
    static String text(JsonNode nb) {
        List<String> parts = new ArrayList<>();
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode o : cell.path("outputs")) {
                if (o.has("text")) {
                    parts.add(joined(o.path("text")));
                }
                if (o.path("data").has("text/plain")) {
                    parts.add(joined(o.path("data").path("text/plain")));
                }
            }
        }
        return String.join("\n", parts);
    }

    static String joined(JsonNode textOrLines) {
        if (textOrLines.isArray()) {
            StringBuilder b = new StringBuilder();
            textOrLines.forEach(line -> b.append(line.asText()));
            return b.toString();
        }
        return textOrLines.asText();
    }
}
