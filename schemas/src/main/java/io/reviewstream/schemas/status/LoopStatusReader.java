package io.reviewstream.schemas.status;

import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Feeds a {@link LoopStatusStore} from every partition of rs.loop-status, so that each instance can answer for every
 * loop. It resumes from the store's checkpoint; a checkpoint the topic no longer matches (an offset past a
 * partition's end, or before its start: the topic was re-created or truncated) empties the store, which is then
 * rebuilt from the beginning.
 */
public final class LoopStatusReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LoopStatusReader.class);

    private final Topic<String, LoopStatusEvent> topic;
    private final LoopStatusStore store;
    private final KafkaClients clients;
    private final List<Consumer<String>> listeners;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean caughtUp;
    private volatile boolean failed;

    /** @param listeners told the name of each loop the store has just changed, after the change is stored */
    public LoopStatusReader(Topic<String, LoopStatusEvent> topic, LoopStatusStore store, KafkaClients clients,
                            List<Consumer<String>> listeners) {
        this.topic = topic;
        this.store = store;
        this.clients = clients;
        this.listeners = List.copyOf(listeners);
    }

    /** True once the store holds every partition up to the end it had when reading started, and still reads. */
    public boolean caughtUp() {
        return caughtUp && !failed;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        consumer = clients.consumer(Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topic.keySerde().deserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "store-" + topic.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        Thread running = thread;
        if (running != null) {
            consumer.wakeup();
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = consumer) {
            List<TopicPartition> partitions = awaitPartitions(c);
            c.assign(partitions);
            Map<TopicPartition, Long> endAtStart = c.endOffsets(partitions);
            resume(c, partitions, endAtStart);
            while (true) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    Set<String> changed = store.apply(records);
                    changed.forEach(name -> listeners.forEach(listener -> listener.accept(name)));
                }
                if (!caughtUp && endAtStart.entrySet().stream()
                        .allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    log.info("Loop statuses of {} read up to the end", topic.name());
                }
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            failed = true;
            log.error("Reading {} into the loop status store stopped", topic.name(), e);
        }
    }

    private void resume(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions,
                        Map<TopicPartition, Long> end) {
        Map<Integer, Long> stored = store.checkpoint();
        Map<TopicPartition, Long> start = c.beginningOffsets(partitions);
        boolean stale = partitions.stream().anyMatch(p -> {
            Long next = stored.get(p.partition());
            return next != null && (next > end.get(p) || next < start.get(p));
        });
        Map<Integer, Long> checkpoint = stored;
        if (stale) {
            log.warn("The checkpoint of the loop status store does not match {} any more; rebuilding it from the "
                    + "beginning", topic.name());
            store.reset();
            checkpoint = Map.of();
        }
        for (TopicPartition p : partitions) {
            Long next = checkpoint.get(p.partition());
            if (next == null) {
                c.seekToBeginning(List.of(p));
            } else {
                c.seek(p, next);
            }
        }
        log.info("Reading {} from {}", topic.name(), checkpoint.isEmpty() ? "the beginning" : "the checkpoint "
                + checkpoint);
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c) {
        while (true) {
            var infos = c.partitionsFor(topic.name(), Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
