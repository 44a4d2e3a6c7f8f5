package io.reviewstream.looprouter.config;

import io.reviewstream.looprouter.domain.DecisionDetail;
import io.reviewstream.schemas.streams.EarlyCommits;
import io.reviewstream.schemas.streams.StreamsApp;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * loop-router settings.
 *
 * @param applicationId     Kafka Streams application id: the consumer group and the prefix of internal topics
 * @param stateDir          where state stores live on disk
 * @param streamThreads     stream threads of this instance
 * @param producerBatchSize bytes per partition the Streams producers batch ({@code batch.size}); see
 *                          {@link #streamsTuning}
 * @param decisionDetail    how much of the evaluation every Decision carries
 * @param commitInterval    how often the router commits its exactly-once transaction: a loop reaches task-service,
 *                          and a Decision its read_committed consumers, only once committed, so this is part of every
 *                          prediction's time to a claimable task; shorter means more, smaller transactions
 * @param earlyCommitGap    while the input is light, the router commits this soon after a record instead of waiting
 *                          out the commit interval ({@link EarlyCommits}); zero turns it off
 * @param earlyCommitMaxRate the most records a second a stream thread may process and still commit early; a busier
 *                          thread commits every {@code commitInterval}, in larger transactions
 */
@Validated
@ConfigurationProperties("reviewstream.router")
public record RouterProperties(
        @NotBlank @DefaultValue("reviewstream-loop-router") String applicationId,
        @NotBlank @DefaultValue("${java.io.tmpdir}/reviewstream/loop-router") String stateDir,
        @Min(1) @DefaultValue("1") int streamThreads,
        @Min(16_384) @DefaultValue(DEFAULT_PRODUCER_BATCH_SIZE) int producerBatchSize,
        @NotNull @DefaultValue("results") DecisionDetail decisionDetail,
        @NotNull @DefaultValue(DEFAULT_COMMIT_INTERVAL) Duration commitInterval,
        @NotNull @DefaultValue(DEFAULT_EARLY_COMMIT_GAP) Duration earlyCommitGap,
        @Min(1) @DefaultValue(DEFAULT_EARLY_COMMIT_MAX_RATE) long earlyCommitMaxRate) {

    /** 256 KiB rather than the producer's 16 KiB. */
    public static final String DEFAULT_PRODUCER_BATCH_SIZE = "262144";
    /** Kafka Streams' own default under exactly-once. */
    public static final String DEFAULT_COMMIT_INTERVAL = "100ms";
    public static final String DEFAULT_EARLY_COMMIT_GAP = "20ms";
    /** A fifth of what one thread routed on the benchmark machine: far above a steady load, far below a backlog. */
    public static final String DEFAULT_EARLY_COMMIT_MAX_RATE = "5000";

    /** The router's Streams settings on top of those every Reviewstream app shares. */
    public Map<String, Object> streamsTuning() {
        return streamsTuning(producerBatchSize, commitInterval, earlyCommits());
    }

    public EarlyCommits earlyCommits() {
        return EarlyCommits.of(earlyCommitGap, earlyCommitMaxRate);
    }

    /**
     * The router writes a Decision for every prediction, and a loop for some: with exactly-once every commit waits
     * for all batches in flight, and a 16 KiB batch holds only ten Decisions with their evaluated tree. With 256 KiB
     * batches the router ran about 1.7 times as fast in the end-to-end benchmark ({@code docs/benchmarks.md}).
     * Batching does not touch the transactions: exactly-once is unchanged.
     */
    public static Map<String, Object> streamsTuning(int producerBatchSize, Duration commitInterval,
                                                    EarlyCommits earlyCommits) {
        Map<String, Object> tuning = new HashMap<>(StreamsApp.commitEvery(commitInterval));
        tuning.put(StreamsConfig.POLL_MS_CONFIG, earlyCommits.pollMs((Long) tuning.get(StreamsConfig.POLL_MS_CONFIG)));
        tuning.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), producerBatchSize);
        return tuning;
    }

    @AssertTrue(message = "commit-interval must not be negative")
    public boolean isCommitIntervalNotNegative() {
        return commitInterval == null || !commitInterval.isNegative();
    }

    @AssertTrue(message = "early-commit-gap must not be negative")
    public boolean isEarlyCommitGapNotNegative() {
        return earlyCommitGap == null || !earlyCommitGap.isNegative();
    }
}
