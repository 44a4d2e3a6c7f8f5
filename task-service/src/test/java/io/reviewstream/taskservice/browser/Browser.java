package io.reviewstream.taskservice.browser;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import io.reviewstream.embedded.RequiredTools;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven by the system chromedriver, with a fresh profile per browser; see {@link RequiredTools}
 * for what happens where Chromium is not installed.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path[] CHROMIUM = {Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser")};

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static void assumeAvailable() {
        boolean available = Stream.of(CHROMIUM).anyMatch(Files::isExecutable) && Files.isExecutable(CHROMEDRIVER);
        RequiredTools.assumeAvailable(available,
                "Chromium and its driver for the browser tests (Debian: apt-get install chromium chromium-driver)");
    }

    static Browser start() {
        assumeAvailable();
        try {
            Path profile = Files.createTempDirectory("rs-chromium-");
            ChromeOptions options = new ChromeOptions();
            Stream.of(CHROMIUM).filter(Files::isExecutable).findFirst().ifPresent(p -> options.setBinary(p.toFile()));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1400,1000");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
