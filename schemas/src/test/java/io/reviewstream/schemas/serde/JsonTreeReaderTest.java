package io.reviewstream.schemas.serde;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader must be indistinguishable from the mapper's {@code readTree}: the same tree (node types included, so
 * that conditions and the rendered {@code inputContent} do not change) or the same error, for valid, odd and
 * broken documents.
 */
class JsonTreeReaderTest {

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final JsonTreeReader reader = new JsonTreeReader(mapper);

    @Test
    void readsWhatTheMapperReadsAndFailsWhereItFails() {
        List<String> documents = new ArrayList<>(List.of(
                "", "   ", "null", "42", "\"text\"", "[1,2]", "[]", "{}", " {\"a\":1} ",
                "{\"a\":1} x", "{\"a\":1} {\"b\":2}", "{\"a\":1}]", "{\"a\":1,}", "{a:1}", "{'a':1}",
                "{\"a\":1,\"a\":2}", "{\"o\":{\"k\":true,\"k\":false}}", "{\"a\":[1,{\"x\":null,\"x\":3}]}",
                "{\"i\":2147483647,\"j\":2147483648,\"k\":-9223372036854775808,\"l\":9223372036854775808}",
                "{\"big\":123456789012345678901234567890,\"neg\":-0,\"z\":0}",
                "{\"d\":0.1,\"e\":1e400,\"f\":-0.0,\"g\":4.9e-324,\"h\":1.0E-330,\"i\":2.5E+10,\"j\":0.30000000000000004}",
                "{\"n\":NaN}", "{\"n\":01}", "{\"n\":1.}", "{\"n\":-}", "{\"n\":.5}",
                "{\"s\":\"\\u00e9\\n\\t\\\"\\\\ \\ud83d\\ude00\",\"t\":\"\"}", "{\"s\":\"\\x\"}", "{\"s\":\"open}",
                "{\"s\":\"a\\/b\\b\\f\\r\\n\\t\\\\\\\"\"}", "{\"s\":\"\\u0041\\u00FF\\u20ac\\u0000\"}",
                "{\"s\":\"\\u12\"}", "{\"s\":\"\\uZZZZ\"}", "{\"s\":\"\\ud800\"}", "{\"s\":\"raw\ttab\"}",
                "{\"s\":\"caf\u00e9 \u20ac\"}", "{\"caf\u00e9\":1}", "{\"a\":1}\u000b", "{\f\"a\":1}", "{\"a\"\r\n:\t1 }",
                "{\"n\":[1E5,-1e-5,1e+5,0e0,-0.5E-0]}", "{\"n\":[123456789012345678,-123456789012345678]}",
                "{\"n\":[1234567890123456789,-9223372036854775809]}", "{\"n\":[-2147483648,2147483647,-2147483649]}",
                "{\"n\":1e}", "{\"n\":1e+}", "{\"n\":-a}", "{\"n\":+1}", "{\"t\":tru}", "{\"t\":truex}", "{\"t\":nul}",
                "{\"a\":true,\"b\":false,\"c\":null}", "{\"deep\":" + "[".repeat(600) + "]".repeat(600) + "}",
                "{\"deep\":" + "[".repeat(50) + "]".repeat(50) + "}", "/* c */ {\"a\":1}", "{\"a\":1} // c",
                "\uFEFF{\"a\":1}", "{\"a\"}", "{\"a\":}", "{", "}", "{\"label\":\"cat\",\"confidence\":0.73,"
                        + "\"detections\":[{\"label\":\"dog\",\"score\":0.71,\"box\":[10,20,110,220]}],"
                        + "\"model\":{\"name\":\"resnet\",\"version\":\"2.1\"}}"));
        Random random = new Random(20261201);
        for (int i = 0; i < 400; i++) {
            String document = randomObject(random, 0);
            documents.add(document);
            documents.add(mutated(document, random));
            documents.add(document.substring(0, random.nextInt(document.length())));
        }
        for (String document : documents) {
            assertSameAsMapper(document);
        }
    }

