package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcplan.browser.HeadlessChromium;
import dcplan.cli.WhatIfFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A what-if run's diff.html (brazil-demand-surge on a small baseline, {@link WhatIfFixture}) in a
 * real headless Chromium: sections in order, the capex chart drawn, tables with rows, the
 * headline's baseline and what-if cells equal to the two summary.json files' figures as
 * formatted, nothing fetched; keeps target/diff-screenshot.png. The what-if's report.html is
 * opened too (its charts drawn, its headline equal to its summary). Chromium missing is a
 * failure (run bin/lib/install-browser-deps.sh), never a skip.
 */
class DiffBrowserTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCREENSHOT = Path.of("target/diff-screenshot.png");
    static final List<String> SECTIONS = List.of("scenario-changes", "headline", "cost-of-hindsight", "cost-by-workload",
            "cost-by-region", "capex-by-year", "servers-by-site-chip", "capex-by-site", "capex-by-chip", "capex-by-quarter",
            "unmet-by-region", "binding-limits");

    static WhatIfFixture.Runs runs;
    static RunDigest baseline;
    static RunDigest whatIf;
    static HeadlessChromium browser;

    @BeforeAll
    static void planAndOpen() throws IOException {
        HeadlessChromium.requireInstalled();
        runs = WhatIfFixture.get();
        int exit = runs.whatIfRun().exitCode();
        assertTrue(exit == 0 || exit == 3, "whatif exited " + exit + ":\n" + runs.whatIfRun().stderr());
        baseline = RunDigest.read(runs.baseline());
        whatIf = RunDigest.read(runs.whatIf());
        browser = HeadlessChromium.start(1280, 900);
        browser.open(runs.whatIf().resolve("diff.html"));
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void sectionsAppearInOrderAndRender() {
        assertEquals(SECTIONS, browser.attributes("body > section", "id"));
        for (WebElement s : browser.all("body > section")) {
            assertTrue(s.isDisplayed() && s.getSize().getHeight() > 30, s.getAttribute("id") + " is not rendered");
            assertFalse(s.findElement(By.tagName("h2")).getText().isBlank(), s.getAttribute("id") + " has no title");
        }
        assertTrue(browser.all("#scenario-changes li").size() >= 5, "the surge's five demand changes are listed");
    }

    @Test
    void tablesHaveRows() {
        browser.assertTableRendered(browser.driver().findElement(By.id("headline-table")), 7);
        browser.assertTableRendered(browser.driver().findElement(By.id("capex-by-site-table")), 1);
        browser.assertTableRendered(browser.driver().findElement(By.id("capex-by-chip-table")), 1);
        browser.assertTableRendered(browser.driver().findElement(By.id("capex-by-quarter-table")), 1);
        // unmet by region may be "None in either plan": then there is no table, and the text says so
        List<WebElement> unmet = browser.all("#unmet-by-region-table");
        if (unmet.isEmpty()) {
            assertTrue(browser.driver().findElement(By.id("unmet-by-region")).getText().contains("None in either plan"));
        } else {
            browser.assertTableRendered(unmet.get(0), 1);
        }
        java.util.Set<String> sites = new java.util.TreeSet<>();
        baseline.capexBySite().forEach((site, usd) -> { if (usd != 0) sites.add(site); });
        whatIf.capexBySite().forEach((site, usd) -> { if (usd != 0) sites.add(site); });
        assertFalse(sites.isEmpty(), "the fixture's demand outgrows the installed base: some capex");
        assertEquals(new ArrayList<>(sites), browser.all("#capex-by-site-table tbody td:first-child").stream()
                .map(WebElement::getText).toList(), "one row per site with capex in either plan, none for the others");
    }

    @Test
    void theCapexChartIsAnInlineSvgWithDrawnBars() {
        List<WebElement> svgs = browser.all("#capex-by-site svg[data-chart]");
        assertEquals(1, svgs.size(), "one chart in the capex-by-site section");
        assertEquals(DiffReport.CAPEX_CHART, svgs.get(0).getAttribute("data-chart"));
        browser.assertSvgDrawn(svgs.get(0), 2);
        String text = svgs.get(0).getText();
        assertTrue(text.contains("baseline") && text.contains("what-if"), "legend names both plans: " + text);
    }

    @Test
    void headlineCellsEqualBothSummariesAsFormatted() throws IOException {
        JsonNode b = JSON.readTree(runs.baseline().resolve("summary.json").toFile());
        JsonNode w = JSON.readTree(runs.whatIf().resolve("summary.json").toFile());
        List<String[]> expected = new ArrayList<>();
        expected.add(new String[]{"USD per million inferences", Html.usd4(b.path("usd_per_million_inferences").asDouble()),
                Html.usd4(w.path("usd_per_million_inferences").asDouble())});
        expected.add(new String[]{"total cost (USD)", Html.usd(b.path("total_cost_usd").asDouble()), Html.usd(w.path("total_cost_usd").asDouble())});
        expected.add(new String[]{"server capex, amortised (USD)", Html.usd(b.path("cost_usd").path("server_capex_amortized").asDouble()),
                Html.usd(w.path("cost_usd").path("server_capex_amortized").asDouble())});
        expected.add(new String[]{"facility capex, amortised (USD)", Html.usd(b.path("cost_usd").path("facility_capex_amortized").asDouble()),
                Html.usd(w.path("cost_usd").path("facility_capex_amortized").asDouble())});
        expected.add(new String[]{"energy (USD)", Html.usd(b.path("cost_usd").path("energy").asDouble()), Html.usd(w.path("cost_usd").path("energy").asDouble())});
        expected.add(new String[]{"served inferences", count(b.path("served_inferences").asDouble()), count(w.path("served_inferences").asDouble())});
        expected.add(new String[]{"unmet inferences", count(b.path("unmet_inferences").asDouble()), count(w.path("unmet_inferences").asDouble())});
        List<WebElement> rows = browser.all("#headline-table tbody tr");
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            String[] e = expected.get(i);
            assertEquals(e[0], cells.get(0).getText());
            assertEquals(e[1], cells.get(1).getText(), "baseline " + e[0]);
            assertEquals(e[2], cells.get(2).getText(), "what-if " + e[0]);
            assertTrue(cells.get(1).isDisplayed() && cells.get(2).isDisplayed());
        }
        String feasible = browser.driver().findElement(By.cssSelector("#headline p")).getText();
        assertTrue(feasible.contains("Baseline plan feasible: " + (b.path("feasible").asBoolean() ? "YES" : "NO"))
                || feasible.contains("Baseline plan feasible: " + (b.path("feasible").asBoolean() ? "yes" : "no")), feasible);
    }

    /** A count as the diff shows it: whole numbers, and "< 1" for a sliver above zero. */
    static String count(double v) {
        return v != 0 && Math.abs(v) < 0.5 ? "< 1" : Html.count(v);
    }

    @Test
    void nothingIsFetchedAndAScreenshotIsKept() throws IOException {
        assertEquals(List.of(), browser.resourcesFetched(), "diff.html must be self-contained");
        browser.screenshot(SCREENSHOT);
        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot " + SCREENSHOT);
    }

    @Test
    void theWhatIfsReportHtmlRendersItsChartsAndItsSummary() throws IOException {
        try (HeadlessChromium other = HeadlessChromium.start(1280, 900)) {
            other.open(runs.whatIf().resolve(ReportWriter.HTML));
            List<WebElement> charts = other.all("svg[data-chart]");
            assertFalse(charts.isEmpty(), "report.html has charts");
            for (WebElement svg : charts) {
                other.assertSvgDrawn(svg, 1);
            }
            JsonNode w = JSON.readTree(runs.whatIf().resolve("summary.json").toFile());
            // the report marks each headline figure with its summary.json path and raw value
            List<WebElement> figures = other.all("[data-summary]");
            assertFalse(figures.isEmpty(), "report.html's figures carry data-summary");
            int checked = 0;
            for (WebElement f : figures) {
                String path = f.getAttribute("data-summary");
                JsonNode n = w.at("/" + path.replace('.', '/'));
                if (n.isNumber()) {
                    checked++;
                    assertEquals(n.asDouble(), Double.parseDouble(f.getAttribute("data-value")), 1e-9 * Math.abs(n.asDouble()) + 1e-9, path);
                }
            }
            assertTrue(checked >= 3, checked + " numeric headline figures checked against summary.json");
            assertEquals(List.of(), other.resourcesFetched(), "report.html must be self-contained");
            // a what-if's report: its own section after the headline, with the cost of hindsight and what was kept
            assertEquals(ReportWriter.whatIfSections(), other.attributes("section[data-section]", "data-section"));
            WebElement mode = other.driver().findElement(By.id("what-if-mode"));
            assertEquals(w.at("/what_if/mode").asText(), mode.getAttribute("data-value"));
            assertTrue(mode.getText().contains("Made at " + w.path("decided_until").asText()), mode.getText());
            other.assertTableRendered(other.driver().findElement(By.cssSelector("table[data-table='hindsight']")), 5);
            long held = Files.lines(runs.whatIf().resolve("held.csv")).count() - 1;
            other.assertTableRendered(other.driver().findElement(By.cssSelector("table[data-table='held']")), (int) Math.max(1, held));
            assertEquals(Math.max(1, held), other.all("table[data-table='held'] tbody tr").size(), "one row per held.csv row");
            other.assertTableRendered(other.driver().findElement(By.cssSelector("table[data-table='stranded']")), 1);
            other.screenshot(Path.of("target/whatif-report-screenshot.png"));
        }
    }
}
