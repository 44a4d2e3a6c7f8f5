package io.reviewstream.conditions.type;

import io.reviewstream.conditions.ConditionNotApplicableException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key-value pairs of a Textract {@code AnalyzeDocument} (FORMS) response, read once per evaluation: for every
 * KEY block, its text (the words it is made of), its VALUE block, and the blocks that make up the pair, as indexes
 * into {@code blocks}, which is what a {@link Selection} of a Textract response holds.
 */
public final class TextractForm {

    public static final String ARRAY = "blocks";

    /**
     * @param key                 the key text, normalized by {@link #normalize}
     * @param keyValueConfidence  the lower of the KEY and VALUE blocks' confidences
     * @param wordConfidence      the lowest confidence of the words of key and value; NaN when there are none
     * @param blocks              the KEY, VALUE and WORD blocks of the pair
     */
    record Pair(String key, double keyValueConfidence, double wordConfidence, BitSet blocks) {
    }

    private final List<Pair> pairs;

    private TextractForm(List<Pair> pairs) {
        this.pairs = pairs;
    }

    List<Pair> pairs() {
        return pairs;
    }

    /**
     * How keys are compared: Textract reports the key as printed ("Invoice No.:"), so case, surrounding space,
     * runs of spaces and a trailing colon are ignored.
     */
    public static String normalize(String key) {
        StringBuilder normalized = new StringBuilder(key.length());
        boolean space = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isWhitespace(c)) {
                space = !normalized.isEmpty();
            } else {
                if (space) {
                    normalized.append(' ');
                    space = false;
                }
                normalized.append(c);
            }
        }
        int end = normalized.length();
        while (end > 0 && (normalized.charAt(end - 1) == ':' || normalized.charAt(end - 1) == ' ')) {
            end--;
        }
        normalized.setLength(end);
        return normalized.toString().toLowerCase(Locale.ROOT);
    }

    public static TextractForm parse(JsonNode aiServiceResponse) {
        JsonNode blocks = AwsFields.get(aiServiceResponse, ARRAY);
        if (blocks == null || !blocks.isArray()) {
            throw new ConditionNotApplicableException(
                    "aiServiceResponse.blocks is missing: not an AnalyzeDocument response");
        }
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            String id = AwsFields.text(blocks.get(i), "id");
            if (id != null) {
                byId.put(id, i);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            if (!"KEY_VALUE_SET".equals(AwsFields.text(block, "blockType")) || !isKey(block)) {
                continue;
            }
            BitSet members = new BitSet();
            members.set(i);
            StringBuilder text = new StringBuilder();
            double[] wordConfidence = {Double.NaN};
            double keyValueConfidence = AwsFields.number(block, "confidence");
            for (int word : related(block, "CHILD", byId)) {
                JsonNode child = blocks.get(word);
                String childText = AwsFields.text(child, "text");
                if (childText != null) {
                    text.append(text.isEmpty() ? "" : " ").append(childText);
                }
                addWord(members, wordConfidence, word, child);
            }
            for (int value : related(block, "VALUE", byId)) {
                JsonNode valueBlock = blocks.get(value);
                members.set(value);
                keyValueConfidence = min(keyValueConfidence, AwsFields.number(valueBlock, "confidence"));
                for (int word : related(valueBlock, "CHILD", byId)) {
                    addWord(members, wordConfidence, word, blocks.get(word));
                }
            }
            pairs.add(new Pair(normalize(text.toString()), keyValueConfidence, wordConfidence[0], members));
        }
        return new TextractForm(List.copyOf(pairs));
    }

    private static void addWord(BitSet members, double[] lowest, int index, JsonNode block) {
        members.set(index);
        lowest[0] = min(lowest[0], AwsFields.number(block, "confidence"));
    }

    private static double min(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static boolean isKey(JsonNode block) {
        JsonNode types = AwsFields.get(block, "entityTypes");
        if (types != null && types.isArray()) {
            for (JsonNode type : types) {
                if ("KEY".equals(type.asString())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Integer> related(JsonNode block, String type, Map<String, Integer> byId) {
        JsonNode relationships = AwsFields.get(block, "relationships");
        if (relationships == null || !relationships.isArray()) {
            return List.of();
        }
        List<Integer> indexes = new ArrayList<>();
        for (JsonNode relationship : relationships) {
            if (!type.equals(AwsFields.text(relationship, "type"))) {
                continue;
            }
            JsonNode ids = AwsFields.get(relationship, "ids");
            if (ids != null && ids.isArray()) {
                for (JsonNode id : ids) {
                    Integer index = byId.get(id.asString());
                    if (index != null) {
                        indexes.add(index);
                    }
                }
            }
        }
        return indexes;
    }
}
