package io.reviewstream.resultwriter.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Status-change webhooks: loop completions delivered over HTTP to users without a Kafka consumer. Off while no
 * endpoint is configured.
 *
 * @param endpoints      where to deliver; each has its own consumer group, so a failing one delays no other
 * @param groupId        consumer group prefix; an endpoint's group is this plus the endpoint's index
 * @param startAt        where a new endpoint's group starts: {@code latest} (only new completions) or
 *                       {@code earliest} (every completion still on the topic)
 * @param maxAttempts    deliveries tried before the event is dead-lettered for that endpoint
 * @param initialBackoff wait after the first failure, doubled after each further failure
 * @param maxBackoff     longest wait between two attempts
 * @param timeout        how long one delivery may take, connection included
 */
@Validated
@ConfigurationProperties("reviewstream.webhooks")
public record WebhookProperties(
        @NotNull @DefaultValue List<@Valid Endpoint> endpoints,
        @NotBlank @DefaultValue("result-writer-webhooks") String groupId,
        @NotNull @DefaultValue("latest") StartAt startAt,
        @Min(1) @DefaultValue("8") int maxAttempts,
        @NotNull @DefaultValue("1s") Duration initialBackoff,
        @NotNull @DefaultValue("5m") Duration maxBackoff,
        @NotNull @DefaultValue("10s") Duration timeout) {

    /**
     * @param url    the receiver's URL
     * @param secret the signing secret, {@code whsec_} and base64 (Standard Webhooks); without it, deliveries are
     *               sent unsigned
     */
    public record Endpoint(@NotNull URI url, String secret) {
    }

    public enum StartAt {
        EARLIEST, LATEST
    }

    /** The wait before attempt {@code attempt + 1} after {@code attempt} failures (1-based). */
    Duration backoff(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** The longest one event can take for one endpoint: every attempt timing out and every wait. */
    Duration worstCase() {
        Duration total = timeout.multipliedBy(maxAttempts);
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            total = total.plus(backoff(attempt));
        }
        return total;
    }
}
