package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskStatus;

/**
 * STOP_LOOP: open tasks are withdrawn at once; claimed ones may still be submitted, and the loop ends STOPPED when
 * none is held any more. A stop for a loop that has ended already changes nothing.
 */
final class StopLoopHandler implements LoopCommandHandler {

    private final QueueStores stores;
    private final LoopSettlement settlement;

    StopLoopHandler(QueueStores stores, LoopSettlement settlement) {
        this.stores = stores;
        this.settlement = settlement;
    }

    @Override
    public void handle(TaskCommand command) {
        stores.loop(command.getHumanLoopName()).ifPresent(this::stop);
    }

    private void stop(LoopTasks loop) {
        loop.setStopping(true);
        for (TaskState task : loop.getTasks()) {
            if (task.getStatus() == TaskStatus.OPEN) {
                stores.withdraw(loop, task);
            }
        }
        settlement.settle(loop);
    }
}
