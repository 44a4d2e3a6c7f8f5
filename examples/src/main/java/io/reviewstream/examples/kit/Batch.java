package io.reviewstream.examples.kit;

import java.util.List;

/** What a generator made: the predictions, and the objects they point to. */
public record Batch(List<GeneratedPrediction> predictions, List<StoredObject> objects) {
}
