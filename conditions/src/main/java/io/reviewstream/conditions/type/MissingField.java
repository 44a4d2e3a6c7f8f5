package io.reviewstream.conditions.type;

import io.reviewstream.conditions.InvalidConditionsException;
import io.reviewstream.conditions.path.JsonPath;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** {@code MissingField} for any model: true when the path matches nothing, or only nulls and empty strings. */
public final class MissingField extends Leaf {

    public static final String TYPE = "MissingField";
    public static final List<String> PARAMETERS = List.of("Path");

    private final JsonPath path;

    private MissingField(ObjectNode configured, JsonPath path) {
        super(configured);
        this.path = path;
    }

    public static MissingField parse(ObjectNode configured, JsonNode parameters, String location)
            throws InvalidConditionsException {
        return new MissingField(configured, Paths.required(parameters, location));
    }

    @Override
    public Result evaluate(Input input) {
        for (JsonNode node : path.select(input.document())) {
            if (!node.isNull() && !(node.isString() && node.asString().isEmpty())) {
                return result(false, false);
            }
        }
        return result(true, false);
    }
}
