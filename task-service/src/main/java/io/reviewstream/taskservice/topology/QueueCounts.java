package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.QueuedTask;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open tasks counted per queue and flow as they open and close, and indexed by age per queue and flow, so that a
 * queue's snapshot and gauges cost the same with ten open tasks or a million: a count read and one first entry per
 * flow, never a scan of the queue.
 *
 * <p>Entries: {@code n|queue|flow → count} and {@code age|queue|flow|createdAt|taskId → ""}, the queue being a
 * team shard's key. Queue and flow names contain no {@code |}. A store written before these entries existed is
 * counted once, at start-up.
 */
final class QueueCounts {

    private static final String COUNT_PREFIX = "n|";
    private static final String AGE_PREFIX = "age|";
    /** Present once the counts cover every open task of this store. */
    private static final String COUNTED = "counted";
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, String> stats;

    QueueCounts(KeyValueStore<String, String> stats) {
        this.stats = stats;
    }

    /** Counts what {@code open} holds if these counts were never kept for it (a store from an older version). */
    void countOnce(KeyValueStore<String, QueuedTask> open) {
        if (stats.get(COUNTED) != null) {
            return;
        }
        try (KeyValueIterator<String, QueuedTask> all = open.all()) {
            while (all.hasNext()) {
                KeyValue<String, QueuedTask> entry = all.next();
                opened(entry.key.substring(0, entry.key.indexOf('|')), entry.value);
            }
        }
        stats.put(COUNTED, "");
    }

    void opened(String queue, QueuedTask task) {
        add(queue, task.getFlowDefinitionName(), 1);
        stats.put(ageKey(queue, task), "");
    }

    void closed(String queue, QueuedTask task) {
        add(queue, task.getFlowDefinitionName(), -1);
        stats.delete(ageKey(queue, task));
    }

    /** Open tasks of the queue per flow (flows with none left out). */
    Map<String, Long> openByFlow(String queue) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (KeyValueIterator<String, String> entries = stats.prefixScan(COUNT_PREFIX + queue + "|", KEYS)) {
            entries.forEachRemaining(entry -> counts.put(entry.key.substring(entry.key.lastIndexOf('|') + 1),
                    Long.parseLong(entry.value)));
        }
        return counts;
    }

    /** Creation time of the oldest open task of the queue and flow. */
    Optional<Instant> oldest(String queue, String flow) {
        try (KeyValueIterator<String, String> entries = stats.prefixScan(AGE_PREFIX + queue + "|" + flow + "|", KEYS)) {
            if (!entries.hasNext()) {
                return Optional.empty();
            }
            String key = entries.next().key;
            int from = AGE_PREFIX.length() + queue.length() + 1 + flow.length() + 1;
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(key.substring(from, key.indexOf('|', from)))));
        }
    }

    private void add(String queue, String flow, long delta) {
        String key = COUNT_PREFIX + queue + "|" + flow;
        String current = stats.get(key);
        long count = (current == null ? 0 : Long.parseLong(current)) + delta;
        if (count <= 0) {
            stats.delete(key);
        } else {
            stats.put(key, Long.toString(count));
        }
    }

    private static String ageKey(String queue, QueuedTask task) {
        return AGE_PREFIX + queue + "|" + task.getFlowDefinitionName() + "|"
                + String.format("%015d", task.getCreatedAt().toEpochMilli()) + "|" + task.getTaskId();
    }
}
