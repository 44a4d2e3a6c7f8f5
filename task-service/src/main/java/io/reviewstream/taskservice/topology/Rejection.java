package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.TaskReplyOutcome;

/**
 * Why the queue owner refused a worker's command. Each type is one {@link TaskReplyOutcome}, which the worker API
 * turns into its HTTP status (tasks.md, Worker API).
 */
record Rejection(Type type, String reason) {

    enum Type {
        /** Nothing to claim for this worker (204). */
        EMPTY(TaskReplyOutcome.EMPTY),
        /** No such task, or its loop has ended (404). */
        NOT_FOUND(TaskReplyOutcome.NOT_FOUND),
        /** Someone else's task (403). */
        FORBIDDEN(TaskReplyOutcome.FORBIDDEN),
        /** The worker's lease is gone, or the queue moved on since the worker looked (409, or a retry). */
        CONFLICT(TaskReplyOutcome.CONFLICT),
        /** The command itself is wrong (400). */
        INVALID(TaskReplyOutcome.INVALID);

        private final TaskReplyOutcome outcome;

        Type(TaskReplyOutcome outcome) {
            this.outcome = outcome;
        }

        TaskReplyOutcome outcome() {
            return outcome;
        }
    }

    static <R> Either<Rejection, R> empty(String reason) {
        return Either.left(new Rejection(Type.EMPTY, reason));
    }

    static <R> Either<Rejection, R> notFound(String reason) {
        return Either.left(new Rejection(Type.NOT_FOUND, reason));
    }

    static <R> Either<Rejection, R> forbidden(String reason) {
        return Either.left(new Rejection(Type.FORBIDDEN, reason));
    }

    static <R> Either<Rejection, R> conflict(String reason) {
        return Either.left(new Rejection(Type.CONFLICT, reason));
    }

    static <R> Either<Rejection, R> invalid(String reason) {
        return Either.left(new Rejection(Type.INVALID, reason));
    }
}
