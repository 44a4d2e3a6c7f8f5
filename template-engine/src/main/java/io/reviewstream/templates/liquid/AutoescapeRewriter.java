package io.reviewstream.templates.liquid;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes every Liquid output ({@code {{ … }}}) end with the autoescape filter, so the rendered value is
 * HTML-escaped unless a filter marked it {@link SafeHtml}. Working on the source keeps liqp untouched; quoted
 * strings inside an output and {@code {% raw %}} sections are respected.
 */
final class AutoescapeRewriter {

    static final String FILTER = "rs_autoescape";

    private AutoescapeRewriter() {
    }

    static String rewrite(String source) {
        StringBuilder out = new StringBuilder(source.length() + 64);
        int i = 0;
        int n = source.length();
        while (i < n) {
            int open = source.indexOf("{{", i);
            int raw = indexOfRawTag(source, i);
            if (raw >= 0 && (open < 0 || raw < open)) {
                int end = indexOfEndRaw(source, raw);
                int stop = end < 0 ? n : end;
                out.append(source, i, stop);
                i = stop;
                if (end < 0) {
                    break;
                }
                int close = source.indexOf("%}", end);
                int after = close < 0 ? n : close + 2;
                out.append(source, end, after);
                i = after;
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
                out.append(body).append(" | ").append(FILTER).append(trimRight ? " -" : " ");
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

    private static final Pattern RAW = Pattern.compile("\\{%-?\\s*raw\\s*-?%}");
    private static final Pattern END_RAW = Pattern.compile("\\{%-?\\s*endraw\\s*-?%}");

    private static int indexOfRawTag(String s, int from) {
        Matcher m = RAW.matcher(s);
        return m.find(from) ? m.start() : -1;
    }

    private static int indexOfEndRaw(String s, int from) {
        Matcher m = END_RAW.matcher(s);
        return m.find(from) ? m.start() : -1;
    }
}
