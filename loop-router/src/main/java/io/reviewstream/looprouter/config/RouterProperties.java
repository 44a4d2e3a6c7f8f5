package io.reviewstream.looprouter.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * loop-router settings.
 *
 * @param applicationId Kafka Streams application id: the consumer group and the prefix of internal topics
 * @param stateDir      where state stores live on disk
 * @param streamThreads stream threads of this instance
 */
@Validated
@ConfigurationProperties("reviewstream.router")
public record RouterProperties(
        @NotBlank @DefaultValue("reviewstream-loop-router") String applicationId,
        @NotBlank @DefaultValue("${java.io.tmpdir}/reviewstream/loop-router") String stateDir,
        @Min(1) @DefaultValue("1") int streamThreads) {
}
