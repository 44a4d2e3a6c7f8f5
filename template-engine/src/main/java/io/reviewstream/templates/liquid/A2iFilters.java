package io.reviewstream.templates.liquid;

import io.reviewstream.templates.ReadAccessGranter;
import io.reviewstream.templates.RenderError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import liqp.TemplateContext;
import liqp.filters.Filter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filters A2I adds to Liquid. {@code grant_read_access} reports failures into the render's error list and
 * renders nothing, so one bad reference does not hide the rest of the page.
 */
final class A2iFilters {

    private A2iFilters() {
    }

    static List<Filter> create(JsonMapper json, ReadAccessGranter readAccess, List<RenderError> errors) {
        ToJson toJson = new ToJson(json);
        return List.of(new Autoescape(toJson), new ScriptAutoescape(toJson), new Escape(toJson),
                new EscapeOnce(toJson), new SkipAutoescape(toJson), toJson, new GrantReadAccess(readAccess, errors));
    }

    static final class Autoescape extends Filter {
        private final ToJson toJson;

        Autoescape(ToJson toJson) {
            super(AutoescapeRewriter.FILTER);
            this.toJson = toJson;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            if (value instanceof SafeHtml safe) {
                return safe.html();
            }
            return value == null ? "" : Html.escape(toJson.print(value, context).toString());
        }
    }

    /**
     * Autoescape for outputs inside a {@code <script>} element, where the HTML parser decodes no entities: JSON from
     * {@code to_json}, and an object or array, goes in as it is (it is already inert there), so that it stays valid
     * JavaScript; anything else is escaped so that it can neither end the script nor leave a string literal.
     */
    static final class ScriptAutoescape extends Filter {
        private final ToJson toJson;

        ScriptAutoescape(ToJson toJson) {
            super(AutoescapeRewriter.SCRIPT_FILTER);
            this.toJson = toJson;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            if (value instanceof SafeHtml safe) {
                return safe.html();
            }
            if (value == null) {
                return "";
            }
            CharSequence text = toJson.print(value, context);
            return text instanceof JsonText json ? json.json() : Html.escapeForScript(text.toString());
        }
    }

    /** Explicit escaping; marked safe so the autoescape that follows does not escape twice. */
    static final class Escape extends Filter {
        private final ToJson toJson;

        Escape(ToJson toJson) {
            super("escape");
            this.toJson = toJson;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            if (value instanceof SafeHtml safe) {
                return safe;
            }
            return new SafeHtml(Html.escape(toJson.print(value, context).toString()));
        }
    }

    static final class EscapeOnce extends Filter {
        private final ToJson toJson;

        EscapeOnce(ToJson toJson) {
            super("escape_once");
            this.toJson = toJson;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            return new SafeHtml(Html.escapeOnce(toJson.print(value, context).toString()));
        }
    }

    static final class SkipAutoescape extends Filter {
        private final ToJson toJson;

        SkipAutoescape(ToJson toJson) {
            super("skip_autoescape");
            this.toJson = toJson;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            return new SafeHtml(value == null ? "" : toJson.print(value, context).toString());
        }
    }

    /**
     * JSON of the value. {@code <}, {@code >}, {@code &}, {@code '} and the line separators U+2028 and U+2029
     * are written as JSON unicode escapes, so the JSON is inert inside a {@code <script>} element: it cannot end
     * the element, and it parses as JavaScript. Anywhere else autoescape escapes it as HTML like any other value.
     */
    static final class ToJson extends Filter {
        private final JsonMapper json;

        ToJson(JsonMapper json) {
            super("to_json");
            this.json = json;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            return write(value, context);
        }

        /**
         * How any output prints: objects and arrays as JSON, as on A2I (whose own Textract template hands
         * {@code blocks} to its element without {@code to_json}), exactly as {@code to_json} writes them so that they
         * keep its guarantees; anything else as Liquid prints it.
         */
        CharSequence print(Object value, TemplateContext context) {
            if (value instanceof JsonText json) {
                return json;
            }
            if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof Object[]) {
                return write(value, context);
            }
            return asString(value, context);
        }

        JsonText write(Object value, TemplateContext context) {
            Object plain = value instanceof SafeHtml safe ? safe.html() : value;
            Object writable = plain instanceof Map<?, ?> || plain instanceof List<?> || plain == null
                    || plain instanceof Number || plain instanceof Boolean || plain instanceof CharSequence ? plain
                    : plain instanceof Object[] array ? Arrays.asList(array) : asString(plain, context);
            try {
                return inert(json.writeValueAsString(writable));
            } catch (JacksonException e) {
                // Jackson's reasons name Java types; the author needs to know which filter failed
                throw new IllegalArgumentException("to_json cannot write this value as JSON (too deeply nested)", e);
            }
        }

        private static JsonText inert(String jsonText) {
            return new JsonText(jsonText.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"));
        }
    }

    /**
     * What {@code to_json} returns: other filters see its text, as they saw the string it used to be, and autoescape
     * knows it is inert JSON.
     */
    record JsonText(String json) implements CharSequence {
        @Override
        public int length() {
            return json.length();
        }

        @Override
        public char charAt(int index) {
            return json.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return json.subSequence(start, end);
        }

        @Override
        public String toString() {
            return json;
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
