package io.reviewstream.resultwriter.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPropertiesTest {

    private final WebhookProperties properties = new WebhookProperties(List.of(), "g",
            WebhookProperties.StartAt.LATEST, 4, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(10));

    @Test
    void theWaitDoublesAfterEachFailureUpToTheMaximum() {
        assertThat(List.of(properties.backoff(1), properties.backoff(2), properties.backoff(3), properties.backoff(9)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                        Duration.ofSeconds(3));
    }

    @Test
    void theWorstCaseCoversEveryAttemptTimingOutAndEveryWait() {
        assertThat(properties.worstCase()).isEqualTo(Duration.ofSeconds(4 * 10 + 1 + 2 + 3));
    }

    @Test
    void aSignatureIsTheBase64HmacOfIdTimestampAndBody() {
        // the example of the Standard Webhooks specification's reference libraries
        WebhookSignature signature = WebhookSignature.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
