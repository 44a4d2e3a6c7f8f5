package io.reviewstream.flowservice.console.domain;

import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versions of a flow definition that its topic still holds, read from the topic itself: the flow-service view
 * keeps only the newest of each name. The topic is compacted, so versions older than its last compaction are gone
 * (Kafka keeps the newest record of a key for good, the others at least {@code min.compaction.lag.ms}); what is
 * read is what there is. Flow definitions are few (a hundred by default) and small, so reading the topic to its
 * end for one request costs little.
 */
public final class FlowVersions {

    private final Topic<String, FlowDefinition> topic;
    private final KafkaClients kafka;
    private final Duration timeout;

    public FlowVersions(Topic<String, FlowDefinition> topic, KafkaClients kafka, Duration timeout) {
        this.topic = topic;
        this.kafka = kafka;
        this.timeout = timeout;
    }

    /** The flow's versions, newest first; empty when the topic holds none of it. */
    public List<FlowDefinition> of(String name) {
        Map<Integer, FlowDefinition> byVersion = new TreeMap<>(Comparator.reverseOrder());
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read " + topic.name() + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (name.equals(record.key()) && record.value() != null) {
                        FlowDefinition version = topic.valueSerde().deserializer()
                                .deserialize(topic.name(), record.headers(), record.value());
                        // a delete writes the last version again, marked Deleting: the version as published stays
                        byVersion.putIfAbsent(version.getVersion(), version);
                    }
                }
            }
        }
        return List.copyOf(byVersion.values());
    }
}
