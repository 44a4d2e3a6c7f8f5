package io.reviewstream.conditions;

import io.reviewstream.conditions.type.Condition;
import io.reviewstream.conditions.type.EvaluatedNodes;
import io.reviewstream.conditions.type.Selection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A flow version's conditions, compiled: immutable and safe to share between stream threads. The top-level
 * conditions are OR-ed and all of them are evaluated, as in A2I.
 */
public final class CompiledConditions {

    static final CompiledConditions ALWAYS = new CompiledConditions(List.of(), RequestSource.CUSTOM);
    static final String ACTIVATION_REASON = "ConditionsEvaluation";
    static final String AI_SERVICE_RESPONSE = "aiServiceResponse";

    private final List<Condition> conditions;
    private final RequestSource source;
    private final EvaluatedNodes trees = new EvaluatedNodes();

    /**
     * What sampling hashes for a prediction of a flow: the flow's name salts the draw, so that two flows sample one
     * prediction independently. The router and the console's tryout draw alike.
     */
    public static String samplingKey(String flowName, String predictionKey) {
        return flowName + '|' + predictionKey;
    }

    CompiledConditions(List<Condition> conditions, RequestSource source) {
        this.conditions = List.copyOf(conditions);
        this.source = source;
    }

    /**
     * @param input       the document the conditions look at: a custom model's prediction, or for built-in sources
     *                    {@code {"aiServiceRequest":…, "aiServiceResponse":…}}
     * @param samplingKey what sampling hashes: stable per prediction (flow name and prediction id or loop name)
     * @throws ConditionNotApplicableException when the input lacks the shape the conditions need
     */
    public Evaluation evaluate(JsonNode input, String samplingKey) {
        if (conditions.isEmpty()) {
            return new Evaluation(true, false, null, null, null, List.of(), null);
        }
        if (input == null || !input.isObject()) {
            throw new ConditionNotApplicableException("conditions need a JSON object as input");
        }
        Condition.Input in = source.input(input, samplingKey);
        List<Condition.Result> results = new ArrayList<>(conditions.size());
        List<Integer> variants = new ArrayList<>(conditions.size());
        boolean any = false;
        boolean anyWithoutSampling = false;
        Selection selected = Selection.NONE;
        for (Condition condition : conditions) {
            Condition.Result result = condition.evaluate(in);
            results.add(result);
            variants.add(result.variant());
            any |= result.value();
            anyWithoutSampling |= result.value() && !result.sampled();
            selected = selected.union(result.selected());
        }
        EvaluatedNodes.Form tree = trees.form(any, variants, () -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            ArrayNode nodes = node.putArray("Conditions");
            results.forEach(result -> nodes.add(result.evaluated()));
            return node;
        });
        return new Evaluation(any, any && !anyWithoutSampling, tree.node(), tree.json(), tree.results(),
                any ? List.of(ACTIVATION_REASON) : List.of(),
                source.builtIn() && any ? select(input.get(AI_SERVICE_RESPONSE), selected) : null);
    }

    /** The response with its inference array cut down to the selected items; every other field as it was. */
    private JsonNode select(JsonNode response, Selection selected) {
        if (selected.all()) {
            return response;
        }
        ObjectNode subset = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : response.properties()) {
            if (!field.getKey().equalsIgnoreCase(source.inferenceArray)) {
                subset.set(field.getKey(), field.getValue());
                continue;
            }
            ArrayNode items = subset.putArray(field.getKey());
            for (int i = 0; i < field.getValue().size(); i++) {
                if (selected.contains(i)) {
                    items.add(field.getValue().get(i));
                }
            }
        }
        return subset;
    }
}
