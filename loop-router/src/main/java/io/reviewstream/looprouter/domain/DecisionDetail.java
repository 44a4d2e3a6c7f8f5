package io.reviewstream.looprouter.domain;

/**
 * How much of the evaluation every Decision on {@code rs.decisions} carries. A loop always carries the whole
 * evaluated tree, since its output file reports it; a decision is written for every prediction, so its size is
 * the decisions topic's size.
 */
public enum DecisionDetail {

    /**
     * The result of every condition, in document order: a few bytes that, with the flow version's condition
     * document, give the whole evaluated tree.
     */
    RESULTS,

    /**
     * The node results and the evaluated tree as JSON, for consumers that must read a decision without the flow
     * definition; the tree repeats every condition's parameters, so a decision is five times the size of a typical
     * prediction and the router runs at about two thirds of the rate (docs/benchmarks.md).
     */
    TREE
}
