package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskEvent;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.event.Envelopes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Clock;

/** Everything the queue owner writes: replies to workers, ended loops, task events and team snapshots, each to its own sink. */
final class QueueOutput {

    private final ProcessorContext<String, Object> context;
    private final Envelopes envelopes;
    private final Clock clock;

    QueueOutput(ProcessorContext<String, Object> context, Envelopes envelopes, Clock clock) {
        this.context = context;
        this.envelopes = envelopes;
        this.clock = clock;
    }

    /** The reply to the command in {@code record}, keyed by its correlation id. */
    void reply(Record<String, TaskCommand> record, Either<Rejection, Accepted> result) {
        String correlationId = record.value().getEnvelope().getCorrelationId();
        TaskReply reply = result.fold(
                rejection -> new TaskReply(envelopes.next(correlationId), rejection.type().outcome(),
                        rejection.reason(), null),
                accepted -> new TaskReply(envelopes.next(correlationId), TaskReplyOutcome.OK,
                        accepted.message(), accepted.task()));
        context.forward(record.withKey(correlationId).withValue(reply), TaskServiceTopology.REPLIES_SINK);
    }

    void loopEnded(LoopAnswers answers) {
        context.forward(new Record<>(answers.getHumanLoopName(), answers, clock.millis()),
                TaskServiceTopology.ANSWERS_SINK);
    }

    void taskEvent(TaskEvent event) {
        context.forward(new Record<>(event.getHumanLoopName(), event, clock.millis()),
                TaskServiceTopology.TASK_EVENTS_SINK);
    }

    /** The snapshot of one team's queue shard, keyed by the shard's key. */
    void teamQueue(String shardKey, TeamQueue queue) {
        context.forward(new Record<>(shardKey, queue, clock.millis()), TaskServiceTopology.QUEUES_SINK);
    }
}
