package io.reviewstream.taskservice.config;

import io.reviewstream.schemas.topic.Topic;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.reviewstream.taskservice.domain.TeamShard;
import jakarta.validation.constraints.Max;

import java.time.Duration;
import java.util.Map;

/**
 * task-service settings.
 *
 * @param applicationId             Kafka Streams application id
 * @param stateDir                  where the queue state stores live on disk
 * @param streamThreads             stream threads of this instance
 * @param replyTimeout              how long a worker API call waits for the queue owner's reply
 * @param leaseCheckInterval        how often expired leases and loops are looked for
 * @param defaultTaskTimeLimit      lease after a claim when the flow sets no TaskTimeLimitInSeconds (A2I: 3600 s)
 * @param defaultAvailabilityLifetime how long a loop's tasks stay available when the flow sets no
 *                                    TaskAvailabilityLifetimeInSeconds
 * @param answerReceiptRetention    how long after an answer a retried submit of it is still recognised
 * @param queueSnapshotLimit        how many tasks of a team the task list shows (the count covers all)
 * @param maxAnswerBytes            the largest answer body a worker may submit; a longer one is refused with 413
 *                                  before anything is written to Kafka
 * @param commitInterval            how often the queue owner commits its exactly-once transaction; a worker's reply
 *                                  is read only once committed, so this bounds every claim's and answer's latency
 * @param teamShards                over how many shards (record keys, so partitions and owners) each team's queue is
 *                                  spread
 * @param shardsPerTeam             the same for named teams, instead of {@code teamShards}
 * @param claimWaitMax              the longest a claim-next call may wait for a task to open ({@code waitSeconds})
 * @param maxWaitingClaims          how many claim-next calls of this instance may wait at once; a call beyond it
 *                                  answers 204 at once, as without a wait
 */
@Validated
@ConfigurationProperties("reviewstream.tasks")
public record TaskProperties(
        @NotBlank @DefaultValue("reviewstream-task-service") String applicationId,
        @NotBlank @DefaultValue("${java.io.tmpdir}/reviewstream/task-service") String stateDir,
        @Min(1) @DefaultValue("1") int streamThreads,
        @NotNull @DefaultValue("10s") Duration replyTimeout,
        @NotNull @DefaultValue("1s") Duration leaseCheckInterval,
        @NotNull @DefaultValue("3600s") Duration defaultTaskTimeLimit,
        @NotNull @DefaultValue("10d") Duration defaultAvailabilityLifetime,
        @NotNull @DefaultValue("1d") Duration answerReceiptRetention,
        @Min(1) @DefaultValue("100") int queueSnapshotLimit,
        @NotNull @DefaultValue("256KB") DataSize maxAnswerBytes,
        @NotNull @DefaultValue("10ms") Duration commitInterval,
        @Min(1) @Max(TeamShard.MAX_SHARDS) @DefaultValue("1") int teamShards,
        Map<String, Integer> shardsPerTeam,
        @NotNull @DefaultValue("20s") Duration claimWaitMax,
        @Min(0) @DefaultValue("10000") int maxWaitingClaims) {

    public TaskProperties {
        shardsPerTeam = shardsPerTeam == null ? Map.of() : Map.copyOf(shardsPerTeam);
    }

    /** How many shards the team's queue has. */
    public int shardsOf(String team) {
        return shardsPerTeam.getOrDefault(team, teamShards);
    }

    @AssertTrue(message = "shards-per-team values must be from 1 to " + TeamShard.MAX_SHARDS)
    public boolean isShardsPerTeamWithinBounds() {
        return shardsPerTeam == null || shardsPerTeam.values().stream()
                .allMatch(n -> n != null && n >= 1 && n <= TeamShard.MAX_SHARDS);
    }

    @AssertTrue(message = "commit-interval must not be negative")
    public boolean isCommitIntervalNotNegative() {
        return commitInterval == null || !commitInterval.isNegative();
    }

    /** A waiting call holds a connection: beyond a minute, proxies and browsers give up on it first. */
    @AssertTrue(message = "claim-wait-max must be from 0 to 60s")
    public boolean isClaimWaitMaxWithinAMinute() {
        return claimWaitMax == null || !claimWaitMax.isNegative() && claimWaitMax.compareTo(Duration.ofMinutes(1)) <= 0;
    }

    /** An answer travels in one Kafka record, with the loop's input beside it in the loop's answers later. */
    @AssertTrue(message = "max-answer-bytes must be at least 1 byte and at most a quarter of a Kafka record")
    public boolean isMaxAnswerBytesWithinARecord() {
        return maxAnswerBytes == null
                || maxAnswerBytes.toBytes() >= 1 && maxAnswerBytes.toBytes() <= Topic.MAX_RECORD_BYTES / 4;
    }
}
