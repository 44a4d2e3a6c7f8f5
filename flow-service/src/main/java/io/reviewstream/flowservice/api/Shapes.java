package io.reviewstream.flowservice.api;

import io.reviewstream.schemas.avro.Tag;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Members shared by several operations: tags, list paging and sorting. */
final class Shapes {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Set<String> SORT_ORDERS = Set.of("Ascending", "Descending");
    static final int DEFAULT_MAX_RESULTS = 10;

    private Shapes() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static List<Tag> tags(Input input) {
        List<Tag> tags = new ArrayList<>();
        List<Input> given = input.objects("Tags", false, 0, 50);
        if (given != null) {
            for (Input tag : given) {
                String key = tag.string("Key", true, 1, 128, Patterns.TAG);
                String value = tag.string("Value", true, 0, 256, Patterns.TAG);
                if (key != null && value != null) {
                    tags.add(new Tag(key, value));
                }
            }
        }
        return tags;
    }

    /**
     * The CreationTimeAfter (inclusive) and CreationTimeBefore (exclusive) filters of the List operations, as the
     * SageMaker list operations define them.
     */
    record CreationWindow(Instant after, Instant before) {

        /** The control plane's epoch seconds. */
        static CreationWindow epochSeconds(Input input) {
            return new CreationWindow(input.epochSeconds("CreationTimeAfter"), input.epochSeconds("CreationTimeBefore"));
        }

        /** The runtime API's ISO-8601. */
        static CreationWindow iso(Input input) {
            return new CreationWindow(input.isoTimestamp("CreationTimeAfter"), input.isoTimestamp("CreationTimeBefore"));
        }

        boolean contains(Instant created) {
            return (after == null || !created.isBefore(after)) && (before == null || created.isBefore(before));
        }

        /** The earliest creation time in the window, in the whole milliseconds loops are created at. */
        long fromMillis() {
            return after == null ? Long.MIN_VALUE : ceilMillis(after);
        }

        /** The latest creation time in the window, in whole milliseconds. */
        long toMillis() {
            return before == null ? Long.MAX_VALUE : ceilMillis(before) - 1;
        }

        /** Times beyond what milliseconds since 1970 can hold are at either end of every window. */
        private static long ceilMillis(Instant instant) {
            try {
                long millis = instant.toEpochMilli();
                return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
            } catch (ArithmeticException e) {
                return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
            }
        }
    }

    /** The paging members every List operation has. */
    record Paging(String nextToken, int maxResults, boolean descending) {

        static Paging of(Input input, boolean descendingByDefault) {
            String order = input.oneOf("SortOrder", false, SORT_ORDERS);
            String token = input.string("NextToken", false, 0, 8192, Patterns.ANY);
            Integer max = input.integer("MaxResults", false, 1, 100);
            return new Paging(token, max == null ? DEFAULT_MAX_RESULTS : max,
                    order == null ? descendingByDefault : order.equals("Descending"));
        }
    }
}
