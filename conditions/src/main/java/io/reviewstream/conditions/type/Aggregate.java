package io.reviewstream.conditions.type;

import io.reviewstream.conditions.InvalidConditionsException;
import tools.jackson.databind.JsonNode;

import java.util.Locale;

/** How a condition over a path that matches several values combines them. */
public enum Aggregate {
    /** true when at least one matched value passes */
    ANY,
    /** true when every matched value passes (and at least one matched) */
    ALL,
    /** the smallest matched number is tested */
    MIN,
    /** the largest matched number is tested */
    MAX;

    static Aggregate parse(JsonNode parameters, String path, boolean numeric) throws InvalidConditionsException {
        JsonNode node = parameters.get("Aggregate");
        if (node == null) {
            return ANY;
        }
        String allowed = numeric ? "any, all, min or max" : "any or all";
        if (!node.isString()) {
            throw new InvalidConditionsException(path + ".ConditionParameters.Aggregate", "must be " + allowed);
        }
        try {
            Aggregate aggregate = valueOf(node.asString().toUpperCase(Locale.ROOT));
            if (!numeric && (aggregate == MIN || aggregate == MAX)) {
                throw new IllegalArgumentException();
            }
            return aggregate;
        } catch (IllegalArgumentException e) {
            throw new InvalidConditionsException(path + ".ConditionParameters.Aggregate",
                    "must be " + allowed + ", not " + node.asString());
        }
    }
}
