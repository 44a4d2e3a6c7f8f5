package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskView;
import io.reviewstream.taskservice.domain.TeamShard;

/** PEEK_NEXT: the task CLAIM_NEXT would give the worker now, with its rank, without claiming it. */
final class PeekNextHandler implements WorkerCommandHandler {

    private final QueueStores stores;

    PeekNextHandler(QueueStores stores) {
        this.stores = stores;
    }

    @Override
    public Either<Rejection, Accepted> handle(TaskCommand command) {
        return stores.next(new TeamShard(command.getTeam(), command.getShard()).key(), command.getWorker())
                .<Either<Rejection, Accepted>>map(next -> {
                    TaskView view = TaskViews.view(next.loop(), next.task());
                    view.setRank(TaskViews.rank(next.loop()));
                    return Accepted.with(view);
                })
                .orElseGet(() -> Rejection.empty("No task is waiting for you in team " + command.getTeam()));
    }
}