    @Test
    void readsPlainDocumentsItselfInsteadOfHandingThemToTheMapper() {
        String prediction = "{\"predictionId\":\"p-7\",\"flowDefinitionName\":\"classifier\",\"inputContent\":"
                + "{\"label\":\"cat\",\"confidence\":0.73,\"detections\":[{\"label\":\"dog\",\"score\":0.71,"
                + "\"box\":[10,20,110,220]}],\"model\":{\"name\":\"resnet\",\"version\":\"2.1\",\"beta\":false},"
                + "\"note\":\"line\\nbreak \\u00e9\",\"empty\":{},\"none\":[],\"n\":null,\"big\":-9007199254740993}}";
        assertThat(reader.plain(prediction.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(mapper.readTree(prediction));
        Random random = new Random(7);
        int plain = 0;
        for (int i = 0; i < 200; i++) {
            String document = randomObject(random, 0);
            JsonNode tree = reader.plain(document.getBytes(StandardCharsets.UTF_8));
            if (tree != null) {
                plain++;
                assertThat(tree.toString()).isEqualTo(mapper.readTree(document).toString());
            }
        }
        // the rest repeat a property name, which the mapper settles
        assertThat(plain).isGreaterThan(100);
    }

    @Test
    void readsInvalidUtf8AsTheMapperDoes() {
        assertSameAsMapper(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'});
        assertSameAsMapper(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'});
    }

    private void assertSameAsMapper(String document) {
        assertSameAsMapper(document.getBytes(StandardCharsets.UTF_8));
        Outcome expected = outcome(() -> mapper.readTree(document));
        Outcome actual = outcome(() -> reader.read(document));
        assertThat(actual).as("text %s", document).isEqualTo(expected);
    }

    private void assertSameAsMapper(byte[] document) {
        Outcome expected = outcome(() -> mapper.readTree(document));
        Outcome actual = outcome(() -> reader.read(document));
        assertThat(actual).as("bytes %s", new String(document, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    /** A tree by its rendering and a fingerprint of every node's type, or an error by its type and message. */
    private record Outcome(String rendered, String types, String error) {
    }

    private static Outcome outcome(java.util.function.Supplier<JsonNode> read) {
        try {
            JsonNode tree = read.get();
            return new Outcome(String.valueOf(tree), types(tree), null);
        } catch (JacksonException e) {
            return new Outcome(null, null, e.getClass().getName() + ": " + e.getOriginalMessage());
        }
    }

    private static String types(JsonNode node) {
        if (node == null) {
            return "null";
        }
        StringBuilder types = new StringBuilder(node.getClass().getSimpleName());
        if (node.isContainer()) {
            types.append('(');
            node.values().forEach(child -> types.append(types(child)).append(','));
            types.append(')');
        }
        return types.toString();
    }

    private static final String[] NAMES = {"a", "label", "confidence", "score", "box", "x", "model", "version"};

    private static String randomObject(Random random, int depth) {
        StringBuilder object = new StringBuilder("{");
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            object.append(i == 0 ? "" : ",").append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\":")
                    .append(randomValue(random, depth + 1));
        }
        return object.append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 7 : 9);
        return switch (kind) {
            case 0 -> Integer.toString(random.nextInt(2000) - 1000);
            case 1 -> Long.toString(random.nextLong());
            case 2 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 3 -> random.nextInt(100) + "." + random.nextInt(100) + (random.nextBoolean() ? "e" + (random.nextInt(20) - 10) : "");
            case 4 -> "\"" + NAMES[random.nextInt(NAMES.length)] + (random.nextBoolean() ? "\\u00e9\\\"" : "") + "\"";
            case 5 -> random.nextBoolean() ? "true" : "false";
            case 6 -> random.nextBoolean() ? "null" : "99999999999999999999";
            case 7 -> randomObject(random, depth);
            default -> {
                StringBuilder array = new StringBuilder("[");
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.append(i == 0 ? "" : ",").append(randomValue(random, depth + 1));
                }
                yield array.append(']').toString();
            }
        };
    }

    private static String mutated(String document, Random random) {
        char[] chars = document.toCharArray();
        String replacements = "{}[],:\"x0.-e ";
        chars[random.nextInt(chars.length)] = replacements.charAt(random.nextInt(replacements.length()));
        return new String(chars);
    }
}
