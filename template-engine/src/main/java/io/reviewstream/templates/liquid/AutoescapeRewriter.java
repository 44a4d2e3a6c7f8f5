package io.reviewstream.templates.liquid;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes every Liquid output ({@code {{ … }}}) end with an autoescape filter, so the rendered value is escaped
 * unless a filter marked it {@link SafeHtml}: outputs inside a {@code <script>} element get the script one (the
 * HTML parser decodes no entities there), all others the HTML one. Working on the source keeps liqp untouched;
 * quoted strings inside an output and {@code {% raw %}} sections are respected.
 */
final class AutoescapeRewriter {

    static final String FILTER = "rs_autoescape";
    static final String SCRIPT_FILTER = "rs_autoescape_script";

    private static final Pattern RAW = Pattern.compile("\\{%-?\\s*raw\\s*-?%}");
    private static final Pattern END_RAW = Pattern.compile("\\{%-?\\s*endraw\\s*-?%}");
    private static final Pattern SCRIPT_START = Pattern.compile("(?i)<script\\b[^>]*>");
    private static final Pattern SCRIPT_END = Pattern.compile("(?i)</script");

    private AutoescapeRewriter() {
    }

    static String rewrite(String source) {
        StringBuilder out = new StringBuilder(source.length() + 64);
        Matcher raw = RAW.matcher(source);
        ScriptElements scripts = new ScriptElements(source);
        int i = 0;
        int n = source.length();
        // the next raw tag is looked up again only once the rewrite has passed it: one pass over the source
        int nextRaw = raw.find() ? raw.start() : -1;
        while (i < n) {
            int open = source.indexOf("{{", i);
            if (nextRaw >= 0 && (open < 0 || nextRaw < open)) {
                Matcher endRaw = END_RAW.matcher(source);
                int end = endRaw.find(nextRaw) ? endRaw.start() : -1;
                if (end < 0) {
                    out.append(source, i, n);
                    break;
                }
                int close = source.indexOf("%}", end);
                int after = close < 0 ? n : close + 2;
                out.append(source, i, after);
                i = after;
                nextRaw = raw.find(after) ? raw.start() : -1;
                continue;
            }
            if (open < 0) {
                out.append(source, i, n);
                break;
            }
            int close = findClose(source, open + 2);
            if (close < 0) {
                // an unterminated output is a syntax error the parser reports with its position
                out.append(source, i, n);
                break;
            }
            out.append(source, i, open + 2);
            String inner = source.substring(open + 2, close);
            boolean trimRight = inner.endsWith("-");
            String body = trimRight ? inner.substring(0, inner.length() - 1) : inner;
            String expr = body.startsWith("-") ? body.substring(1) : body;
            if (expr.isBlank()) {
                out.append(inner);
            } else {
                out.append(body).append(" | ").append(scripts.contains(open) ? SCRIPT_FILTER : FILTER)
                        .append(trimRight ? " -" : " ");
            }
            out.append("}}");
            i = close + 2;
        }
        return out.toString();
    }

    private static int findClose(String s, int from) {
        char quote = 0;
        for (int i = from; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '}' && s.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The contents of the template's {@code <script>} elements, from the end of a start tag to the next
     * {@code </script}, as the HTML parser will see them: tags written inside Liquid markup
     * ({@code {% assign t = "<script>" %}}) are not in the page and do not count. Asked for positions in
     * increasing order, so the source is scanned once.
     */
    private static final class ScriptElements {
        private final String source;
        private final Matcher start;
        private final Matcher end;
        private int contentStart;
        private int contentEnd;
        private int scanned;
        private boolean inLiquid;

        ScriptElements(String source) {
            this.source = source;
            this.start = SCRIPT_START.matcher(source);
            this.end = SCRIPT_END.matcher(source);
            nextFrom(0);
        }

        boolean contains(int position) {
            while (position >= contentEnd) {
                nextFrom(contentEnd);
            }
            return position >= contentStart;
        }

        private void nextFrom(int from) {
            if (!findInPage(start, from)) {
                contentStart = Integer.MAX_VALUE;
                contentEnd = Integer.MAX_VALUE;
                return;
            }
            contentStart = start.end();
            // an unclosed script element runs to the end of the page
            contentEnd = findInPage(end, contentStart) ? end.start() : source.length() + 1;
        }

        private boolean findInPage(Matcher tag, int from) {
            int at = from;
            while (tag.find(at)) {
                if (!insideLiquid(tag.start())) {
                    return true;
                }
                at = tag.end();
            }
            return false;
        }

        /** Walks forward only: the tags are looked at in page order. */
        private boolean insideLiquid(int position) {
            for (; scanned < position; scanned++) {
                char c = source.charAt(scanned);
                char next = scanned + 1 < source.length() ? source.charAt(scanned + 1) : 0;
                if (!inLiquid && c == '{' && (next == '%' || next == '{')) {
                    inLiquid = true;
                    scanned++;
                } else if (inLiquid && (c == '%' || c == '}') && next == '}') {
                    inLiquid = false;
                    scanned++;
                }
            }
            return inLiquid;
        }
    }
}
