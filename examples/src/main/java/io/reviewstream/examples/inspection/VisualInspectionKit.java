package io.reviewstream.examples.inspection;

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
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Photos of stamped metal brackets from the cameras over a production line, with the output of the defect
 * detector that runs next to each camera: an anomaly score for the part and a box for every defect it found.
 * Parts the detector is sure about pass or are rejected on their own; a quality inspector looks at the rest and
 * corrects the boxes.
 */
public final class VisualInspectionKit implements Kit {

    static final int WIDTH = 480;
    static final int HEIGHT = 360;
    private static final List<String> DEFECTS = List.of("scratch", "dent", "hole");
    private static final Instant SHIFT_START = Instant.parse("2026-12-01T06:00:00Z");

    private enum Scenario {
        GOOD, CLEAR_DEFECT, UNCERTAIN
    }

    @Override
    public String name() {
        return "visual-inspection";
    }

    @Override
    public String flowDefinitionName() {
        return "bracket-inspection";
    }

    @Override
    public Batch generate(KitRandom random, int count, ObjectLocation objects) {
        List<GeneratedPrediction> predictions = new ArrayList<>();
        List<StoredObject> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double draw = random.raw().nextDouble();
            Scenario scenario = draw < 0.55 ? Scenario.GOOD : draw < 0.7 ? Scenario.CLEAR_DEFECT : Scenario.UNCERTAIN;
            String id = random.id("part");
            String camera = "line-" + random.between(1, 3) + "-cam-" + random.between(1, 2);
            String name = "frames/" + camera + "/" + id + ".png";

            BufferedImage image = Png.canvas(WIDTH, HEIGHT);
            Graphics2D g = Png.pen(image);
            bracket(g, random);
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            input.put("deviceId", camera);
            input.put("capturedAt", SHIFT_START.plusSeconds(random.between(0, 8 * 3600)).toString());
            input.put("image", objects.uri(name));
            input.put("imageWidth", WIDTH).put("imageHeight", HEIGHT);
            input.put("model", "bracket-defects-v5");
            ArrayNode defects = JsonNodeFactory.instance.arrayNode();
            double anomaly = switch (scenario) {
                case GOOD -> random.between(0.01, 0.2, 3);
                case CLEAR_DEFECT -> random.between(0.9, 0.995, 3);
                case UNCERTAIN -> random.between(0.4, 0.8, 3);
            };
            if (scenario != Scenario.GOOD) {
                for (int d = random.between(1, 2); d > 0; d--) {
                    String label = random.pick(DEFECTS);
                    int left = random.between(130, 320);
                    int top = random.between(110, 220);
                    int size = random.between(14, 40);
                    defect(g, label, left, top, size, scenario == Scenario.UNCERTAIN);
                    double score = scenario == Scenario.CLEAR_DEFECT ? random.between(0.88, 0.99, 3)
                            : random.between(0.35, 0.75, 3);
                    defects.addObject().put("label", label).put("score", score).putObject("box")
                            .put("left", left - 4).put("top", top - 4).put("width", size + 8).put("height", size + 8);
                }
            }
            g.dispose();
            input.put("isAnomalous", anomaly >= 0.5);
            input.put("anomalyScore", anomaly);
            input.set("defects", defects);
            stored.add(new StoredObject(objects.bucket(), objects.key(name), "image/png", Png.encode(image)));
            predictions.add(new GeneratedPrediction(id, input, scenario == Scenario.UNCERTAIN));
        }
        return new Batch(predictions, stored);
    }

    /** A bracket on the conveyor: a grey plate with two mounting holes, under slightly uneven light. */
    private static void bracket(Graphics2D g, KitRandom random) {
        g.setColor(new Color(45, 48, 52));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(new Color(70, 72, 76));
        for (int y = 0; y < HEIGHT; y += 24) {
            g.drawLine(0, y, WIDTH, y);
        }
        int shade = random.between(165, 195);
        g.setColor(new Color(shade, shade + 3, shade + 8));
        g.fill(new RoundRectangle2D.Double(90, 80, 300, 200, 30, 30));
        g.setColor(new Color(shade - 40, shade - 38, shade - 35));
        g.setStroke(new BasicStroke(3));
        g.draw(new RoundRectangle2D.Double(90, 80, 300, 200, 30, 30));
        g.setColor(new Color(45, 48, 52));
        g.fill(new Ellipse2D.Double(115, 160, 34, 34));
        g.fill(new Ellipse2D.Double(331, 160, 34, 34));
    }

    /** A defect as the camera sees it; a faint one is why the detector was unsure. */
    private static void defect(Graphics2D g, String label, int left, int top, int size, boolean faint) {
        int alpha = faint ? 110 : 230;
        switch (label) {
            case "scratch" -> {
                g.setColor(new Color(90, 90, 95, alpha));
                g.setStroke(new BasicStroke(2));
                g.drawLine(left, top, left + size, top + size / 2);
                g.drawLine(left + 3, top + 4, left + size, top + size / 2 + 5);
            }
            case "dent" -> {
                g.setColor(new Color(120, 122, 128, alpha));
                g.fill(new Ellipse2D.Double(left, top, size, size * 0.7));
                g.setColor(new Color(230, 232, 236, alpha));
                g.draw(new Ellipse2D.Double(left + 2, top + 2, size - 4, size * 0.7 - 4));
            }
            default -> {
                g.setColor(new Color(25, 25, 28, alpha));
                g.fill(new Ellipse2D.Double(left, top, size / 2.0, size / 2.0));
            }
        }
    }
}
