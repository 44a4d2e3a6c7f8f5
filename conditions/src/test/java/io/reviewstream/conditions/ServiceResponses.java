package io.reviewstream.conditions;

import java.util.ArrayList;
import java.util.List;

/**
 * Inputs of the built-in task types, as A2I's output.json reports them ({@code aiServiceRequest} and
 * {@code aiServiceResponse} in lower camel case), for tests of this module and of the router.
 */
public final class ServiceResponses {

    public static final String REKOGNITION = "AWS/Rekognition/DetectModerationLabels/Image/V3";
    public static final String TEXTRACT = "AWS/Textract/AnalyzeDocument/Forms/V1";

    private ServiceResponses() {
    }

    /** A DetectModerationLabels input with these {@link #label labels}. */
    public static String rekognition(String... labels) {
        return "{\"aiServiceRequest\":{\"image\":{\"s3Object\":{\"bucket\":\"b\",\"name\":\"i.jpg\"}}},"
                + "\"aiServiceResponse\":{\"moderationLabels\":[" + String.join(",", labels)
                + "],\"moderationModelVersion\":\"3.0\"}}";
    }

    public static String label(String name, double confidence) {
        return "{\"confidence\":" + confidence + ",\"name\":\"" + name + "\",\"parentName\":\"\"}";
    }

    /** A key of two words (or one) with a value of one word, as AnalyzeDocument FORMS returns them. */
    public static String pair(String id, String key, double keyConfidence, double valueConfidence, String value,
                              double wordConfidence) {
        String[] words = key.split(" ", 2);
        StringBuilder blocks = new StringBuilder();
        List<String> wordIds = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            wordIds.add("\"" + id + "-w" + i + "\"");
            blocks.append(",{\"blockType\":\"WORD\",\"id\":\"").append(id).append("-w").append(i)
                    .append("\",\"text\":\"").append(words[i]).append("\",\"confidence\":99.5}");
        }
        return "{\"blockType\":\"KEY_VALUE_SET\",\"id\":\"" + id + "\",\"entityTypes\":[\"KEY\"],\"confidence\":"
                + keyConfidence + ",\"relationships\":[{\"type\":\"VALUE\",\"ids\":[\"" + id + "-v\"]},"
                + "{\"type\":\"CHILD\",\"ids\":[" + String.join(",", wordIds) + "]}]},"
                + "{\"blockType\":\"KEY_VALUE_SET\",\"id\":\"" + id + "-v\",\"entityTypes\":[\"VALUE\"],\"confidence\":"
                + valueConfidence + ",\"relationships\":[{\"type\":\"CHILD\",\"ids\":[\"" + id + "-vw\"]}]}"
                + blocks + ",{\"blockType\":\"WORD\",\"id\":\"" + id + "-vw\",\"text\":\"" + value
                + "\",\"confidence\":" + wordConfidence + "}";
    }

    /** An AnalyzeDocument FORMS input with these {@link #pair pairs}. */
    public static String textract(String... pairs) {
        return "{\"aiServiceRequest\":{\"document\":{\"s3Object\":{\"bucket\":\"b\",\"name\":\"d.png\"}},"
                + "\"featureTypes\":[\"FORMS\"]},\"aiServiceResponse\":{\"blocks\":[{\"blockType\":\"PAGE\",\"id\":\"page\"},"
                + String.join(",", pairs) + "],\"documentMetadata\":{\"pages\":1}}}";
    }
}
