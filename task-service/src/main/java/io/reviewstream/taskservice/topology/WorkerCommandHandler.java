package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.TaskCommand;

/** One kind of worker command: checks it against the queue, applies it, and says what the worker is told. */
interface WorkerCommandHandler {

    Either<Rejection, Accepted> handle(TaskCommand command);
}
