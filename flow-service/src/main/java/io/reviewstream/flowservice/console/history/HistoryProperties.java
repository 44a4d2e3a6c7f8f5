package io.reviewstream.flowservice.console.history;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's loop page.
 *
 * @param maxEvents      the most history records one loop's page shows (a loop released and claimed again and again
 *                       has many)
 * @param maxOutputBytes the largest {@code output.json} the page shows
 */
@Validated
@ConfigurationProperties("reviewstream.console.history")
public record HistoryProperties(
        @Min(1) @DefaultValue("1000") int maxEvents,
        @Min(1024) @DefaultValue("5242880") int maxOutputBytes) {
}
