package io.reviewstream.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TaskPageTest {

    private final TaskPage page = new TaskPage(new TemplateRenderer());
    private final TaskPageContext task = TaskPageContext.forWorkerApi("task-1", Instant.parse("2030-01-01T00:00:00Z"),
            "X-CSRF-TOKEN", "tok\"en", "Classify");

    private TaskPageResult render(String template, String input) {
        return page.render(template, input, RenderContext.withoutObjectStorage(), task);
    }

    private static String nonceOf(TaskPageResult r) {
        Matcher m = Pattern.compile("'nonce-([A-Za-z0-9_-]+)'").matcher(r.contentSecurityPolicy());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void managedElementScriptIsReplacedByOurAssets() {
        TaskPageResult r = render("<script src=\"https://assets.crowd.aws/crowd-html-elements.js\"></script>\n<crowd-form></crowd-form>", "{}");
        assertThat(r.html()).doesNotContain("assets.crowd.aws")
                .contains("src=\"/crowd/crowd-elements.js\"").contains("src=\"/crowd/task-page.js\"")
                .contains("<crowd-form></crowd-form>");
    }

    @Test
    void shellCarriesTaskFactsAsEscapedDataAttributes() {
        TaskPageResult r = render("<crowd-form></crowd-form>", "{}");
        assertThat(r.html()).contains("data-task-id=\"task-1\"")
                .contains("data-lease-deadline=\"2030-01-01T00:00:00Z\"")
                .contains("data-answer-url=\"/api/worker/tasks/task-1/answer\"")
                .contains("data-release-url=\"/api/worker/tasks/task-1/release\"")
                .contains("data-csrf-header=\"X-CSRF-TOKEN\"")
                .contains("data-csrf-token=\"tok&quot;en\"");
    }

    @Test
    void authorScriptsGetTheNonceButInjectedScriptsDoNot() {
        String template = "<crowd-form><div>{{ task.input.html | skip_autoescape }}</div></crowd-form>\n"
                + "<script>document.querySelector('crowd-form').onsubmit = function () {};</script>";
        TaskPageResult r = render(template, "{\"html\":\"<script>alert(1)</script><SCRIPT src=x></SCRIPT>\"}");
        String nonce = nonceOf(r);
        assertThat(r.html()).contains("<script nonce=\"" + nonce + "\">document.querySelector")
                .contains("<div><script>alert(1)</script><SCRIPT src=x></SCRIPT></div>");
        assertThat(r.contentSecurityPolicy()).contains("script-src 'nonce-" + nonce + "';")
                .contains("object-src 'none'").contains("base-uri 'none'");
        String scriptSrc = r.contentSecurityPolicy().replaceAll(".*script-src ([^;]*);.*", "$1");
        assertThat(scriptSrc).doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(r.html()).contains("<meta http-equiv=\"Content-Security-Policy\"");
    }

    @Test
    void everyPageHasAFreshNonce() {
        assertThat(nonceOf(render("<p></p>", "{}"))).isNotEqualTo(nonceOf(render("<p></p>", "{}")));
    }

    @Test
    void authorInlineHandlersAreAllowedByHashOnly() {
        TaskPageResult r = render("<div ondrop=\"drop(event)\" ondragover='allow(event)'>{{ task.input.x }}</div>"
                + "<img onerror=\"{{ task.input.x }}\">", "{\"x\":\"1\"}");
        assertThat(r.contentSecurityPolicy()).contains("'unsafe-hashes'")
                .contains("'sha256-" + java.util.Base64.getEncoder().encodeToString(sha("drop(event)")) + "'");
        assertThat(r.contentSecurityPolicy().split("'sha256-")).hasSize(3);
    }

    @Test
    void renderErrorsComeBackWithThePage() {
        TaskPageResult r = render("{% if %}", "{}");
        assertThat(r.ok()).isFalse();
        assertThat(r.html()).contains("id=\"rs-task\"");
    }

    private static byte[] sha(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void scriptsFromOtherOriginsAreNotLoadedUnlessTheirOriginIsAllowed() {
        String template = """
                <script src="https://cdn.example/lib.js"></script>
                <script src='/static/own.js'></script>
                <script src="https://cdn.example.evil.test/lib.js"></script>
                <script src="//cdn.example/other.js"></script>
                <script src="{{ task.input.lib }}"></script>
                <script async src=https://widgets.example/w.js charset="utf-8"></script>
                <crowd-form></crowd-form>""";
        String input = "{\"lib\": \"https://cdn.example/chosen-by-input.js\"}";

        String closed = render(template, input).html();
        assertThat(closed).doesNotContain(" src=\"https://cdn.example/lib.js\"", " src=\"//cdn.example/other.js\"",
                        " src=https://widgets.example", " src=\"https://cdn.example/chosen-by-input.js\"")
                .contains("type=\"application/x.reviewstream-blocked-script\" data-blocked-src=\"https://cdn.example/lib.js\"")
                .contains("data-blocked-src=\"https://widgets.example/w.js\"")
                .containsPattern("<script nonce=\"[^\"]+\" src='/static/own.js'>");

        TaskPageResult open = new TaskPage(new TemplateRenderer(), ScriptOrigins.of(List.of("https://CDN.example/",
                "https://widgets.example"))).render(template, input, RenderContext.withoutObjectStorage(), task);
        String nonce = nonceOf(open);
        assertThat(open.html()).contains("<script nonce=\"" + nonce + "\" src=\"https://cdn.example/lib.js\">")
                .contains("<script nonce=\"" + nonce + "\" src=\"//cdn.example/other.js\">")
                .contains("<script nonce=\"" + nonce + "\" async src=https://widgets.example/w.js")
                .contains("data-blocked-src=\"https://cdn.example.evil.test/lib.js\"")
                .doesNotContain(" src=\"https://cdn.example/chosen-by-input.js\"");
        assertThat(open.contentSecurityPolicy()).doesNotContain("cdn.example");
    }
}
