package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.TaskView;

/**
 * A worker command the queue owner carried out.
 *
 * @param message for the worker, or null
 * @param task    the task it is about (claim, peek, view, answer), or null
 */
record Accepted(String message, TaskView task) {

    static <L> Either<L, Accepted> with(TaskView task) {
        return Either.right(new Accepted(null, task));
    }

    static <L> Either<L, Accepted> done(String message) {
        return Either.right(new Accepted(message, null));
    }
}
