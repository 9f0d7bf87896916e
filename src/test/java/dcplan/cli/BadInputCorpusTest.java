package dcplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dcplan.cluster.SparkCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input corpus (src/test/resources/bad-inputs/cases.yaml): every kind of bad model,
 * demand, scenario, forecast and command-line input the loaders know about, each run through
 * the CLI. Each must exit 2 with exactly one stderr line that names the file and the key or row
 * (every fragment of the case's {@code expect}), and leave no output folder behind, nor the
 * hidden temporary sibling a run writes into.
 */
class BadInputCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/bad-inputs");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path shared;
    static Path demand;

    @BeforeAll
    static void writeDemand() {
        demand = CliTestSupport.writeDemand(shared.resolve("demand.csv"), List.of("brazil"), List.of("llm-chat"));
    }

    @AfterAll
    static void stopSpark() {
        // the Parquet and forecast cases start a local session; later classes make their own
        SparkCluster.stopSparkSessions();
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : YAML.readTree(CORPUS.resolve("cases.yaml").toFile())) {
            out.add(Arguments.of(Named.of(c.get("case").asText(), c)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithOneLineNamingTheProblem(JsonNode c, @TempDir Path tmp) throws Exception {
        Path models = CliTestSupport.copyModels(tmp.resolve("models"));
        applyEdits(c, models);
        for (JsonNode d : c.path("dirs")) {
            Files.createDirectories(tmp.resolve(d.asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("parquet").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            writeParquet(tmp.resolve(p.getKey()), p.getValue().asText());
        }
        Path out = tmp.resolve("runs/out");
        String args = c.path("args").asText("plan --models {models} --demand {demand} --steps 1 --out {out}")
                .replace("{models}", models.toString()).replace("{demand}", demand.toString())
                .replace("{corpus}", CORPUS.toString()).replace("{tmp}", tmp.toString()).replace("{out}", out.toString());

        CliTestSupport.Run r = CliTestSupport.run(args.split(" "));

        assertEquals(2, r.exitCode(), "exit code; stderr:\n" + r.stderr());
        assertEquals(1, r.stderrLines().size(), "exactly one stderr line, got:\n" + r.stderr());
        String line = r.stderrLines().get(0);
        for (JsonNode fragment : c.get("expect")) {
            assertTrue(line.contains(fragment.asText()), "'" + fragment.asText() + "' missing in:\n" + line);
        }
        assertFalse(line.contains("Exception"), "no exception names on the line: " + line);
        assertFalse(Files.exists(out), "no output folder: " + out);
        if (Files.isDirectory(out.getParent())) {
            try (Stream<Path> left = Files.list(out.getParent())) {
                assertEquals(List.of(), left.toList(), "nothing left beside the output folder");
            }
        }
    }

    /** The case's edit (file -> [from, to]), delete (files) and write (file -> text) on the model copy. */
    static void applyEdits(JsonNode c, Path models) throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("edit").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            CliTestSupport.edit(models, e.getKey(), e.getValue().get(0).asText(), e.getValue().get(1).asText());
        }
        for (JsonNode f : c.path("delete")) {
            Files.delete(models.resolve(f.asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("write").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Files.writeString(models.resolve(e.getKey()), e.getValue().asText());
        }
    }

    /** The rows of a DuckDB SELECT as one Parquet file. */
    static void writeParquet(Path file, String select) {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + file.toString().replace("'", "''") + "' (FORMAT PARQUET)");
        } catch (java.sql.SQLException e) {
            throw new UncheckedIOException(new IOException("cannot write " + file + ": " + e.getMessage(), e));
        }
    }
}
