package io.reviewstream.schemas.consensus;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consolidates the answers of several workers into one answer and an agreement score (0 to 1) per field of
 * {@code answerContent}. Answers come in submission order, which breaks ties. The rules, per field:
 * <ul>
 *   <li>classifier {@code {"label": x}}, strings, booleans, and any other value: plurality vote; agreement is the
 *       winner's share of all answers (a worker who left the field out votes for nothing); a tie goes to the value
 *       submitted first.</li>
 *   <li>multi-select {@code {"labels": [..]}}: a label is kept when more than half of the answers chose it;
 *       agreement is the mean, over every label anyone chose, of the share that agrees with the outcome.</li>
 *   <li>numbers: the mean of the answers that have the field; agreement is
 *       {@code 1 - (max - min) / max(|max|, |min|)} (1 when all are equal) times the share of answers that have it.</li>
 *   <li>bounding boxes {@code {"boundingBoxes": [..]}}: the reference is the answer whose boxes agree best with all
 *       the others' (the majority's drawing; a tie goes to the first); boxes of the same label are matched to the
 *       reference's boxes by intersection over union (at least 0.5) and averaged; agreement is the mean IoU over
 *       the matches, unmatched boxes counting 0.</li>
 *   <li>a field that is null in every answer: null, agreement 0 (nobody voted).</li>
 * </ul>
 */
public final class Consensus {

    public static final double MATCHING_IOU = 0.5;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @param consolidated the consolidated answerContent; @param agreement the score per field */
    public record Result(ObjectNode consolidated, ObjectNode agreement) {
    }

    private record Field(JsonNode value, double agreement) {
    }

    private Consensus() {
    }

    public static Result of(List<JsonNode> answers) {
        Set<String> fields = new LinkedHashSet<>();
        answers.forEach(answer -> answer.propertyNames().forEach(fields::add));
        ObjectNode consolidated = NODES.objectNode();
        ObjectNode agreement = NODES.objectNode();
        for (String name : fields) {
            List<JsonNode> values = new ArrayList<>();
            for (JsonNode answer : answers) {
                values.add(answer.get(name));
            }
            Field field = field(values, answers.size());
            consolidated.set(name, field.value());
            agreement.put(name, round(field.agreement()));
        }
        return new Result(consolidated, agreement);
    }

    private static Field field(List<JsonNode> values, int answers) {
        List<JsonNode> present = values.stream().filter(v -> v != null && !v.isNull()).toList();
        if (present.isEmpty()) {
            return new Field(NODES.nullNode(), 0);
        }
        if (present.stream().allMatch(JsonNode::isNumber)) {
            return numbers(present, answers);
        }
        if (present.stream().allMatch(v -> v.isObject() && v.size() == 1 && v.path("labels").isArray())) {
            return labels(present, answers);
        }
        if (present.stream().allMatch(v -> v.isObject() && v.path("boundingBoxes").isArray())) {
            return boxes(present, answers);
        }
        return vote(present, answers);
    }

