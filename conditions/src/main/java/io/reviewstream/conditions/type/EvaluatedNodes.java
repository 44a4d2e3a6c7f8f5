package io.reviewstream.conditions.type;

import tools.jackson.databind.node.ObjectNode;

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

    /**
     * @param variant this form's number among the node's forms; -1 when not shared
     * @param json    the form rendered, computed on first use
     */
    public record Form(int variant, ObjectNode node, String json) {
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
            return new Form(variant < MAX_VARIANTS ? variant : -1, node, node.toString());
        });
    }

    private static Form unshared(Supplier<ObjectNode> build) {
        ObjectNode node = build.get();
        return new Form(-1, node, null);
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
