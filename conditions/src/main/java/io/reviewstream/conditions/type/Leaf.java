package io.reviewstream.conditions.type;

import tools.jackson.databind.node.ObjectNode;

/**
 * A condition with no children: echoes its configured node with its result. Both echoes are built once, at
 * compile time, and shared by every evaluation (they are never modified afterwards), since copying the node per
 * prediction was the largest cost of evaluating.
 */
abstract class Leaf implements Condition {

    private final ObjectNode whenTrue;
    private final ObjectNode whenFalse;

    Leaf(ObjectNode configured) {
        this.whenTrue = configured.deepCopy().put(EVALUATION_RESULT, true);
        this.whenFalse = configured.deepCopy().put(EVALUATION_RESULT, false);
    }

    final Result result(boolean value, boolean sampled) {
        return result(value, sampled, Selection.NONE);
    }

    final Result result(boolean value, boolean sampled, Selection selected) {
        return new Result(value, sampled && value, value ? whenTrue : whenFalse, value ? selected : Selection.NONE,
                value ? 1 : 0);
    }
}
