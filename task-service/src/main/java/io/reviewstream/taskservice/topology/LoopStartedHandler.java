package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskStatus;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.TaskIds;
import io.reviewstream.taskservice.domain.TeamShard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * LOOP_STARTED: the loop's TaskCount tasks open in its team's queue, in the shard the command names. A redelivered
 * start changes nothing.
 */
final class LoopStartedHandler implements LoopCommandHandler {

    private final QueueStores stores;
    private final TaskProperties properties;

    LoopStartedHandler(QueueStores stores, TaskProperties properties) {
        this.stores = stores;
        this.properties = properties;
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
        stores.addLoop(queue.key(), LoopTasks.newBuilder().setLoop(loop)
                .setAvailableUntil(loop.getCreationTime().plus(lifetime)).setTasks(tasks).build());
    }
}
