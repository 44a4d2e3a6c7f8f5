package io.reviewstream.conditions;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What A2I's Textract worker templates read besides the loop's input: {@code task.input.humanLoopContext
 * .importantFormKeys}, the form keys (with their aliases) that the flow's conditions are about, which the
 * crowd-textract-analyze-document element highlights for the worker.
 */
public final class HumanLoopContext {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> KEY_CONDITIONS = List.of("ImportantFormKeyConfidenceCheck",
            "MissingImportantFormKey");
    private static final String KEY = "ImportantFormKey";
    private static final String ALIASES = "ImportantFormKeyAliases";

    private HumanLoopContext() {
    }

    /**
     * The task input a Textract template is rendered with: the loop's input plus {@code humanLoopContext}. Any other
     * input, or one that is not a JSON object, is returned as it is.
     *
     * @param inputContent           the loop's input JSON
     * @param conditionsJson         the flow's HumanLoopActivationConditions, or null
     * @param humanLoopRequestSource the flow's AwsManagedHumanLoopRequestSource, or null
     */
    public static String templateInput(String inputContent, String conditionsJson, String humanLoopRequestSource) {
        if (!RequestSource.TEXTRACT.awsName.equals(humanLoopRequestSource)) {
            return inputContent;
        }
        try {
            JsonNode input = JSON.readTree(inputContent);
            if (!(input instanceof ObjectNode object)) {
                return inputContent;
            }
            ArrayNode keys = object.putObject("humanLoopContext").putArray("importantFormKeys");
            importantFormKeys(conditionsJson).forEach((key, aliases) -> {
                ObjectNode entry = keys.addObject().put("importantFormKey", key);
                aliases.forEach(entry.putArray("importantFormKeyAliases")::add);
            });
            return JSON.writeValueAsString(object);
        } catch (JacksonException e) {
            return inputContent;
        }
    }

    /** Every ImportantFormKey named by the document's conditions, with its aliases, in document order; no {@code *}. */
    static Map<String, List<String>> importantFormKeys(String conditionsJson) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        if (conditionsJson != null) {
            try {
                collect(JSON.readTree(conditionsJson), keys);
            } catch (JacksonException e) {
                // a document that does not parse names no keys; flow-service refuses such documents anyway
            }
        }
        return keys;
    }

    private static void collect(JsonNode node, Map<String, List<String>> keys) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, keys));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode type = node.get("ConditionType");
        JsonNode parameters = node.get("ConditionParameters");
        if (type != null && KEY_CONDITIONS.contains(type.asString()) && parameters != null) {
            JsonNode key = parameters.get(KEY);
            if (key != null && key.isString() && !"*".equals(key.asString())) {
                List<String> aliases = new ArrayList<>(keys.getOrDefault(key.asString(), List.of()));
                JsonNode given = parameters.get(ALIASES);
                if (given != null && given.isArray()) {
                    given.forEach(alias -> {
                        if (alias.isString() && !aliases.contains(alias.asString())) {
                            aliases.add(alias.asString());
                        }
                    });
                }
                keys.put(key.asString(), aliases);
            }
        }
        for (String logical : List.of("Conditions", "And", "Or")) {
            collect(node.get(logical), keys);
        }
    }
}
