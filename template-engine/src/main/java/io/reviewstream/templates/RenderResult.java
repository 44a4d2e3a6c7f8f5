package io.reviewstream.templates;

import java.util.List;

/**
 * The outcome of rendering a template: the HTML (best effort, possibly partial) and every error found.
 * A render never throws for a bad template or input; callers decide what an error means for them.
 */
public record RenderResult(String html, List<RenderError> errors) {

    public RenderResult {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
