package io.reviewstream.conditions.type;

import tools.jackson.databind.JsonNode;

/**
 * Field access in AI service responses. A2I's output reports them in lower camel case ({@code blocks},
 * {@code confidence}); the services' own responses, which producers may pass on unchanged, use PascalCase
 * ({@code Blocks}, {@code Confidence}). Both are read.
 */
final class AwsFields {

    private AwsFields() {
    }

    static JsonNode get(JsonNode node, String lowerCamel) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(lowerCamel);
        if (value == null) {
            value = node.get(Character.toUpperCase(lowerCamel.charAt(0)) + lowerCamel.substring(1));
        }
        return value;
    }

    static String text(JsonNode node, String lowerCamel) {
        JsonNode value = get(node, lowerCamel);
        return value != null && value.isString() ? value.asString() : null;
    }

    static double number(JsonNode node, String lowerCamel) {
        JsonNode value = get(node, lowerCamel);
        return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
    }
}
