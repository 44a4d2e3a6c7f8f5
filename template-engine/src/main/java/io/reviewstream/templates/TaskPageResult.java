package io.reviewstream.templates;

import java.util.List;

/**
 * A full worker page. Serve {@code html} with the header {@code Content-Security-Policy: contentSecurityPolicy}
 * (the page repeats it in a meta tag, so it holds even where a proxy drops the header).
 */
public record TaskPageResult(String html, String contentSecurityPolicy, List<RenderError> errors) {

    public TaskPageResult {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
