package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.TaskCommand;

/** One kind of command from the loop side (a loop started or stopped): applied, and nobody waits for a reply. */
interface LoopCommandHandler {

    void handle(TaskCommand command);
}
