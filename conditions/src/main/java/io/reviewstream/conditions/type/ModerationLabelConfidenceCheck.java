package io.reviewstream.conditions.type;

import io.reviewstream.conditions.InvalidConditionsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * A2I's {@code ModerationLabelConfidenceCheck} (Rekognition DetectModerationLabels): true when a label named
 * {@code ModerationLabelName} (case-sensitive; {@code *} for any label) has a confidence within every bound given.
 * The labels that pass are what reviewers see.
 */
public final class ModerationLabelConfidenceCheck extends Leaf {

    public static final String TYPE = "ModerationLabelConfidenceCheck";
    public static final List<String> PARAMETERS = Stream.concat(Stream.of("ModerationLabelName"),
            Comparison.names("Confidence").stream()).toList();

    private final String labelName;
    private final Comparison comparison;

    private ModerationLabelConfidenceCheck(ObjectNode configured, String labelName, Comparison comparison) {
        super(configured);
        this.labelName = labelName;
        this.comparison = comparison;
    }

    public static ModerationLabelConfidenceCheck parse(ObjectNode configured, JsonNode parameters, String location)
            throws InvalidConditionsException {
        JsonNode name = parameters.get("ModerationLabelName");
        if (name == null || !name.isString() || name.asString().isEmpty()) {
            throw new InvalidConditionsException(location + ".ConditionParameters.ModerationLabelName",
                    "is required: a moderation label name such as Violence, or * for any label");
        }
        return new ModerationLabelConfidenceCheck(configured, "*".equals(name.asString()) ? null : name.asString(),
                Comparison.parse(parameters, "Confidence", location, true).requireWithin(0, 100, location));
    }

    @Override
    public Result evaluate(Input input) {
        ModerationLabels labels = input.rekognition();
        BitSet passing = new BitSet();
        for (int i = 0; i < labels.size(); i++) {
            if ((labelName == null || labelName.equals(labels.name(i))) && comparison.test(labels.confidence(i))) {
                passing.set(i);
            }
        }
        return result(!passing.isEmpty(), false, Selection.of(passing, labelName == null ? "*" : labelName));
    }
}
