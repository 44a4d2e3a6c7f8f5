package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.QueuedTask;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.TeamShard;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link TeamQueue} snapshot of every queue shard that changed, keyed by the shard's key, and refreshes its
 * queue gauges. A snapshot lists at most {@code queueSnapshotLimit} tasks (claimed ones first, then open ones in
 * claim order) and takes its counts from {@link QueueCounts}: its cost does not grow with the queue.
 */
final class QueueSnapshots {

    private final QueueStores stores;
    private final QueueOutput output;
    private final QueueGauges gauges;
    private final Envelopes envelopes;
    private final TaskProperties properties;

    QueueSnapshots(QueueStores stores, QueueOutput output, QueueGauges gauges, Envelopes envelopes,
                   TaskProperties properties) {
        this.stores = stores;
        this.output = output;
        this.gauges = gauges;
        this.envelopes = envelopes;
        this.properties = properties;
    }

    void writeChanged() {
        for (String queue : stores.takeChangedQueues()) {
            write(TeamShard.parse(queue));
        }
    }

    private void write(TeamShard shard) {
        String queue = shard.key();
        int limit = properties.queueSnapshotLimit();
        List<QueuedTask> tasks = stores.claimed(queue, limit);
        tasks.addAll(stores.open(queue, limit - tasks.size()));
        Map<String, Long> openByFlow = stores.counts().openByFlow(queue);
        Map<String, Instant> oldestByFlow = new HashMap<>();
        openByFlow.keySet().forEach(flow -> stores.counts().oldest(queue, flow)
                .ifPresent(oldest -> oldestByFlow.put(flow, oldest)));
        long open = openByFlow.values().stream().mapToLong(Long::longValue).sum();
        Instant oldest = oldestByFlow.values().stream().min(Instant::compareTo).orElse(null);
        output.teamQueue(queue, TeamQueue.newBuilder().setEnvelope(envelopes.next(""))
                .setTeam(shard.team()).setOpen(Math.toIntExact(Math.min(open, Integer.MAX_VALUE)))
                .setTasks(tasks)
                .setOldestOpenCreatedAt(oldest)
                .build());
        gauges.update(shard, openByFlow, oldestByFlow);
    }
}
