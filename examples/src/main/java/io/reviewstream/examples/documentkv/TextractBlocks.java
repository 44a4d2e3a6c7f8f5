package io.reviewstream.examples.documentkv;

import io.reviewstream.examples.kit.KitRandom;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An AnalyzeDocument response with the FORMS feature, in the lower camel case in which A2I hands Textract's
 * response to a flow (and reports it in output.json): a PAGE, its LINEs and WORDs, and KEY_VALUE_SET pairs whose
 * KEY and VALUE blocks point to their words.
 */
final class TextractBlocks {

    /** A word as printed on the page: its text, box in page fractions, confidence and whether it was handwritten. */
    record Word(String text, double left, double top, double width, double height, double confidence,
                boolean handwriting) {
    }

    private final KitRandom random;
    private final String pageId;
    private final List<ObjectNode> lines = new ArrayList<>();
    private final List<ObjectNode> words = new ArrayList<>();
    private final List<ObjectNode> pairs = new ArrayList<>();
    private final List<String> lineIds = new ArrayList<>();

    TextractBlocks(KitRandom random) {
        this.random = random;
        this.pageId = random.uuid();
    }

    /** A line of words; returns the words' block ids. */
    List<String> line(List<Word> lineWords) {
        List<String> ids = new ArrayList<>();
        double confidence = 100;
        for (Word word : lineWords) {
            String id = random.uuid();
            ids.add(id);
            confidence = Math.min(confidence, word.confidence());
            ObjectNode block = block("WORD", id, word.confidence(), word);
            block.put("text", word.text()).put("textType", word.handwriting() ? "HANDWRITING" : "PRINTED");
            words.add(block);
        }
        String lineId = random.uuid();
        lineIds.add(lineId);
        ObjectNode line = block("LINE", lineId, confidence, box(lineWords));
        line.put("text", String.join(" ", lineWords.stream().map(Word::text).toList()));
        line.set("relationships", relationships("CHILD", ids));
        lines.add(line);
        return ids;
    }

    /** A key-value pair over words already on the page, with the pair's confidence on both blocks. */
    void keyValue(List<Word> keyWords, List<String> keyWordIds, List<Word> valueWords, List<String> valueWordIds,
                  double confidence) {
        String keyId = random.uuid();
        String valueId = random.uuid();
        ObjectNode key = block("KEY_VALUE_SET", keyId, confidence, box(keyWords));
        ArrayNode keyRelations = relationships("VALUE", List.of(valueId));
        keyRelations.add(relationship("CHILD", keyWordIds));
        key.set("relationships", keyRelations);
        key.putArray("entityTypes").add("KEY");
        ObjectNode value = block("KEY_VALUE_SET", valueId, confidence, box(valueWords));
        value.set("relationships", relationships("CHILD", valueWordIds));
        value.putArray("entityTypes").add("VALUE");
        pairs.add(key);
        pairs.add(value);
    }

    ObjectNode response() {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.putObject("documentMetadata").put("pages", 1);
        ArrayNode blocks = response.putArray("blocks");
        ObjectNode page = block("PAGE", pageId, 99.9, new Word("", 0, 0, 1, 1, 99.9, false));
        page.set("relationships", relationships("CHILD", lineIds));
        blocks.add(page);
        lines.forEach(blocks::add);
        words.forEach(blocks::add);
        pairs.forEach(blocks::add);
        response.put("analyzeDocumentModelVersion", "1.0");
        return response;
    }

    private static Word box(List<Word> span) {
        double left = span.stream().mapToDouble(Word::left).min().orElseThrow();
        double top = span.stream().mapToDouble(Word::top).min().orElseThrow();
        double right = span.stream().mapToDouble(w -> w.left() + w.width()).max().orElseThrow();
        double bottom = span.stream().mapToDouble(w -> w.top() + w.height()).max().orElseThrow();
        return new Word("", left, top, right - left, bottom - top, 0, false);
    }

    private static ObjectNode block(String type, String id, double confidence, Word box) {
        ObjectNode block = JsonNodeFactory.instance.objectNode();
        block.put("blockType", type);
        block.put("confidence", confidence);
        ObjectNode geometry = block.putObject("geometry");
        geometry.putObject("boundingBox").put("width", round(box.width())).put("height", round(box.height()))
                .put("left", round(box.left())).put("top", round(box.top()));
        ArrayNode polygon = geometry.putArray("polygon");
        polygon.addObject().put("x", round(box.left())).put("y", round(box.top()));
        polygon.addObject().put("x", round(box.left() + box.width())).put("y", round(box.top()));
        polygon.addObject().put("x", round(box.left() + box.width())).put("y", round(box.top() + box.height()));
        polygon.addObject().put("x", round(box.left())).put("y", round(box.top() + box.height()));
        block.put("id", id);
        block.put("page", 1);
        return block;
    }

    private static double round(double fraction) {
        return Math.round(fraction * 1_000_000) / 1_000_000.0;
    }

    private static ArrayNode relationships(String type, List<String> ids) {
        return JsonNodeFactory.instance.arrayNode().add(relationship(type, ids));
    }

    private static ObjectNode relationship(String type, List<String> ids) {
        ObjectNode relationship = JsonNodeFactory.instance.objectNode().put("type", type);
        ArrayNode list = relationship.putArray("ids");
        ids.forEach(list::add);
        return relationship;
    }
}
