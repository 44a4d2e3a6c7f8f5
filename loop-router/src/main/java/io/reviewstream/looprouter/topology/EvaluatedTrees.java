package io.reviewstream.looprouter.topology;

import io.reviewstream.conditions.ActivationConditions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluated trees rebuilt from a condition document and node results. A flow's conditions evaluate to a handful
 * of combinations, so each is rebuilt (a parse of the document) once rather than for every loop. One per stream
 * task, so no locking.
 */
final class EvaluatedTrees {

    /** Combinations kept; an unusual flow with more only costs a rebuild per loop. */
    private static final int MAX = 1_024;

    private record Key(String document, List<Boolean> nodeResults) {
    }

    private final Map<Key, String> trees = new HashMap<>();

    String of(String document, List<Boolean> nodeResults) {
        Key key = new Key(document, List.copyOf(nodeResults));
        String tree = trees.get(key);
        if (tree == null) {
            tree = ActivationConditions.evaluatedTree(document, nodeResults);
            if (trees.size() >= MAX) {
                trees.clear();
            }
            trees.put(key, tree);
        }
        return tree;
    }
}
