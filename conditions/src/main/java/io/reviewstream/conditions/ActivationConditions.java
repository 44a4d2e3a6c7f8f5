package io.reviewstream.conditions;

import io.reviewstream.conditions.type.Condition;
import io.reviewstream.conditions.type.Logical;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Parses and validates a {@code HumanLoopActivationConditions} document and compiles it once, for one flow
 * definition version, into a tree that the router evaluates per prediction. Which condition types are allowed
 * depends on the flow's request source: A2I's for the built-in sources, Reviewstream's for custom models.
 */
public final class ActivationConditions {

    /** A2I documents "up to two levels of nesting" of And/Or. */
    public static final int MAX_NESTING = 2;
    /** HumanLoopActivationConditions is at most 10,240 characters in A2I's model. */
    public static final int MAX_LENGTH = 10_240;

    /** The conditions of a flow without any: every input is reviewed. */
    public static final CompiledConditions ALWAYS = CompiledConditions.ALWAYS;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ActivationConditions() {
    }

    /**
     * @param conditionsJson         the document, or null for a flow without conditions (every input is reviewed)
     * @param humanLoopRequestSource A2I's AwsManagedHumanLoopRequestSource, or null for a custom model
     */
    public static CompiledConditions compile(String conditionsJson, String humanLoopRequestSource)
            throws InvalidConditionsException {
        if (conditionsJson == null) {
            return ALWAYS;
        }
        if (conditionsJson.length() > MAX_LENGTH) {
            throw new InvalidConditionsException("$", "longer than " + MAX_LENGTH + " characters");
        }
        RequestSource source = RequestSource.of(humanLoopRequestSource);
        JsonNode root;
        try {
            root = JSON.readTree(conditionsJson);
        } catch (JacksonException e) {
            throw new InvalidConditionsException("$", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConditionsException("$", "must be a JSON object with a Conditions array");
        }
        if (root.get("Conditions") == null && (root.has("ConditionType") || root.has("And") || root.has("Or"))) {
            throw new InvalidConditionsException("$", "is a single condition; wrap it as {\"Conditions\":[ … ]}");
        }
        JsonNode conditions = root.get("Conditions");
        if (conditions == null || !conditions.isArray() || conditions.isEmpty()) {
            throw new InvalidConditionsException("$.Conditions", "is required: a non-empty array of conditions");
        }
        unexpectedKeys(root, "$", Set.of("Conditions"));
        List<Condition> compiled = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            compiled.add(condition(conditions.get(i), "$.Conditions[" + i + "]", 0, source));
        }
        return new CompiledConditions(compiled, source);
    }

    /**
     * The evaluated tree, as {@link Evaluation#evaluatedTreeJson()} renders it, from a valid condition document and
     * the {@link Evaluation#nodeResults() node results} of one evaluation of it: what a consumer of compact
     * decisions needs to see them as {@code output.json} would.
     *
     * @throws IllegalArgumentException when the results do not fit the document
     */
    public static String evaluatedTree(String conditionsJson, List<Boolean> nodeResults) {
        JsonNode conditions = JSON.readTree(conditionsJson).get("Conditions");
        if (conditions == null || !conditions.isArray()) {
            throw new IllegalArgumentException("not a condition document: it has no Conditions array");
        }
        Iterator<Boolean> results = nodeResults.iterator();
        ObjectNode tree = JSON.createObjectNode();
        ArrayNode evaluated = tree.putArray("Conditions");
        for (JsonNode condition : conditions) {
            evaluated.add(evaluated(condition, results));
        }
        if (results.hasNext()) {
            throw new IllegalArgumentException("more node results than the document has conditions");
        }
        return tree.toString();
    }

    private static ObjectNode evaluated(JsonNode condition, Iterator<Boolean> results) {
        if (!results.hasNext()) {
            throw new IllegalArgumentException("fewer node results than the document has conditions");
        }
        boolean result = results.next();
        for (Logical.Operator operator : Logical.Operator.values()) {
            JsonNode children = condition.get(operator.name());
            if (children != null) {
                ObjectNode node = JSON.createObjectNode();
                ArrayNode evaluated = node.put(Condition.EVALUATION_RESULT, result).putArray(operator.name());
                children.forEach(child -> evaluated.add(evaluated(child, results)));
                return node;
            }
        }
        return ((ObjectNode) condition.deepCopy()).put(Condition.EVALUATION_RESULT, result);
    }

    private static Condition condition(JsonNode node, String location, int depth, RequestSource source)
            throws InvalidConditionsException {
        if (!node.isObject()) {
            throw new InvalidConditionsException(location, "must be an object");
        }
        for (Logical.Operator operator : Logical.Operator.values()) {
            JsonNode children = node.get(operator.name());
            if (children == null) {
                continue;
            }
            unexpectedKeys(node, location, Set.of(operator.name()));
            if (depth >= MAX_NESTING) {
                throw new InvalidConditionsException(location, "nests And/Or deeper than " + MAX_NESTING + " levels");
            }
            if (!children.isArray() || children.size() < 2) {
                throw new InvalidConditionsException(location + "." + operator.name(),
                        "must be an array of at least two conditions");
            }
            List<Condition> compiled = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                compiled.add(condition(children.get(i), location + "." + operator.name() + "[" + i + "]",
                        depth + 1, source));
            }
            return new Logical(operator, compiled);
        }
        JsonNode type = node.get("ConditionType");
        if (type == null || !type.isString()) {
            throw new InvalidConditionsException(location, "needs a ConditionType string, or And / Or");
        }
        unexpectedKeys(node, location, Set.of("ConditionType", "ConditionParameters"));
        RequestSource.Type conditionType = source.types.get(type.asString());
        if (conditionType == null) {
            throw new InvalidConditionsException(location + ".ConditionType", "'" + type.asString()
                    + "' is not a condition type for " + source + "; allowed: "
                    + source.types.keySet().stream().sorted().toList());
        }
        JsonNode parameters = node.get("ConditionParameters");
        if (parameters == null || !parameters.isObject()) {
            throw new InvalidConditionsException(location + ".ConditionParameters", "is required: an object");
        }
        unexpectedKeys(parameters, location + ".ConditionParameters", Set.copyOf(conditionType.parameters()));
        return conditionType.parser().parse((ObjectNode) node, parameters, location);
    }

    private static void unexpectedKeys(JsonNode node, String location, Set<String> expected)
            throws InvalidConditionsException {
        for (String name : node.propertyNames()) {
            if (!expected.contains(name)) {
                throw new InvalidConditionsException(location + "." + name, "is not expected here; expected "
                        + expected.stream().sorted().toList());
            }
        }
    }
}
