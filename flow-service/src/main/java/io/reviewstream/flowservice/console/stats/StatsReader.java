package io.reviewstream.flowservice.console.stats;

import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.WholeTopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds the console's live numbers from rs.decisions, rs.task-events and rs.answers. Nothing is checkpointed: on
 * start it seeks to the records of the last window (by timestamp) and counts them again, so a restart shows the
 * same numbers after a short read, and the heap holds only the bounded counters.
 */
public final class StatsReader extends WholeTopicReader {

    private static final Logger log = LoggerFactory.getLogger(StatsReader.class);

    private final Topics topics;
    private final DecisionStats decisions;
    private final TeamActivity teams;
    private final WorkforceStats workforce;
    private final Duration window;
    private final Clock clock;

    public StatsReader(Topics topics, KafkaClients clients, DecisionStats decisions, TeamActivity teams,
                       WorkforceStats workforce, Duration window, Clock clock) {
        super(List.<Topic<String, ?>>of(topics.decisions, topics.taskEvents, topics.answers), clients,
                "console-stats");
        this.topics = topics;
        this.decisions = decisions;
        this.teams = teams;
        this.workforce = workforce;
        this.window = window;
        this.clock = clock;
    }

    @Override
    protected void read(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = clock.millis() - window.toMillis();
        partitions.forEach(p -> since.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(since);
        Map<TopicPartition, Long> ends = c.endOffsets(partitions);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = found.get(p);
            c.seek(p, at == null ? ends.get(p) : at.offset());
        }
        while (true) {
            for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                count(record);
            }
        }
    }

    private void count(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        long now = clock.millis();
        try {
            if (record.topic().equals(topics.decisions.name())) {
                decisions.add(topics.decisions.valueSerde().deserializer().deserialize(record.topic(), record.value()),
                        record.timestamp(), now);
            } else if (record.topic().equals(topics.taskEvents.name())) {
                teams.add(topics.taskEvents.valueSerde().deserializer().deserialize(record.topic(), record.value()),
                        now);
            } else {
                workforce.add(topics.answers.valueSerde().deserializer().deserialize(record.topic(), record.value()),
                        now);
            }
        } catch (RuntimeException e) {
            log.debug("Not counting unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    @Override
    protected void failed(RuntimeException e) {
        log.error("Reading the console's live numbers stopped", e);
    }
}