    private static Field vote(List<JsonNode> present, int answers) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode value : present) {
            String key = canonical(value);
            votes.merge(key, 1, Integer::sum);
            byKey.putIfAbsent(key, value);
        }
        String winner = null;
        for (Map.Entry<String, Integer> entry : votes.entrySet()) {
            if (winner == null || entry.getValue() > votes.get(winner)) {
                winner = entry.getKey();
            }
        }
        return new Field(byKey.get(winner).deepCopy(), votes.get(winner) / (double) answers);
    }

    private static Field numbers(List<JsonNode> present, int answers) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (JsonNode value : present) {
            double v = value.asDouble();
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double scale = Math.max(Math.abs(max), Math.abs(min));
        double spread = scale == 0 ? 0 : (max - min) / scale;
        double coverage = present.size() / (double) answers;
        return new Field(NODES.numberNode(sum / present.size()), Math.max(0, 1 - spread) * coverage);
    }

    private static Field labels(List<JsonNode> present, int answers) {
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (JsonNode value : present) {
            Set<String> distinct = new LinkedHashSet<>();
            value.get("labels").forEach(label -> distinct.add(label.asString()));
            distinct.forEach(label -> chosen.merge(label, 1, Integer::sum));
        }
        ArrayNode kept = NODES.arrayNode();
        double agreement = 0;
        for (Map.Entry<String, Integer> entry : chosen.entrySet()) {
            double share = entry.getValue() / (double) answers;
            if (share > 0.5) {
                kept.add(entry.getKey());
            }
            agreement += Math.max(share, 1 - share);
        }
        ObjectNode consolidated = NODES.objectNode();
        consolidated.set("labels", kept);
        return new Field(consolidated, chosen.isEmpty() ? 1 : agreement / chosen.size());
    }

    private static Field boxes(List<JsonNode> present, int answers) {
        int referenceIndex = reference(present);
        JsonNode reference = present.get(referenceIndex);
        List<JsonNode> others = new ArrayList<>(present);
        others.remove(referenceIndex);
        ArrayNode merged = NODES.arrayNode();
        double iouSum = 0;
        int comparisons = 0;
        for (JsonNode box : reference.get("boundingBoxes")) {
            List<JsonNode> matched = new ArrayList<>(List.of(box));
            for (JsonNode other : others) {
                Match match = bestMatch(box, other.get("boundingBoxes"));
                comparisons++;
                if (match != null) {
                    matched.add(match.box());
                    iouSum += match.iou();
                }
            }
            merged.add(average(matched));
        }
        int unmatchedOthers = 0;
        for (JsonNode other : others) {
            unmatchedOthers += Math.max(0, other.get("boundingBoxes").size() - reference.get("boundingBoxes").size());
        }
        comparisons += unmatchedOthers;
        ObjectNode consolidated = ((ObjectNode) reference).deepCopy();
        consolidated.set("boundingBoxes", merged);
        double coverage = present.size() / (double) answers;
        double agreement = comparisons == 0 ? 1 : iouSum / comparisons;
        return new Field(consolidated, agreement * coverage);
    }

    private record Match(JsonNode box, double iou) {
    }

    /** The box of the same label that overlaps {@code box} most, if it overlaps by at least {@link #MATCHING_IOU}. */
    private static Match bestMatch(JsonNode box, JsonNode candidates) {
        Match best = null;
        for (JsonNode candidate : candidates) {
            double iou = iou(box, candidate);
            if (candidate.path("label").equals(box.path("label")) && iou >= MATCHING_IOU
                    && (best == null || iou > best.iou())) {
                best = new Match(candidate, iou);
            }
        }
        return best;
    }

    /**
     * The answer whose boxes agree best with all the others' (summed pairwise {@link #overlap}), so that the
     * majority's drawing is the reference even when the first worker drew nothing or something else; a tie goes to
     * the answer submitted first.
     */
    private static int reference(List<JsonNode> present) {
        int best = 0;
        double bestScore = -1;
        for (int i = 0; i < present.size(); i++) {
            double score = 0;
            for (int j = 0; j < present.size(); j++) {
                if (i != j) {
                    score += overlap(present.get(i).get("boundingBoxes"), present.get(j).get("boundingBoxes"));
                }
            }
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    /** Matched IoU of {@code a}'s boxes in {@code b}, over the larger count: 1 for two empty drawings. */
    private static double overlap(JsonNode a, JsonNode b) {
        int larger = Math.max(a.size(), b.size());
        if (larger == 0) {
            return 1;
        }
        double sum = 0;
        for (JsonNode box : a) {
            Match match = bestMatch(box, b);
            sum += match == null ? 0 : match.iou();
        }
        return sum / larger;
    }

    private static ObjectNode average(List<JsonNode> boxes) {
        ObjectNode box = NODES.objectNode();
        for (String side : List.of("height", "left", "top", "width")) {
            box.put(side, Math.round(boxes.stream().mapToDouble(b -> b.path(side).asDouble()).average().orElse(0)));
        }
        box.set("label", boxes.get(0).path("label").deepCopy());
        return box;
    }

    static double iou(JsonNode a, JsonNode b) {
        double ax2 = a.path("left").asDouble() + a.path("width").asDouble();
        double ay2 = a.path("top").asDouble() + a.path("height").asDouble();
        double bx2 = b.path("left").asDouble() + b.path("width").asDouble();
        double by2 = b.path("top").asDouble() + b.path("height").asDouble();
        double w = Math.min(ax2, bx2) - Math.max(a.path("left").asDouble(), b.path("left").asDouble());
        double h = Math.min(ay2, by2) - Math.max(a.path("top").asDouble(), b.path("top").asDouble());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double intersection = w * h;
        double union = a.path("width").asDouble() * a.path("height").asDouble()
                + b.path("width").asDouble() * b.path("height").asDouble() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    /** Equal JSON values compare equal whatever the order of their object fields. */
    private static String canonical(JsonNode value) {
        return JSON.writer().with(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(JSON.convertValue(value, Object.class));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
