package io.reviewstream.conditions;

import io.reviewstream.conditions.type.EvaluatedNodes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The outcome of evaluating a flow's activation conditions against one input.
 */
public final class Evaluation {

    static final String CONDITION_RESULTS = "humanTaskActivationConditionResults";
    static final String SELECTED_RESPONSE = "selectedAiServiceResponse";

    private final boolean humanReviewNeeded;
    private final boolean sampledOnly;
    private final ObjectNode evaluatedTree;
    private final String evaluatedTreeJson;
    private final List<Boolean> nodeResults;
    private final List<String> reasons;
    private final JsonNode selectedAiServiceResponse;

    /**
     * @param evaluatedTreeJson the tree rendered, when it is a shared tree rendered already; else null
     * @param nodeResults       the tree's node results, when it is a shared tree; else null
     */
    Evaluation(boolean humanReviewNeeded, boolean sampledOnly, ObjectNode evaluatedTree, String evaluatedTreeJson,
               List<Boolean> nodeResults, List<String> reasons, JsonNode selectedAiServiceResponse) {
        this.humanReviewNeeded = humanReviewNeeded;
        this.sampledOnly = sampledOnly;
        this.evaluatedTree = evaluatedTree;
        this.evaluatedTreeJson = evaluatedTreeJson;
        this.nodeResults = nodeResults;
        this.reasons = reasons;
        this.selectedAiServiceResponse = selectedAiServiceResponse;
    }

    /** True when any top-level condition is true, or the flow has no conditions. */
    public boolean humanReviewNeeded() {
        return humanReviewNeeded;
    }

    /** True when random sampling alone sent the input to review. */
    public boolean sampledOnly() {
        return sampledOnly;
    }

    /**
     * The configured condition tree with {@code EvaluationResult} on every node, as {@code output.json} reports it
     * in {@code humanTaskActivationConditionResults}; null when the flow has no conditions.
     */
    public String evaluatedTreeJson() {
        if (evaluatedTreeJson != null || evaluatedTree == null) {
            return evaluatedTreeJson;
        }
        return evaluatedTree.toString();
    }

    /**
     * The {@code EvaluationResult} of every condition in the document, in document order (a logical node before
     * its children); empty when the flow has no conditions. {@link ActivationConditions#evaluatedTree} turns them
     * and the document back into {@link #evaluatedTreeJson()}.
     */
    public List<Boolean> nodeResults() {
        if (nodeResults != null) {
            return nodeResults;
        }
        return evaluatedTree == null ? List.of() : EvaluatedNodes.results(evaluatedTree);
    }

    /** A2I's HumanLoopActivationReasons; empty when no review is needed. */
    public List<String> reasons() {
        return reasons;
    }

    /**
     * For built-in sources, the part of {@code aiServiceResponse} the true conditions selected (all of it for
     * sampling), in the response's own shape; null for custom models or when no review is needed.
     */
    public JsonNode selectedAiServiceResponse() {
        return selectedAiServiceResponse;
    }

    /**
     * What the loop's reviewers and {@code output.json} see as {@code inputContent}: for built-in sources the
     * input plus {@code humanTaskActivationConditionResults} and {@code selectedAiServiceResponse}; for custom
     * models the input as given (the same instance).
     */
    public JsonNode loopInput(JsonNode input) {
        if (selectedAiServiceResponse == null || !(input instanceof ObjectNode object)) {
            return input;
        }
        ObjectNode loopInput = object.deepCopy();
        // A copy: the tree shares its leaves with every other evaluation of these conditions.
        loopInput.set(CONDITION_RESULTS, evaluatedTree.deepCopy());
        loopInput.set(SELECTED_RESPONSE, selectedAiServiceResponse);
        return loopInput;
    }
}
