package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.TaskCommand;

/** VIEW: the worker's own claimed task, for rendering its page. */
final class ViewHandler implements WorkerCommandHandler {

    private final QueueStores stores;

    ViewHandler(QueueStores stores) {
        this.stores = stores;
    }

    @Override
    public Either<Rejection, Accepted> handle(TaskCommand command) {
        return stores.locate(command.getTaskId())
                .map(located -> Holding.refusal(located.task(), command.getWorker())
                        .<Either<Rejection, Accepted>>map(Either::left)
                        .orElseGet(() -> Accepted.with(TaskViews.view(located.loop(), located.task()))))
                .orElseGet(() -> Rejection.notFound("Task " + command.getTaskId() + " does not exist"));
    }
}
