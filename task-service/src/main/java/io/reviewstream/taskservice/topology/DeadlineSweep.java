package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.LoopOutcome;
import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.TaskEventType;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskStatus;

import java.time.Instant;
import java.util.Optional;

/** By wall clock: leases that ran out give their tasks back, and loops past their availability lifetime expire. */
final class DeadlineSweep {

    private final QueueStores stores;
    private final LoopSettlement settlement;
    private final TaskEvents events;
    private final QueueMetrics metrics;

    DeadlineSweep(QueueStores stores, LoopSettlement settlement, TaskEvents events, QueueMetrics metrics) {
        this.stores = stores;
        this.settlement = settlement;
        this.events = events;
        this.metrics = metrics;
    }

    /** Reads only the loops whose next deadline has come. */
    void run(Instant now) {
        for (String loopName : stores.due(now)) {
            Optional<LoopTasks> found = stores.loop(loopName);
            if (found.isEmpty()) {
                stores.unindexDeadline(loopName);
                continue;
            }
            LoopTasks loop = found.get();
            for (TaskState task : loop.getTasks()) {
                if (task.getStatus() == TaskStatus.CLAIMED && task.getLeaseExpiresAt().isBefore(now)) {
                    metrics.leaseExpired(TaskViews.team(task));
                    events.happened(TaskEventType.LEASE_EXPIRED, loop, task, now);
                    stores.giveBack(loop, task);
                }
            }
            if (loop.getAvailableUntil().isBefore(now)) {
                settlement.end(loop, LoopOutcome.EXPIRED, "Expired",
                        "Not every task was answered within TaskAvailabilityLifetimeInSeconds");
            } else {
                settlement.settle(loop);
            }
        }
    }
}
