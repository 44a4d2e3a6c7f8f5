package io.reviewstream.conditions.type;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The distinct evaluated forms of one node of a condition tree, built once each and then shared. A node's
 * evaluated form depends only on its own result and its children's evaluated forms, and in practice only a handful
 * of combinations occur, so rendering the tree (the largest per-prediction cost of evaluating, measured with JMH)
 * happens once per combination instead of once per prediction. Each form gets a small number, its variant; a node
 * whose children have too many variants, or a node that has seen too many combinations, is built per evaluation
 * (variant -1).
 */
public final class EvaluatedNodes {

    /** Evaluated forms one node keeps; beyond this, new combinations are built per evaluation. */
    static final int MAX_VARIANTS = 256;
    private static final int MAX_CHILDREN = 7;
    private static final List<String> CHILDREN = List.of("Conditions", Logical.Operator.And.name(),
            Logical.Operator.Or.name());

    /**
     * @param variant this form's number among the node's forms; -1 when not shared
     * @param json    the form rendered; null when not shared
     * @param results the form's {@link #results node results}; null when not shared
     */
    public record Form(int variant, ObjectNode node, String json, List<Boolean> results) {
    }

    private final ConcurrentHashMap<Long, Form> forms = new ConcurrentHashMap<>();
    private final AtomicInteger variants = new AtomicInteger();

    /** The shared form for this combination, or a fresh unshared one when the combination cannot be shared. */
    public Form form(boolean value, List<Integer> childVariants, Supplier<ObjectNode> build) {
        long key = key(value, childVariants);
        if (key < 0) {
            return unshared(build);
        }
        Form form = forms.get(key);
        if (form != null) {
            return form;
        }
        if (forms.size() >= MAX_VARIANTS) {
            return unshared(build);
        }
        return forms.computeIfAbsent(key, k -> {
            ObjectNode node = build.get();
            int variant = variants.getAndIncrement();
            return new Form(variant < MAX_VARIANTS ? variant : -1, node, node.toString(), results(node));
        });
    }

    private static Form unshared(Supplier<ObjectNode> build) {
        ObjectNode node = build.get();
        return new Form(-1, node, null, null);
    }

    /**
     * The {@code EvaluationResult} of every condition in an evaluated tree, in document order: a logical node
     * before its children. With the condition document they stand for the whole evaluated tree, in a few bytes.
     */
    public static List<Boolean> results(ObjectNode evaluated) {
        List<Boolean> results = new ArrayList<>();
        collect(evaluated, results);
        return List.copyOf(results);
    }

    private static void collect(JsonNode node, List<Boolean> results) {
        JsonNode result = node.get(Condition.EVALUATION_RESULT);
        if (result != null) {
            results.add(result.asBoolean());
        }
        // A leaf's parameters are not conditions: only the top level and And / Or hold children.
        for (String children : CHILDREN) {
            JsonNode nodes = node.get(children);
            if (nodes != null) {
                nodes.forEach(child -> collect(child, results));
            }
        }
    }

    /** The children's variants and the node's value packed into one number; -1 when they do not fit. */
    private static long key(boolean value, List<Integer> childVariants) {
        if (childVariants.size() > MAX_CHILDREN) {
            return -1;
        }
        long key = value ? 1 : 0;
        for (int variant : childVariants) {
            if (variant < 0 || variant >= MAX_VARIANTS) {
                return -1;
            }
            key = (key << 8) | variant;
        }
        return key;
    }
}
