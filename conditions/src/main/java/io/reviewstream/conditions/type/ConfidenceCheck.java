package io.reviewstream.conditions.type;

import io.reviewstream.conditions.ConditionNotApplicableException;
import io.reviewstream.conditions.InvalidConditionsException;
import io.reviewstream.conditions.path.JsonPath;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ConfidenceCheck} for any model: the numbers a JSONPath matches in the prediction, combined by
 * {@code Aggregate}, tested against confidence bounds. No match is false (use {@code MissingField} for absence).
 */
public final class ConfidenceCheck extends Leaf {

    public static final String TYPE = "ConfidenceCheck";
    public static final List<String> PARAMETERS = Stream.concat(Stream.of("Path", "Aggregate"), Comparison.names("Confidence").stream()).toList();

    private final JsonPath path;
    private final Aggregate aggregate;
    private final Comparison comparison;

    private ConfidenceCheck(ObjectNode configured, JsonPath path, Aggregate aggregate, Comparison comparison) {
        super(configured);
        this.path = path;
        this.aggregate = aggregate;
        this.comparison = comparison;
    }

    public static ConfidenceCheck parse(ObjectNode configured, JsonNode parameters, String location)
            throws InvalidConditionsException {
        return new ConfidenceCheck(configured, Paths.required(parameters, location),
                Aggregate.parse(parameters, location, true),
                Comparison.parse(parameters, "Confidence", location, true));
    }

    @Override
    public Result evaluate(Input input) {
        List<JsonNode> matched = path.select(input.document());
        if (matched.isEmpty()) {
            return result(false, false);
        }
        double[] values = new double[matched.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode node = matched.get(i);
            if (!node.isNumber()) {
                throw new ConditionNotApplicableException(TYPE + " path " + path + " matched a non-number: " + node);
            }
            values[i] = node.asDouble();
        }
        boolean value = switch (aggregate) {
            case ANY -> {
                boolean any = false;
                for (double v : values) {
                    any |= comparison.test(v);
                }
                yield any;
            }
            case ALL -> {
                boolean all = true;
                for (double v : values) {
                    all &= comparison.test(v);
                }
                yield all;
            }
            case MIN -> comparison.test(java.util.Arrays.stream(values).min().orElseThrow());
            case MAX -> comparison.test(java.util.Arrays.stream(values).max().orElseThrow());
        };
        return result(value, false);
    }
}
