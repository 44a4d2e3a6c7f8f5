package io.reviewstream.conditions.type;

import io.reviewstream.conditions.InvalidConditionsException;
import io.reviewstream.conditions.path.JsonPath;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code LabelCheck} for any model: the strings a JSONPath matches, tested for membership in {@code Labels}
 * ({@code Match} {@code in}, the default, or {@code notIn}), combined by {@code Aggregate} any or all.
 */
public final class LabelCheck extends Leaf {

    public static final String TYPE = "LabelCheck";
    public static final List<String> PARAMETERS = List.of("Path", "Labels", "Match", "Aggregate");

    private final JsonPath path;
    private final Set<String> labels;
    private final boolean in;
    private final Aggregate aggregate;

    private LabelCheck(ObjectNode configured, JsonPath path, Set<String> labels, boolean in, Aggregate aggregate) {
        super(configured);
        this.path = path;
        this.labels = labels;
        this.in = in;
        this.aggregate = aggregate;
    }

    public static LabelCheck parse(ObjectNode configured, JsonNode parameters, String location)
            throws InvalidConditionsException {
        JsonNode labelsNode = parameters.get("Labels");
        if (labelsNode == null || !labelsNode.isArray() || labelsNode.isEmpty()) {
            throw new InvalidConditionsException(location + ".ConditionParameters.Labels",
                    "is required: a non-empty array of strings");
        }
        Set<String> labels = new HashSet<>();
        for (JsonNode label : labelsNode) {
            if (!label.isString()) {
                throw new InvalidConditionsException(location + ".ConditionParameters.Labels",
                        "must hold strings only");
            }
            labels.add(label.asString());
        }
        JsonNode match = parameters.get("Match");
        boolean in = true;
        if (match != null) {
            if (!match.isString() || !(match.asString().equals("in") || match.asString().equals("notIn"))) {
                throw new InvalidConditionsException(location + ".ConditionParameters.Match", "must be in or notIn");
            }
            in = match.asString().equals("in");
        }
        return new LabelCheck(configured, Paths.required(parameters, location), Set.copyOf(labels), in,
                Aggregate.parse(parameters, location, false));
    }

    @Override
    public Result evaluate(Input input) {
        List<JsonNode> matched = path.select(input.document());
        if (matched.isEmpty()) {
            return result(false, false);
        }
        boolean any = false;
        boolean all = true;
        for (JsonNode node : matched) {
            boolean pass = node.isString() && labels.contains(node.asString()) == in;
            any |= pass;
            all &= pass;
        }
        return result(aggregate == Aggregate.ALL ? all : any, false);
    }
}
