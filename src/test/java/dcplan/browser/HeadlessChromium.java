package dcplan.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code /usr/bin/chromedriver}) for
 * tests of the HTML files dcplan writes (report.html, diff.html, ...). Missing browser or driver
 * is a failure, not a skip: {@code bin/lib/install-browser-deps.sh} installs them (the test
 * command runs it). Selenium Manager is never asked for anything: the driver and the browser
 * binary are both given, and the browser runs with a fresh profile and no background
 * networking, so a page that fetches anything shows up in {@link #resourcesFetched()}.
 *
 * <pre>
 * try (HeadlessChromium browser = HeadlessChromium.start()) {
 *     browser.open(run.resolve("report.html"));
 *     browser.assertSvgDrawn(browser.driver().findElement(By.cssSelector("svg[data-chart]")));
 *     browser.screenshot(Path.of("target/report-screenshot.png"));
 * }
 * </pre>
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final String INSTALL = "bin/lib/install-browser-deps.sh";

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium at the given window width (height grows for screenshots); fails when it is not installed. */
    public static HeadlessChromium start(int width, int height) throws IOException {
        requireInstalled();
        Path profile = Files.createTempDirectory("dcplan-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new HeadlessChromium(driver, profile);
    }

    public static HeadlessChromium start() throws IOException {
        return start(1280, 900);
    }

    /** Fails (never skips) with what to run when the browser or its driver is missing. */
    public static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
        }
        if (!missing.isEmpty()) {
            fail("headless Chromium is needed for this test but " + String.join(" and ", missing)
                    + " is missing: run " + INSTALL + " (bin/test runs it first)");
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a local HTML file (file://) and waits until the document has loaded. */
    public void open(Path html) {
        assertTrue(Files.isRegularFile(html), html + ": no such file");
        driver.get(html.toAbsolutePath().toUri().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"complete".equals(js("return document.readyState")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Runs a script in the page and returns its result. */
    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Elements matching a CSS selector, in document order. */
    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The values of {@code attribute} of the elements matching {@code css}, in document order. */
    public List<String> attributes(String css, String attribute) {
        return all(css).stream().map(e -> e.getAttribute(attribute)).toList();
    }

    /** URLs of everything the page fetched (images, styles, scripts, fonts): a self-contained page has none. */
    @SuppressWarnings("unchecked")
    public List<String> resourcesFetched() {
        return (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)");
    }

    /**
     * Asserts an inline SVG chart rendered: a non-zero box on the page and at least
     * {@code minShapes} drawn shapes (path, rect, line, polyline, polygon, circle, ellipse) with a
     * non-zero bounding box, plus some text (axis or legend labels).
     */
    public void assertSvgDrawn(WebElement svg, int minShapes) {
        String name = svg.getAttribute("id");
        Dimension size = svg.getSize();
        assertTrue(size.getWidth() > 50 && size.getHeight() > 50, name + ": rendered at " + size);
        Object shapes = js("""
                const svg = arguments[0]; let n = 0;
                for (const e of svg.querySelectorAll('path,rect,line,polyline,polygon,circle,ellipse')) {
                  if (e.closest('defs')) continue;
                  const b = e.getBBox(); if (b.width > 0 || b.height > 0) n++;
                }
                return n;""", svg);
        assertTrue(((Number) shapes).intValue() >= minShapes, name + ": " + shapes + " drawn shapes, expected at least " + minShapes);
        Object texts = js("return Array.from(arguments[0].querySelectorAll('text')).filter(t => t.getComputedTextLength() > 0).length", svg);
        assertTrue(((Number) texts).intValue() > 0, name + ": no visible text (axis or legend labels)");
    }

    /** Asserts a table rendered with at least {@code minRows} body rows and a header. */
    public void assertTableRendered(WebElement table, int minRows) {
        String name = table.getAttribute("id");
        assertTrue(table.getSize().getHeight() > 0 && table.getSize().getWidth() > 0, name + ": not rendered");
        int headers = table.findElements(By.cssSelector("thead th")).size();
        int rows = table.findElements(By.cssSelector("tbody tr")).size();
        assertTrue(headers > 0, name + ": no header");
        assertTrue(rows >= minRows, name + ": " + rows + " rows, expected at least " + minRows);
    }

    /**
     * Saves a screenshot of the whole page (the window is grown to the document's height first,
     * up to {@code maxHeight} pixels) and returns the file.
     */
    public Path screenshot(Path png, int maxHeight) throws IOException {
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) js("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
        // the window is taller than the viewport by the (headless) browser frame: add a margin
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(maxHeight, Math.max(height + 160, 200))));
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.copy(shot.toPath(), png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(before);
        return png;
    }

    public Path screenshot(Path png) throws IOException {
        return screenshot(png, 16_000);
    }

    /** The browser's version, e.g. for a test's log. */
    public String version() {
        Object caps = driver.getCapabilities().getCapability("browserVersion");
        return String.valueOf(caps);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
