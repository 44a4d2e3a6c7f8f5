package io.reviewstream.flowservice.api;

import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One page of a listing. The NextToken is a cursor — the sort position of the last item returned — rather than an
 * offset, so that items created or deleted between two calls neither repeat nor get skipped. It also names the
 * query it continues: a token handed to a call with other filters or another order is refused rather than
 * silently answered with the wrong page.
 *
 * @param items     this page
 * @param nextToken where the next page starts, or null when nothing follows
 */
public record Page<T>(List<T> items, String nextToken) {

    /** An item's sort position: a number (a creation time, or 0 when sorting by name) and then its name. */
    public record Position(long primary, String name) {

        static final Comparator<Position> ORDER = Comparator.comparingLong(Position::primary)
                .thenComparing(Position::name);
    }

    /**
     * @param all      every matching item, in any order
     * @param position an item's sort position
     * @param paging   the caller's order, NextToken and page size
     * @param query    the call's filters, which a NextToken must have been handed out for
     */
    static <T> Page<T> of(List<T> all, Function<T, Position> position, Shapes.Paging paging, String query) {
        Comparator<Position> order = paging.descending() ? Position.ORDER.reversed() : Position.ORDER;
        String fingerprint = fingerprint(paging, query);
        Position after = after(paging, fingerprint);
        List<T> remaining = all.stream()
                .filter(item -> after == null || order.compare(position.apply(item), after) > 0)
                .sorted(Comparator.comparing(position, order))
                .toList();
        return cut(remaining, position, paging, fingerprint);
    }

    /**
     * A page read from a source that lists the matching items in the caller's order itself, so that a page costs
     * a bounded read rather than the whole list.
     *
     * @param source given the position to continue after (null for the first page) and a number of items, the
     *               items that follow it in the caller's order, at most that many
     */
    static <T> Page<T> read(BiFunction<Position, Integer, List<T>> source, Function<T, Position> position,
                            Shapes.Paging paging, String query) {
        String fingerprint = fingerprint(paging, query);
        // one more than the page tells whether anything follows it
        return cut(source.apply(after(paging, fingerprint), paging.maxResults() + 1), position, paging, fingerprint);
    }

    private static String fingerprint(Shapes.Paging paging, String query) {
        return Integer.toHexString((query + (paging.descending() ? " desc" : " asc")).hashCode());
    }

    private static Position after(Shapes.Paging paging, String fingerprint) {
        String nextToken = paging.nextToken();
        return nextToken == null || nextToken.isEmpty() ? null : decode(nextToken, fingerprint);
    }

    private static <T> Page<T> cut(List<T> ordered, Function<T, Position> position, Shapes.Paging paging,
                                   String fingerprint) {
        if (ordered.size() <= paging.maxResults()) {
            return new Page<>(ordered, null);
        }
        List<T> page = ordered.subList(0, paging.maxResults());
        return new Page<>(page, encode(position.apply(page.get(page.size() - 1)), fingerprint));
    }

    /** The List response: this page's items under {@code member}, and the NextToken when more follow. */
    ObjectNode render(String member, Function<T, ObjectNode> item) {
        ObjectNode out = Shapes.object();
        var array = out.putArray(member);
        items.forEach(i -> array.add(item.apply(i)));
        if (nextToken != null) {
            out.put("NextToken", nextToken);
        }
        return out;
    }

    private static String encode(Position position, String fingerprint) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (position.primary() + ":" + fingerprint + ":" + position.name()).getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String token, String fingerprint) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("Invalid NextToken");
        }
        if (parts.length != 3 || !parts[0].matches("-?[0-9]{1,18}")) {
            throw ApiException.validation("Invalid NextToken");
        }
        if (!parts[1].equals(fingerprint)) {
            throw ApiException.validation("The NextToken was returned for a call with other filters or another "
                    + "sort order; repeat that call's parameters to continue its listing");
        }
        // 18 digits always fit a long; the positions handed out (epoch milliseconds, or 0) have far fewer
        return new Position(Long.parseLong(parts[0]), parts[2]);
    }
}
