package io.reviewstream.taskservice.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser against the task page server, one of each for all the tests of a class: starting Chromium is what
 * makes a browser test slow. Skipped where there is no Chromium. Also what a test does on a task page: open it,
 * find and script its elements, submit and read the answer that reached the worker API.
 */
abstract class TaskPageBrowserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Marks readiness from the template itself, as the published samples do. */
    static final String READY_HOOK = """
            <script>
              document.addEventListener('all-crowd-elements-ready', function () { window.__crowdReady = true; });
            </script>
            """;

    static TaskPageServer server;
    static Browser browser;

    @BeforeAll
    static void startServerAndBrowser() {
        Browser.assumeAvailable();
        server = new TaskPageServer();
        browser = Browser.start();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Opens a page whose template ends with {@link #READY_HOOK} and waits for its crowd elements. */
    static void open(String url) {
        browser.driver.get(url);
        browser.waitFor("the crowd elements of " + url + " to be ready", Browser.PAGE_READY,
                "return window.__crowdReady === true");
    }

    static void waitFor(String script) {
        browser.waitFor(script, Duration.ofSeconds(10), script);
    }

    static Object js(String script, Object... args) {
        return browser.driver.executeScript(script, args);
    }

    static WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    static void submit() {
        find("crowd-button[form-action=submit] button").click();
    }

    /** Submits and returns the answerContent the page posted to the worker API (with the CSRF header). */
    static JsonNode submitted(String taskId) throws InterruptedException {
        submit();
        TaskPageServer.Posted post = server.nextPost(10);
        assertThat(post).as("the page posted an answer").isNotNull();
        assertThat(post.path()).isEqualTo("/api/worker/tasks/" + taskId + "/answer");
        assertThat(post.csrf()).isEqualTo(TaskPageServer.CSRF_TOKEN);
        JsonNode body = JSON.readTree(post.body());
        assertThat(body.propertyNames()).containsExactly("answerContent");
        // The page goes back to the queue once the answer is acknowledged; a test that opened its own page before
        // that navigation would be sent to the queue instead.
        browser.waitFor("the page to return to the queue after " + taskId, Browser.PAGE_READY,
                "return window.location.search.indexOf('submitted=') >= 0");
        return body.get("answerContent");
    }
}
