package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskStatus;
import io.reviewstream.schemas.avro.WorkerIdentity;

import java.util.Optional;

/** Whether a worker holds a task, which answering, releasing and viewing it need. */
final class Holding {

    private Holding() {
    }

    /**
     * Why the worker may not act on the task, or empty if they hold it: a task they held and lost (lease ended,
     * released, withdrawn by a stop) is a CONFLICT; a task they never held is FORBIDDEN, someone else's.
     */
    static Optional<Rejection> refusal(TaskState task, WorkerIdentity worker) {
        String me = worker.getWorkerId();
        if (task.getStatus() == TaskStatus.CLAIMED && task.getWorker().getWorkerId().equals(me)) {
            return Optional.empty();
        }
        if (task.getFormerWorkerIds().contains(me)) {
            return Optional.of(new Rejection(Rejection.Type.CONFLICT, "Task " + task.getTaskId()
                    + " is no longer claimed by you: its lease ended, it was released or it was withdrawn"));
        }
        return Optional.of(new Rejection(Rejection.Type.FORBIDDEN, "Task " + task.getTaskId()
                + " is not claimed by you"));
    }
}
