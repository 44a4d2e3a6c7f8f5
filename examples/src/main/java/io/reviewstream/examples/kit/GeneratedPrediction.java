package io.reviewstream.examples.kit;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One prediction and whether it was made to need a person: the generator builds each prediction for a scenario
 * (a confident one, a doubtful one, one with a field missing), and the kit's flow definition must send exactly the
 * doubtful ones to review.
 */
public record GeneratedPrediction(String predictionId, ObjectNode inputContent, boolean reviewExpected) {

    /** The record for the predictions topic. */
    public ObjectNode record(String flowDefinitionName) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("predictionId", predictionId);
        record.put("flowDefinitionName", flowDefinitionName);
        record.set("inputContent", inputContent);
        return record;
    }
}
