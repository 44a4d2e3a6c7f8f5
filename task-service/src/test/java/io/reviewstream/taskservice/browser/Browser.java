package io.reviewstream.taskservice.browser;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.reviewstream.embedded.RequiredTools;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by the system chromedriver, with a fresh profile per browser; see {@link RequiredTools}
 * for what happens where Chromium is not installed. Public for the examples' end-to-end tests.
 *
 * <p>A cold Chromium on a busy two-core machine can take many seconds for its first page, so waits for a page to
 * become ready are generous ({@link #PAGE_READY}); a wait that still times out fails with the browser's console
 * log, the URL and the page source, so that a real failure explains itself.
 */
public final class Browser implements AutoCloseable {

    public static final Duration PAGE_READY = Duration.ofSeconds(30);
    private static final int PAGE_SOURCE_LIMIT = 20_000;

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path[] CHROMIUM = {Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser")};

    public final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static void assumeAvailable() {
        boolean available = Stream.of(CHROMIUM).anyMatch(Files::isExecutable) && Files.isExecutable(CHROMEDRIVER);
        RequiredTools.assumeAvailable(available,
                "Chromium and its driver for the browser tests (Debian: apt-get install chromium chromium-driver)");
    }

    public static Browser start() {
        assumeAvailable();
        try {
            Path profile = Files.createTempDirectory("rs-chromium-");
            ChromeOptions options = new ChromeOptions();
            Stream.of(CHROMIUM).filter(Files::isExecutable).findFirst().ifPresent(p -> options.setBinary(p.toFile()));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1400,1000");
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs in to the worker portal of a task-service once; worker pages opened afterwards are in that session. */
    public void signIn(String taskService, String worker, String password) {
        driver.get(taskService + "/");
        waitUntil("the sign-in page", PAGE_READY, d -> d.getCurrentUrl().contains("/login.html"));
        driver.findElement(By.id("username")).sendKeys(worker);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waitUntil("the queue after signing in", PAGE_READY,
                d -> !d.getCurrentUrl().contains("/login.html") && !d.findElements(By.id("start")).isEmpty());
    }

    /** Waits until the script returns true. */
    public void waitFor(String what, Duration timeout, String script) {
        waitUntil(what, timeout, d -> Boolean.TRUE.equals(driver.executeScript(script)));
    }

    /** Waits until the condition holds, failing with what the browser saw. */
    public void waitUntil(String what, Duration timeout, Function<WebDriver, Boolean> condition) {
        try {
            // elements come and go while a page loads or navigates: only the timeout decides
            new WebDriverWait(driver, timeout).ignoring(WebDriverException.class).until(condition::apply);
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what + "\n"
                    + diagnostics(), e);
        }
    }

    /** The page's URL, the browser console since the last call, and the page source (shortened). */
    public String diagnostics() {
        StringBuilder out = new StringBuilder();
        try {
            out.append("URL: ").append(driver.getCurrentUrl()).append('\n');
        } catch (WebDriverException e) {
            out.append("URL: unavailable (").append(e.getMessage()).append(")\n");
        }
        try {
            List<LogEntry> console = driver.manage().logs().get(LogType.BROWSER).getAll();
            out.append("Browser console (").append(console.size()).append(" entries):\n")
                    .append(console.stream().map(entry -> "  " + entry.getLevel() + " " + entry.getMessage())
                            .collect(Collectors.joining("\n")))
                    .append('\n');
        } catch (WebDriverException e) {
            out.append("Browser console: unavailable (").append(e.getMessage()).append(")\n");
        }
        try {
            String source = driver.getPageSource();
            out.append("Page source").append(source.length() > PAGE_SOURCE_LIMIT ? " (first " + PAGE_SOURCE_LIMIT
                    + " of " + source.length() + " characters)" : "").append(":\n")
                    .append(source, 0, Math.min(source.length(), PAGE_SOURCE_LIMIT));
        } catch (WebDriverException e) {
            out.append("Page source: unavailable (").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
