package io.reviewstream.flowservice.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing. The NextToken is a cursor — the sort position of the last item returned — rather than an
 * offset, so that items created or deleted between two calls neither repeat nor get skipped.
 *
 * @param items     this page
 * @param nextToken where the next page starts, or null when nothing follows
 */
public record Page<T>(List<T> items, String nextToken) {

    /** An item's sort position: a number (a creation time, or 0 when sorting by name) and then its name. */
    public record Position(long primary, String name) {

        static final Comparator<Position> ORDER = Comparator.comparingLong(Position::primary)
                .thenComparing(Position::name);

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((primary + ":" + name).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                return new Position(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            } catch (RuntimeException e) {
                throw ApiException.validation("Invalid NextToken");
            }
        }
    }

    /**
     * @param all        every matching item, in any order
     * @param position   an item's sort position
     * @param descending newest (or last by name) first
     * @param nextToken  the caller's NextToken, or null for the first page
     * @param maxResults page size
     */
    public static <T> Page<T> of(List<T> all, Function<T, Position> position, boolean descending, String nextToken,
                                 int maxResults) {
        Comparator<Position> order = descending ? Position.ORDER.reversed() : Position.ORDER;
        Position after = nextToken == null || nextToken.isEmpty() ? null : Position.decode(nextToken);
        List<T> remaining = all.stream()
                .filter(item -> after == null || order.compare(position.apply(item), after) > 0)
                .sorted(Comparator.comparing(position, order))
                .toList();
        if (remaining.size() <= maxResults) {
            return new Page<>(remaining, null);
        }
        List<T> page = remaining.subList(0, maxResults);
        return new Page<>(page, position.apply(page.get(page.size() - 1)).encode());
    }
}
