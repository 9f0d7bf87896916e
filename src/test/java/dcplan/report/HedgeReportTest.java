package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcplan.model.InputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dcplan.report.ReportFormat.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hedged run's report.html and report.md, and the comparison of a hedged run beside a plan, on
 * the sample hedged folder of {@link HedgedFolderFixture#sample}: both futures order 100 ppu
 * servers for Sao Paulo (ordered 2026Q1, installed 2026Q3) and start 20 MW there in 2026Q3,
 * before D = 2027Q1; from D on the base future (0.6) adds 40 H200 in Frankfurt, the ban future
 * (0.4) 200 ppu in Sao Paulo and starts 23 MW in Paris.
 */
class HedgeReportTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String D = "2027Q1";

    @TempDir
    Path tmp;

    Path hedge(boolean centralBreaksBan) throws Exception {
        return HedgedFolderFixture.sample(tmp, centralBreaksBan);
    }

    static double cost(Path run) throws Exception {
        return JSON.readTree(run.resolve("summary.json").toFile()).get("total_cost_usd").asDouble();
    }

    @Test
    void theReportLeadsWithWhatToCommitNowAndSaysWhatKnowingTheFutureIsWorth() throws Exception {
        Path hedge = hedge(false);
        HedgeReport.write(hedge);
        String html = Files.readString(hedge.resolve("report.html"));
        int at = -1;
        for (String id : HedgeReport.SECTIONS) {
            int i = html.indexOf("<section id=\"" + id + "\"");
            assertTrue(i > at, id + " missing or out of order");
            at = i;
        }
        JsonNode s = JSON.readTree(hedge.resolve("summary.json").toFile());
        double costBase = cost(hedge.resolve("scenarios/base"));
        double costBan = cost(hedge.resolve("scenarios/ban"));
        double expected = 0.6 * costBase + 0.4 * costBan;
        assertEquals(expected, s.at("/expected/total_cost_usd").asDouble(), 1e-6 * expected);
        assertTrue(html.contains("data-summary=\"expected.usd_per_million_inferences\" data-value=\""
                + s.at("/expected/usd_per_million_inferences").asText() + "\">"
                + ReportFormat.usdPerMillion(s.at("/expected/usd_per_million_inferences").asDouble()) + "<"), html);
        assertTrue(html.contains(">" + usd(s.at("/expected/total_cost_usd").asDouble()) + "<"));

        // what to do now: 100 ppu servers ordered in 2026Q1 for 2026Q3, 20 MW started in 2026Q3 for 2027Q2
        double serverCapex = capex(hedge.resolve("scenarios/base/plan/servers.csv"), "2026Q3", "ppu");
        double buildCapex = capex(hedge.resolve("scenarios/base/plan/builds.csv"), "2027Q2", null);
        assertTrue(serverCapex > 0 && buildCapex > 0);
        assertTrue(html.contains("Before 2027Q1, in every future: order 100 servers at sao-paulo and start 20.00 MW of "
                + "facility at sao-paulo (capex " + usd(serverCapex + buildCapex) + ")."), html);
        assertTrue(html.contains("<tr><td>order servers</td><td>sao-paulo</td><td>ppu</td><td>2026Q1</td><td>2026Q3</td>"
                + "<td class=\"num\">100</td><td class=\"num\"></td><td class=\"num\">" + usd(serverCapex) + "</td></tr>"), html);
        assertTrue(html.contains("<tr><td>start building MW</td><td>sao-paulo</td><td></td><td>2026Q3</td><td>2027Q2</td>"
                + "<td class=\"num\"></td><td class=\"num\">20.00 MW</td><td class=\"num\">" + usd(buildCapex) + "</td></tr>"), html);

        // a row per future and the expectation
        assertTrue(html.contains("<tr><td>ban</td><td class=\"num\">40.0 %</td>"), html);
        assertTrue(html.contains("<td class=\"num\">" + usd(costBan) + "</td><td class=\"num\">" + usd(0.95 * costBan)
                + "</td><td class=\"num\">" + usd(1.10 * costBan) + "</td></tr>"), html);
        assertTrue(html.contains("<tr><td>expected</td><td class=\"num\">100.0 %</td>"), html);

        // what each future does from D on: only its own servers
        assertTrue(html.contains("<tr><td>servers: frankfurt / nvidia-h200</td><td class=\"num\">40</td><td class=\"num\"></td></tr>"), html);
        assertTrue(html.contains("<tr><td>servers: sao-paulo / ppu</td><td class=\"num\"></td><td class=\"num\">200</td></tr>"), html);
        assertTrue(html.contains("<tr><td>MW: paris</td><td class=\"num\"></td><td class=\"num\">23.00 MW</td></tr>"), html);

        // EVPI and VSS in words
        double evpi = 0.6 * 0.02 * costBase + 0.4 * 0.05 * costBan;
        double vss = 0.4 * 0.10 * costBan;
        assertEquals(evpi, s.at("/evpi/cost_usd").asDouble(), 1e-6 * evpi);
        assertTrue(html.contains("Knowing in advance which future comes would save " + usd(evpi) + " in expectation"), html);
        assertTrue(html.contains("Planning for the base future alone and adapting later (keeping its commitments before "
                + "2027Q1) would cost " + usd(vss) + " more in expectation (VSS)."), html);

        // the chart: hedged, alone and central kept per future
        assertTrue(html.contains("<svg data-chart=\"cost-per-future-chart\""), "the cost per future chart");
        String svg = html.substring(html.indexOf("<svg data-chart=\"cost-per-future-chart\""));
        svg = svg.substring(0, svg.indexOf("</svg>"));
        assertTrue(svg.contains("hedged plan") && svg.contains("its own plan alone") && svg.contains("commitments kept"),
                "the legend names the three series");

        String md = Files.readString(hedge.resolve("report.md"));
        assertTrue(md.contains("| Expected total cost | " + usd(s.at("/expected/total_cost_usd").asDouble()) + " |"), md);
        assertTrue(md.contains("| servers: sao-paulo / ppu |  | 200 |"), md);
        assertTrue(md.contains("- **EVPI**: Knowing in advance which future comes would save " + usd(evpi)), md);
    }

    @Test
    void whenKeepingTheCentralsCommitmentsBreaksAFutureVssSaysSoInsteadOfANumber() throws Exception {
        Path hedge = hedge(true);
        HedgeReport.write(hedge);
        String html = Files.readString(hedge.resolve("report.html"));
        assertTrue(html.contains("Planning for the base future alone and adapting later (keeping its commitments before "
                + "2027Q1) would not hold up in every future: keeping base&#39;s commitments breaks a limit of ban (power)."), html);
        assertTrue(html.contains("<td class=\"num\">breaks a limit</td></tr>"), html);
    }

    @Test
    void aMissingFutureFolderIsNamed() throws Exception {
        Path hedge = hedge(false);
        Files.delete(hedge.resolve("scenarios/ban/summary.json"));
        InputException e = assertThrows(InputException.class, () -> HedgeReport.write(hedge));
        assertTrue(e.getMessage().startsWith(hedge.resolve("scenarios/ban/summary.json") + ": missing"), e.getMessage());
    }

    @Test
    void compareLinesUpAHedgedRunByItsExpectedFiguresBesideAPlan() throws Exception {
        Path hedge = hedge(false);
        Path plain = hedge.resolve("scenarios/base");
        Path out = Files.createDirectory(tmp.resolve("compare"));
        CompareReport.write(out, List.of(RunDigest.read(plain), RunDigest.read(hedge)));
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(out.resolve("compare.csv"));
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = p.getRecords();
        }
        JsonNode s = JSON.readTree(hedge.resolve("summary.json").toFile());
        CSVRecord h = rows.get(1);
        assertEquals("base", rows.get(0).get("scenario"));
        assertEquals("hedged export-controls (expected over 2 futures)", h.get("scenario"));
        assertEquals(s.at("/expected/total_cost_usd").asDouble(), Double.parseDouble(h.get("total_cost_usd")));
        assertEquals(s.at("/expected/usd_per_million_inferences").asDouble(),
                Double.parseDouble(h.get("usd_per_million_inferences")));
        // servers in the last quarter: 100 ppu in base, 300 in ban
        assertEquals(0.6 * 100 + 0.4 * 300, Double.parseDouble(h.get("servers.sao-paulo / ppu")), 1e-9);
        assertEquals("100", rows.get(0).get("servers.sao-paulo / ppu"));
        // a cost per unit in expectation: expected cost over expected inferences served
        double cost = 0;
        double served = 0;
        for (String f : List.of("base", "ban")) {
            double p = f.equals("base") ? 0.6 : 0.4;
            for (JsonNode w : JSON.readTree(hedge.resolve("scenarios/" + f + "/summary.json").toFile()).path("cost_by_workload")) {
                if (w.path("workload").asText().equals("embedding")) {
                    cost += p * w.path("cost_usd").asDouble();
                    served += p * w.path("served_inferences").asDouble();
                }
            }
        }
        assertEquals(cost / served * 1e6, Double.parseDouble(h.get("usd_per_million_inferences.workload.embedding")),
                1e-9 * cost / served * 1e6);
        String html = Files.readString(out.resolve("compare.html"));
        assertTrue(html.contains("id=\"hedged-note\""), html);
        assertTrue(html.contains("<td>hedged export-controls (expected over 2 futures) (hedge)</td>"), html);
    }

    /** capex_usd of servers.csv (chip given, by quarter) or builds.csv (by ready quarter) at Sao Paulo. */
    private static double capex(Path file, String quarter, String chip) throws Exception {
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) {
                boolean match = chip == null ? rec.get("ready_quarter").equals(quarter)
                        : rec.get("quarter").equals(quarter) && rec.get("chip").equals(chip);
                if (match && rec.get("site").equals("sao-paulo")) {
                    return Double.parseDouble(rec.get("capex_usd"));
                }
            }
        }
        return 0;
    }
}
