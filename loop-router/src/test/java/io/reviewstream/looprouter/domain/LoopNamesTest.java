package io.reviewstream.looprouter.domain;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class LoopNamesTest {

    /** A2I's HumanLoopName pattern and length limit, as the API documents them. */
    private static final Pattern A2I = Pattern.compile("[a-z0-9](-*[a-z0-9])*");

    @Test
    void acceptsExactlyWhatA2isPatternAccepts() {
        for (String name : new String[]{"a", "0", "claim-42", "a--b", "p-1", "-a", "a-", "-", "", "A", "a_b", "ab c",
                "é", "a".repeat(63), "a".repeat(64), "a-".repeat(31) + "a"}) {
            assertThat(LoopNames.isValid(name)).as(name).isEqualTo(name.length() <= 63 && A2I.matcher(name).matches());
        }
        assertThat(LoopNames.isValid(null)).isFalse();
        Random random = new Random(42);
        String alphabet = "az09-_A.";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int length = random.nextInt(70); length > 0; length--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = name.toString();
            assertThat(LoopNames.isValid(candidate)).as(candidate)
                    .isEqualTo(candidate.length() <= 63 && A2I.matcher(candidate).matches());
        }
    }

    @Test
    void predictionIdsThatAreNoLoopNamesGetAValidStableOne() {
        assertThat(LoopNames.forPrediction("p-1")).isEqualTo("p-1");
        String derived = LoopNames.forPrediction("Order #42/Line 7");
        assertThat(LoopNames.isValid(derived)).isTrue();
        assertThat(derived).startsWith("order-42-line-7-").isEqualTo(LoopNames.forPrediction("Order #42/Line 7"));
    }
}
