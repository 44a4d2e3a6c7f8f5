package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.QueuedTask;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.taskservice.config.TaskProperties;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link TeamQueue} snapshot of every team whose queue changed, and refreshes its queue gauges. A snapshot
 * lists at most {@code queueSnapshotLimit} tasks (claimed ones first, then open ones in claim order) and takes its
 * counts from {@link QueueCounts}: its cost does not grow with the queue.
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
        for (String team : stores.takeChangedTeams()) {
            write(team);
        }
    }

    private void write(String team) {
        int limit = properties.queueSnapshotLimit();
        List<QueuedTask> tasks = stores.claimed(team, limit);
        tasks.addAll(stores.open(team, limit - tasks.size()));
        Map<String, Long> openByFlow = stores.counts().openByFlow(team);
        Map<String, Instant> oldestByFlow = new HashMap<>();
        openByFlow.keySet().forEach(flow -> stores.counts().oldest(team, flow)
                .ifPresent(oldest -> oldestByFlow.put(flow, oldest)));
        long open = openByFlow.values().stream().mapToLong(Long::longValue).sum();
        output.teamQueue(TeamQueue.newBuilder().setEnvelope(envelopes.next(""))
                .setTeam(team).setOpen(Math.toIntExact(Math.min(open, Integer.MAX_VALUE)))
                .setTasks(tasks)
                .build());
        gauges.update(team, openByFlow, oldestByFlow);
    }
}
