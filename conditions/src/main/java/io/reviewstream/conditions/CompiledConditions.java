package io.reviewstream.conditions;

import io.reviewstream.conditions.type.Condition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A flow version's conditions, compiled: immutable and safe to share between stream threads. The top-level
 * conditions are OR-ed, as in A2I.
 */
public final class CompiledConditions {

    static final CompiledConditions ALWAYS = new CompiledConditions(List.of());
    static final String ACTIVATION_REASON = "ConditionsEvaluation";

    private final List<Condition> conditions;

    CompiledConditions(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    /**
     * @param input       the document the conditions look at
     * @param samplingKey what sampling hashes: the prediction id or loop name
     * @throws ConditionNotApplicableException when the input lacks the shape the conditions need
     */
    public Evaluation evaluate(JsonNode input, String samplingKey) {
        if (conditions.isEmpty()) {
            return new Evaluation(true, false, null, List.of());
        }
        if (input == null || !input.isObject()) {
            throw new ConditionNotApplicableException("conditions need a JSON object as input");
        }
        Condition.Input in = new Condition.Input(input, samplingKey);
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        boolean any = false;
        boolean anyWithoutSampling = false;
        for (Condition condition : conditions) {
            Condition.Result result = condition.evaluate(in);
            results.add(result.evaluated());
            any |= result.value();
            anyWithoutSampling |= result.value() && !result.sampled();
        }
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.set("Conditions", results);
        return new Evaluation(any, any && !anyWithoutSampling, tree.toString(),
                any ? List.of(ACTIVATION_REASON) : List.of());
    }
}
