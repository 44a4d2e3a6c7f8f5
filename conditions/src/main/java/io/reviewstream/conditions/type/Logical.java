package io.reviewstream.conditions.type;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code And} / {@code Or} over two or more conditions. Every child is evaluated, even after the outcome is known,
 * because A2I reports an {@code EvaluationResult} on every node.
 */
public final class Logical implements Condition {

    public enum Operator { And, Or }

    private final Operator operator;
    private final List<Condition> children;

    public Logical(Operator operator, List<Condition> children) {
        this.operator = operator;
        this.children = List.copyOf(children);
    }

    @Override
    public Result evaluate(Input input) {
        ObjectNode evaluated = JsonNodeFactory.instance.objectNode();
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        boolean value = operator == Operator.And;
        boolean sampled = false;
        for (Condition child : children) {
            Result result = child.evaluate(input);
            results.add(result.evaluated());
            value = operator == Operator.And ? value && result.value() : value || result.value();
            sampled |= result.sampled();
        }
        evaluated.put(EVALUATION_RESULT, value);
        evaluated.set(operator.name(), results);
        return new Result(value, sampled && value, evaluated);
    }
}
