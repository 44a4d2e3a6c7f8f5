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
 * @param groupId            consumer group; also the prefix of this instance's transactional id
 * @param initialBackoff     first wait after a failed object write, and after a Kafka failure before the clients
 *                           are re-created
 * @param maxBackoff         longest wait between retries of an object write (retries of a transient failure never
 *                           stop)
 * @param manifestInterval   how soon a day's manifest.jsonl is rewritten after a loop's entry lands
 * @param manifestRecovery   on start, each flow's manifests of the days this far back (and today) are rewritten
 *                           from their entries, in case an instance stopped before rewriting them
 * @param transactionTimeout the producer's {@code transaction.timeout.ms}: a transaction only spans sending one
 *                           batch's events and offsets, never a storage retry, so this bounds how long a writer
 *                           that died mid-commit can hold back read_committed consumers of its output topics
 * @param createBuckets      create a flow's missing output bucket before the first write to it; off, a write to a
 *                           missing bucket fails that loop, so that a flow definition cannot make the service
 *                           create buckets of any name with its credentials
 * @param stateDir           where the loop status store lives on disk (in a folder named after the topic); kept
 *                           across restarts, so that a restart resumes from its checkpoint, and one per instance
 */
@Validated
@ConfigurationProperties("reviewstream.writer")
public record WriterProperties(
        @NotBlank @DefaultValue("reviewstream-result-writer") String groupId,
        @NotNull @DefaultValue("200ms") Duration initialBackoff,
        @NotNull @DefaultValue("30s") Duration maxBackoff,
        @NotNull @DefaultValue("1m") Duration manifestInterval,
        @NotNull @DefaultValue("2d") Duration manifestRecovery,
        @NotNull @DefaultValue("30s") Duration transactionTimeout,
        @DefaultValue("false") boolean createBuckets,
        @NotBlank @DefaultValue("${java.io.tmpdir}/reviewstream/result-writer") String stateDir) {

    /** The wait after {@code wait}: doubled, at most {@link #maxBackoff}. */
    public Duration nextBackoff(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }
}
