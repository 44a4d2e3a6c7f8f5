package io.reviewstream.taskservice.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reviewstream.templates.liquid.Html;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile task input on a worker page, in a real browser, with the page's Content Security Policy: whatever the
 * input holds (script elements, event handlers, {@code javascript:} URLs, attribute and string breakouts, a
 * {@code </script>} inside {@code to_json}), none of it runs, every value arrives as the text it was, and
 * {@code to_json} inside the template's script is the input's value. Each payload would set
 * {@code window.__pwned} and open an alert if it ran.
 */
class TemplateEscapesBrowserTest extends TaskPageBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String run(String name) {
        return "window.__pwned='" + name + "';alert('" + name + "')";
    }

    private static final String TEMPLATE = """
            <script>
              window.__violations = [];
              document.addEventListener('securitypolicyviolation', function (e) {
                window.__violations.push(e.violatedDirective);
              });
            </script>
            <crowd-form>
              <p id="text">{{ task.input.text }}</p>
              <div id="raw">{{ task.input.raw | skip_autoescape }}</div>
              <input type="hidden" name="attr" id="attr" value="{{ task.input.attr }}">
              <input type="hidden" name="single" id="single" value='{{ task.input.single }}'>
              <a id="link" href="{{ task.input.url }}">open</a>
              <div id="json" data-json="{{ task.input.obj | to_json }}"></div>
              <textarea id="area">{{ task.input.area }}</textarea>
            </crowd-form>
            <script>
              var d = {{ task.input.obj | to_json }};
              var s = '{{ task.input.str }}';
              window.__result = {d: d, s: s};
            </script>
            """;

    @Test
    void hostileInputDoesNotRunAndArrivesAsText() throws Exception {
        Map<String, Object> input = Map.of(
                "text", "<script>" + run("text") + "</script><img src=x onerror=\"" + run("text-img") + "\">",
                "raw", "<img src=/nothing onerror=\"" + run("raw-img") + "\"><script>" + run("raw-script") + "</script>"
                        + "<svg onload=\"" + run("raw-svg") + "\"></svg>",
                "attr", "\"><script>" + run("attr") + "</script><input value=\"",
                "single", "' autofocus onfocus='" + run("single") + "' x='",
                "url", "javascript:" + run("url"),
                "obj", Map.of("x", "</script><script>" + run("json") + "</script><!--", "q", "\"'\\`${1}",
                        "u", "\u2028\u2029", "n", List.of(1, 2.5, true)),
                "area", "</textarea><script>" + run("area") + "</script>",
                "str", "\\'; " + run("str") + "; //");
        String url = server.addTask("t-escapes", TEMPLATE, JSON.writeValueAsString(input));

        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
        String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("object-src 'none'");
        assertThat(csp.replaceAll(".*script-src ([^;]*);.*", "$1")).startsWith("'nonce-").doesNotContain("unsafe-inline");

        browser.driver.get(url);
        browser.waitFor("the template's script to run", Browser.PAGE_READY,
                "return document.readyState === 'complete' && window.__result !== undefined");
        browser.driver.findElement(By.id("link")).click();
        // the blocked handlers of images that failed to load report their violation asynchronously
        browser.waitFor("the blocked injections to be reported", Duration.ofSeconds(10),
                "return window.__violations.length >= 3");

        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(js("return window.__pwned === undefined")).as("no injected script ran").isEqualTo(true);

        JsonNode expected = JSON.valueToTree(input.get("obj"));
        assertThat(JSON.readTree((String) js("return JSON.stringify(window.__result.d)")))
                .as("to_json in a script is the input's value").isEqualTo(expected);
        assertThat(js("return window.__result.s")).as("the plain output stayed inside its string literal")
                .isEqualTo(Html.escapeForScript((String) input.get("str")));
        assertThat(JSON.readTree((String) js("return document.getElementById('json').dataset.json")))
                .as("to_json in an attribute decodes to the input's value").isEqualTo(expected);
        assertThat(js("return document.getElementById('text').textContent")).isEqualTo(input.get("text"));
        assertThat(js("return document.getElementById('attr').value")).isEqualTo(input.get("attr"));
        assertThat(js("return document.getElementById('single').value")).isEqualTo(input.get("single"));
        assertThat(js("return document.getElementById('area').value")).isEqualTo(input.get("area"));
        assertThat(js("return document.getElementById('link').getAttribute('href')")).isEqualTo(input.get("url"));
        assertThat(js("return document.querySelectorAll('script:not([nonce])').length"))
                .as("the one injected script element, from skip_autoescape, has no nonce").isEqualTo(1L);
    }

    private static Object js(String script) {
        return browser.driver.executeScript(script);
    }
}
