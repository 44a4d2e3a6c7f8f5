package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskEventType;

import java.time.Clock;
import java.util.Optional;

/** RELEASE: the worker gives a task they hold back; it is open again at once, unless its loop is stopping. */
final class ReleaseHandler implements WorkerCommandHandler {

    private final QueueStores stores;
    private final LoopSettlement settlement;
    private final TaskEvents events;
    private final QueueMetrics metrics;
    private final Clock clock;

    ReleaseHandler(QueueStores stores, LoopSettlement settlement, TaskEvents events, QueueMetrics metrics,
                   Clock clock) {
        this.stores = stores;
        this.settlement = settlement;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Either<Rejection, Accepted> handle(TaskCommand command) {
        Optional<QueueStores.Located> found = stores.locate(command.getTaskId());
        if (found.isEmpty()) {
            return Rejection.notFound("Task " + command.getTaskId() + " does not exist");
        }
        QueueStores.Located located = found.get();
        Optional<Rejection> refusal = Holding.refusal(located.task(), command.getWorker());
        if (refusal.isPresent()) {
            return Either.left(refusal.get());
        }
        events.happened(TaskEventType.RELEASED, located.loop(), located.task(), clock.instant());
        stores.giveBack(located.loop(), located.task());
        metrics.released(located.team());
        settlement.settle(located.loop());
        return Accepted.with(null);
    }
}
