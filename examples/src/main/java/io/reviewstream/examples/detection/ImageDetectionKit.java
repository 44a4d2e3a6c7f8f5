package io.reviewstream.examples.detection;

import io.reviewstream.examples.kit.Batch;
import io.reviewstream.examples.kit.GeneratedPrediction;
import io.reviewstream.examples.kit.Kit;
import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.kit.ObjectLocation;
import io.reviewstream.examples.kit.StoredObject;
import io.reviewstream.examples.media.Png;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames from city cameras run through a custom vision model with three heads: the scene's class, boxes around
 * people, cars and bicycles, and five keypoints per person (head, hands, feet) for pose. A person checks a frame
 * when any head of the model was unsure.
 */
public final class ImageDetectionKit implements Kit {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final List<String> SCENES = List.of("street", "park", "parking lot");
    static final List<String> POINTS = List.of("head", "left hand", "right hand", "left foot", "right foot");

    private enum Scenario {
        CLEAR, UNSURE_SCENE, UNSURE_OBJECT, UNSURE_POSE
    }

    @Override
    public String name() {
        return "image-detection";
    }

    @Override
    public String flowDefinitionName() {
        return "scene-detection-review";
    }

    @Override
    public Batch generate(KitRandom random, int count, ObjectLocation objects) {
        List<GeneratedPrediction> predictions = new ArrayList<>();
        List<StoredObject> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double draw = random.raw().nextDouble();
            Scenario scenario = draw < 0.5 ? Scenario.CLEAR : draw < 0.65 ? Scenario.UNSURE_SCENE
                    : draw < 0.85 ? Scenario.UNSURE_OBJECT : Scenario.UNSURE_POSE;
            String id = random.id("frame");
            String name = "frames/" + id + ".png";
            String scene = random.pick(SCENES);

            BufferedImage image = Png.canvas(WIDTH, HEIGHT);
            Graphics2D g = Png.pen(image);
            background(g, scene);
            ArrayNode detections = JsonNodeFactory.instance.arrayNode();
            ArrayNode keypoints = JsonNodeFactory.instance.arrayNode();
            int vehicles = random.between(0, 2);
            for (int v = 0; v < vehicles; v++) {
                int left = 30 + v * 300 + random.between(0, 60);
                boolean car = scene.equals("parking lot") || random.chance(0.6);
                int[] box = car ? car(g, random, left, 300) : bicycle(g, left, 330);
                detections.add(detection(car ? "car" : "bicycle", random.between(0.8, 0.99, 3), box));
            }
            int people = random.between(1, 2);
            for (int p = 0; p < people; p++) {
                int x = 200 + p * 220 + random.between(-30, 30);
                int[][] points = person(g, random, x, 250);
                int[] box = {points[1][0] - 6, points[0][1] - 22, points[2][0] - points[1][0] + 12,
                        Math.max(points[3][1], points[4][1]) - points[0][1] + 28};
                detections.add(detection("person", random.between(0.8, 0.99, 3), box));
                ObjectNode pose = keypoints.addObject().put("detection", detections.size() - 1);
                ArrayNode list = pose.putArray("points");
                for (int k = 0; k < POINTS.size(); k++) {
                    list.addObject().put("label", POINTS.get(k)).put("x", points[k][0]).put("y", points[k][1])
                            .put("score", random.between(0.75, 0.99, 3));
                }
            }
            g.dispose();
            if (scenario == Scenario.UNSURE_OBJECT) {
                ((ObjectNode) detections.get(random.between(0, detections.size() - 1)))
                        .put("score", random.between(0.31, 0.58, 3));
            } else if (scenario == Scenario.UNSURE_POSE) {
                ArrayNode points = (ArrayNode) keypoints.get(0).get("points");
                ((ObjectNode) points.get(random.between(1, 4))).put("score", random.between(0.12, 0.45, 3));
            }
            double sceneScore = scenario == Scenario.UNSURE_SCENE ? random.between(0.41, 0.64, 3)
                    : random.between(0.82, 0.98, 3);

            ObjectNode input = JsonNodeFactory.instance.objectNode();
            input.put("image", objects.uri(name));
            input.putObject("imageSize").put("width", WIDTH).put("height", HEIGHT);
            input.put("model", "city-scenes-v2");
            ObjectNode classification = input.putObject("classification").put("label", scene).put("score", sceneScore);
            ObjectNode scores = classification.putObject("scores");
            for (String other : SCENES) {
                scores.put(other, other.equals(scene) ? sceneScore
                        : Math.round((1 - sceneScore) / (SCENES.size() - 1) * 1000) / 1000.0);
            }
            input.set("detections", detections);
            input.set("keypoints", keypoints);
            stored.add(new StoredObject(objects.bucket(), objects.key(name), "image/png", Png.encode(image)));
            predictions.add(new GeneratedPrediction(id, input, scenario != Scenario.CLEAR));
        }
        return new Batch(predictions, stored);
    }

    private static ObjectNode detection(String label, double score, int[] box) {
        ObjectNode detection = JsonNodeFactory.instance.objectNode().put("label", label).put("score", score);
        detection.putObject("box").put("left", box[0]).put("top", box[1]).put("width", box[2]).put("height", box[3]);
        return detection;
    }

    private static void background(Graphics2D g, String scene) {
        g.setColor(new Color(150, 195, 235));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        switch (scene) {
            case "park" -> {
                g.setColor(new Color(90, 160, 80));
                g.fillRect(0, 260, WIDTH, HEIGHT - 260);
                g.setColor(new Color(40, 110, 50));
                g.fill(new Ellipse2D.Double(40, 120, 120, 140));
                g.fill(new Ellipse2D.Double(480, 100, 140, 160));
            }
            case "parking lot" -> {
                g.setColor(new Color(95, 95, 100));
                g.fillRect(0, 240, WIDTH, HEIGHT - 240);
                g.setColor(Color.WHITE);
                for (int x = 20; x < WIDTH; x += 150) {
                    g.fillRect(x, 300, 6, 170);
                }
            }
            default -> {
                g.setColor(new Color(170, 150, 130));
                g.fillRect(0, 60, WIDTH, 200);
                g.setColor(new Color(70, 70, 75));
                g.fillRect(0, 260, WIDTH, HEIGHT - 260);
                g.setColor(new Color(230, 220, 120));
                g.fillRect(0, 400, WIDTH, 6);
            }
        }
    }

    private static int[] car(Graphics2D g, KitRandom random, int left, int top) {
        g.setColor(new Color(random.between(40, 220), random.between(40, 120), random.between(40, 220)));
        g.fillRoundRect(left, top + 30, 200, 60, 20, 20);
        g.fillRoundRect(left + 40, top, 110, 45, 20, 20);
        g.setColor(Color.BLACK);
        g.fill(new Ellipse2D.Double(left + 25, top + 72, 40, 40));
        g.fill(new Ellipse2D.Double(left + 135, top + 72, 40, 40));
        return new int[]{left, top, 200, 112};
    }

    private static int[] bicycle(Graphics2D g, int left, int top) {
        g.setColor(new Color(30, 30, 30));
        g.setStroke(new BasicStroke(4));
        g.draw(new Ellipse2D.Double(left, top + 30, 60, 60));
        g.draw(new Ellipse2D.Double(left + 90, top + 30, 60, 60));
        g.drawPolyline(new int[]{left + 30, left + 70, left + 120, left + 60, left + 30},
                new int[]{top + 60, top + 20, top + 60, top + 60, top + 60}, 5);
        return new int[]{left - 2, top + 15, 154, 77};
    }

    /** A walking figure; returns head, left hand, right hand, left foot and right foot, in pixels. */
    private static int[][] person(Graphics2D g, KitRandom random, int x, int y) {
        int stride = random.between(10, 30);
        int[][] points = {{x, y - 70}, {x - 38, y + 5}, {x + 38, y + 5 - random.between(0, 30)},
                {x - stride, y + 95}, {x + stride, y + 95}};
        g.setColor(new Color(random.between(20, 200), random.between(20, 120), random.between(60, 200)));
        g.setStroke(new BasicStroke(9, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(x, y - 50, x, y + 30);
        g.drawLine(x, y - 35, points[1][0], points[1][1]);
        g.drawLine(x, y - 35, points[2][0], points[2][1]);
        g.drawLine(x, y + 30, points[3][0], points[3][1]);
        g.drawLine(x, y + 30, points[4][0], points[4][1]);
        g.setColor(new Color(230, 190, 150));
        g.fill(new Ellipse2D.Double(x - 16, y - 86, 32, 32));
        return points;
    }
}
