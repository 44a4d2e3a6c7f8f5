package io.reviewstream.conditions.type;

import tools.jackson.databind.node.ObjectNode;

/** A condition with no children: echoes its configured node with its result. */
abstract class Leaf implements Condition {

    private final ObjectNode configured;

    Leaf(ObjectNode configured) {
        this.configured = configured;
    }

    final Result result(boolean value, boolean sampled) {
        ObjectNode evaluated = configured.deepCopy();
        evaluated.put(EVALUATION_RESULT, value);
        return new Result(value, sampled && value, evaluated);
    }
}
