package io.reviewstream.examples.kit;

/**
 * One use case of human review: the model or service whose output it imitates, and the flow definition its
 * predictions are for. The kit's template and flow definition live in {@code examples/<name>/}.
 */
public interface Kit {

    /** The kit's folder under {@code examples/}, and its name on the generator's command line. */
    String name();

    /** The flow definition of {@code examples/<name>/flow.json}, which every generated prediction names. */
    String flowDefinitionName();

    /**
     * Generates {@code count} predictions, the same ones for the same random sequence, with the objects they
     * point to (images, audio, documents) under {@code objects}.
     */
    Batch generate(KitRandom random, int count, ObjectLocation objects);
}
