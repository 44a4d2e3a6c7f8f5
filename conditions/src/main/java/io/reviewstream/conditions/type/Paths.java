package io.reviewstream.conditions.type;

import io.reviewstream.conditions.InvalidConditionsException;
import io.reviewstream.conditions.path.JsonPath;
import tools.jackson.databind.JsonNode;

/** Reads the required {@code Path} parameter of the custom-model conditions. */
final class Paths {

    private Paths() {
    }

    static JsonPath required(JsonNode parameters, String location) throws InvalidConditionsException {
        JsonNode node = parameters.get("Path");
        if (node == null || !node.isString()) {
            throw new InvalidConditionsException(location + ".ConditionParameters.Path",
                    "is required: a JSONPath such as $.confidence or $.detections[*].score");
        }
        try {
            return JsonPath.compile(node.asString());
        } catch (IllegalArgumentException e) {
            throw new InvalidConditionsException(location + ".ConditionParameters.Path",
                    "'" + node.asString() + "' is not a supported JSONPath: " + e.getMessage());
        }
    }
}
