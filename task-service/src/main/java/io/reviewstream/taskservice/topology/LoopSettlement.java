package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopOutcome;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskStatus;
import io.reviewstream.schemas.event.Envelopes;

import java.time.Clock;

/** Decides, after a change to a loop's tasks, whether the loop goes on or ends, and ends it on rs.answers. */
final class LoopSettlement {

    private final QueueStores stores;
    private final QueueOutput output;
    private final QueueMetrics metrics;
    private final Envelopes envelopes;
    private final Clock clock;

    LoopSettlement(QueueStores stores, QueueOutput output, QueueMetrics metrics, Envelopes envelopes, Clock clock) {
        this.stores = stores;
        this.output = output;
        this.metrics = metrics;
        this.envelopes = envelopes;
        this.clock = clock;
    }

    /** Ends the loop when nothing more can happen to it, otherwise stores it. */
    void settle(LoopTasks loop) {
        long answered = loop.getTasks().stream().filter(t -> t.getStatus() == TaskStatus.ANSWERED).count();
        boolean anyClaimed = loop.getTasks().stream().anyMatch(t -> t.getStatus() == TaskStatus.CLAIMED);
        if (loop.getStopping() && !anyClaimed) {
            end(loop, LoopOutcome.STOPPED, null, null);
        } else if (answered == loop.getTasks().size()) {
            end(loop, LoopOutcome.ANSWERED, null, null);
        } else {
            stores.save(loop);
        }
    }

    /** Withdraws what is still open, forgets the loop and publishes its answers with the outcome. */
    void end(LoopTasks loop, LoopOutcome outcome, String failureCode, String failureReason) {
        for (TaskState task : loop.getTasks()) {
            if (task.getStatus() == TaskStatus.OPEN) {
                stores.withdraw(loop, task);
            }
        }
        stores.remove(loop);
        LoopStarted started = loop.getLoop();
        output.loopEnded(LoopAnswers.newBuilder()
                .setEnvelope(envelopes.next(started.getEnvelope().getCorrelationId()))
                .setHumanLoopName(started.getHumanLoopName())
                .setOutcome(outcome)
                .setFailureCode(failureCode)
                .setFailureReason(failureReason)
                .setAnswers(loop.getAnswers())
                .setLoop(started)
                .setEndedAt(clock.instant())
                .build());
        metrics.loopEnded(TaskViews.flow(loop), outcome);
    }
}
