package io.reviewstream.taskservice.topology;

import io.reviewstream.conditions.HumanLoopContext;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.QueueRank;
import io.reviewstream.schemas.avro.QueuedTask;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskView;
import io.reviewstream.taskservice.domain.TaskIds;

/** How a loop's task is shown: to its worker, in the queue snapshot and index, and where it ranks. */
final class TaskViews {

    private TaskViews() {
    }

    static TaskView view(LoopTasks loop, TaskState task) {
        LoopStarted started = loop.getLoop();
        HumanLoopConfig config = started.getFlowDefinition().getHumanLoopConfig();
        return TaskView.newBuilder()
                .setTaskId(task.getTaskId())
                .setTeam(team(task))
                .setHumanLoopName(started.getHumanLoopName())
                .setFlowDefinitionName(started.getFlowDefinition().getName())
                .setHumanTaskUiArn(config == null ? "" : config.getHumanTaskUiArn())
                .setTitle(config == null ? "" : config.getTaskTitle())
                .setDescription(config == null ? "" : config.getTaskDescription())
                // what the template sees as task.input (A2I adds humanLoopContext for Textract flows)
                .setInputContent(HumanLoopContext.templateInput(started.getInputContent(),
                        started.getFlowDefinition().getActivationConditions(),
                        started.getFlowDefinition().getHumanLoopRequestSource()))
                .setLeaseExpiresAt(task.getLeaseExpiresAt())
                .build();
    }

    static QueuedTask queued(LoopTasks loop, TaskState task) {
        return QueuedTask.newBuilder()
                .setTaskId(task.getTaskId())
                .setHumanLoopName(loop.getLoop().getHumanLoopName())
                .setFlowDefinitionName(flow(loop))
                .setStatus(task.getStatus())
                .setCreatedAt(loop.getLoop().getCreationTime())
                .setAvailableUntil(loop.getAvailableUntil())
                .setWorkerId(task.getWorker() == null ? null : task.getWorker().getWorkerId())
                .setLeaseExpiresAt(task.getLeaseExpiresAt())
                .build();
    }

    static QueueRank rank(LoopTasks loop) {
        return new QueueRank(loop.getAvailableUntil(), loop.getLoop().getCreationTime());
    }

    static String team(TaskState task) {
        return TaskIds.parse(task.getTaskId()).team();
    }

    /** The key of the queue shard that holds the task. */
    static String queue(TaskState task) {
        return TaskIds.parse(task.getTaskId()).queue().key();
    }

    static String flow(LoopTasks loop) {
        return loop.getLoop().getFlowDefinition().getName();
    }
}
