package io.reviewstream.flowservice.kafka;

import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * flow-service's writes: control-plane resources to their compacted topics and loop commands. A call is answered
 * only once its record is durably in Kafka, and a resource write only once this instance's view holds it, so a
 * Describe right after a Create reads the Create.
 */
public final class Publisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Duration timeout;

    public Publisher(KafkaClients clients, Duration timeout) {
        this.producer = clients.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topic.MAX_RECORD_BYTES),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.timeout = timeout;
    }

    /** Sends {@code value} (null: a tombstone) and waits until Kafka has it. */
    public <V> RecordMetadata send(Topic<String, V> topic, String key, V value) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes));
    }

    /** Sends a record already in bytes, headers and all (a replayed dead letter), and waits until Kafka has it. */
    public RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("Interrupted while writing to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("Could not write to " + record.topic(), e.getCause() == null ? e
                    : e.getCause());
        }
    }

    /** Sends a resource and waits until {@code view} has read it back. */
    public <V> void write(Topic<String, V> topic, CompactedTopicView<V> view, String key, V value) {
        RecordMetadata written = send(topic, key, value);
        if (!view.awaitOffset(written.partition(), written.offset(), timeout)) {
            throw new PublishException("The write to " + topic.name() + " is not visible yet", null);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
