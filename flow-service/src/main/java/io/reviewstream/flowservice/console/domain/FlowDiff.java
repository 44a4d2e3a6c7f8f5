package io.reviewstream.flowservice.console.domain;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two versions of a flow definition, member by member ({@code HumanLoopConfig.TaskCount},
 * {@code HumanLoopActivationConditions.Conditions[0].ConditionParameters.ConfidenceLessThan}). The conditions are a
 * JSON document inside a string; they are compared as the document, so a change of one threshold is that
 * threshold, not the whole string.
 */
public final class FlowDiff {

    /** One member that differs; {@code before} or {@code after} is null where the member is absent. */
    public record Change(String member, String before, String after) {
    }

    static final String CONDITIONS = "HumanLoopActivationConditions";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FlowDiff() {
    }

    /** @param before DescribeFlowDefinition's answer for the older version, or null for the first version */
    public static List<Change> between(JsonNode before, JsonNode after) {
        Map<String, String> old = flatten(before);
        Map<String, String> now = flatten(after);
        List<Change> changes = new ArrayList<>();
        for (String member : new TreeSet<>(union(old, now))) {
            if (!Objects.equals(old.get(member), now.get(member))) {
                changes.add(new Change(member, old.get(member), now.get(member)));
            }
        }
        return changes;
    }

    private static Set<String> union(Map<String, String> a, Map<String, String> b) {
        Set<String> all = new HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null) {
            flatten("", node, out);
        }
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                flatten(path.isEmpty() ? member.getKey() : path + "." + member.getKey(), member.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else if (node.isString() && path.endsWith(CONDITIONS)) {
            JsonNode document = conditions(node.stringValue());
            if (document == null) {
                out.put(path, node.stringValue());
            } else {
                flatten(path, document, out);
            }
        } else {
            out.put(path, node.isString() ? node.stringValue() : node.toString());
        }
    }

    private static JsonNode conditions(String text) {
        try {
            JsonNode document = JSON.readTree(text);
            return document != null && (document.isObject() || document.isArray()) ? document : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
