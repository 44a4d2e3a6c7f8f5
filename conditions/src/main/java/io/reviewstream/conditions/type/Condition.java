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

    /** The input of one evaluation: the document the conditions look at and the key that sampling hashes. */
    record Input(JsonNode document, String samplingKey) {
    }

    /**
     * @param value        whether the condition holds
     * @param sampled      whether a Sampling condition contributed a true result
     * @param evaluated    the configured node with {@code EvaluationResult}
     */
    record Result(boolean value, boolean sampled, ObjectNode evaluated) {
    }
}
