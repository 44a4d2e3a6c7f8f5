package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.TaskEvent;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.view.WholeTopicReader;
import io.reviewstream.taskservice.domain.TaskIds;
import io.reviewstream.taskservice.domain.TeamShard;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Tells {@link ClaimWaits} of every task that opens, or opens again, in any queue: reads rs.task-events from its
 * end, committed events only, so a woken claim finds the task already in its queue. Only new events matter: a call
 * that waits has just claimed and found nothing. An event it cannot read wakes nobody; the calls waiting then end
 * empty at their deadline, and their workers ask again.
 */
public final class TaskOpenings extends WholeTopicReader {

    private static final Logger log = LoggerFactory.getLogger(TaskOpenings.class);

    private final Topic<String, TaskEvent> topic;
    private final ClaimWaits waits;

    public TaskOpenings(Topic<String, TaskEvent> topic, KafkaClients clients, ClaimWaits waits) {
        super(topic, clients, "openings-");
        this.topic = topic;
        this.waits = waits;
    }

    @Override
    protected void read(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        Deserializer<TaskEvent> events = topic.valueSerde().deserializer();
        c.seekToEnd(partitions);
        while (true) {
            for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                TaskEvent event = decode(events, record);
                if (event != null && opens(event)) {
                    queueOf(event, record).ifPresent(waits::opened);
                }
            }
        }
    }

    private static boolean opens(TaskEvent event) {
        return switch (event.getType()) {
            case OPENED, RELEASED, LEASE_EXPIRED -> true;
            default -> false;
        };
    }

    /** The shard the task is in; none for an id no queue owner makes, which is skipped like an unreadable event. */
    private static Optional<TeamShard> queueOf(TaskEvent event, ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(TaskIds.parse(event.getTaskId()).queue());
        } catch (IllegalArgumentException e) {
            log.warn("Skipping task event {}-{}@{} with a malformed task id", record.topic(), record.partition(),
                    record.offset());
            return Optional.empty();
        }
    }

    private static TaskEvent decode(Deserializer<TaskEvent> events, ConsumerRecord<String, byte[]> record) {
        try {
            return record.value() == null ? null : events.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable task event {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    @Override
    protected void failed(RuntimeException e) {
        log.error("Reading {} stopped: waiting claims now end only at their deadline", topic.name(), e);
    }
}
