package io.reviewstream.flowservice.console.history;

import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.WholeTopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keeps the {@link LoopHistoryStore} current with the history topics, resuming from its checkpoint. A partition whose
 * checkpointed offset the topic no longer has (retention removed those records, or a topic created anew is shorter)
 * is read from its beginning: records are stored under their offsets, so what is read again is not stored twice.
 */
public final class LoopHistoryReader extends WholeTopicReader {

    private static final Logger log = LoggerFactory.getLogger(LoopHistoryReader.class);

    private final LoopHistoryStore store;
    private volatile boolean caughtUp;
    private volatile boolean failed;

    public LoopHistoryReader(Topics topics, LoopHistoryStore store, KafkaClients clients) {
        super(LoopHistoryStore.historyTopics(topics), clients, "loop-history");
        this.store = store;
    }

    /** True once the store holds every record the topics had when reading started, and reading goes on. */
    public boolean caughtUp() {
        return caughtUp && !failed;
    }

    @Override
    protected void read(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = c.endOffsets(partitions);
        resume(c, partitions, ends);
        while (true) {
            ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                store.apply(records);
            }
            if (!caughtUp && ends.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                log.info("Loop history read up to the end");
            }
        }
    }

    @Override
    protected void failed(RuntimeException e) {
        failed = true;
        log.error("Reading the loop history stopped", e);
    }

    private void resume(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions,
                        Map<TopicPartition, Long> ends) {
        Map<String, Map<Integer, Long>> stored = store.checkpoint();
        Map<TopicPartition, Long> starts = c.beginningOffsets(partitions);
        for (TopicPartition p : partitions) {
            Long next = stored.getOrDefault(p.topic(), Map.of()).get(p.partition());
            if (next == null || next > ends.get(p) || next < starts.get(p)) {
                c.seekToBeginning(List.of(p));
            } else {
                c.seek(p, next);
            }
        }
    }
}
