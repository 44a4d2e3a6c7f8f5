package io.reviewstream.conditions.type;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One compiled node of a condition tree. Evaluation returns the node as configured with its
 * {@code EvaluationResult} added, which is what A2I reports back in {@code humanTaskActivationConditionResults}.
 */
public interface Condition {

    String EVALUATION_RESULT = "EvaluationResult";

    Result evaluate(Input input);

    /**
     * The input of one evaluation.
     *
     * @param document    the document the conditions look at
     * @param samplingKey what sampling hashes
     * @param textract    the Textract response's key-value pairs, parsed once per evaluation; null for other sources
     * @param rekognition the Rekognition response's moderation labels; null for other sources
     */
    record Input(JsonNode document, String samplingKey, TextractForm textract, ModerationLabels rekognition) {

        public Input(JsonNode document, String samplingKey) {
            this(document, samplingKey, null, null);
        }
    }

    /**
     * @param value     whether the condition holds
     * @param sampled   whether a Sampling condition contributed a true result
     * @param evaluated the configured node with {@code EvaluationResult}; shared, never to be modified
     * @param selected  the inferences a true condition selects for reviewers (built-in sources)
     * @param variant   which of the node's shared evaluated forms {@code evaluated} is, -1 for an unshared one
     *                  (see {@link EvaluatedNodes})
     */
    record Result(boolean value, boolean sampled, ObjectNode evaluated, Selection selected, int variant) {
    }
}
