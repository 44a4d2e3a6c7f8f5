package io.reviewstream.flowservice.api;

import io.reviewstream.schemas.avro.Tag;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
