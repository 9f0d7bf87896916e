package dcplan.model;

import dcplan.cli.CliTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ModelLoader#load} on the repo's models/ and on broken copies of it (edited as text in
 * a temp folder). Every problem must be one line naming the file and the key, and every
 * problem of a folder must be reported at once.
 */
class ModelLoaderTest {
    @TempDir
    Path tmp;

    Path copy() {
        return CliTestSupport.copyModels(tmp.resolve("models"));
    }

    static List<String> problems(Path folder) {
        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(folder));
        return e.problems();
    }

    /** Asserts that one problem line holds every fragment (file, element, key, what is wrong). */
    static void assertReported(List<String> problems, String... fragments) {
        boolean found = problems.stream().anyMatch(p -> {
            for (String f : fragments) {
                if (!p.contains(f)) {
                    return false;
                }
            }
            return true;
        });
        assertTrue(found, "no problem line contains all of " + List.of(fragments) + "; problems:\n" + String.join("\n", problems));
    }

    @Test
    void repoModelsLoad() {
        PlanningModel m = ModelLoader.load(CliTestSupport.REPO_MODELS);
        assertEquals(CliTestSupport.REGIONS, m.regions().stream().map(Region::id).toList());
        assertEquals(CliTestSupport.WORKLOADS, m.workloads().stream().map(Workload::id).toList());
        assertEquals(9, m.sites().size());
        assertEquals(List.of("ppu", "nvidia-h20", "nvidia-h200"), m.chips().stream().map(Chip::id).toList());
        assertEquals(Quarter.parse("2026Q1"), m.policy().horizonFrom());
        assertEquals(Quarter.parse("2028Q4"), m.policy().horizonTo());
        assertEquals(12, m.quarters().size());
        // a few values as written in the YAML
        Chip ppu = m.chip("ppu").orElseThrow();
        assertEquals(83_000, ppu.serverPriceUsd());
        assertEquals(16.7, ppu.throughput("llm-chat"));
        assertEquals(1000, ppu.supply().in(Quarter.parse("2026Q1")));
        assertEquals(2500, ppu.supply().in(Quarter.parse("2027Q1")), "default supply");
        assertEquals(List.of("CN"), m.region("china").orElseThrow().residency());
        assertEquals(60.0, m.region("china").orElseThrow().latencySloMs().get("llm-chat"));
        assertEquals(null, m.workload("llm-batch").orElseThrow().latencySloMs(), "no SLO for batch");
        assertEquals(300, m.site("sao-paulo").orElseThrow().existingServers("nvidia-h200"));
        assertEquals(1.6e9, m.policy().budgetUsd(2026));
    }

    @Test
    void tokensPerInferenceIsOptionalAndMustBePositive() {
        PlanningModel m = ModelLoader.load(CliTestSupport.REPO_MODELS);
        assertEquals(400.0, m.workload("llm-chat").orElseThrow().tokensPerInference());
        assertEquals(1000.0, m.workload("llm-batch").orElseThrow().tokensPerInference());
        assertEquals(null, m.workload("recsys").orElseThrow().tokensPerInference(), "not an LLM workload: no tokens");
        Path bad = copy();
        CliTestSupport.edit(bad, "workloads.yaml", "tokens_per_inference: 400", "tokens_per_inference: 0");
        assertReported(problems(bad), "workloads.yaml", "(llm-chat)", "tokens_per_inference", "positive");
    }

    @Test
    void unknownRegionInALatencyMapNamesFileSiteAndKey() {
        Path m = copy();
        CliTestSupport.edit(m, "sites.yaml", "latency_ms: {france: 16}", "latency_ms: {france: 16, atlantis: 5}");
        assertReported(problems(m), "sites.yaml", "(frankfurt)", "latency_ms", "unknown region 'atlantis'");
    }

    @Test
    void chipWithoutAnyThroughputIsReported() {
        Path m = copy();
        CliTestSupport.edit(m, "chips.yaml", "throughput_ips: {llm-chat: 20.9, llm-batch: 13.6, embedding: 2030, recsys: 7530}",
                "throughput_ips: {}");
        assertReported(problems(m), "chips.yaml", "(nvidia-h20)", "throughput_ips", "no throughput");
    }

    @Test
    void chipWithAllThroughputsZeroOrTheKeyAbsentIsReported() {
        Path m = copy();
        CliTestSupport.edit(m, "chips.yaml", "throughput_ips: {llm-chat: 20.9, llm-batch: 13.6, embedding: 2030, recsys: 7530}",
                "throughput_ips: {llm-chat: 0}");
        CliTestSupport.edit(m, "chips.yaml", "    throughput_ips: {llm-chat: 36.5, llm-batch: 31.3, embedding: 12450, recsys: 29670}\n", "");
        List<String> p = problems(m);
        assertReported(p, "chips.yaml", "(nvidia-h20)", "throughput_ips", "no throughput");
        assertReported(p, "chips.yaml", "(nvidia-h200)", "throughput_ips", "no throughput");
    }

    @Test
    void negativePriceNamesFileChipAndKey() {
        Path m = copy();
        CliTestSupport.edit(m, "chips.yaml", "server_price_usd: 290000", "server_price_usd: -290000");
        assertReported(problems(m), "chips.yaml", "(nvidia-h200)", "server_price_usd", "negative", "-290000");
    }

    @Test
    void planningQuantileOutsideTheOpenUnitIntervalIsReported() {
        for (String q : List.of("1.5", "0", "1", "-0.2")) {
            Path m = CliTestSupport.copyModels(tmp.resolve("q" + q));
            CliTestSupport.edit(m, "policy.yaml", "planning_quantile: 0.9", "planning_quantile: " + q);
            assertReported(problems(m), "policy.yaml", "planning_quantile");
        }
    }

    @Test
    void invertedHorizonIsReported() {
        Path m = copy();
        CliTestSupport.edit(m, "policy.yaml", "horizon: {from: 2026Q1, to: 2028Q4}", "horizon: {from: 2028Q4, to: 2026Q1}");
        assertReported(problems(m), "policy.yaml", "horizon", "2026Q1", "2028Q4");
    }

    @Test
    void unknownKeyIsReportedWithTheValidKeys() {
        Path m = copy();
        CliTestSupport.edit(m, "sites.yaml", "    pue: 1.3\n    existing_servers: {nvidia-h200: 600}",
                "    pue: 1.3\n    colour: red\n    existing_servers: {nvidia-h200: 600}");
        assertReported(problems(m), "sites.yaml", "(frankfurt)", "unknown key 'colour'", "valid:", "electricity_usd_per_mwh",
                "max_it_mw", "existing_servers");
    }

    @Test
    void missingFileIsReportedByName() throws IOException {
        Path m = copy();
        Files.delete(m.resolve("workloads.yaml"));
        assertReported(problems(m), "workloads.yaml", "not found");
    }

    @Test
    void nonYamlFileIsReportedByName() throws IOException {
        Path m = copy();
        Files.writeString(m.resolve("regions.yaml"), "regions: [brazil, {id: france\n\t: : ]]\n");
        assertReported(problems(m), "regions.yaml", "YAML");
    }

    @Test
    void missingFolderIsReported() {
        assertReported(problems(tmp.resolve("nowhere")), "nowhere", "not found");
    }

    /** Four problems in four files: all four lines in one exception. */
    @Test
    void severalProblemsAreAllReportedAtOnce() {
        Path m = copy();
        CliTestSupport.edit(m, "sites.yaml", "latency_ms: {france: 16}", "latency_ms: {france: 16, atlantis: 5}");
        CliTestSupport.edit(m, "chips.yaml", "server_price_usd: 290000", "server_price_usd: -290000");
        CliTestSupport.edit(m, "policy.yaml", "planning_quantile: 0.9", "planning_quantile: 1.5");
        CliTestSupport.edit(m, "policy.yaml", "horizon: {from: 2026Q1, to: 2028Q4}", "horizon: {from: 2028Q4, to: 2026Q1}");
        CliTestSupport.edit(m, "regions.yaml", "  - id: brazil\n", "  - id: brazil\n    colour: green\n");
        List<String> p = problems(m);
        assertReported(p, "sites.yaml", "(frankfurt)", "latency_ms", "atlantis");
        assertReported(p, "chips.yaml", "(nvidia-h200)", "server_price_usd", "negative");
        assertReported(p, "policy.yaml", "planning_quantile");
        assertReported(p, "policy.yaml", "horizon");
        assertReported(p, "regions.yaml", "(brazil)", "unknown key 'colour'");
        assertTrue(p.size() >= 5, "at least five problems: " + p);
    }

    /** File-level problems (missing, unreadable) are all reported too. */
    @Test
    void missingAndNonYamlFilesAreReportedTogether() throws IOException {
        Path m = copy();
        Files.delete(m.resolve("chips.yaml"));
        Files.writeString(m.resolve("policy.yaml"), "policy: {horizon: [2026Q1\n");
        List<String> p = problems(m);
        assertReported(p, "chips.yaml", "not found");
        assertReported(p, "policy.yaml", "YAML");
    }
}
