package io.reviewstream.conditions.type;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code And} / {@code Or} over two or more conditions. Every child is evaluated, even after the outcome is known,
 * because A2I reports an {@code EvaluationResult} on every node. A true node selects the union of what its true
 * children select, A2I's "union of inferences selected by every condition that evaluated true"; see
 * {@link #intersectBySubject} for {@code And}.
 */
public final class Logical implements Condition {

    public enum Operator { And, Or }

    private final Operator operator;
    private final List<Condition> children;
    private final EvaluatedNodes forms = new EvaluatedNodes();

    public Logical(Operator operator, List<Condition> children) {
        this.operator = operator;
        this.children = List.copyOf(children);
    }

    @Override
    public Result evaluate(Input input) {
        boolean value = operator == Operator.And;
        boolean sampled = false;
        List<Result> results = new ArrayList<>(children.size());
        List<Selection> selections = new ArrayList<>(children.size());
        List<Integer> variants = new ArrayList<>(children.size());
        for (Condition child : children) {
            Result result = child.evaluate(input);
            results.add(result);
            value = operator == Operator.And ? value && result.value() : value || result.value();
            sampled |= result.sampled();
            selections.add(result.selected());
            variants.add(result.variant());
        }
        Selection selected = Selection.NONE;
        if (value) {
            selected = operator == Operator.And ? intersectBySubject(selections) : union(selections);
            value = operator == Operator.Or || selected != null;
        }
        boolean result = value;
        EvaluatedNodes.Form form = forms.form(result, variants, () -> {
            ObjectNode evaluated = JsonNodeFactory.instance.objectNode();
            ArrayNode nodes = evaluated.put(EVALUATION_RESULT, result).putArray(operator.name());
            results.forEach(child -> nodes.add(child.evaluated()));
            return evaluated;
        });
        return new Result(value, sampled && value, form.node(), value ? selected : Selection.NONE, form.variant());
    }

    private static Selection union(List<Selection> selections) {
        Selection union = Selection.NONE;
        for (Selection selection : selections) {
            union = union.union(selection);
        }
        return union;
    }

    /**
     * The selection of a true {@code And}: children about the same subject must hold for the same inferences
     * (A2I expresses "Violence between 55 and 85" as an And of two bounds on the same label), children about
     * different subjects contribute what each selected, and Sampling (everything) narrows nothing.
     *
     * @return null when some subject has no inference that satisfies all of its conditions
     */
    private static Selection intersectBySubject(List<Selection> selections) {
        Map<String, Selection> bySubject = new LinkedHashMap<>();
        Selection others = Selection.NONE;
        boolean all = false;
        for (Selection selection : selections) {
            if (selection.all()) {
                all = true;
            } else if (selection.subject() == null) {
                others = others.union(selection);
            } else {
                bySubject.merge(selection.subject(), selection, Selection::intersection);
            }
        }
        Selection selected = others;
        for (Selection subject : bySubject.values()) {
            if (subject.isEmpty()) {
                return null;
            }
            selected = selected.union(subject);
        }
        return selected.isEmpty() && all ? Selection.ALL : selected;
    }
}
