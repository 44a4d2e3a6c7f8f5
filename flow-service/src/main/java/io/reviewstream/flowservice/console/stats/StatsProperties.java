package io.reviewstream.flowservice.console.stats;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The console's live numbers (decisions, workforce, queue health), kept in memory over a sliding window and rebuilt
 * from the topics on start.
 *
 * @param window         how far back the numbers go (at least an hour: claims and answers are shown per hour)
 * @param decisionBucket the resolution of the decision charts; the team and worker numbers are kept per minute
 * @param maxFlows       flows counted; decisions of further flows are counted as dropped
 * @param maxTeams       work teams counted
 * @param maxWorkers     workers counted
 */
@Validated
@ConfigurationProperties("reviewstream.console.stats")
public record StatsProperties(
        @NotNull @DefaultValue("1h") Duration window,
        @NotNull @DefaultValue("10s") Duration decisionBucket,
        @Min(1) @DefaultValue("100") int maxFlows,
        @Min(1) @DefaultValue("200") int maxTeams,
        @Min(1) @DefaultValue("2000") int maxWorkers) {

    public StatsProperties {
        if (window != null && window.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("reviewstream.console.stats.window must be at least 1h");
        }
        if (decisionBucket != null && (decisionBucket.toMillis() < 1000
                || window != null && window.toMillis() / decisionBucket.toMillis() > 10_000)) {
            throw new IllegalArgumentException("reviewstream.console.stats.decision-bucket must be at least 1s and "
                    + "cut the window into at most 10000 buckets");
        }
    }

    int decisionBuckets() {
        return Math.toIntExact(window.toMillis() / decisionBucket.toMillis());
    }

    int minuteBuckets() {
        return Math.toIntExact(window.toMinutes());
    }
}
