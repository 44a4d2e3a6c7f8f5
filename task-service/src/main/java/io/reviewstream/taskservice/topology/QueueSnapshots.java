package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.QueuedTask;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.taskservice.config.TaskProperties;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes a {@link TeamQueue} snapshot of every team whose queue changed, and refreshes its queue gauges. */
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
        List<QueuedTask> tasks = new ArrayList<>();
        stores.forEachClaimed(team, tasks::add);
        int[] open = {0};
        Map<String, Long> openByFlow = new HashMap<>();
        Map<String, Instant> oldestByFlow = new HashMap<>();
        stores.forEachOpen(team, task -> {
            open[0]++;
            openByFlow.merge(task.getFlowDefinitionName(), 1L, Long::sum);
            oldestByFlow.merge(task.getFlowDefinitionName(), task.getCreatedAt(), (a, b) -> a.isBefore(b) ? a : b);
            if (tasks.size() < limit) {
                tasks.add(task);
            }
        });
        output.teamQueue(TeamQueue.newBuilder().setEnvelope(envelopes.next(""))
                .setTeam(team).setOpen(open[0])
                .setTasks(new ArrayList<>(tasks.subList(0, Math.min(tasks.size(), limit))))
                .build());
        gauges.update(team, openByFlow, oldestByFlow);
    }
}
