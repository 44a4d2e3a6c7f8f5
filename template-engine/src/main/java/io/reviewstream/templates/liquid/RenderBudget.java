package io.reviewstream.templates.liquid;

import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What one render may spend. Liquid has no way to touch the outside world here, so the only harm a hostile template
 * or input can do is to burn CPU or memory; every loop pass and every filter call checks in here:
 * <ul>
 *   <li>the render ends at a deadline ({@link #MAX_RENDER_NANOS} after it starts), checked on every loop pass and
 *       filter call, so even a loop whose body outputs nothing cannot run on;</li>
 *   <li>no filter makes or reads a value bigger than a rendered page may be: a string of at most
 *       {@link #MAX_VALUE_CHARS} characters, a list of at most {@link #MAX_ITEMS} items. Filters that multiply
 *       their input ({@code replace}, {@code join}, {@code split}) are checked before they run, because their
 *       result would already be in memory afterwards.</li>
 * </ul>
 */
final class RenderBudget {

    static final int MAX_VALUE_CHARS = LiquidEngine.MAX_RENDERED_CHARS;
    static final int MAX_ITEMS = LiquidEngine.MAX_ITERATIONS;
    static final long MAX_RENDER_NANOS = 2_000_000_000L;

    private final LongSupplier nanoClock;
    private long deadline;

    RenderBudget(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Starts the clock; parsing, which is linear in the template's bounded size, is not counted. */
    void start() {
        deadline = nanoClock.getAsLong() + MAX_RENDER_NANOS;
    }

    void checkpoint() {
        if (nanoClock.getAsLong() - deadline > 0) {
            throw new RenderLimitException("rendering took longer than " + MAX_RENDER_NANOS / 1_000_000_000L
                    + " seconds");
        }
    }

    /** Before a filter runs: its inputs, and what it would make where that can be much more than its inputs. */
    void checkFilterCall(String filter, Object value, Object[] params) {
        checkpoint();
        checkItems(filter, value);
        for (Object param : params) {
            checkItems(filter, param);
        }
        long made = switch (filter) {
            case "replace" -> replacedLength(value, params);
            case "join" -> joinedLength(value, params);
            default -> 0;
        };
        if (made > MAX_VALUE_CHARS) {
            throw tooBig(filter);
        }
        if (filter.equals("split") && splitItems(value, params) > MAX_ITEMS) {
            throw new RenderLimitException("split would make more than " + MAX_ITEMS + " items");
        }
    }

    /** After a filter ran: its result, counted as its characters plus its nodes, nested values included. */
    Object checkFilterResult(String filter, Object result) {
        checkItems(filter, result);
        if (weight(result) > MAX_VALUE_CHARS) {
            throw tooBig(filter);
        }
        return result;
    }

    private static RenderLimitException tooBig(String filter) {
        return new RenderLimitException(filter + " would make a value of more than " + MAX_VALUE_CHARS + " characters");
    }

    private static void checkItems(String filter, Object value) {
        int items = value instanceof Collection<?> c ? c.size()
                : value instanceof Map<?, ?> m ? m.size()
                : value != null && value.getClass().isArray() ? Array.getLength(value) : 0;
        if (items > MAX_ITEMS) {
            throw new RenderLimitException(filter + " got or made a list of more than " + MAX_ITEMS + " items");
        }
    }

    /**
     * Characters plus nodes, walked without recursion and given up as soon as it is over the limit: values that
     * share nested parts (a list pushed into itself over and over) are counted as often as they would be printed.
     */
    static long weight(Object value) {
        long total = 0;
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(value == null ? "" : value);
        while (!pending.isEmpty() && total <= MAX_VALUE_CHARS) {
            Object v = pending.pop();
            total++;
            if (v instanceof Collection<?> c) {
                c.forEach(item -> pending.push(item == null ? "" : item));
            } else if (v instanceof Map<?, ?> m) {
                m.forEach((k, item) -> {
                    pending.push(k == null ? "" : k);
                    pending.push(item == null ? "" : item);
                });
            } else if (v.getClass().isArray() && !v.getClass().getComponentType().isPrimitive()) {
                for (Object item : (Object[]) v) {
                    pending.push(item == null ? "" : item);
                }
            } else if (v instanceof CharSequence s) {
                total += s.length();
            } else {
                total += String.valueOf(v).length();
            }
        }
        return total;
    }

    private static long replacedLength(Object value, Object[] params) {
        if (params.length < 1 || value == null) {
            return 0;
        }
        String text = String.valueOf(value);
        String target = String.valueOf(params[0]);
        long replacement = params.length < 2 || params[1] == null ? 0 : String.valueOf(params[1]).length();
        long occurrences = target.isEmpty() ? text.length() + 1L : count(text, target);
        return text.length() + occurrences * (replacement - target.length());
    }

    private static long joinedLength(Object value, Object[] params) {
        long glue = params.length < 1 ? 1 : params[0] == null ? 0 : String.valueOf(params[0]).length();
        long items = value instanceof Collection<?> c ? c.size()
                : value != null && value.getClass().isArray() ? Array.getLength(value) : 1;
        return weight(value) + Math.max(0, items - 1) * glue;
    }

    private static long splitItems(Object value, Object[] params) {
        if (params.length < 1 || value == null) {
            return 1;
        }
        String text = String.valueOf(value);
        String delimiter = String.valueOf(params[0]);
        return delimiter.isEmpty() ? text.length() : count(text, delimiter) + 1;
    }

    private static long count(String text, String part) {
        long n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
