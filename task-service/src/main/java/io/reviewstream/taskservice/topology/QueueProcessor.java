package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.taskservice.config.TaskProperties;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The single writer of every work team's queue. Commands for one team arrive in order on one partition and each is
 * given to the handler of its type, and the reply to the worker, the state change and any finished loop are
 * committed in one transaction: a claim can never be given twice, and an acknowledged answer is in Kafka.
 *
 * <p>At every lease check the deadlines that have come are applied, then the teams whose queue changed are
 * written as {@link io.reviewstream.schemas.avro.TeamQueue} snapshots, which also refreshes the queue gauges.
 */
final class QueueProcessor implements Processor<String, TaskCommand, String, Object> {

    private final Envelopes envelopes;
    private final Clock clock;
    private final TaskProperties properties;
    private final QueueMetrics metrics;
    private final QueueGauges gauges;
    private final Map<TaskCommandType, LoopCommandHandler> loopHandlers = new EnumMap<>(TaskCommandType.class);
    private final Map<TaskCommandType, WorkerCommandHandler> workerHandlers = new EnumMap<>(TaskCommandType.class);
    private QueueStores stores;
    private QueueOutput output;

    QueueProcessor(Envelopes envelopes, Clock clock, TaskProperties properties, QueueMetrics metrics,
                   QueueGauges gauges) {
        this.envelopes = envelopes;
        this.clock = clock;
        this.properties = properties;
        this.metrics = metrics;
        this.gauges = gauges;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        stores = new QueueStores(context);
        output = new QueueOutput(context, envelopes, clock);
        LoopSettlement settlement = new LoopSettlement(stores, output, metrics, envelopes, clock);
        TaskEvents events = new TaskEvents(output, envelopes);
        loopHandlers.put(TaskCommandType.LOOP_STARTED, new LoopStartedHandler(stores, events, properties, clock));
        loopHandlers.put(TaskCommandType.STOP_LOOP, new StopLoopHandler(stores, settlement));
        workerHandlers.put(TaskCommandType.CLAIM_NEXT, new ClaimNextHandler(stores, events, metrics, properties, clock));
        workerHandlers.put(TaskCommandType.PEEK_NEXT, new PeekNextHandler(stores));
        workerHandlers.put(TaskCommandType.ANSWER, new AnswerHandler(stores, settlement, events, metrics, clock));
        workerHandlers.put(TaskCommandType.RELEASE, new ReleaseHandler(stores, settlement, events, metrics, clock));
        workerHandlers.put(TaskCommandType.VIEW, new ViewHandler(stores));
        DeadlineSweep sweep = new DeadlineSweep(stores, settlement, events, metrics);
        QueueSnapshots snapshots = new QueueSnapshots(stores, output, gauges, envelopes, properties);
        context.schedule(properties.leaseCheckInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            sweep.run(Instant.ofEpochMilli(now));
            snapshots.writeChanged();
        });
        context.schedule(properties.answerReceiptRetention().dividedBy(10), PunctuationType.WALL_CLOCK_TIME,
                now -> stores.forgetReceiptsBefore(now - properties.answerReceiptRetention().toMillis()));
    }

    @Override
    public void process(Record<String, TaskCommand> record) {
        TaskCommand command = record.value();
        LoopCommandHandler loopHandler = loopHandlers.get(command.getType());
        if (loopHandler != null) {
            loopHandler.handle(command);
            return;
        }
        WorkerCommandHandler handler = workerHandlers.get(command.getType());
        output.reply(record, handler != null ? handler.handle(command)
                : Rejection.invalid("Unknown command " + command.getType()));
    }
}
