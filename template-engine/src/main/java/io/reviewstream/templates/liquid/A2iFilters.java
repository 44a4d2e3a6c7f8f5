package io.reviewstream.templates.liquid;

import io.reviewstream.templates.ReadAccessGranter;
import io.reviewstream.templates.RenderError;
import java.util.List;
import java.util.Map;
import liqp.TemplateContext;
import liqp.filters.Filter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filters A2I adds to Liquid. {@code grant_read_access} reports failures into the render's error list and
 * renders nothing, so one bad reference does not hide the rest of the page.
 */
final class A2iFilters {

    private A2iFilters() {
    }

    static List<Filter> create(JsonMapper json, ReadAccessGranter readAccess, List<RenderError> errors) {
        return List.of(new Autoescape(), new Escape(), new EscapeOnce(), new SkipAutoescape(), new ToJson(json),
                new GrantReadAccess(readAccess, errors));
    }

    static final class Autoescape extends Filter {
        Autoescape() {
            super(AutoescapeRewriter.FILTER);
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            if (value instanceof SafeHtml safe) {
                return safe.html();
            }
            return value == null ? "" : Html.escape(asString(value, context));
        }
    }

    /** Explicit escaping; marked safe so the autoescape that follows does not escape twice. */
    static final class Escape extends Filter {
        Escape() {
            super("escape");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            if (value instanceof SafeHtml safe) {
                return safe;
            }
            return new SafeHtml(Html.escape(asString(value, context)));
        }
    }

    static final class EscapeOnce extends Filter {
        EscapeOnce() {
            super("escape_once");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            return new SafeHtml(Html.escapeOnce(asString(value, context)));
        }
    }

    static final class SkipAutoescape extends Filter {
        SkipAutoescape() {
            super("skip_autoescape");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            return new SafeHtml(value == null ? "" : asString(value, context));
        }
    }

    /**
     * JSON of the value. {@code <}, {@code >}, {@code &} and {@code '} are written as JSON unicode escapes, so
     * the JSON stays inert even where an author skipped autoescape inside a {@code <script>} block.
     */
    static final class ToJson extends Filter {
        private final JsonMapper json;

        ToJson(JsonMapper json) {
            super("to_json");
            this.json = json;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            Object plain = value instanceof SafeHtml safe ? safe.html() : value;
            if (plain instanceof Map<?, ?> || plain instanceof List<?> || plain == null || plain instanceof Number
                    || plain instanceof Boolean || plain instanceof CharSequence) {
                return inert(json.writeValueAsString(plain));
            }
            if (plain instanceof Object[] array) {
                return inert(json.writeValueAsString(List.of(array)));
            }
            return inert(json.writeValueAsString(asString(plain, context)));
        }

        private static String inert(String jsonText) {
            return jsonText.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("'", "\\u0027");
        }
    }

    static final class GrantReadAccess extends Filter {
        private final ReadAccessGranter readAccess;
        private final List<RenderError> errors;

        GrantReadAccess(ReadAccessGranter readAccess, List<RenderError> errors) {
            super("grant_read_access");
            this.readAccess = readAccess;
            this.errors = errors;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            // a reference assembled with {% capture %} arrives escaped, because capture renders output
            String reference = Html.unescape(value == null ? "" : asString(value, context)).trim();
            try {
                return readAccess.grant(reference);
            } catch (ReadAccessGranter.ReadAccessException e) {
                errors.add(new RenderError(RenderError.Codes.READ_ACCESS, e.getMessage()));
                return "";
            }
        }
    }
}
