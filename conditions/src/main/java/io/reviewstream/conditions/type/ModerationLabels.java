package io.reviewstream.conditions.type;

import io.reviewstream.conditions.ConditionNotApplicableException;
import tools.jackson.databind.JsonNode;

/**
 * The moderation labels of a Rekognition {@code DetectModerationLabels} response, read once per evaluation. Label
 * {@code i} is element {@code i} of {@code moderationLabels}, which is what a {@link Selection} indexes.
 */
public final class ModerationLabels {

    public static final String ARRAY = "moderationLabels";

    private final String[] names;
    private final double[] confidences;

    private ModerationLabels(String[] names, double[] confidences) {
        this.names = names;
        this.confidences = confidences;
    }

    public static ModerationLabels parse(JsonNode aiServiceResponse) {
        JsonNode labels = AwsFields.get(aiServiceResponse, ARRAY);
        if (labels == null || !labels.isArray()) {
            throw new ConditionNotApplicableException(
                    "aiServiceResponse.moderationLabels is missing: not a DetectModerationLabels response");
        }
        String[] names = new String[labels.size()];
        double[] confidences = new double[labels.size()];
        for (int i = 0; i < names.length; i++) {
            JsonNode label = labels.get(i);
            names[i] = AwsFields.text(label, "name");
            confidences[i] = AwsFields.number(label, "confidence");
            if (names[i] == null || Double.isNaN(confidences[i])) {
                throw new ConditionNotApplicableException(
                        "aiServiceResponse.moderationLabels[" + i + "] needs a name and a numeric confidence");
            }
        }
        return new ModerationLabels(names, confidences);
    }

    int size() {
        return names.length;
    }

    String name(int label) {
        return names[label];
    }

    double confidence(int label) {
        return confidences[label];
    }
}
