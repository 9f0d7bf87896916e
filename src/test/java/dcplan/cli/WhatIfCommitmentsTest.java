package dcplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dcplan.model.Chip;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dcplan.cli.WhatIfCommandTest.csv;
import static dcplan.cli.WhatIfCommandTest.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What-ifs that keep what was committed (contract version 2) end to end: a held what-if keeps
 * the baseline's orders and builds before D + lead time exactly, --replan-all does not and says
 * it is hindsight, a ban strands committed servers (stranded.csv), and bad input exits 2 naming
 * the file and key: a decided_until outside the horizon, a baseline whose inputs were changed.
 */
class WhatIfCommitmentsTest {
    static final Quarter D = Quarter.parse("2027Q3");
    /** Demand falls to a fifth from 2027Q3: the baseline's earlier orders are more than the what-if needs. */
    static final String DEMAND_DROP = "name: demand-drop\ndescription: a test where demand falls to a fifth\n"
            + "demand:\n  - {from: 2027Q3, multiplier: 0.2}\ndecided_until: " + D + "\n";

    static WhatIfFixture.Runs runs;
    static PlanningModel model;
    static Path held;
    static Path hindsight;

    @TempDir
    static Path dir;

    @BeforeAll
    static void runBoth() throws IOException {
        runs = WhatIfFixture.get();
        model = ModelLoader.load(runs.baseline().resolve("inputs/resolved"));
        Path scenario = Files.writeString(dir.resolve("demand-drop.yaml"), DEMAND_DROP);
        held = dir.resolve("held");
        CliTestSupport.Run h = whatIf(scenario, held);
        assertTrue(h.exitCode() == 0 || h.exitCode() == 3, h.stderr());
        hindsight = dir.resolve("replan-all");
        CliTestSupport.Run r = whatIf(scenario, hindsight, "--replan-all");
        assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.stderr());
    }

    static CliTestSupport.Run whatIf(Path scenario, Path out, String... more) {
        String[] args = WhatIfFixture.concat(new String[]{"whatif", "--baseline", runs.baseline().toString(), "--scenario",
                scenario.toString(), "--out", out.toString()}, WhatIfFixture.LIMITS);
        return CliTestSupport.run(WhatIfFixture.concat(args, more));
    }

    /** added[s|c|q] of a run folder's plan/servers.csv (rows with servers installed). */
    static Map<String, Integer> added(Path run) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (CSVRecord r : csv(run.resolve("plan/servers.csv"))) {
            out.put(r.get("site") + "|" + r.get("chip") + "|" + r.get("quarter"), Integer.parseInt(r.get("added")));
        }
        return out;
    }

    /** The quarters a held what-if at D keeps for a chip: every q < D + order_lead_quarters. */
    static boolean heldQuarter(Chip c, Quarter q) {
        return q.ordinal() < D.ordinal() + c.orderLeadQuarters();
    }

    @Test
    void aHeldWhatIfKeepsTheBaselinesOrdersBeforeDPlusTheLeadTime() throws IOException {
        Map<String, Integer> base = added(runs.baseline());
        Map<String, Integer> what = added(held);
        int kept = 0;
        for (Site s : model.sites()) {
            for (Chip c : model.chips()) {
                for (Quarter q : model.quarters()) {
                    if (heldQuarter(c, q)) {
                        String k = s.id() + "|" + c.id() + "|" + q;
                        assertEquals(base.getOrDefault(k, 0), what.getOrDefault(k, 0), "added " + k);
                        kept += base.getOrDefault(k, 0);
                    }
                }
            }
        }
        assertTrue(kept > 0, "the baseline ordered servers before " + D + ": the test needs some to keep");
        int listed = 0;
        for (CSVRecord r : csv(held.resolve("held.csv"))) {
            if (r.get("kind").equals("server")) {
                Chip c = model.chip(r.get("chip")).orElseThrow();
                Quarter q = Quarter.parse(r.get("quarter"));
                assertTrue(heldQuarter(c, q), r.toMap().toString());
                assertEquals(Quarter.ofOrdinal(q.ordinal() - c.orderLeadQuarters()).toString(), r.get("committed_in"));
                assertEquals(base.get(r.get("site") + "|" + r.get("chip") + "|" + q), Integer.parseInt(r.get("added")));
                listed += Integer.parseInt(r.get("added"));
            }
        }
        assertEquals(kept, listed, "held.csv lists every order kept");
        JsonNode s = summary(held);
        assertEquals(D.toString(), s.path("decided_until").asText());
        assertEquals(runs.baseline().toString(), s.path("baseline_run").asText());
        assertEquals("held", s.at("/what_if/mode").asText());
        assertEquals("the scenario's decided_until", s.at("/what_if/decided_until_source").asText());
        assertEquals(kept, s.at("/what_if/held/servers").asInt());
    }

    @Test
    void theHeldWhatIfSolvesTheHindsightPlanTooAndComparesThem() throws IOException {
        JsonNode s = summary(held);
        JsonNode h = summary(held.resolve("hindsight"));
        assertEquals(h.path("total_cost_usd").asDouble(), s.at("/what_if/hindsight/replanned/total_cost_usd").asDouble());
        assertEquals(s.path("total_cost_usd").asDouble(), s.at("/what_if/hindsight/with_commitments/total_cost_usd").asDouble());
        assertEquals(s.path("total_cost_usd").asDouble() - h.path("total_cost_usd").asDouble(),
                s.at("/what_if/hindsight/cost_of_commitments_usd").asDouble(), 1e-6);
        assertTrue(Files.isRegularFile(held.resolve("hindsight/plan/servers.csv")));
        String md = Files.readString(held.resolve("report.md"));
        assertTrue(md.contains("The cost of hindsight"), "report.md shows the comparison");
        assertTrue(Files.readString(held.resolve("diff.md")).contains("## The cost of hindsight"), "diff.md shows it too");
    }

    @Test
    void replanAllKeepsNothingAndIsLabelledHindsight() throws IOException {
        Map<String, Integer> base = added(runs.baseline());
        Map<String, Integer> what = added(hindsight);
        int baseEarly = 0;
        int whatEarly = 0;
        for (Map.Entry<String, Integer> e : base.entrySet()) {
            String[] k = e.getKey().split("\\|");
            if (heldQuarter(model.chip(k[1]).orElseThrow(), Quarter.parse(k[2]))) {
                baseEarly += e.getValue();
                whatEarly += what.getOrDefault(e.getKey(), 0);
            }
        }
        assertTrue(whatEarly < baseEarly, "in hindsight a fifth of the demand needs fewer of the early orders: "
                + whatEarly + " vs the baseline's " + baseEarly);
        JsonNode s = summary(hindsight);
        assertTrue(s.path("decided_until").isNull(), "no decided_until: " + s.path("decided_until"));
        assertEquals(runs.baseline().toString(), s.path("baseline_run").asText());
        assertEquals("hindsight", s.at("/what_if/mode").asText());
        assertTrue(Files.readString(hindsight.resolve("log.txt")).contains("HINDSIGHT (--replan-all)"));
        assertTrue(Files.readString(hindsight.resolve("report.html")).contains("What-if in HINDSIGHT"));
        assertTrue(Files.readString(hindsight.resolve("report.md")).contains("**HINDSIGHT**"));
        assertTrue(Files.readString(hindsight.resolve("diff.md")).contains("HINDSIGHT"));
        assertFalse(Files.exists(hindsight.resolve("hindsight")), "a hindsight what-if has no second plan");
    }

    @Test
    void aBanStrandsTheCommittedServersItLeavesIdle(@TempDir Path tmp) throws IOException {
        // the (site, chip) outside China where the baseline had installed the most added servers by D
        Map<String, Integer> installedAtD = new HashMap<>();
        for (CSVRecord r : csv(runs.baseline().resolve("plan/servers.csv"))) {
            Site s = model.site(r.get("site")).orElseThrow();
            int added = Integer.parseInt(r.get("installed")) - s.existingServers(r.get("chip"));
            if (r.get("quarter").equals(D.toString()) && !s.jurisdiction().equals("CN") && added > 0) {
                installedAtD.put(r.get("site") + "|" + r.get("chip"), Integer.parseInt(r.get("installed")));
            }
        }
        String[] target = installedAtD.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey().split("\\|");
        Site site = model.site(target[0]).orElseThrow();
        Chip chip = model.chip(target[1]).orElseThrow();
        Path scenario = Files.writeString(tmp.resolve("ban.yaml"), "name: ban\ndescription: test ban\nchips:\n  " + chip.id()
                + ":\n    ban: [{jurisdiction: " + site.jurisdiction() + ", from: " + D + "}]\n");
        Path out = tmp.resolve("ban");
        CliTestSupport.Run w = whatIf(scenario, out);
        assertTrue(w.exitCode() == 0 || w.exitCode() == 3, w.stderr());
        assertTrue(w.stderr().contains("decided until " + D + " (chip " + chip.id() + ": the ban in " + site.jurisdiction()
                + " from " + D + ")"), "D is the ban's quarter:\n" + w.stderr());
        List<CSVRecord> stranded = csv(out.resolve("stranded.csv")).stream()
                .filter(r -> r.get("site").equals(site.id()) && r.get("chip").equals(chip.id())).toList();
        assertEquals(model.quarters().size() - (D.ordinal() - model.quarters().get(0).ordinal()), stranded.size(),
                "every quarter from the ban on");
        CSVRecord atD = stranded.get(0);
        assertEquals(D.toString(), atD.get("quarter"));
        int servers = installedAtD.get(site.id() + "|" + chip.id());
        assertEquals(servers, Integer.parseInt(atD.get("servers")), "the committed servers stay installed");
        assertEquals(servers - site.existingServers(chip.id()), Integer.parseInt(atD.get("held_servers")));
        double idle = servers * chip.idleFraction() * chip.serverKw() * site.pue() * 2190 * site.electricityUsdPerMwh() / 1000;
        assertEquals(idle, Double.parseDouble(atD.get("idle_energy_usd")), 1e-6 * idle, "idle draw of the stranded servers");
        for (CSVRecord f : csv(out.resolve("plan/flows.csv"))) {
            assertFalse(f.get("site").equals(site.id()) && f.get("chip").equals(chip.id())
                    && !Quarter.parse(f.get("quarter")).isBefore(D), "flow on a banned route: " + f.toMap());
        }
        assertTrue(summary(out).at("/what_if/stranded/servers_at_peak").asInt() >= servers);
        assertTrue(Files.readString(out.resolve("report.html")).contains("data-table=\"stranded\""));
    }

    @Test
    void aDecidedUntilOutsideTheHorizonExits2NamingTheKey(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("never");
        CliTestSupport.Run flag = whatIf(Path.of(WhatIfFixture.SCENARIO), out, "--decided-until", "2030Q1");
        assertEquals(2, flag.exitCode(), flag.stderr());
        assertTrue(flag.stderr().contains("--decided-until: 2030Q1 is outside the horizon 2026Q1..2028Q4"), flag.stderr());
        Path file = Files.writeString(tmp.resolve("late.yaml"), "name: late\ndescription: test\ndecided_until: 2031Q1\n"
                + "budget: {scale: 0.9}\n");
        CliTestSupport.Run inFile = whatIf(file, out);
        assertEquals(2, inFile.exitCode(), inFile.stderr());
        assertTrue(inFile.stderr().contains(file + ": decided_until: 2031Q1 is outside the horizon"), inFile.stderr());
        CliTestSupport.Run both = whatIf(Path.of(WhatIfFixture.SCENARIO), out, "--decided-until", "2027Q1", "--replan-all");
        assertEquals(2, both.exitCode(), both.stderr());
        assertTrue(both.stderr().contains("--replan-all"), both.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void aBaselineWhoseInputsWereChangedExits2NamingTheFileAndKey(@TempDir Path tmp) throws IOException {
        Path edited = copy(runs.baseline(), tmp.resolve("edited-model"));
        CliTestSupport.edit(edited.resolve("inputs/resolved"), "sites.yaml", "max_it_mw: 100", "max_it_mw: 120");
        CliTestSupport.Run m = CliTestSupport.run("whatif", "--baseline", edited.toString(), "--scenario",
                WhatIfFixture.SCENARIO, "--out", tmp.resolve("never").toString());
        assertEquals(2, m.exitCode(), m.stderr());
        assertTrue(m.stderr().contains("inputs/resolved/sites.yaml: sites.paris.max_it_mw: 100"), m.stderr());

        Path demand = copy(runs.baseline(), tmp.resolve("edited-demand"));
        List<String> lines = Files.readAllLines(demand.resolve("demand.csv"));
        String[] cells = lines.get(1).split(",");
        cells[3] = String.valueOf(Double.parseDouble(cells[3]) * 2);
        lines.set(1, String.join(",", cells));
        Files.write(demand.resolve("demand.csv"), lines);
        CliTestSupport.Run d = CliTestSupport.run("whatif", "--baseline", demand.toString(), "--scenario",
                WhatIfFixture.SCENARIO, "--out", tmp.resolve("never").toString());
        assertEquals(2, d.exitCode(), d.stderr());
        assertTrue(d.stderr().contains(demand.resolve("summary.json") + ": inputs_sha256: "), d.stderr());
        assertTrue(d.stderr().contains("demand.csv"), d.stderr());
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
