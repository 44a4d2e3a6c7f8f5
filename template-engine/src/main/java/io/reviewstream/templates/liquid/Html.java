package io.reviewstream.templates.liquid;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML escaping as A2I's Liquid does it ({@code '} becomes {@code &#39;}). */
public final class Html {

    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);");

    private Html() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Escapes for a {@code <script>} element, whose text the HTML parser does not decode: as {@link #escape}, and
     * also the backslash, backtick and dollar sign, so that a value inside a JavaScript string or template literal
     * can neither escape its closing quote nor open an expression.
     */
    public static String escapeForScript(String text) {
        return escape(text).replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;");
    }

    /** Escapes like {@link #escape} but leaves entities that are already there alone. */
    public static String escapeOnce(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher m = ENTITY.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(escape(text.substring(last, m.start()))).append(m.group());
            last = m.end();
        }
        return out.append(escape(text.substring(last))).toString();
    }

    /** Reverses {@link #escape}, for values that were captured from already-escaped output. */
    public static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }
}
