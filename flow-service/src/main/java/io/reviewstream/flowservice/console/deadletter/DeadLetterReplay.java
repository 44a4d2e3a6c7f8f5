package io.reviewstream.flowservice.console.deadletter;

import io.reviewstream.flowservice.api.ApiError;
import io.reviewstream.flowservice.api.ApiException;
import io.reviewstream.flowservice.console.audit.ConsoleAudit;
import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.security.core.Authentication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends dead letters back to the topic they came from, with their original key, value and headers, and a count of
 * their replays. A record replayed {@code maxReplays} times already is refused, and so is a whole request that holds
 * one: a record that fails for good cannot go round for ever. Each replay is audited.
 */
public final class DeadLetterReplay {

    private final DeadLetterTopic deadLetters;
    private final Publisher publisher;
    private final ConsoleAudit audit;
    /** Replays go only to this system's topics: the headers are the record's, not to be trusted with any topic. */
    private final String replayablePrefix;
    private final String deadLetterTopic;
    private final int maxReplays;

    public DeadLetterReplay(DeadLetterTopic deadLetters, Publisher publisher, ConsoleAudit audit, Topics topics,
                            int maxReplays) {
        this.deadLetters = deadLetters;
        this.publisher = publisher;
        this.audit = audit;
        this.replayablePrefix = topics.name("");
        this.deadLetterTopic = topics.deadLetters.name();
        this.maxReplays = maxReplays;
    }

    /** Where a dead letter went back to. */
    public record Replayed(DeadLetterPosition deadLetter, String topic, int partition, long offset, int replays) {
    }

    public List<Replayed> replay(List<DeadLetterPosition> positions, Authentication who) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (DeadLetterPosition position : positions) {
            ConsumerRecord<byte[], byte[]> record = deadLetters.read(position).orElseThrow(() ->
                    ApiException.notFound("The dead letter " + position + " does not exist (any more)"));
            String source = DeadLetters.header(record.headers(), DeadLetters.SOURCE_TOPIC);
            if (source == null || !source.startsWith(replayablePrefix) || source.equals(deadLetterTopic)) {
                throw ApiException.validation("The dead letter " + position + " names no topic of this system to "
                        + "replay it to (" + source + ")");
            }
            int replays = replays(record.headers());
            if (replays >= maxReplays) {
                audit.record(who, "dead-letter.replay", position + " to " + source, "refused: replayed " + replays
                        + " times already");
                throw new ApiException(ApiError.CONFLICT, "The dead letter " + position + " was replayed " + replays
                        + " times already, the most allowed (reviewstream.console.dead-letters.max-replays); "
                        + "nothing was replayed");
            }
            records.add(record);
        }
        List<Replayed> replayed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            DeadLetterPosition position = new DeadLetterPosition(record.partition(), record.offset());
            String source = DeadLetters.header(record.headers(), DeadLetters.SOURCE_TOPIC);
            int replays = replays(record.headers()) + 1;
            RecordMetadata sent = publisher.send(new ProducerRecord<>(source, null, record.key(), record.value(),
                    replayHeaders(record.headers(), replays)));
            audit.record(who, "dead-letter.replay", position + " to " + source, "replayed as " + source + "-"
                    + sent.partition() + "@" + sent.offset() + " (replay " + replays + ")");
            replayed.add(new Replayed(position, source, sent.partition(), sent.offset(), replays));
        }
        return replayed;
    }

    /** How many times a record was replayed before, by its header. */
    static int replays(Headers headers) {
        String count = DeadLetters.header(headers, DeadLetters.REPLAYS);
        try {
            return count == null ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static Headers replayHeaders(Headers deadLetter, int replays) {
        RecordHeaders headers = new RecordHeaders(deadLetter.toArray());
        DeadLetters.ADDED.forEach(headers::remove);
        headers.remove(DeadLetters.REPLAYS);
        headers.add(DeadLetters.REPLAYS, Integer.toString(replays).getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
