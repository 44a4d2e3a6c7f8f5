package io.reviewstream.templates;

import io.reviewstream.templates.liquid.Html;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Wraps a rendered template into the worker's page: our crowd elements instead of the managed service's script,
 * the page shell (lease countdown, release, instructions, submit wiring) and a strict Content Security Policy.
 *
 * <p>Script trust is decided on the template <em>before</em> Liquid runs: the author's {@code <script>} tags get
 * the page nonce and the author's inline event handlers are allowed by hash. Anything the task input injects
 * (only possible through {@code skip_autoescape}) carries no nonce and matches no hash, so it cannot run. A
 * {@code <script src>} that {@link ScriptOrigins} does not allow is turned into an inert element that names the
 * script, which the page shell reports in the browser console.
 */
public final class TaskPage {

    /** The crowd element scripts, core first: the others register on the registry it sets up. */
    public static final List<String> ELEMENT_SCRIPTS = List.of("crowd-elements.js", "crowd-layout.js", "crowd-annotation.js",
            "crowd-entity-annotation.js", "crowd-a2i.js");

    static final String MANAGED_ELEMENTS_SCRIPT = "https://assets.crowd.aws/crowd-html-elements.js";

    private static final Pattern MANAGED_SCRIPT_TAG = Pattern.compile(
            "(?is)<script\\b[^>]*\\bsrc\\s*=\\s*[\"']?" + Pattern.quote(MANAGED_ELEMENTS_SCRIPT)
                    + "[\"']?[^>]*>\\s*</script\\s*>");
    private static final Pattern SCRIPT_OPEN = Pattern.compile("(?i)<script\\b");
    private static final Pattern SCRIPT_WITH_SRC = Pattern.compile(
            "(?i)<script\\b[^>]*?\\ssrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))[^>]*>");
    /** The type of a script element that stands for a third-party script that was not loaded. */
    static final String BLOCKED_SCRIPT_TYPE = "application/x.reviewstream-blocked-script";
    /** on*="…" / on*='…' attributes inside tags; values with Liquid are left out (they vary with the input). */
    private static final Pattern INLINE_HANDLER = Pattern.compile(
            "(?is)\\son[a-z]+\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

    private final TemplateRenderer renderer;
    private final SecureRandom random = new SecureRandom();

    private final ScriptOrigins scriptOrigins;

    /** A page that loads no third-party script. */
    public TaskPage(TemplateRenderer renderer) {
        this(renderer, ScriptOrigins.none());
    }

    public TaskPage(TemplateRenderer renderer, ScriptOrigins scriptOrigins) {
        this.renderer = renderer;
        this.scriptOrigins = scriptOrigins;
    }

    public TaskPageResult render(String templateContent, String taskInputJson, RenderContext context,
                                 TaskPageContext page) {
        String nonce = newNonce();
        String source = templateContent == null ? "" : templateContent;
        source = MANAGED_SCRIPT_TAG.matcher(source).replaceAll("");
        source = disarmScriptsFromElsewhere(source);
        Set<String> handlerHashes = inlineHandlerHashes(source);
        source = SCRIPT_OPEN.matcher(source).replaceAll("<script nonce=\"" + nonce + "\"");
        RenderResult rendered = renderer.render(source, taskInputJson, context);
        String csp = contentSecurityPolicy(nonce, handlerHashes);
        return new TaskPageResult(shell(rendered.html(), context.assetBaseUrl(), nonce, csp, page), csp,
                rendered.errors());
    }

    static String contentSecurityPolicy(String nonce, Set<String> handlerHashes) {
        StringBuilder script = new StringBuilder("'nonce-").append(nonce).append('\'');
        if (!handlerHashes.isEmpty()) {
            script.append(" 'unsafe-hashes'");
            handlerHashes.forEach(h -> script.append(" 'sha256-").append(h).append('\''));
        }
        // images, audio and video come from presigned object-store URLs and from wherever the author points;
        // they cannot run code, so any source is allowed for them
        return "default-src 'self'; script-src " + script + "; style-src 'self' 'unsafe-inline'; "
                + "img-src * data: blob:; media-src * data: blob:; font-src 'self' data:; connect-src 'self'; "
                + "frame-src * data:; object-src 'none'; base-uri 'none'; form-action 'self'";
    }

    private String disarmScriptsFromElsewhere(String source) {
        Matcher m = SCRIPT_WITH_SRC.matcher(source);
        StringBuilder out = new StringBuilder(source.length());
        while (m.find()) {
            String src = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String tag = scriptOrigins.allows(Html.unescape(src)) ? m.group()
                    : "<script type=\"" + BLOCKED_SCRIPT_TYPE + "\" data-blocked-src=\"" + src.replace("\"", "&quot;") + "\">";
            m.appendReplacement(out, Matcher.quoteReplacement(tag));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Set<String> inlineHandlerHashes(String source) {
        Set<String> hashes = new LinkedHashSet<>();
        Matcher m = INLINE_HANDLER.matcher(source);
        while (m.find()) {
            String code = Html.unescape(m.group(1) != null ? m.group(1) : m.group(2));
            if (!code.contains("{{") && !code.contains("{%")) {
                hashes.add(sha256(code));
            }
        }
        return hashes;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private String newNonce() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String shell(String body, String assets, String nonce, String csp, TaskPageContext page) {
        String a = Html.escape(assets);
        String deadline = page.leaseDeadline() == null ? "" : page.leaseDeadline().toString();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + Html.escape(csp) + "\">\n"
                + "<title>" + Html.escape(page.title()) + " · Reviewstream</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + a + "/crowd-elements.css\">\n"
                + "<link rel=\"stylesheet\" href=\"" + a + "/task-page.css\">\n"
                + ELEMENT_SCRIPTS.stream().map(js -> "<script nonce=\"" + nonce + "\" src=\"" + a + "/" + js + "\"></script>\n")
                        .collect(Collectors.joining())
                + "<script nonce=\"" + nonce + "\" src=\"" + a + "/task-page.js\" defer></script>\n"
                + "</head>\n<body class=\"rs-task-page\">\n"
                + "<div id=\"rs-task\" data-task-id=\"" + Html.escape(page.taskId()) + "\""
                + " data-lease-deadline=\"" + Html.escape(deadline) + "\""
                + " data-answer-url=\"" + Html.escape(page.answerUrl()) + "\""
                + " data-release-url=\"" + Html.escape(page.releaseUrl() == null ? "" : page.releaseUrl()) + "\""
                + " data-queue-url=\"" + Html.escape(page.queueUrl()) + "\""
                + " data-csrf-header=\"" + Html.escape(page.csrfHeaderName() == null ? "" : page.csrfHeaderName()) + "\""
                + " data-csrf-token=\"" + Html.escape(page.csrfToken() == null ? "" : page.csrfToken()) + "\">\n"
                + "<header class=\"rs-task-bar\" role=\"banner\">\n"
                + "<a class=\"rs-task-back\" href=\"" + Html.escape(page.queueUrl()) + "\">&larr; Queue</a>\n"
                + "<span class=\"rs-task-title\">" + Html.escape(page.title()) + "</span>\n"
                + "<span class=\"rs-task-lease\" role=\"timer\" aria-live=\"off\">Time left: "
                + "<strong id=\"rs-countdown\">–</strong></span>\n"
                + "<button type=\"button\" id=\"rs-show-instructions\" class=\"rs-bar-button\">Instructions</button>\n"
                + "<button type=\"button\" id=\"rs-release\" class=\"rs-bar-button\">Release task</button>\n"
                + "</header>\n"
                + "<div id=\"rs-task-status\" class=\"rs-task-status\" role=\"status\" aria-live=\"polite\"></div>\n"
                + "<main id=\"rs-task-content\" class=\"rs-task-content\">\n" + body + "\n</main>\n"
                + "</div>\n</body>\n</html>\n";
    }
}
