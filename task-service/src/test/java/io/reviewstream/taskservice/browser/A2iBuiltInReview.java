package io.reviewstream.taskservice.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A review with each of the two templates of A2I's built-in task types, exactly as AWS publishes them, with an input
 * of the shape Textract AnalyzeDocument or Rekognition DetectModerationLabels produces: what the worker sees and
 * does on the page, and the exact answer that must come of it. The worker page tests check the answer the page
 * posts; the standalone module's sample test checks it in output.json.
 *
 * @param sample the template, as {@link A2iSampleTemplates#read(String)} names it
 * @param input  the task input
 * @param review what the worker does on the open page (asserting what it shows)
 * @param check  the check of the answerContent that must come of it
 */
public record A2iBuiltInReview(String sample, ObjectNode input, Consumer<ChromeDriver> review,
                               Consumer<JsonNode> check) {

    public static final String TEXTRACT = "text/textract_analyze_document.liquid.html";
    public static final String MODERATION = "images/rekognition_detect_moderation.liquid.html";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The review of {@code sample} if it is one of the two built-in templates, its document or image at the place given. */
    public static Optional<A2iBuiltInReview> of(String sample, String bucket, String key) {
        return switch (sample) {
            case TEXTRACT -> Optional.of(textract(bucket, key));
            case MODERATION -> Optional.of(moderation(bucket, key));
            default -> Optional.empty();
        };
    }

    /**
     * A claim form where Textract misread a handwritten name and missed an important key: the worker corrects the
     * value and fills the missing key; the answer has the reviewed {@code KEY_VALUE_SET} blocks.
     */
    public static A2iBuiltInReview textract(String bucket, String key) {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.add(block("PAGE", "page-1", null, 99.9, 0, 0, 1, 1)
                .set("Relationships", relationships("CHILD", "line-1", "line-2")));
        blocks.add(block("LINE", "line-1", "Name: Jane Doo", 99.2, 0.10, 0.10, 0.40, 0.05)
                .set("Relationships", relationships("CHILD", "word-name", "word-jane", "word-doo")));
        blocks.add(block("LINE", "line-2", "Date of birth: 1990-01-01", 98.7, 0.10, 0.20, 0.50, 0.05)
                .set("Relationships", relationships("CHILD", "word-date", "word-of", "word-birth", "word-dob")));
        blocks.add(block("WORD", "word-name", "Name:", 99.5, 0.10, 0.10, 0.10, 0.05).put("TextType", "PRINTED"));
        blocks.add(block("WORD", "word-jane", "Jane", 99.1, 0.22, 0.10, 0.10, 0.05).put("TextType", "PRINTED"));
        blocks.add(block("WORD", "word-doo", "Doo", 61.4, 0.34, 0.10, 0.08, 0.05).put("TextType", "HANDWRITING"));
        blocks.add(block("WORD", "word-date", "Date", 99.0, 0.10, 0.20, 0.08, 0.05).put("TextType", "PRINTED"));
        blocks.add(block("WORD", "word-of", "of", 99.0, 0.19, 0.20, 0.04, 0.05).put("TextType", "PRINTED"));
        blocks.add(block("WORD", "word-birth", "birth:", 99.0, 0.24, 0.20, 0.10, 0.05).put("TextType", "PRINTED"));
        blocks.add(block("WORD", "word-dob", "1990-01-01", 97.3, 0.36, 0.20, 0.20, 0.05).put("TextType", "PRINTED"));
        blocks.add(keyValue("key-name", "KEY", 88.0, 0.10, 0.10, 0.10)
                .set("Relationships", relationships("VALUE", "value-name").add(relationship("CHILD", "word-name"))));
        blocks.add(keyValue("value-name", "VALUE", 88.0, 0.22, 0.10, 0.20)
                .set("Relationships", relationships("CHILD", "word-jane", "word-doo")));
        blocks.add(keyValue("key-dob", "KEY", 95.5, 0.10, 0.20, 0.24)
                .set("Relationships", relationships("VALUE", "value-dob").add(relationship("CHILD", "word-date", "word-of", "word-birth"))));
        blocks.add(keyValue("value-dob", "VALUE", 95.5, 0.36, 0.20, 0.20)
                .set("Relationships", relationships("CHILD", "word-dob")));
        ObjectNode input = JSON.createObjectNode();
        input.putObject("aiServiceRequest").put("humanLoopConfig", "…").putObject("document").putObject("s3Object")
                .put("bucket", bucket).put("name", key);
        input.putObject("selectedAiServiceResponse").put("analyzeDocumentModelVersion", "1.0")
                .set("blocks", blocks);
        ArrayNode keys = input.putObject("humanLoopContext").putArray("importantFormKeys");
        keys.addObject().put("importantFormKey", "Name").putArray("importantFormKeyAliases").add("Full name");
        keys.addObject().put("importantFormKey", "Date of birth").putArray("importantFormKeyAliases");
        keys.addObject().put("importantFormKey", "Policy number").putArray("importantFormKeyAliases").add("Policy no.");
        return new A2iBuiltInReview(TEXTRACT, input, page -> {
            List<WebElement> keyInputs = page.findElements(By.cssSelector(".crowd-kv-key"));
            List<WebElement> valueInputs = page.findElements(By.cssSelector(".crowd-kv-value"));
            assertThat(keyInputs).extracting(k -> k.getAttribute("value")).containsExactly("Name:", "Date of birth:", "Policy number");
            assertThat(valueInputs).extracting(v -> v.getAttribute("value")).containsExactly("Jane Doo", "1990-01-01", "");
            assertThat(keyInputs).allMatch(k -> k.getAttribute("readonly") != null, "keys are read-only (no-key-edit)");
            valueInputs.get(0).clear();
            valueInputs.get(0).sendKeys("Jane Doe");
            valueInputs.get(2).sendKeys("PN-4471");
        }, answer -> {
            assertThat(answer.propertyNames()).containsExactly("AWS/Textract/AnalyzeDocument/Forms/V1");
            JsonNode reviewed = answer.get("AWS/Textract/AnalyzeDocument/Forms/V1").get("blocks");
            assertThat(reviewed).hasSize(6);
            assertThat(reviewed.get(0)).isEqualTo(JSON.readTree("""
                    {"blockType": "KEY_VALUE_SET", "id": "key-name", "entityTypes": ["KEY"], "text": "Name:",
                     "relationships": [{"type": "VALUE", "ids": ["value-name"]}, {"type": "CHILD", "ids": ["word-name"]}],
                     "geometry": %s}""".formatted(camelGeometry(0.10, 0.10, 0.10))));
            // the worker changed the value: the words Textract read no longer describe it
            assertThat(reviewed.get(1)).isEqualTo(JSON.readTree("""
                    {"blockType": "KEY_VALUE_SET", "id": "value-name", "entityTypes": ["VALUE"], "text": "Jane Doe",
                     "relationships": [], "geometry": %s}""".formatted(camelGeometry(0.22, 0.10, 0.20))));
            assertThat(reviewed.get(2)).isEqualTo(JSON.readTree("""
                    {"blockType": "KEY_VALUE_SET", "id": "key-dob", "entityTypes": ["KEY"], "text": "Date of birth:",
                     "relationships": [{"type": "VALUE", "ids": ["value-dob"]},
                                       {"type": "CHILD", "ids": ["word-date", "word-of", "word-birth"]}],
                     "geometry": %s}""".formatted(camelGeometry(0.10, 0.20, 0.24))));
            assertThat(reviewed.get(3)).isEqualTo(JSON.readTree("""
                    {"blockType": "KEY_VALUE_SET", "id": "value-dob", "entityTypes": ["VALUE"], "text": "1990-01-01",
                     "relationships": [{"type": "CHILD", "ids": ["word-dob"]}], "geometry": %s}"""
                    .formatted(camelGeometry(0.36, 0.20, 0.20))));
            // the important key Textract missed, as the worker filled it in
            String newValueId = reviewed.get(3 + 1).get("relationships").get(0).get("ids").get(0).asString();
            assertThat(reviewed.get(4)).isEqualTo(JSON.readTree("""
                    {"blockType": "KEY_VALUE_SET", "id": "%s", "entityTypes": ["KEY"], "text": "Policy number",
                     "relationships": [{"type": "VALUE", "ids": ["%s"]}]}"""
                    .formatted(reviewed.get(4).get("id").asString(), newValueId)));
            assertThat(reviewed.get(5)).isEqualTo(JSON.readTree("""
                    {"blockType": "KEY_VALUE_SET", "id": "%s", "entityTypes": ["VALUE"], "text": "PN-4471", "relationships": []}
                    """.formatted(newValueId)));
            assertThat(newValueId).isNotEqualTo(reviewed.get(4).get("id").asString()).isNotBlank();
        });
    }

    /** Three labels Rekognition found on a picture; the worker confirms two, and the answer names exactly those. */
    public static A2iBuiltInReview moderation(String bucket, String key) {
        ObjectNode input = JSON.createObjectNode();
        ObjectNode request = input.putObject("aiServiceRequest");
        request.putObject("image").putObject("s3Object").put("bucket", bucket).put("name", key);
        request.put("minConfidence", 50);
        ObjectNode response = input.putObject("selectedAiServiceResponse");
        ArrayNode labels = response.putArray("moderationLabels");
        labels.addObject().put("confidence", 91.23).put("name", "Suggestive").put("parentName", "");
        labels.addObject().put("confidence", 91.23).put("name", "Female Swimwear Or Underwear").put("parentName", "Suggestive");
        labels.addObject().put("confidence", 62.5).put("name", "Revealing Clothes").put("parentName", "Suggestive");
        response.put("moderationModelVersion", "6.1");
        return new A2iBuiltInReview(MODERATION, input, page -> {
            List<WebElement> choices = page.findElements(
                    By.cssSelector("crowd-rekognition-detect-moderation-labels .crowd-choice"));
            assertThat(choices).extracting(WebElement::getText).containsExactly(
                    "Suggestive", "Female Swimwear Or Underwear\n(Suggestive)", "Revealing Clothes\n(Suggestive)");
            choices.get(0).click();
            choices.get(1).click();
        }, answer -> {
            assertThat(answer).isEqualTo(JSON.readTree("""
                    {"AWS/Rekognition/DetectModerationLabels/Image/V3": {"moderationLabels": [
                       {"name": "Suggestive", "parentName": ""},
                       {"name": "Female Swimwear Or Underwear", "parentName": "Suggestive"}]}}
                    """));
        });
    }

    /** A Textract block as AnalyzeDocument returns it, with its bounding box and polygon. */
    private static ObjectNode block(String type, String id, String text, double confidence,
                                    double left, double top, double width, double height) {
        ObjectNode block = JSON.createObjectNode().put("BlockType", type).put("Confidence", confidence);
        if (text != null) {
            block.put("Text", text);
        }
        block.set("Geometry", geometry(left, top, width, height));
        return block.put("Id", id);
    }

    private static ObjectNode keyValue(String id, String entityType, double confidence, double left, double top, double width) {
        ObjectNode block = block("KEY_VALUE_SET", id, null, confidence, left, top, width, 0.05);
        block.putArray("EntityTypes").add(entityType);
        return block;
    }

    private static ObjectNode geometry(double left, double top, double width, double height) {
        ObjectNode geometry = JSON.createObjectNode();
        geometry.putObject("BoundingBox").put("Width", width).put("Height", height).put("Left", left).put("Top", top);
        ArrayNode polygon = geometry.putArray("Polygon");
        polygon.addObject().put("X", left).put("Y", top);
        polygon.addObject().put("X", left + width).put("Y", top);
        polygon.addObject().put("X", left + width).put("Y", top + height);
        polygon.addObject().put("X", left).put("Y", top + height);
        return geometry;
    }

    /** The geometry of a key or value block (0.05 high) as the answer writes it, in A2I's camelCase. */
    private static String camelGeometry(double left, double top, double width) {
        double height = 0.05;
        return """
                {"boundingBox": {"width": %s, "height": %s, "left": %s, "top": %s},
                 "polygon": [{"x": %s, "y": %s}, {"x": %s, "y": %s}, {"x": %s, "y": %s}, {"x": %s, "y": %s}]}"""
                .formatted(width, height, left, top, left, top, left + width, top, left + width, top + height,
                        left, top + height);
    }

    private static ArrayNode relationships(String type, String... ids) {
        return JSON.createArrayNode().add(relationship(type, ids));
    }

    private static ObjectNode relationship(String type, String... ids) {
        ObjectNode relationship = JSON.createObjectNode().put("Type", type);
        ArrayNode list = relationship.putArray("Ids");
        for (String id : ids) {
            list.add(id);
        }
        return relationship;
    }
}
