package io.reviewstream.conditions;

import java.util.List;

/**
 * The outcome of evaluating a flow's activation conditions against one input.
 *
 * @param humanReviewNeeded true when any top-level condition is true (or the flow has no conditions)
 * @param sampledOnly       true when random sampling alone sent the input to review
 * @param evaluatedTreeJson the configured condition tree with {@code EvaluationResult} on every node, as
 *                          {@code output.json} reports it; null when the flow has no conditions
 * @param reasons           A2I's HumanLoopActivationReasons
 */
public record Evaluation(boolean humanReviewNeeded, boolean sampledOnly, String evaluatedTreeJson,
                         List<String> reasons) {
}
