package io.reviewstream.bench.client;

import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each loop's completion became visible to a read_committed consumer of the completions topic, as an
 * application downstream sees it; only completions committed after the watch started.
 */
public final class CompletionWatch implements AutoCloseable {

    private final KafkaConsumer<String, LoopCompleted> consumer;
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
    private final Thread thread;

    public CompletionWatch(KafkaClients clients, Topics topics) {
        consumer = clients.consumer(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                topics.loopCompleted.keySerde().deserializer(), topics.loopCompleted.valueSerde().deserializer());
        String topic = topics.loopCompleted.name();
        consumer.assign(consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList());
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        thread = new Thread(this::watch, "completion-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (true) {
                for (ConsumerRecord<String, LoopCompleted> record : consumer.poll(Duration.ofSeconds(1))) {
                    long now = System.nanoTime();
                    if (record.value() != null) {
                        seenAt.putIfAbsent(record.value().getHumanLoopName(), now);
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() ends the watch
        } finally {
            consumer.close();
        }
    }

    /** {@link System#nanoTime()} when the loop's completion was read, or null if not (yet). */
    public Long seenAt(String loopName) {
        return seenAt.get(loopName);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
