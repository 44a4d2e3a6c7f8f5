package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.TaskEvent;
import io.reviewstream.schemas.avro.TaskEventType;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.event.Envelopes;

import java.time.Duration;
import java.time.Instant;

/**
 * Tells rs.task-events what happened to a task, from the task as it was when it happened (so before a release
 * forgets its worker): the queue's own state is not readable outside task-service, and a loop's history and a
 * team's throughput need claims, releases and lost leases as much as answers.
 */
final class TaskEvents {

    private final QueueOutput output;
    private final Envelopes envelopes;

    TaskEvents(QueueOutput output, Envelopes envelopes) {
        this.output = output;
        this.envelopes = envelopes;
    }

    void happened(TaskEventType type, LoopTasks loop, TaskState task, Instant at) {
        Long held = task.getClaimedAt() == null || type == TaskEventType.CLAIMED ? null
                : Duration.between(task.getClaimedAt(), at).toMillis();
        output.taskEvent(TaskEvent.newBuilder()
                .setEnvelope(envelopes.next(loop.getLoop().getEnvelope().getCorrelationId()))
                .setHumanLoopName(loop.getLoop().getHumanLoopName())
                .setTaskId(task.getTaskId())
                .setTeam(TaskViews.team(task))
                .setFlowDefinitionName(TaskViews.flow(loop))
                .setType(type)
                .setWorkerId(task.getWorker() == null ? null : task.getWorker().getWorkerId())
                .setAt(at)
                .setSinceClaimMillis(held)
                .build());
    }
}
