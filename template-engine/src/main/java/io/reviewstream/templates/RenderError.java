package io.reviewstream.templates;

/**
 * One problem found while rendering a template, in the shape of RenderUiTemplate's {@code RenderingError}.
 *
 * @param code    a stable machine-readable code (see {@link Codes})
 * @param message what went wrong and where, for the template author
 */
public record RenderError(String code, String message) {

    /** The codes this renderer reports. */
    public static final class Codes {
        public static final String TEMPLATE_SYNTAX = "TemplateSyntaxError";
        public static final String TEMPLATE_RENDER = "TemplateRenderError";
        public static final String INVALID_INPUT = "InvalidTaskInput";
        public static final String READ_ACCESS = "GrantReadAccessError";

        private Codes() {
        }
    }
}
