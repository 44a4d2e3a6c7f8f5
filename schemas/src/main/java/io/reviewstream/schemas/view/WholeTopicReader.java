package io.reviewstream.schemas.view;

import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads every partition of one topic (or of a few, keyed by string alike) on a daemon thread of its own, outside any
 * consumer group, committed records only: what every instance needs to hold its own copy of a topic. Values stay
 * bytes so that the subclass decides what an unreadable one costs.
 */
public abstract class WholeTopicReader implements SmartLifecycle {

    private final List<Topic<String, ?>> topics;
    private final KafkaClients clients;
    private final String threadName;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    protected WholeTopicReader(Topic<String, ?> topic, KafkaClients clients, String threadPrefix) {
        this(List.of(topic), clients, threadPrefix + topic.name());
    }

    /** Several topics on one thread and one consumer: their partitions are read together, each from its own position. */
    protected WholeTopicReader(List<Topic<String, ?>> topics, KafkaClients clients, String threadName) {
        this.topics = List.copyOf(topics);
        this.clients = clients;
        this.threadName = threadName;
    }

    /**
     * Reads from {@code partitions}, already assigned, until woken up. The position is the reader's to set.
     */
    protected abstract void read(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions);

    /** The reading stopped on an error other than {@link #stop()}. */
    protected abstract void failed(RuntimeException e);

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        consumer = clients.consumer(Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topics.get(0).keySerde().deserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, threadName);
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
            read(c, partitions);
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** The topics' partitions, once the topics exist: a service may start before the topics are created. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<String, ?> topic : topics) {
            while (true) {
                var infos = c.partitionsFor(topic.name(), Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                    break;
                }
                pause();
            }
        }
        return partitions;
    }

    protected static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
