package io.reviewstream.flowservice.console.domain;

import io.reviewstream.schemas.avro.Prediction;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.errors.SerializationException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The latest predictions of a flow, to pick one for the condition tryout: the last {@link #PER_PARTITION} records of
 * every partition of the predictions topic, read once per request, newest first. A busy topic shows only the
 * latest moments; a flow with no prediction among them shows none.
 */
public final class RecentPredictions {

    static final int PER_PARTITION = 200;

    /** A prediction as the tryout offers it: its id, when it was written, its input. */
    public record Recent(String predictionId, Instant writtenAt, String inputContent) {
    }

    private final Topic<String, Prediction> topic;
    private final KafkaClients kafka;
    private final Duration timeout;

    public RecentPredictions(Topic<String, Prediction> topic, KafkaClients kafka, Duration timeout) {
        this.topic = topic;
        this.kafka = kafka;
        this.timeout = timeout;
    }

    public List<Recent> of(String flowName, int limit) {
        List<Recent> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            partitions.forEach(p -> consumer.seek(p, Math.max(start.get(p), end.get(p) - PER_PARTITION)));
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))
                            || record.value() == null) {
                        continue;
                    }
                    try {
                        Prediction prediction = topic.valueSerde().deserializer()
                                .deserialize(topic.name(), record.headers(), record.value());
                        if (prediction != null && flowName.equals(prediction.getFlowDefinitionName())) {
                            found.add(new Recent(prediction.getPredictionId(),
                                    Instant.ofEpochMilli(record.timestamp()), prediction.getInputContent()));
                        }
                    } catch (SerializationException | IllegalArgumentException unreadable) {
                        // the router dead-letters it; there is nothing to try on it
                    }
                }
            }
        }
        return found.stream().sorted(Comparator.comparing(Recent::writtenAt).reversed()).limit(limit).toList();
    }
}
