package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcplan.browser.HeadlessChromium;
import dcplan.cli.Main;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.model.Site;
import dcplan.plan.ReportThresholds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plans a small demand with the CLI, then opens the run's report.html in a real headless
 * Chromium: sections in order, every chart's SVG drawn, tables with rows, headline figures equal
 * to summary.json's as formatted, nothing fetched; keeps target/report-screenshot.png.
 * Chromium missing is a failure (run bin/lib/install-browser-deps.sh), never a skip.
 */
class ReportBrowserTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCREENSHOT = Path.of("target/report-screenshot.png");

    @TempDir
    static Path tmp;
    static Path run;
    static JsonNode summary;
    static PlanningModel model;
    static HeadlessChromium browser;

    @BeforeAll
    static void planAndOpen() throws Exception {
        HeadlessChromium.requireInstalled();
        Path demand = writeDemand(tmp.resolve("demand.csv"));
        run = tmp.resolve("runs/report-test");
        int exit = Main.run("plan", "--models", "models", "--demand", demand.toString(), "--time-limit", "3s",
                "--lp-time-limit", "30s", "--polish-time-limit", "30s", "--out", run.toString());
        assertTrue(exit == 0 || exit == 3, "dcplan plan exited " + exit);
        summary = JSON.readTree(run.resolve("summary.json").toFile());
        model = ModelLoader.load(run.resolve("inputs/models"));
        browser = HeadlessChromium.start(1280, 900);
        browser.open(run.resolve(ReportWriter.HTML));
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /** Three regions, five cells, every quarter of the sample horizon, growing: small but not trivial. */
    static Path writeDemand(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("region,workload,quarter,peak_ips,avg_ips\n");
        // large enough that servers and MW are bought beyond the existing ones
        String[][] cells = {{"brazil", "llm-chat", "9000"}, {"brazil", "embedding", "600000"},
                {"france", "llm-batch", "5000"}, {"sea-maritime", "llm-chat", "12000"},
                {"sea-maritime", "recsys", "1500000"}};
        for (String[] c : cells) {
            for (int i = 0; i < 12; i++) {
                double peak = Double.parseDouble(c[2]) * Math.pow(1.15, i);
                csv.append(String.format(Locale.ROOT, "%s,%s,%dQ%d,%.1f,%.1f%n", c[0], c[1], 2026 + i / 4, i % 4 + 1,
                        peak, 0.55 * peak));
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theRunFolderHoldsBothReportsAndNoTemporaryFiles() throws IOException {
        assertTrue(Files.size(run.resolve(ReportWriter.HTML)) > 10_000);
        assertTrue(Files.size(run.resolve(ReportWriter.MARKDOWN)) > 1_000);
        assertTrue(Files.isRegularFile(run.resolve(ReportWriter.EXPLANATION)), "the solver's score explanation is kept");
        try (Stream<Path> files = Files.list(run)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".")), "temporary files left in " + run);
        }
        try (Stream<Path> siblings = Files.list(run.getParent())) {
            assertEquals(1, siblings.count(), "only the run folder, no temporary sibling");
        }
    }

    @Test
    void sectionsAppearInOrder() {
        assertEquals(ReportWriter.SECTIONS, browser.attributes("section[data-section]", "data-section"));
        for (WebElement s : browser.all("section[data-section]")) {
            assertTrue(s.isDisplayed() && s.getSize().getHeight() > 40, s.getAttribute("id") + " is not rendered");
            assertFalse(s.findElement(By.tagName("h2")).getText().isBlank(), s.getAttribute("id") + " has no title");
        }
    }

    @Test
    void everyChartIsAnInlineSvgWithDrawnShapes() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("capex-by-year-chart", "capex-by-year");
        expected.put("cash-by-quarter-chart", "cash-by-quarter");
        expected.put("capex-by-site-chart", "capex-by-site");
        for (String site : sitesWithCommitments()) {
            expected.put("commitments-" + site, "commitments");
        }
        expected.put("chip-mix-chart", "chip-mix");
        expected.put("cost-per-region-chart", "cost-per-region");
        for (Site s : model.sites()) {
            expected.put("power-" + s.id(), "power");
        }
        expected.put("utilisation-chart", "utilisation");
        List<String> found = browser.attributes("svg[data-chart]", "data-chart");
        assertEquals(new ArrayList<>(expected.keySet()), found);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            WebElement svg = browser.driver().findElement(By.cssSelector("section#" + e.getValue() + " svg[data-chart='" + e.getKey() + "']"));
            browser.assertSvgDrawn(svg, 5);
        }
        assertEquals(List.of(), browser.resourcesFetched(), "report.html must be self-contained");
        assertTrue(browser.all("script, link, img, iframe").isEmpty(), "no script, link, img or iframe");
    }

    @Test
    void tablesHaveRows() {
        browser.assertTableRendered(table("cost-terms"), 3);
        browser.assertTableRendered(table("capex-by-year"), summary.get("capex_by_year").size());
        browser.assertTableRendered(table("capex-by-site"), model.sites().size());
        browser.assertTableRendered(table("chip-mix"), model.sites().size());
        browser.assertTableRendered(table("cost-per-region"), 1);
        browser.assertTableRendered(table("power"), model.sites().size());
        browser.assertTableRendered(table("utilisation"), 1);
        browser.assertTableRendered(table("flows"), lines("plan/flows.csv"));
        browser.assertTableRendered(table("servers"), lines("plan/servers.csv"));
        browser.assertTableRendered(table("facility"), lines("plan/facility.csv"));
        browser.assertTableRendered(table("builds"), Math.max(1, lines("plan/builds.csv")));
        browser.assertTableRendered(table("cash-by-quarter"), model.quarters().size());
        browser.assertTableRendered(table("unmet"), 1); // rows, or the one "none" row
        // the full tables: one row per CSV row
        assertEquals(lines("plan/flows.csv"), table("flows").findElements(By.cssSelector("tbody tr")).size());
        assertEquals(lines("plan/servers.csv"), table("servers").findElements(By.cssSelector("tbody tr")).size());
        assertEquals(lines("plan/facility.csv"), table("facility").findElements(By.cssSelector("tbody tr")).size());
    }

    /** Sites with a build or an order, in the model's order (those the commitments section draws). */
    static List<String> sitesWithCommitments() {
        java.util.Set<String> sites = new java.util.HashSet<>();
        for (String[] r : rows("plan/builds.csv")) {
            if (Double.parseDouble(r[3]) > 0) {
                sites.add(r[0]);
            }
        }
        for (String[] r : rows("plan/servers.csv")) {
            if (Integer.parseInt(r[4]) > 0) {
                sites.add(r[0]);
            }
        }
        return model.sites().stream().map(Site::id).filter(sites::contains).toList();
    }

    @Test
    void theCommitmentsTimelineDrawsEveryBuildAndEveryChipOrdered() {
        List<String> sites = sitesWithCommitments();
        assertFalse(sites.isEmpty(), "the test demand makes the plan build or order something");
        for (String site : sites) {
            WebElement svg = browser.driver().findElement(By.cssSelector("section#commitments svg[data-chart='commitments-" + site + "']"));
            String text = svg.getText();
            assertTrue(text.contains(site), "titled with the site: " + text);
            for (String[] r : rows("plan/servers.csv")) {
                if (r[0].equals(site) && Integer.parseInt(r[4]) > 0) {
                    assertTrue(text.contains(r[1] + " orders"), site + ": a row for the orders of " + r[1] + ": " + text);
                }
            }
            boolean builds = rows("plan/builds.csv").stream().anyMatch(r -> r[0].equals(site) && Double.parseDouble(r[3]) > 0);
            assertEquals(builds, text.contains("builds"), site + ": a builds row exactly when it builds: " + text);
        }
    }

    @Test
    void cashByQuarterAddsUpTheServersAndTheFacilityCashOfThePlanFiles() {
        List<WebElement> trs = table("cash-by-quarter").findElements(By.cssSelector("tbody tr"));
        assertEquals(model.quarters().size(), trs.size());
        for (int q = 0; q < trs.size(); q++) {
            String quarter = model.quarters().get(q).toString();
            double servers = rows("plan/servers.csv").stream().filter(r -> r[2].equals(quarter))
                    .mapToDouble(r -> Double.parseDouble(r[5])).sum();
            double facility = rows("plan/facility.csv").stream().filter(r -> r[1].equals(quarter))
                    .mapToDouble(r -> Double.parseDouble(r[4])).sum();
            List<WebElement> cells = trs.get(q).findElements(By.tagName("td"));
            assertEquals(quarter, cells.get(0).getText());
            assertEquals(ReportFormat.usd(servers), cells.get(1).getText(), quarter + " servers");
            assertEquals(ReportFormat.usd(facility), cells.get(2).getText(), quarter + " facility construction");
            assertEquals(ReportFormat.usd(servers + facility), cells.get(3).getText(), quarter + " paid");
        }
    }

    @Test
    void theHeadlineOpensWithTheWorkloadTableAndTheSourcingTablesRender() {
        WebElement first = browser.driver().findElement(By.cssSelector("section#headline table"));
        assertEquals("table-workloads", first.getAttribute("id"), "the workload table comes first in the headline");
        browser.assertTableRendered(first, model.workloads().size() + 1);
        List<WebElement> rows = first.findElements(By.cssSelector("tbody tr"));
        assertEquals("blended, all workloads", rows.get(rows.size() - 1).findElement(By.tagName("td")).getText());
        browser.assertTableRendered(table("cost-per-region-and-workload"), 1);
        browser.assertTableRendered(table("cross-border"), 1);
        browser.assertTableRendered(table("domestic-chips"), 1);
        assertEquals(summary.get("sourcing").size(), table("sourcing").findElements(By.cssSelector("tbody tr")).size());
    }

    @Test
    void headlineFiguresEqualSummaryJsonAsFormatted() {
        Map<String, Function<JsonNode, String>> figures = new LinkedHashMap<>();
        figures.put("usd_per_million_inferences", n -> ReportFormat.usdPerMillion(ReportFormat.number(n)));
        figures.put("total_cost_usd", n -> ReportFormat.usd(n.asDouble()));
        figures.put("cost_usd.server_capex_amortized", n -> ReportFormat.usd(n.asDouble()));
        figures.put("cost_usd.facility_capex_amortized", n -> ReportFormat.usd(n.asDouble()));
        figures.put("cost_usd.energy", n -> ReportFormat.usd(n.asDouble()));
        figures.put("served_inferences", n -> ReportFormat.count(n.asDouble()));
        // round-off shows as 0 (ReportThresholds): a millionth of the demand volume
        figures.put("unmet_inferences", n -> ReportFormat.count(ReportThresholds.shown(n.asDouble(),
                summary.get("served_inferences").asDouble() + n.asDouble())));
        figures.put("feasible", n -> n.asBoolean() ? "yes" : "no");
        figures.put("scenario", JsonNode::asText);
        figures.put("inputs_sha256", JsonNode::asText);
        for (Map.Entry<String, Function<JsonNode, String>> f : figures.entrySet()) {
            JsonNode node = summary.at("/" + f.getKey().replace('.', '/'));
            assertFalse(node.isMissingNode(), "summary.json has no " + f.getKey());
            List<WebElement> spans = browser.all("section#headline [data-summary='" + f.getKey() + "'], header [data-summary='" + f.getKey() + "']");
            assertFalse(spans.isEmpty(), "no [data-summary=" + f.getKey() + "] in the headline");
            for (WebElement span : spans) {
                assertTrue(span.isDisplayed(), f.getKey() + " is not displayed");
                assertEquals(f.getValue().apply(node), span.getText(), f.getKey());
                String raw = span.getAttribute("data-value");
                if (raw != null && node.isNumber()) {
                    assertEquals(node.asDouble(), Double.parseDouble(raw), 0.0, f.getKey() + " data-value");
                }
            }
        }
        // and the figures are formatted for people
        String total = browser.driver().findElement(By.cssSelector("[data-summary='total_cost_usd']")).getText();
        assertTrue(total.matches("USD \\d{1,3}(,\\d{3})*"), total);
    }

    @Test
    void bindingLimitsAreExplainedInWords() {
        WebElement section = browser.driver().findElement(By.id("binding-limits"));
        int limits = summary.get("binding_limits").size();
        if (limits == 0) {
            assertTrue(section.findElement(By.id("no-binding-limits")).isDisplayed());
        } else {
            List<WebElement> items = section.findElements(By.cssSelector("#binding-limit-list > li"));
            assertEquals(limits, items.size());
            for (int i = 0; i < limits; i++) {
                assertTrue(items.get(i).getText().contains(summary.get("binding_limits").get(i).get("sentence").asText()));
            }
        }
        String explanation = section.findElement(By.id("score-explanation")).getText();
        assertTrue(explanation.startsWith("Score "), explanation);
        assertTrue(explanation.contains("Server capex (amortised) [soft]"), explanation);
        // the written plan's: its cost terms are the headline's, and the report says where they come from
        assertTrue(explanation.startsWith("Score of the written plan: "), explanation);
        assertTrue(explanation.contains("Server capex (amortised) [soft]: "
                + ReportFormat.usd(summary.at("/cost_usd/server_capex_amortized").asDouble())), explanation);
        assertTrue(explanation.contains("Energy [soft]: " + ReportFormat.usd(summary.at("/cost_usd/energy").asDouble())), explanation);
        assertTrue(section.getText().contains("explained through the independent evaluator's per-constraint results"),
                section.getText());
    }

    /**
     * The headline's four cards stay in their row, each figure whole (not clipped), at widths
     * from 1,024 to 1,920 px: for this run's report and for the same report with figures as
     * large as the sample model's (a quadrillion inferences served, which ran out of the row).
     */
    @Test
    void theHeadlineRowFitsFrom1024To1920PixelsWide() throws IOException {
        Path large = tmp.resolve("large-figures");
        HedgedFolderFixture.copyTree(run, large);
        com.fasterxml.jackson.databind.node.ObjectNode s = (com.fasterxml.jackson.databind.node.ObjectNode) summary.deepCopy();
        s.put("served_inferences", 1_258_664_928_870_405.0);
        s.put("unmet_inferences", 987_654_321_098_765.0);
        s.put("total_cost_usd", 693_302_960_123.0);
        s.put("usd_per_million_inferences", 0.5508);
        JSON.writeValue(large.resolve("summary.json").toFile(), s);
        Files.writeString(large.resolve(ReportWriter.HTML), ReportWriter.renderRunFolder(large).html());
        try (HeadlessChromium narrow = HeadlessChromium.start(1024, 900)) {
            for (Path report : List.of(run.resolve(ReportWriter.HTML), large.resolve(ReportWriter.HTML))) {
                narrow.open(report);
                for (int width : new int[]{1024, 1152, 1280, 1400, 1600, 1920}) {
                    narrow.driver().manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
                    assertHeadlineFits(narrow, report.getParent().getFileName() + " at " + width + " px");
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void assertHeadlineFits(HeadlessChromium browser, String where) {
        List<List<Number>> cards = (List<List<Number>>) browser.js("""
                const row = document.querySelector('#headline .cards').getBoundingClientRect();
                return Array.from(document.querySelectorAll('#headline .card')).map(c => {
                  const r = c.getBoundingClientRect(), v = c.querySelector('.value'), f = v.querySelector('.fig').getBoundingClientRect();
                  return [r.left - row.left, row.right - r.right, r.top - row.top, v.clientWidth - v.scrollWidth,
                          v.getBoundingClientRect().right - f.right, document.documentElement.clientWidth];
                });""");
        assertEquals(4, cards.size(), where);
        for (int i = 0; i < cards.size(); i++) {
            List<Number> c = cards.get(i);
            String card = where + ", card " + (i + 1) + " " + c;
            assertTrue(c.get(0).doubleValue() >= -0.5 && c.get(1).doubleValue() >= -0.5, "inside the row: " + card);
            assertTrue(Math.abs(c.get(2).doubleValue()) < 0.5, "on the row's line: " + card);
            assertTrue(c.get(3).doubleValue() >= 0, "the figure is not clipped: " + card);
            assertTrue(c.get(4).doubleValue() >= -0.5, "the figure ends inside its card: " + card);
        }
    }

    @Test
    void markdownReportHasTheSameHeadlineNumbers() throws IOException {
        String md = Files.readString(run.resolve(ReportWriter.MARKDOWN));
        assertTrue(md.contains("| Cost per million inferences (blended, all workloads) | "
                + ReportFormat.usdPerMillion(ReportFormat.number(summary.get("usd_per_million_inferences"))) + " |"), md);
        assertTrue(md.contains("| Total cost | " + ReportFormat.usd(summary.get("total_cost_usd").asDouble()) + " |"));
        assertTrue(md.contains("| Energy | " + ReportFormat.usd(summary.at("/cost_usd/energy").asDouble()) + " |"));
        assertTrue(md.contains("| Served inferences | " + ReportFormat.count(summary.get("served_inferences").asDouble())));
        assertTrue(md.contains("| Unmet inferences | " + ReportFormat.count(ReportThresholds.shown(summary.get("unmet_inferences").asDouble(),
                summary.get("served_inferences").asDouble() + summary.get("unmet_inferences").asDouble()))));
        assertTrue(md.contains("| Feasible | " + (summary.get("feasible").asBoolean() ? "yes" : "no") + " |"));
    }

    @Test
    void aReportRebuiltFromTheRunFolderFilesIsTheSame() throws IOException {
        ReportWriter.Report again = ReportWriter.renderRunFolder(run);
        assertEquals(Files.readString(run.resolve(ReportWriter.HTML)), again.html());
        assertEquals(Files.readString(run.resolve(ReportWriter.MARKDOWN)), again.markdown());
    }

    @Test
    void screenshotIsKeptInTarget() throws IOException {
        browser.screenshot(SCREENSHOT);
        assertTrue(Files.size(SCREENSHOT) > 50_000, "screenshot too small: " + Files.size(SCREENSHOT) + " bytes");
        System.out.println("report screenshot: " + SCREENSHOT.toAbsolutePath() + " (Chromium " + browser.version() + ")");
    }

    static WebElement table(String name) {
        return browser.driver().findElement(By.cssSelector("table[data-table='" + name + "']"));
    }

    /** The rows of a plan CSV, split on commas (no field of these files holds one). */
    static List<String[]> rows(String file) {
        try (Stream<String> l = Files.lines(run.resolve(file))) {
            return l.skip(1).map(line -> line.split(",", -1)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int lines(String file) {
        try (Stream<String> l = Files.lines(run.resolve(file))) {
            return (int) l.count() - 1;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
