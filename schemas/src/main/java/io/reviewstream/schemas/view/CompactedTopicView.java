package io.reviewstream.schemas.view;

import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * This instance's copy of a compacted topic: every partition read from the beginning and kept current, so that
 * reads are answered locally by every instance. {@link #awaitOffset} lets a writer read its own write: after
 * producing, wait until the view has consumed that offset.
 *
 * <p>A value that cannot be deserialized is skipped with a warning: control-plane topics have one writer, and a
 * view must not stop for one bad record.
 */
public final class CompactedTopicView<V> extends WholeTopicReader {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicView.class);

    private final Topic<String, V> topic;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final Map<Integer, Long> consumedOffsets = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, V>> listeners;
    private volatile boolean caughtUp;

    public CompactedTopicView(Topic<String, V> topic, KafkaClients clients, List<BiConsumer<String, V>> listeners) {
        super(topic, clients, "view-");
        this.topic = topic;
        this.listeners = List.copyOf(listeners);
    }

    public CompactedTopicView(Topic<String, V> topic, KafkaClients clients) {
        this(topic, clients, List.of());
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Collection<V> values() {
        return values.values();
    }

    /** True once the view has read every partition to the end it had when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Waits until the view has consumed {@code offset} of {@code partition}; false on timeout. */
    public boolean awaitOffset(int partition, long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumedOffsets.getOrDefault(partition, -1L) < offset) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    @Override
    protected void read(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        Deserializer<V> valueDeserializer = topic.valueSerde().deserializer();
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = c.endOffsets(partitions);
        while (true) {
            for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(200))) {
                apply(record, valueDeserializer);
            }
            if (!caughtUp && endAtStart.entrySet().stream()
                    .allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
            }
        }
    }

    @Override
    protected void failed(RuntimeException e) {
        log.error("View of {} stopped", topic.name(), e);
    }

    private void apply(ConsumerRecord<String, byte[]> record, Deserializer<V> valueDeserializer) {
        try {
            V value = record.value() == null ? null : valueDeserializer.deserialize(record.topic(), record.value());
            if (value == null) {
                values.remove(record.key());
            } else {
                values.put(record.key(), value);
            }
            listeners.forEach(listener -> listener.accept(record.key(), value));
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable record {}-{}@{} in the view: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        } finally {
            consumedOffsets.put(record.partition(), record.offset());
        }
    }
}
