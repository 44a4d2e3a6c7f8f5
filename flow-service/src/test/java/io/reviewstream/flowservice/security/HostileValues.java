package io.reviewstream.flowservice.security;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values a member of a given shape should not get: the wrong JSON type, lengths and numbers beyond the model's
 * bounds, pattern and enum violations, characters that are hard on parsers, paths and templates. Some cannot be
 * built as JSON values (a number too large for a double, a lone surrogate): those are {@link #raw} placeholders,
 * replaced with their text once the body is written.
 */
final class HostileValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RAW_PREFIX = "@@raw:";
    private static final Pattern RAW = Pattern.compile("\"" + Pattern.quote(RAW_PREFIX) + "([^\"]*)@@\"");

    private HostileValues() {
    }

    /** A value written into the JSON text as is. */
    static JsonNode raw(String jsonText) {
        return NODES.stringNode(RAW_PREFIX + jsonText.replace("\"", "'") + "@@");
    }

    /** The body with its placeholders replaced. */
    static String write(JsonMapper json, JsonNode body) {
        Matcher m = RAW.matcher(json.writeValueAsString(body));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).replace("'", "\"")));
        }
        return m.appendTail(out).toString();
    }

    /** @param shape the member's shape in the model */
    static List<JsonNode> forShape(ServiceModel model, String shape) {
        JsonNode definition = model.shape(shape);
        List<JsonNode> values = new ArrayList<>(List.of(NODES.nullNode(), NODES.objectNode(), NODES.arrayNode()));
        switch (model.type(shape)) {
            case "string" -> strings(definition, values);
            case "integer", "long", "float", "double" -> numbers(definition, values);
            case "timestamp" -> timestamps(values);
            case "boolean" -> values.addAll(List.of(NODES.stringNode("true"), NODES.numberNode(1)));
            case "list" -> lists(definition, values);
            case "structure" -> {
                values.add(NODES.stringNode("x"));
                values.add(NODES.numberNode(1));
                ObjectNode unknown = NODES.objectNode();
                unknown.put("NoSuchMember", "x");
                values.add(unknown);
            }
            default -> values.add(NODES.stringNode("x"));
        }
        return values;
    }

    private static void strings(JsonNode definition, List<JsonNode> values) {
        values.addAll(List.of(NODES.numberNode(12), NODES.booleanNode(true), NODES.stringNode(""),
                NODES.stringNode("UPPER CASE_!"), NODES.stringNode("-lead"), NODES.stringNode("trail-"),
                NODES.stringNode("a\u0000b"), NODES.stringNode("ä😀\u202e"), raw("\"\\ud800x\""),
                NODES.stringNode("../../../etc/passwd"), NODES.stringNode("a/b?c#d%2F"),
                NODES.stringNode("<script>alert(1)</script>"), NODES.stringNode("{% include '/etc/passwd' %}"),
                NODES.stringNode("{{ 'x' | append: 'y' }}"), NODES.stringNode("' OR '1'='1"),
                NODES.stringNode("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/"),
                NODES.stringNode("a-".repeat(1_500) + "a"), NODES.stringNode("a".repeat(100_000))));
        int min = definition.path("min").asInt(0);
        if (min > 1) {
            values.add(NODES.stringNode("a".repeat(min - 1)));
        }
        if (definition.has("max") && definition.path("max").asLong() < 4_000_000) {
            values.add(NODES.stringNode("a".repeat(definition.path("max").asInt() + 1)));
        }
        for (JsonNode value : definition.path("enum")) {
            values.add(NODES.stringNode(value.asString().toLowerCase(java.util.Locale.ROOT)));
            values.add(NODES.stringNode(value.asString() + " "));
        }
    }

    private static void numbers(JsonNode definition, List<JsonNode> values) {
        values.addAll(List.of(NODES.stringNode("12"), NODES.stringNode("NaN"), NODES.booleanNode(true),
                NODES.numberNode(-1), NODES.numberNode(0), NODES.numberNode(1.5),
                NODES.numberNode(new BigInteger("2147483648")),
                NODES.numberNode(new BigInteger("-9223372036854775809")),
                NODES.numberNode(new BigDecimal("1e400")), raw("1e400"), raw("-0"), raw("1" + "0".repeat(5_000))));
        if (definition.has("min")) {
            values.add(NODES.numberNode(definition.path("min").asLong() - 1));
        }
        if (definition.has("max")) {
            values.add(NODES.numberNode(definition.path("max").asLong() + 1));
        }
    }

    private static void timestamps(List<JsonNode> values) {
        values.addAll(List.of(NODES.numberNode(-1), NODES.numberNode(-62_135_596_801L),
                NODES.numberNode(253_402_300_800L), NODES.numberNode(new BigDecimal("1e300")), raw("1e400"),
                NODES.numberNode(1.5e9), NODES.stringNode("yesterday"), NODES.stringNode("2020-02-30T00:00:00Z"),
                NODES.stringNode("+999999999-12-31T23:59:59Z"), NODES.stringNode("2020-02-24"),
                NODES.stringNode(""), NODES.booleanNode(false)));
    }

    private static void lists(JsonNode definition, List<JsonNode> values) {
        values.add(NODES.stringNode("x"));
        var withNull = NODES.arrayNode();
        withNull.addNull();
        values.add(withNull);
        var wrongItems = NODES.arrayNode();
        wrongItems.add(1).add(true).add(NODES.arrayNode());
        values.add(wrongItems);
        int items = Math.min(definition.path("max").asInt(1_000) + 1, 10_000);
        var many = NODES.arrayNode();
        for (int i = 0; i < items; i++) {
            many.add("x" + i);
        }
        values.add(many);
    }

    /** Bodies that are no JSON object, or not JSON at all, or no text. */
    static List<byte[]> malformedBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("{", "[]", "\"x\"", "null", "123", "{\"a\":}", "{\"a\":1,}", "{} trailing",
                "/* comment */ {}", "{'single': 'quotes'}", "{\"a\": NaN}", "{\"a\": 1e99999999}",
                "[".repeat(100_000), "{\"a\":".repeat(20_000), " ".repeat(1_000_000) + "{}",
                "{\"HumanLoopName\":\"a\",\"HumanLoopName\":\"b\"}", "\uFEFF{}")) {
            bodies.add(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        bodies.add(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.add(new byte[]{(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0});
        bodies.add(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
        bodies.add(new byte[]{0, 0, 0, 0});
        return bodies;
    }

    /** NextTokens no listing handed out. */
    static List<String> badNextTokens() {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return List.of("!!!", "A".repeat(8_193), "A".repeat(8_192), "%%%", "\u0000",
                base64.encodeToString("99999999999999999999:x:y".getBytes()),
                base64.encodeToString("9223372036854775807:0:y".getBytes()),
                base64.encodeToString(":::".getBytes()), base64.encodeToString(new byte[]{(byte) 0xff, 0, 1}),
                base64.encodeToString("1:deadbeef:".getBytes()));
    }

    static Map.Entry<String, JsonNode> unknownMember() {
        ObjectNode value = NODES.objectNode();
        value.putArray("x").add(1).add("y");
        return Map.entry("NoSuchMember", value);
    }
}
