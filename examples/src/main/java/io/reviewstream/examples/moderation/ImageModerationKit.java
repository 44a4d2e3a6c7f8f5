package io.reviewstream.examples.moderation;

import io.reviewstream.examples.kit.Batch;
import io.reviewstream.examples.kit.GeneratedPrediction;
import io.reviewstream.examples.kit.Kit;
import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.kit.ObjectLocation;
import io.reviewstream.examples.kit.StoredObject;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Uploaded pictures checked by Rekognition DetectModerationLabels (MinConfidence 50). Labels Rekognition is sure of
 * (90 and more) are acted on automatically, faint ones (below 55) are let through, and a person decides the band
 * in between.
 */
public final class ImageModerationKit implements Kit {

    static final int MIN_CONFIDENCE = 50;
    private static final List<Scene> UNSAFE = List.of(Scene.BEACH, Scene.DRINKS, Scene.PILLS, Scene.KNIFE,
            Scene.CASINO);

    @Override
    public String name() {
        return "image-moderation";
    }

    @Override
    public String flowDefinitionName() {
        return "image-moderation";
    }

    @Override
    public Batch generate(KitRandom random, int count, ObjectLocation objects) {
        List<GeneratedPrediction> predictions = new ArrayList<>();
        List<StoredObject> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double draw = random.raw().nextDouble();
            String id = random.id("upload");
            String name = "uploads/" + id + ".png";
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            ObjectNode request = input.putObject("aiServiceRequest");
            request.putObject("image").putObject("s3Object").put("bucket", objects.bucket())
                    .put("name", objects.key(name));
            request.put("minConfidence", MIN_CONFIDENCE);
            ObjectNode response = input.putObject("aiServiceResponse");
            ArrayNode labels = response.putArray("moderationLabels");
            response.put("moderationModelVersion", "6.1");

            Scene scene;
            boolean doubtful = false;
            if (draw < 0.35) {
                scene = Scene.LANDSCAPE;
            } else {
                scene = random.pick(UNSAFE);
                // Rekognition's confidence in what the picture shows: sure, in between, or faint
                double confidence = draw < 0.55 ? random.between(92.0, 99.9, 4)
                        : draw < 0.9 ? random.between(58.0, 88.0, 4) : random.between(50.0, 54.0, 4);
                doubtful = draw >= 0.55 && draw < 0.9;
                // a parent is at least as likely as its child
                double parent = Math.min(99.99, confidence + random.between(0.0, 0.9, 4));
                labels.addObject().put("confidence", parent).put("name", scene.parent).put("parentName", "");
                if (!scene.label.equals(scene.parent)) {
                    labels.addObject().put("confidence", confidence).put("name", scene.label)
                            .put("parentName", scene.parent);
                }
            }
            stored.add(new StoredObject(objects.bucket(), objects.key(name), "image/png", scene.draw(random)));
            predictions.add(new GeneratedPrediction(id, input, doubtful));
        }
        return new Batch(predictions, stored);
    }
}
