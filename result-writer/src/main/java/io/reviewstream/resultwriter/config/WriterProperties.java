package io.reviewstream.resultwriter.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * result-writer settings.
 *
 * @param groupId        consumer group; also the prefix of this instance's transactional id
 * @param initialBackoff first wait after a failed object write
 * @param maxBackoff     longest wait between retries of an object write (retries never stop)
 * @param manifestInterval how soon a day's manifest.jsonl is rewritten after a loop's entry lands
 */
@Validated
@ConfigurationProperties("reviewstream.writer")
public record WriterProperties(
        @NotBlank @DefaultValue("reviewstream-result-writer") String groupId,
        @NotNull @DefaultValue("200ms") Duration initialBackoff,
        @NotNull @DefaultValue("30s") Duration maxBackoff,
        @NotNull @DefaultValue("1m") Duration manifestInterval) {
}
