package io.reviewstream.flowservice.api;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The member patterns accept what the models' patterns accept, and cannot be driven into deep recursion or
 * backtracking by a long value.
 */
class PatternsTest {

    /** The models' own patterns (a2i-compat.md §1.3, §2.4) for the ones written differently here. */
    static final Map<String, String> MODEL = Map.of(
            "FLOW_DEFINITION_NAME", "[a-z0-9](-*[a-z0-9]){0,62}",
            "HUMAN_TASK_UI_NAME", "[a-z0-9](-*[a-z0-9])*",
            "HUMAN_LOOP_NAME", "[a-z0-9](-*[a-z0-9])*",
            "WORKTEAM_NAME", "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
            "WORKFORCE_NAME", "[a-zA-Z0-9]([a-zA-Z0-9\\-]){0,62}",
            "TASK_KEYWORD", "[A-Za-z0-9]+( [A-Za-z0-9]+)*",
            "TAG", "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)",
            "REQUEST_SOURCE", "AWS(/[A-Za-z0-9]+)+");
    static final String ALPHABET = "aZ0-_ /:";

    @Test
    void everyRewrittenPatternAcceptsExactlyWhatTheModelsPatternAccepts() throws Exception {
        Random random = new Random(12);
        for (Map.Entry<String, String> model : MODEL.entrySet()) {
            Pattern ours = pattern(model.getKey());
            Pattern theirs = Pattern.compile(model.getValue());
            for (int i = 0; i < 20_000; i++) {
                String value = (random.nextBoolean() ? "AWS/" : "") + randomText(random, random.nextInt(12));
                assertThat(ours.matcher(value).matches()).as("%s on '%s'", model.getKey(), value)
                        .isEqualTo(theirs.matcher(value).matches());
            }
            assertThat(Patterns.described(ours)).as(model.getKey()).isIn(model.getValue(),
                    model.getValue().replace("([a-zA-Z0-9\\-])", "[a-zA-Z0-9\\-]").replaceAll("^\\((.*)\\)$", "$1"));
        }
    }

    /** The models' name pattern overflowed the stack at about 3,000 characters. */
    @Test
    void noPatternRecursesOrBacktracksOnAHundredThousandCharacters() throws Exception {
        List<String> values = List.of("a".repeat(100_000), "a-".repeat(50_000), "a-".repeat(50_000) + "-",
                "a" + "-".repeat(99_998) + "!", "AWS" + "/a".repeat(50_000), "AWS" + "/a".repeat(50_000) + "/",
                "a ".repeat(50_000), "a ".repeat(50_000) + "a", "_".repeat(100_000) + "a",
                "arn:aws:iam::111122223333:role/" + "a".repeat(100_000) + "!",
                "arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + "x".repeat(100_000));
        for (Field field : Patterns.class.getDeclaredFields()) {
            if (field.getType() != Pattern.class || !Modifier.isStatic(field.getModifiers())
                    || field.getName().equals("POSSESSIVE")) {
                continue;
            }
            field.setAccessible(true);
            Pattern pattern = (Pattern) field.get(null);
            for (String value : values) {
                assertThatCode(() -> pattern.matcher(value).matches()).as(field.getName()).doesNotThrowAnyException();
            }
        }
        assertThat(Patterns.HUMAN_LOOP_NAME.matcher("a-".repeat(50_000) + "a").matches()).isTrue();
        assertThat(Patterns.HUMAN_LOOP_NAME.matcher("a-".repeat(50_000)).matches()).isFalse();
    }

    private static Pattern pattern(String name) throws Exception {
        Field field = Patterns.class.getDeclaredField(name);
        field.setAccessible(true);
        return (Pattern) field.get(null);
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
