package io.reviewstream.templates.liquid;

/**
 * A filter result that is already fit for HTML: autoescape passes it through unchanged. Other filters see it as
 * its text, so chaining after it returns to ordinary (escaped) output.
 */
public record SafeHtml(String html) {

    @Override
    public String toString() {
        return html;
    }
}
