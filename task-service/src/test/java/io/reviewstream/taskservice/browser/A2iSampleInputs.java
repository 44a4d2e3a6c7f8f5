package io.reviewstream.taskservice.browser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task input of the shape an A2I sample template reads, made from the template itself: every {@code task.input}
 * path it names gets a value, an S3 object where it is handed to {@code grant_read_access}, a list of two items where
 * a {@code for} loop walks it (with the fields the loop body reads), text elsewhere.
 */
public final class A2iSampleInputs {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LOOP = Pattern.compile("\\{%-?\\s*for\\s+(\\w+)\\s+in\\s+task\\.input((?:\\.\\w+)+)");
    private static final Pattern INPUT_PATH = Pattern.compile(
            "task\\.input((?:\\.\\w+)+)(?:\\s*\\|\\s*(grant_read_access|to_json))?");

    private A2iSampleInputs() {
    }

    /**
     * @param objectPrefix where the S3 objects the input names live, such as {@code s3://bucket/samples/}; each is
     *                     {@code <prefix><dotted path>.png}, see {@link #objectReferences(JsonNode)}
     */
    public static ObjectNode inputFor(String template, String objectPrefix) {
        ObjectNode input = JSON.createObjectNode();
        Map<String, String> loops = new LinkedHashMap<>();
        Matcher loop = LOOP.matcher(template);
        while (loop.find()) {
            loops.put(loop.group(2).substring(1), loop.group(1));
        }
        Matcher path = INPUT_PATH.matcher(template);
        while (path.find()) {
            String dotted = path.group(1).substring(1);
            if (loops.containsKey(dotted)) {
                continue;
            }
            String filter = path.group(2) == null ? "" : path.group(2);
            put(input, dotted.split("\\."), switch (filter) {
                case "grant_read_access" -> JSON.getNodeFactory().textNode(objectPrefix + dotted + ".png");
                // a list handed to an element, such as a classifier's categories
                case "to_json" -> JSON.createArrayNode().add(dotted + " 1").add(dotted + " 2");
                default -> JSON.getNodeFactory().textNode("sample " + dotted);
            });
        }
        loops.forEach((dotted, variable) -> {
            ArrayNode items = JSON.createArrayNode();
            Matcher field = Pattern.compile("\\b" + Pattern.quote(variable) + "((?:\\.\\w+)+)").matcher(template);
            List<String> fields = field.results().map(r -> r.group(1).substring(1)).distinct().toList();
            for (int i = 1; i <= 2; i++) {
                if (fields.isEmpty()) {
                    items.add("item " + i);
                } else {
                    ObjectNode item = items.addObject();
                    for (String f : fields) {
                        put(item, f.split("\\."), JSON.getNodeFactory().textNode("item " + i + " " + f));
                    }
                }
            }
            ObjectNode parent = input;
            String[] parts = dotted.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.get(parts[i]) instanceof ObjectNode o ? o : parent.putObject(parts[i]);
            }
            parent.set(parts[parts.length - 1], items);
        });
        return input;
    }

    /** What each object a sample input names is: a PNG picture, whatever the template does with it. */
    public static byte[] objectContent() {
        return TaskPageServer.testImage();
    }

    /** The {@code s3://} references anywhere in an input: the objects a page of it loads. */
    public static List<String> objectReferences(JsonNode input) {
        if (input.isString()) {
            return input.asString().startsWith("s3://") ? List.of(input.asString()) : List.of();
        }
        return input.valueStream().flatMap(child -> objectReferences(child).stream()).distinct().toList();
    }

    private static void put(ObjectNode target, String[] parts, JsonNode value) {
        ObjectNode parent = target;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(parent.get(parts[i]) instanceof ObjectNode)) {
                parent.putObject(parts[i]);
            }
            parent = (ObjectNode) parent.get(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        if (!parent.has(leaf)) {
            parent.set(leaf, value);
        }
    }
}
