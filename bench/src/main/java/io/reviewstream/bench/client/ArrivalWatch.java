package io.reviewstream.bench.client;

import io.reviewstream.schemas.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a record of each key first became visible to a read_committed consumer of each of a few topics, as an
 * application downstream sees it: where a prediction's time until its task can be claimed goes, hop by hop, and
 * when an answered loop's completion arrived. Only records committed after the watch started.
 */
public final class ArrivalWatch implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Map<String, Long>> seenAt = new ConcurrentHashMap<>();
    private final Thread thread;

    public ArrivalWatch(KafkaClients clients, List<String> topics) {
        consumer = clients.consumer(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            seenAt.put(topic, new ConcurrentHashMap<>());
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::watch, "arrival-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.key() != null) {
                        seenAt.get(record.topic()).putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() ends the watch
        } finally {
            consumer.close();
        }
    }

    /** {@link System#nanoTime()} when a record with this key was first read from the topic, or null. */
    public Long seenAt(String topic, String key) {
        return seenAt.get(topic).get(key);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
