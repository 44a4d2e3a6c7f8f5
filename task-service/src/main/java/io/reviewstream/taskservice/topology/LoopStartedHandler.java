package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskEventType;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskStatus;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.TaskIds;
import io.reviewstream.taskservice.domain.TeamShard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * LOOP_STARTED: the loop's TaskCount tasks open in its team's queue, in the shard the command names, and each is told
 * as OPENED on rs.task-events, which is what wakes the claims waiting for work. A redelivered start changes nothing.
 */
final class LoopStartedHandler implements LoopCommandHandler {

    private final QueueStores stores;
    private final TaskEvents events;
    private final TaskProperties properties;
    private final Clock clock;

    LoopStartedHandler(QueueStores stores, TaskEvents events, TaskProperties properties, Clock clock) {
        this.stores = stores;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void handle(TaskCommand command) {
        LoopStarted loop = command.getLoop();
        if (stores.hasLoop(loop.getHumanLoopName())) {
            return;
        }
        TeamShard queue = new TeamShard(command.getTeam(), command.getShard());
        HumanLoopConfig config = loop.getFlowDefinition().getHumanLoopConfig();
        int taskCount = config == null ? 1 : config.getTaskCount();
        Duration lifetime = config != null && config.getTaskAvailabilityLifetimeInSeconds() != null
                ? Duration.ofSeconds(config.getTaskAvailabilityLifetimeInSeconds())
                : properties.defaultAvailabilityLifetime();
        List<TaskState> tasks = new ArrayList<>();
        for (int i = 0; i < taskCount; i++) {
            tasks.add(TaskState.newBuilder().setTaskId(TaskIds.of(queue, loop.getHumanLoopName(), i))
                    .setStatus(TaskStatus.OPEN).build());
        }
        LoopTasks opened = LoopTasks.newBuilder().setLoop(loop)
                .setAvailableUntil(loop.getCreationTime().plus(lifetime)).setTasks(tasks).build();
        stores.addLoop(queue.key(), opened);
        Instant now = clock.instant();
        for (TaskState task : tasks) {
            events.happened(TaskEventType.OPENED, opened, task, now);
        }
    }
}
