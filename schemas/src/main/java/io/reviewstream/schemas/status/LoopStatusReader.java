package io.reviewstream.schemas.status;

import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.view.WholeTopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Feeds a {@link LoopStatusStore} from every partition of rs.loop-status, so that each instance can answer for every
 * loop. It resumes from the store's checkpoint, unless the checkpoint cannot be trusted, which empties the store to
 * be rebuilt from the beginning:
 * <ul>
 *   <li>an offset past a partition's end, or before its start, or a topic id other than the store's: the topic was
 *       re-created or truncated;</li>
 *   <li>the store was last known to hold the whole topic longer ago than the topic keeps tombstones
 *       ({@code delete.retention.ms}): compaction may have removed the tombstones of loops deleted meanwhile, which
 *       the store would then keep for good.</li>
 * </ul>
 * To know the latter, it notes now and then the time at which it had read everything the topic had held.
 */
public final class LoopStatusReader extends WholeTopicReader {

    private static final Logger log = LoggerFactory.getLogger(LoopStatusReader.class);
    /** How often the store notes the time it was known to hold the whole topic: it costs one end-offsets request. */
    private static final Duration MARK_INTERVAL = Duration.ofMinutes(1);
    /** Kafka's default, for a cluster that does not let this client read the topic's configuration. */
    private static final long DEFAULT_DELETE_RETENTION_MS = 86_400_000L;

    private final Topic<String, LoopStatusEvent> topic;
    private final LoopStatusStore store;
    private final KafkaClients clients;
    private final List<Consumer<String>> listeners;
    private final Clock clock;
    private volatile boolean caughtUp;
    private volatile boolean failed;

    /** @param listeners told the name of each loop the store has just changed, after the change is stored */
    public LoopStatusReader(Topic<String, LoopStatusEvent> topic, LoopStatusStore store, KafkaClients clients,
                            List<Consumer<String>> listeners, Clock clock) {
        super(topic, clients, "store-");
        this.topic = topic;
        this.store = store;
        this.clients = clients;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /** True once the store holds every partition up to the end it had when reading started, and still reads. */
    public boolean caughtUp() {
        return caughtUp && !failed;
    }

    @Override
    protected void read(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        Instant markAt = clock.instant();
        Map<TopicPartition, Long> markEnds = c.endOffsets(partitions);
        resume(c, partitions, markEnds);
        while (true) {
            ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                Set<String> changed = store.apply(records);
                changed.forEach(name -> listeners.forEach(listener -> listener.accept(name)));
            }
            if (markEnds != null && markEnds.entrySet().stream()
                    .allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                store.markCurrent(markAt);
                markEnds = null;
                if (!caughtUp) {
                    caughtUp = true;
                    log.info("Loop statuses of {} read up to the end", topic.name());
                }
            }
            if (markEnds == null && Duration.between(markAt, clock.instant()).compareTo(MARK_INTERVAL) >= 0) {
                markAt = clock.instant();
                markEnds = c.endOffsets(partitions);
            }
        }
    }

    @Override
    protected void failed(RuntimeException e) {
        failed = true;
        log.error("Reading {} into the loop status store stopped", topic.name(), e);
    }

    private void resume(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions,
                        Map<TopicPartition, Long> end) {
        Map<Integer, Long> stored = store.checkpoint();
        Map<TopicPartition, Long> start = c.beginningOffsets(partitions);
        TopicFacts facts = facts();
        String stale = null;
        if (partitions.stream().anyMatch(p -> {
            Long next = stored.get(p.partition());
            return next != null && (next > end.get(p) || next < start.get(p));
        })) {
            stale = "does not match the topic's offsets any more";
        } else if (!stored.isEmpty() && facts.id() != null && !facts.id().equals(store.topicId())) {
            stale = "was filled from another topic of the same name";
        } else if (!stored.isEmpty() && missedTombstones(facts.deleteRetentionMs())) {
            stale = "was last current with the topic longer ago than the topic keeps tombstones";
        }
        Map<Integer, Long> checkpoint = stored;
        if (stale != null) {
            log.warn("The loop status store of {} {}; rebuilding it from the beginning", topic.name(), stale);
            store.reset();
            checkpoint = Map.of();
        }
        if (facts.id() != null) {
            store.topicId(facts.id());
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

    private boolean missedTombstones(long deleteRetentionMs) {
        Instant currentAt = store.currentAt();
        return currentAt == null || currentAt.plusMillis(deleteRetentionMs).isBefore(clock.instant());
    }

    /**
     * The topic's id and how long it keeps tombstones. A cluster that does not let this client describe the topic
     * leaves the id unknown (null) and the retention at Kafka's default.
     */
    private record TopicFacts(String id, long deleteRetentionMs) {
    }

    private TopicFacts facts() {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        try (Admin admin = clients.admin(Map.of())) {
            String id = null;
            long deleteRetentionMs = DEFAULT_DELETE_RETENTION_MS;
            try {
                id = admin.describeTopics(List.of(topic.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(topic.name()).topicId().toString();
                ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                        .get(resource).get(TopicConfig.DELETE_RETENTION_MS_CONFIG);
                if (entry != null && entry.value() != null) {
                    deleteRetentionMs = Long.parseLong(entry.value());
                }
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.warn("Cannot describe {} ({}); its id is taken as unknown and its {} as a day", topic.name(),
                        e.getMessage(), TopicConfig.DELETE_RETENTION_MS_CONFIG);
            }
            return new TopicFacts(id, deleteRetentionMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
