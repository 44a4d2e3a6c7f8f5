package io.reviewstream.flowservice.console.deadletter;

import io.reviewstream.flowservice.api.ApiError;
import io.reviewstream.flowservice.api.ApiException;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the dead-letter topic for the console: a page from given positions, or one record. Each request assigns the
 * partitions it needs and seeks, outside any consumer group, and reads at most a bounded number of records, so that
 * its cost does not grow with the topic.
 */
public final class DeadLetterTopic {

    private static final Duration POLL = Duration.ofMillis(500);
    /** How long a request may wait for records the broker has said exist. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaClients clients;
    private final String topic;

    public DeadLetterTopic(KafkaClients clients, Topics topics) {
        this.clients = clients;
        this.topic = topics.deadLetters.name();
    }

    /** The filter of a page: null matches any. */
    public record Filter(String sourceTopic, String reason) {
        boolean matches(ConsumerRecord<byte[], byte[]> record) {
            return (sourceTopic == null || sourceTopic.equals(DeadLetters.header(record.headers(),
                    DeadLetters.SOURCE_TOPIC)))
                    && (reason == null || reason.equals(DeadLetters.header(record.headers(), DeadLetters.REASON)));
        }
    }

    /**
     * @param records the matching records, in partition then offset order
     * @param next    where the next page starts, per partition
     * @param ends    the end of each partition, and {@code starts} its first offset still kept: how many there are
     */
    public record Page(List<ConsumerRecord<byte[], byte[]>> records, Map<Integer, Long> next,
                       Map<Integer, Long> starts, Map<Integer, Long> ends, int scanned) {
    }

    /**
     * Up to {@code limit} matching records from {@code from} (per partition; a partition not named starts at its
     * first record), reading at most {@code maxScan} records.
     */
    public Page page(Map<Integer, Long> from, Filter filter, int limit, int maxScan) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<Integer, Long> next = new TreeMap<>();
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            int scanned = 0;
            for (TopicPartition p : partitions) {
                long position = Math.max(from.getOrDefault(p.partition(), 0L), starts.get(p));
                long end = ends.get(p);
                next.put(p.partition(), Math.min(position, end));
                if (position >= end || found.size() >= limit || scanned >= maxScan) {
                    continue;
                }
                consumer.pause(partitions);
                consumer.resume(List.of(p));
                consumer.seek(p, position);
                long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
                read:
                while (position < end && found.size() < limit && scanned < maxScan
                        && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(p)) {
                        position = record.offset() + 1;
                        scanned++;
                        if (filter.matches(record)) {
                            found.add(record);
                        }
                        if (found.size() >= limit || scanned >= maxScan) {
                            break read;
                        }
                    }
                    position = Math.max(position, consumer.position(p));
                }
                next.put(p.partition(), position);
            }
            return new Page(found, next, byPartition(starts), byPartition(ends), scanned);
        }
    }

    /** The record at {@code position}, if the topic still has it. */
    public Optional<ConsumerRecord<byte[], byte[]>> read(DeadLetterPosition position) {
        TopicPartition p = new TopicPartition(topic, position.partition());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            if (consumer.partitionsFor(topic).stream().noneMatch(i -> i.partition() == position.partition())) {
                return Optional.empty();
            }
            consumer.assign(List.of(p));
            long end = consumer.endOffsets(List.of(p)).get(p);
            if (position.offset() >= end || position.offset() < consumer.beginningOffsets(List.of(p)).get(p)) {
                return Optional.empty();
            }
            consumer.seek(p, position.offset());
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(p)) {
                    if (record.offset() == position.offset()) {
                        return Optional.of(record);
                    }
                    if (record.offset() > position.offset()) {
                        return Optional.empty();
                    }
                }
                if (consumer.position(p) > position.offset()) {
                    return Optional.empty();
                }
            }
            throw new ApiException(ApiError.UNAVAILABLE,
                    "The dead letter " + position + " could not be read in time; retry");
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return clients.consumer(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> out = new HashMap<>();
        offsets.forEach((p, o) -> out.put(p.partition(), o));
        return new TreeMap<>(out);
    }
}
