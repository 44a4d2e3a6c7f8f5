package io.reviewstream.flowservice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Who may call the API: the access keys whose AWS Signature Version 4 flow-service accepts. With none configured
 * every call is refused, as an unsigned API would let anyone start loops and read answers.
 *
 * @param credentials    access key pairs, as the callers' SDKs are configured
 * @param maxClockSkew   how far a request's X-Amz-Date may be from this server's clock (AWS allows 15 minutes)
 */
@Validated
@ConfigurationProperties("reviewstream.auth")
public record AuthProperties(
        @Valid @DefaultValue List<Credential> credentials,
        @NotNull @DefaultValue("15m") Duration maxClockSkew) {

    /**
     * @param accessKeyId       the key id callers sign with
     * @param secretAccessKey   its secret
     * @param maxCallsPerSecond calls this key may make per second, averaged over a second (0: no limit); beyond,
     *                          calls get ThrottlingException, which every SDK retries with backoff
     */
    public record Credential(@NotBlank String accessKeyId, @NotBlank String secretAccessKey,
                             @PositiveOrZero @DefaultValue("0") double maxCallsPerSecond) {
    }
}
