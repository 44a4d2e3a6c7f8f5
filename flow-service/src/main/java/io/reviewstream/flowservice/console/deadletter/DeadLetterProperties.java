package io.reviewstream.flowservice.console.deadletter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's dead-letter page.
 *
 * @param maxReplays  how many times one record may be replayed: a replayed record that fails again comes back with
 *                    its count, and past this it is refused, so that no record goes round for ever
 * @param maxScan     the most dead letters one page request reads while looking for those that match its filter:
 *                    a request's cost is bounded however many dead letters there are
 * @param maxPageSize the most dead letters one page shows
 */
@Validated
@ConfigurationProperties("reviewstream.console.dead-letters")
public record DeadLetterProperties(
        @Min(1) @Max(100) @DefaultValue("3") int maxReplays,
        @Min(1) @DefaultValue("5000") int maxScan,
        @Min(1) @Max(1000) @DefaultValue("100") int maxPageSize) {
}
