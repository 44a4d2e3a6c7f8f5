package io.reviewstream.flowservice.console.domain;

import io.reviewstream.conditions.ActivationConditions;
import io.reviewstream.conditions.CompiledConditions;
import io.reviewstream.conditions.ConditionNotApplicableException;
import io.reviewstream.conditions.Evaluation;
import io.reviewstream.conditions.InvalidConditionsException;
import io.reviewstream.schemas.avro.FlowDefinition;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * A flow version's conditions evaluated on a prediction as loop-router evaluates them: the same compiler and
 * evaluator, the same sampling draw for the same prediction id, and the node results and evaluated tree the
 * router writes into decisions and output.json.
 */
public final class ConditionsTryout {

    /**
     * @param applicable false when the prediction lacks what the conditions need (the router dead-letters it)
     * @param message    why it is not applicable; null otherwise
     * @param evaluatedTree the conditions with {@code EvaluationResult} on every node; null without conditions
     */
    public record Result(boolean applicable, String message, boolean humanReviewNeeded, boolean sampledOnly,
                         List<String> reasons, List<Boolean> nodeResults, String evaluatedTree) {
    }

    private ConditionsTryout() {
    }

    /** @param predictionId what the router's sampling draw keys on: the prediction's id (or the loop's name) */
    public static Result evaluate(FlowDefinition flow, JsonNode prediction, String predictionId) {
        CompiledConditions conditions;
        try {
            conditions = ActivationConditions.compile(flow.getActivationConditions(), flow.getHumanLoopRequestSource());
        } catch (InvalidConditionsException e) {
            // a stored version was valid when it was published; a newer compiler may disagree
            return new Result(false, "The flow's conditions do not compile: " + e.getMessage(), false, false,
                    List.of(), List.of(), null);
        }
        try {
            Evaluation evaluation = conditions.evaluate(prediction,
                    CompiledConditions.samplingKey(flow.getName(), predictionId));
            return new Result(true, null, evaluation.humanReviewNeeded(), evaluation.sampledOnly(),
                    evaluation.reasons(), evaluation.nodeResults(), evaluation.evaluatedTreeJson());
        } catch (ConditionNotApplicableException e) {
            return new Result(false, e.getMessage(), false, false, List.of(), List.of(), null);
        }
    }
}
