package io.reviewstream.taskservice.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;

/**
 * The answer shape the A2I documentation (the Crowd HTML Elements Reference and A2I's output data page) gives for
 * each crowd element that answers, in one place for the tests that check answers: keyed by element name, each
 * check asserts one element's entry of {@code answerContent}.
 *
 * <p>The checks are for the answer of a worker who made one annotation with every annotation element (see
 * {@link A2iSampleWorker#answer(Browser)}): their lists must not be empty, so that the shape of their items is
 * checked too. The two built-in elements' lists depend on the input; their exact content is checked by
 * {@link A2iBuiltInReview}.
 */
public final class A2iAnswerShapes {

    /** An answering crowd element on a page: its tag, its key in answerContent and its {@code value} attribute. */
    public record AnswerElement(String tag, String key, String value) {
    }

    @FunctionalInterface
    private interface Shape {
        void check(String what, JsonNode entry, AnswerElement element);
    }

    private static final Set<String> IMAGE_PROPERTIES = Set.of("height", "width");
    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("crowd-classifier", A2iAnswerShapes::label),
            Map.entry("crowd-image-classifier", A2iAnswerShapes::label),
            Map.entry("crowd-classifier-multi-select", A2iAnswerShapes::labels),
            Map.entry("crowd-image-classifier-multi-select", A2iAnswerShapes::labels),
            Map.entry("crowd-bounding-box", (what, entry, element) -> annotations(what, entry, "boundingBoxes",
                    box -> {
                        assertThat(box.propertyNames()).as(what).containsExactlyInAnyOrder(
                                "height", "label", "left", "top", "width");
                        assertThat(box.get("label").isString()).as(what + " label").isTrue();
                        List.of("height", "left", "top", "width").forEach(f ->
                                assertThat(box.get(f).isNumber()).as(what + " " + f).isTrue());
                    })),
            Map.entry("crowd-keypoint", (what, entry, element) -> annotations(what, entry, "keypoints",
                    point -> {
                        assertThat(point.propertyNames()).as(what).containsExactlyInAnyOrder("label", "x", "y");
                        assertThat(point.get("label").isString()).as(what + " label").isTrue();
                        assertThat(point.get("x").isNumber() && point.get("y").isNumber()).as(what + " x, y").isTrue();
                    })),
            Map.entry("crowd-polygon", (what, entry, element) -> annotations(what, entry, "polygons",
                    shape -> vertices(what, shape, 3, Integer.MAX_VALUE))),
            Map.entry("crowd-line", (what, entry, element) -> annotations(what, entry, "lines",
                    shape -> vertices(what, shape, 2, 2))),
            Map.entry("crowd-polyline", (what, entry, element) -> annotations(what, entry, "polylines",
                    shape -> vertices(what, shape, 2, Integer.MAX_VALUE))),
            Map.entry("crowd-semantic-segmentation", A2iAnswerShapes::semanticSegmentation),
            Map.entry("crowd-instance-segmentation", A2iAnswerShapes::instanceSegmentation),
            Map.entry("crowd-entity-annotation", A2iAnswerShapes::entities),
            Map.entry("crowd-entity-annotator", A2iAnswerShapes::entities),
            Map.entry("crowd-input", (what, entry, element) -> assertThat(entry.isString()).as(what + " is text").isTrue()),
            Map.entry("crowd-text-area", (what, entry, element) -> assertThat(entry.isString()).as(what + " is text").isTrue()),
            Map.entry("crowd-slider", (what, entry, element) -> assertThat(entry.isNumber()).as(what + " is a number").isTrue()),
            Map.entry("crowd-checkbox", A2iAnswerShapes::checked),
            Map.entry("crowd-radio-button", A2iAnswerShapes::checked),
            Map.entry("crowd-toggle-button", A2iAnswerShapes::checked),
            Map.entry("crowd-textract-analyze-document", A2iAnswerShapes::textract),
            Map.entry("crowd-rekognition-detect-moderation-labels", A2iAnswerShapes::moderationLabels));

    private A2iAnswerShapes() {
    }

    /** The elements with a documented answer shape. */
    public static Set<String> elements() {
        return SHAPES.keySet();
    }

    /** Asserts that {@code answerContent} has an entry of its documented shape for each of the elements. */
    public static void assertAnswer(JsonNode answerContent, List<AnswerElement> elements) {
        assertThat(answerContent.isObject()).as("answerContent %s is an object", answerContent).isTrue();
        for (AnswerElement element : elements) {
            String what = element.tag() + " " + element.key() + " in " + answerContent;
            assertThat(SHAPES).as("a documented answer shape for " + element.tag()).containsKey(element.tag());
            JsonNode entry = answerContent.get(element.key());
            if (entry == null && element.tag().equals("crowd-input")) {
                continue; // documented: a crowd-input left empty is omitted
            }
            assertThat(entry).as("an entry for " + what).isNotNull();
            SHAPES.get(element.tag()).check(what, entry, element);
        }
    }

    private static void label(String what, JsonNode entry, AnswerElement element) {
        assertThat(entry.isObject()).as(what).isTrue();
        assertThat(Set.of("label", "workerComment")).as(what).containsAll(entry.propertyNames());
        assertThat(entry.path("label").isString()).as(what + " label").isTrue();
        if (entry.has("workerComment")) {
            assertThat(entry.get("workerComment").isString()).as(what + " workerComment").isTrue();
        }
    }

    private static void labels(String what, JsonNode entry, AnswerElement element) {
        assertThat(entry.propertyNames()).as(what).containsExactly("labels");
        assertThat(entry.get("labels").isArray()).as(what + " labels").isTrue();
        entry.get("labels").forEach(l -> assertThat(l.isString()).as(what + " labels are text").isTrue());
    }

    private static void checked(String what, JsonNode entry, AnswerElement element) {
        assertThat(entry.isObject()).as(what).isTrue();
        assertThat(entry.has(element.value())).as(what + " has its value " + element.value()).isTrue();
        entry.forEach(v -> assertThat(v.isBoolean()).as(what + " values are true or false").isTrue());
    }

    /** The list of an annotation element, with the image's size, and initialValueModified where it had one. */
    private static void annotations(String what, JsonNode entry, String list, Consumer<JsonNode> item) {
        assertThat(Set.of(list, "inputImageProperties", "initialValueModified")).as(what)
                .containsAll(entry.propertyNames());
        imageProperties(what, entry);
        assertThat(entry.path(list).isArray()).as(what + " " + list).isTrue();
        assertThat(entry.get(list)).as(what + " " + list + ": the worker made one").isNotEmpty();
        entry.get(list).forEach(item);
        if (entry.has("initialValueModified")) {
            assertThat(entry.get("initialValueModified").isBoolean()).as(what + " initialValueModified").isTrue();
        }
    }

    private static void vertices(String what, JsonNode shape, int min, int max) {
        assertThat(shape.propertyNames()).as(what).containsExactlyInAnyOrder("label", "vertices");
        assertThat(shape.get("label").isString()).as(what + " label").isTrue();
        assertThat(shape.get("vertices").size()).as(what + " vertices").isBetween(min, max);
        shape.get("vertices").forEach(v -> {
            assertThat(v.propertyNames()).as(what + " vertex").containsExactlyInAnyOrder("x", "y");
            assertThat(v.get("x").isNumber() && v.get("y").isNumber()).as(what + " vertex x, y").isTrue();
        });
    }

    private static void imageProperties(String what, JsonNode entry) {
        JsonNode properties = entry.path("inputImageProperties");
        assertThat(Set.copyOf(properties.propertyNames())).as(what + " inputImageProperties").isEqualTo(IMAGE_PROPERTIES);
        assertThat(properties.get("width").asInt()).as(what + " image width").isPositive();
        assertThat(properties.get("height").asInt()).as(what + " image height").isPositive();
    }

    private static void semanticSegmentation(String what, JsonNode entry, AnswerElement element) {
        assertThat(Set.of("labeledImage", "labelMappings", "inputImageProperties", "initialValueModified"))
                .as(what).containsAll(entry.propertyNames());
        imageProperties(what, entry);
        mask(what, entry);
        assertThat(entry.path("labelMappings").isObject()).as(what + " labelMappings").isTrue();
        assertThat(entry.get("labelMappings")).as(what + " labelMappings").isNotEmpty();
        entry.get("labelMappings").forEach(m -> assertThat(m.path("color").asString())
                .as(what + " label colour").matches("#[0-9a-f]{6}"));
    }

    private static void instanceSegmentation(String what, JsonNode entry, AnswerElement element) {
        assertThat(Set.of("labeledImage", "instances", "inputImageProperties", "initialValueModified"))
                .as(what).containsAll(entry.propertyNames());
        imageProperties(what, entry);
        mask(what, entry);
        assertThat(entry.path("instances").isArray()).as(what + " instances").isTrue();
        assertThat(entry.get("instances")).as(what + " instances: the worker painted one").isNotEmpty();
        entry.get("instances").forEach(i -> {
            assertThat(i.propertyNames()).as(what + " instance").containsExactlyInAnyOrder("color", "label");
            assertThat(i.get("color").asString()).as(what + " instance colour").matches("#[0-9a-f]{6}");
        });
    }

    /** labeledImage.pngImageData: a base64 PNG of the image's size. */
    private static void mask(String what, JsonNode entry) {
        assertThat(entry.path("labeledImage").propertyNames()).as(what + " labeledImage").containsExactly("pngImageData");
        BufferedImage mask;
        try {
            mask = ImageIO.read(new ByteArrayInputStream(
                    Base64.getDecoder().decode(entry.get("labeledImage").get("pngImageData").asString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(mask).as(what + " pngImageData is a PNG").isNotNull();
        assertThat(mask.getWidth()).as(what + " mask width").isEqualTo(entry.at("/inputImageProperties/width").asInt());
        assertThat(mask.getHeight()).as(what + " mask height").isEqualTo(entry.at("/inputImageProperties/height").asInt());
    }

    private static void entities(String what, JsonNode entry, AnswerElement element) {
        assertThat(Set.of("entities", "initialValueModified")).as(what).containsAll(entry.propertyNames());
        assertThat(entry.path("entities").isArray()).as(what + " entities").isTrue();
        assertThat(entry.get("entities")).as(what + " entities: the worker marked one").isNotEmpty();
        entry.get("entities").forEach(e -> {
            assertThat(e.propertyNames()).as(what + " entity").containsExactlyInAnyOrder("label", "startOffset", "endOffset");
            assertThat(e.get("label").isString()).as(what + " entity label").isTrue();
            assertThat(e.get("startOffset").isInt() && e.get("endOffset").isInt()).as(what + " offsets").isTrue();
            assertThat(e.get("startOffset").asInt()).as(what + " offsets").isNotNegative()
                    .isLessThan(e.get("endOffset").asInt());
        });
    }

    private static void textract(String what, JsonNode entry, AnswerElement element) {
        assertThat(entry.propertyNames()).as(what).containsExactly("blocks");
        assertThat(entry.get("blocks").isArray()).as(what + " blocks").isTrue();
        entry.get("blocks").forEach(block -> {
            assertThat(block.path("blockType").asString()).as(what + " blockType").isEqualTo("KEY_VALUE_SET");
            assertThat(block.path("id").asString()).as(what + " id").isNotBlank();
            assertThat(block.path("text").isString()).as(what + " text").isTrue();
            assertThat(block.path("entityTypes").isArray()).as(what + " entityTypes").isTrue();
            block.get("entityTypes").forEach(t -> assertThat(t.asString()).as(what + " entity type").isIn("KEY", "VALUE"));
            assertThat(block.path("relationships").isArray()).as(what + " relationships").isTrue();
            block.get("relationships").forEach(r -> {
                assertThat(r.path("type").asString()).as(what + " relationship type").isIn("VALUE", "CHILD");
                assertThat(r.path("ids").isArray()).as(what + " relationship ids").isTrue();
            });
        });
    }

    private static void moderationLabels(String what, JsonNode entry, AnswerElement element) {
        assertThat(entry.propertyNames()).as(what).containsExactly("moderationLabels");
        assertThat(entry.get("moderationLabels").isArray()).as(what + " moderationLabels").isTrue();
        entry.get("moderationLabels").forEach(label -> {
            if (!label.isString()) {
                assertThat(label.propertyNames()).as(what + " label").containsExactlyInAnyOrder("name", "parentName");
            }
        });
    }
}
