package dcplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dcplan whatif} and {@code dcplan compare} end to end through {@link Main#run}: the
 * what-if run folder, its diff's headline against both summaries, a ban dropping the warm
 * start's routes, compare.csv, and bad input refused with exit 2.
 */
class WhatIfCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static WhatIfFixture.Runs runs;

    @TempDir
    Path tmp;

    @BeforeAll
    static void plan() {
        runs = WhatIfFixture.get();
    }

    static JsonNode summary(Path run) throws IOException {
        return JSON.readTree(run.resolve("summary.json").toFile());
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        }
    }

    @Test
    void theWhatIfRunFolderHoldsThePlanTheReportsAndTheInputs() throws IOException {
        CliTestSupport.Run w = runs.whatIfRun();
        assertTrue(w.exitCode() == 0 || w.exitCode() == 3, "whatif exited " + w.exitCode() + ":\n" + w.stderr());
        Path out = runs.whatIf();
        assertEquals(out.toString(), w.lastStdoutLine(), "the last line printed is the run folder");
        for (String f : List.of("plan/flows.csv", "plan/servers.csv", "plan/facility.csv", "plan/unmet.csv",
                "summary.json", "demand.csv", "report.html", "report.md", "diff.html", "diff.md", "log.txt",
                "inputs/scenario.yaml", "inputs/baseline.txt")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing in " + out);
        }
        assertEquals("brazil-demand-surge", summary(out).path("scenario").asText());
        assertEquals("base", summary(runs.baseline()).path("scenario").asText());
        assertEquals(Files.readString(Path.of(WhatIfFixture.SCENARIO)), Files.readString(out.resolve("inputs/scenario.yaml")),
                "the scenario file as read");
        assertTrue(Files.readString(out.resolve("inputs/baseline.txt")).contains(runs.baseline().toAbsolutePath().normalize().toString()));
        assertTrue(Files.readString(out.resolve("log.txt")).contains("warm start: "), "the search started from the baseline");
        assertTrue(Files.size(out.resolve("diff.html")) > 2_000);
        try (var files = Files.list(out.getParent())) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".")), "temporary folder left behind");
        }
    }

    /** The figures the diff's headline shows, by row name, in summary.json's terms. */
    static Map<String, Double> headlineFigures(JsonNode s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("USD per million inferences", s.path("usd_per_million_inferences").asDouble());
        m.put("total cost (USD)", s.path("total_cost_usd").asDouble());
        m.put("server capex, amortised (USD)", s.path("cost_usd").path("server_capex_amortized").asDouble());
        m.put("facility capex, amortised (USD)", s.path("cost_usd").path("facility_capex_amortized").asDouble());
        m.put("energy (USD)", s.path("cost_usd").path("energy").asDouble());
        m.put("served inferences", s.path("served_inferences").asDouble());
        m.put("unmet inferences", s.path("unmet_inferences").asDouble());
        return m;
    }

    /** A formatted figure ("1,234,567" or "12.3456") equals {@code expected} to the digits shown. */
    static void assertShown(double expected, String shown, String what) {
        if (shown.trim().equals("< 1")) {
            assertTrue(expected > 0 && expected < 0.5, what + ": shown < 1, summary.json has " + expected);
            return;
        }
        String plain = shown.replace(",", "").trim();
        int dot = plain.indexOf('.');
        double halfUnit = 0.5 * Math.pow(10, dot < 0 ? 0 : -(plain.length() - dot - 1));
        double value = Double.parseDouble(plain);
        assertTrue(Math.abs(value - expected) <= halfUnit * (1 + 1e-9), what + ": shown " + shown + ", summary.json has " + expected);
    }

    @Test
    void theDiffHeadlineEqualsBothSummaries() throws IOException {
        Map<String, Double> base = headlineFigures(summary(runs.baseline()));
        Map<String, Double> what = headlineFigures(summary(runs.whatIf()));
        String md = Files.readString(runs.whatIf().resolve("diff.md"));
        String headline = md.substring(md.indexOf("## Headline"), md.indexOf("## ", md.indexOf("## Headline") + 3));
        Pattern row = Pattern.compile("^\\| (\\*\\*)?([^|*]+?)(\\*\\*)? \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\|$", Pattern.MULTILINE);
        Matcher m = row.matcher(headline);
        Map<String, String[]> shown = new HashMap<>();
        while (m.find()) {
            shown.put(m.group(2), new String[]{m.group(4), m.group(5)});
        }
        assertEquals(base.keySet(), shown.keySet(), "headline rows of diff.md:\n" + headline);
        for (String name : base.keySet()) {
            assertShown(base.get(name), shown.get(name)[0], "baseline " + name);
            assertShown(what.get(name), shown.get(name)[1], "what-if " + name);
        }
        // the surge adds Brazilian demand: more inferences to serve or to leave unmet
        assertTrue(what.get("served inferences") + what.get("unmet inferences")
                > base.get("served inferences") + base.get("unmet inferences"));
    }

    @Test
    void aBanDropsTheBannedRoutesFromTheWarmStart() throws IOException {
        Path baseline = runs.baseline();
        PlanningModel model = ModelLoader.load(baseline.resolve("inputs/models"));
        Quarter from = Quarter.parse("2027Q1");
        Map<String, String> jurisdiction = new HashMap<>();
        for (Site s : model.sites()) {
            jurisdiction.put(s.id(), s.jurisdiction());
        }
        // the (site, chip) that carries the most of the baseline's peak from 2027Q1, outside China
        Map<String, Double> load = new HashMap<>();
        for (CSVRecord r : csv(baseline.resolve("plan/flows.csv"))) {
            if (Quarter.parse(r.get("quarter")).compareTo(from) >= 0 && !"CN".equals(jurisdiction.get(r.get("site")))) {
                load.merge(r.get("site") + "|" + r.get("chip"), Double.parseDouble(r.get("peak_ips")), Double::sum);
            }
        }
        String[] busiest = load.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey().split("\\|");
        String site = busiest[0];
        String chip = busiest[1];
        String banned = jurisdiction.get(site);
        Path scenario = tmp.resolve("ban.yaml");
        String name = ("ban-" + chip + "-" + banned).toLowerCase(java.util.Locale.ROOT);
        Files.writeString(scenario, "name: " + name + "\ndescription: test ban of the baseline's busiest route\n"
                + "chips:\n  " + chip + ":\n    ban: [{jurisdictions: [" + banned + "], from: 2027Q1}]\n");
        Path out = tmp.resolve("ban");
        CliTestSupport.Run w = CliTestSupport.run(WhatIfFixture.concat(new String[]{"whatif", "--baseline", baseline.toString(),
                "--scenario", scenario.toString(), "--out", out.toString()}, WhatIfFixture.LIMITS));
        assertTrue(w.exitCode() == 0 || w.exitCode() == 3, "whatif exited " + w.exitCode() + ":\n" + w.stderr());
        Matcher m = Pattern.compile("warm start: (\\d+) of (\\d+) chunks routed").matcher(Files.readString(out.resolve("log.txt")));
        assertTrue(m.find(), "warm start line in log.txt");
        assertTrue(Long.parseLong(m.group(1)) < Long.parseLong(m.group(2)), "the banned routes' chunks are not kept: " + m.group());
        for (CSVRecord r : csv(out.resolve("plan/flows.csv"))) {
            boolean bannedRoute = r.get("chip").equals(chip) && banned.equals(jurisdiction.get(r.get("site")))
                    && Quarter.parse(r.get("quarter")).compareTo(from) >= 0;
            assertFalse(bannedRoute && Double.parseDouble(r.get("peak_ips")) > 0,
                    "flow on " + chip + " in " + banned + " after the ban: " + r.toMap());
        }
        assertEquals(name, summary(out).path("scenario").asText());
    }

    @Test
    void compareWritesOneRowPerRunMatchingTheSummaries() throws IOException {
        Path out = tmp.resolve("compare");
        CliTestSupport.Run c = CliTestSupport.run("compare", runs.baseline().toString(), runs.whatIf().toString(),
                "--out", out.toString());
        assertEquals(0, c.exitCode(), c.stderr());
        assertEquals(out.toString(), c.lastStdoutLine());
        assertTrue(Files.isRegularFile(out.resolve("compare.html")));
        List<CSVRecord> rows = csv(out.resolve("compare.csv"));
        assertEquals(2, rows.size());
        List<Path> folders = List.of(runs.baseline(), runs.whatIf());
        for (int i = 0; i < 2; i++) {
            CSVRecord r = rows.get(i);
            JsonNode s = summary(folders.get(i));
            assertEquals(folders.get(i).toString(), r.get("run"));
            assertEquals(s.path("scenario").asText(), r.get("scenario"));
            assertEquals(s.path("feasible").asBoolean(), Boolean.parseBoolean(r.get("feasible")));
            assertEquals(s.path("total_cost_usd").asDouble(), Double.parseDouble(r.get("total_cost_usd")));
            assertEquals(s.path("usd_per_million_inferences").asDouble(), Double.parseDouble(r.get("usd_per_million_inferences")));
            assertEquals(s.path("cost_usd").path("energy").asDouble(), Double.parseDouble(r.get("energy")));
            assertEquals(s.path("unmet_inferences").asDouble(), Double.parseDouble(r.get("unmet_inferences")));
            assertEquals(s.path("served_inferences").asDouble(), Double.parseDouble(r.get("served_inferences")));
        }
    }

    @Test
    void aFolderThatIsNotARunIsRefusedAsBaseline() {
        Path notARun = runs.models();
        Path out = tmp.resolve("never");
        CliTestSupport.Run w = CliTestSupport.run("whatif", "--baseline", notARun.toString(), "--scenario",
                WhatIfFixture.SCENARIO, "--out", out.toString());
        assertEquals(2, w.exitCode(), w.stderr());
        assertTrue(w.stderr().contains(notARun.toString()) && w.stderr().contains("not a run folder"), w.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void anExistingOutIsRefused() throws IOException {
        Path existing = Files.createDirectories(tmp.resolve("taken"));
        CliTestSupport.Run w = CliTestSupport.run("whatif", "--baseline", runs.baseline().toString(), "--scenario",
                WhatIfFixture.SCENARIO, "--out", existing.toString());
        assertEquals(2, w.exitCode(), w.stderr());
        assertTrue(w.stderr().contains(existing.toString()) && w.stderr().contains("already exists"), w.stderr());
        try (var files = Files.list(existing)) {
            assertEquals(0, files.count(), "nothing written into the existing folder");
        }
        CliTestSupport.Run c = CliTestSupport.run("compare", runs.baseline().toString(), "--out", existing.toString());
        assertEquals(2, c.exitCode(), c.stderr());
        assertTrue(c.stderr().contains("already exists"), c.stderr());
    }

    static final String HIGH_SERVICE_LEVEL = "models/scenarios/high-service-level.yaml";

    /** peak_ips of region/workload/quarter in a demand CSV. */
    static Map<String, Double> peaks(Path demandCsv) throws IOException {
        Map<String, Double> out = new HashMap<>();
        for (CSVRecord r : csv(demandCsv)) {
            out.put(r.get("region") + "/" + r.get("workload") + "/" + r.get("quarter"), Double.parseDouble(r.get("peak_ips")));
        }
        return out;
    }

    @Test
    void aScenarioThatChangesTheQuantileNeedsForecastsAndTheOptionExists() {
        Path out = tmp.resolve("hsl-refused");
        CliTestSupport.Run w = CliTestSupport.run("whatif", "--baseline", runs.baseline().toString(), "--scenario",
                HIGH_SERVICE_LEVEL, "--out", out.toString());
        assertEquals(2, w.exitCode(), w.stderr());
        assertTrue(w.stderr().contains("high-service-level.yaml") && w.stderr().contains("with --forecasts"), w.stderr());
        assertFalse(Files.exists(out));
        // The option the message names is one whatif has.
        CliTestSupport.Run help = CliTestSupport.run("whatif", "--help");
        assertTrue(help.stdout().contains("--forecasts=PATH") && help.stdout().contains("--demand=FILE"), help.stdout());
    }

    @Test
    void aDemandTableReplacesTheBaselinesDemand() throws IOException {
        // Every figure of the fixture's demand doubled; brazil-demand-surge then multiplies Brazil only.
        List<String> lines = Files.readAllLines(runs.demand());
        StringBuilder doubled = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            doubled.append(String.join(",", f[0], f[1], f[2], String.valueOf(2 * Double.parseDouble(f[3])),
                    String.valueOf(2 * Double.parseDouble(f[4])))).append('\n');
        }
        Path demand = Files.writeString(tmp.resolve("doubled.csv"), doubled);
        Path out = tmp.resolve("doubled-run");
        CliTestSupport.Run w = CliTestSupport.run(WhatIfFixture.concat(new String[]{"whatif", "--baseline",
                runs.baseline().toString(), "--scenario", WhatIfFixture.SCENARIO, "--demand", demand.toString(),
                "--out", out.toString()}, WhatIfFixture.LIMITS));
        assertTrue(w.exitCode() == 0 || w.exitCode() == 3, w.stderr());
        Map<String, Double> before = peaks(runs.baseline().resolve("demand.csv"));
        Map<String, Double> after = peaks(out.resolve("demand.csv"));
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) {
            if (!k.startsWith("brazil/")) {
                assertEquals(2 * before.get(k), after.get(k), 1e-9, k);
            }
        }
        assertTrue(Files.readString(out.resolve("log.txt")).contains("demand: " + demand + " instead of the baseline's (240 cells)"),
                Files.readString(out.resolve("log.txt")));
    }

    @Test
    void forecastsAreRolledUpWithTheScenariosQuantile() throws IOException {
        Path out = tmp.resolve("hsl-run");
        CliTestSupport.Run w = CliTestSupport.run(WhatIfFixture.concat(new String[]{"whatif", "--baseline",
                runs.baseline().toString(), "--scenario", HIGH_SERVICE_LEVEL, "--forecasts", "data/forecasts/sample",
                "--master", "local[2]", "--out", out.toString()}, WhatIfFixture.LIMITS));
        assertTrue(w.exitCode() == 0 || w.exitCode() == 3, w.stderr());
        String log = Files.readString(out.resolve("log.txt"));
        assertTrue(log.contains("roll-up of data/forecasts/sample:") && log.contains("rows read"), log);
        assertTrue(log.contains("demand: roll-up of data/forecasts/sample instead of the baseline's (240 cells)"), log);
        assertTrue(log.contains("policy: planning_quantile 0.9 -> 0.95"), log);
        PlanningModel resolved = ModelLoader.load(out.resolve("inputs/resolved"));
        assertEquals(0.95, resolved.policy().planningQuantile());
        assertEquals(240, csv(out.resolve("demand.csv")).size());
    }
}
