package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskEventType;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskView;
import io.reviewstream.schemas.avro.WorkerIdentity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * ANSWER: the answer of a worker who holds the task is added to its loop, which ends when all its answers are in.
 *
 * <p>An answer leaves a receipt (task id → worker, idempotency key, time) that outlives the loop for
 * {@code answerReceiptRetention}, so that a retried submit is acknowledged, not counted twice, even when it
 * arrives after the loop has ended.
 */
final class AnswerHandler implements WorkerCommandHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QueueStores stores;
    private final LoopSettlement settlement;
    private final TaskEvents events;
    private final QueueMetrics metrics;
    private final Clock clock;

    AnswerHandler(QueueStores stores, LoopSettlement settlement, TaskEvents events, QueueMetrics metrics,
                  Clock clock) {
        this.stores = stores;
        this.settlement = settlement;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Either<Rejection, Accepted> handle(TaskCommand command) {
        WorkerIdentity worker = command.getWorker();
        String key = idempotencyKey(command);
        Optional<AnswerReceipt> receipt = stores.receipt(command.getTaskId());
        if (receipt.isPresent()) {
            return retried(command, receipt.get(), key);
        }
        Optional<QueueStores.Located> found = stores.locate(command.getTaskId());
        if (found.isEmpty()) {
            return Rejection.notFound("Task " + command.getTaskId() + " does not exist");
        }
        QueueStores.Located located = found.get();
        TaskState task = located.task();
        Optional<Rejection> refusal = Holding.refusal(task, worker);
        if (refusal.isPresent()) {
            if (refusal.get().type() == Rejection.Type.CONFLICT) {
                metrics.claimConflict(located.team());
            }
            return Either.left(refusal.get());
        }
        if (!validJsonObject(command.getAnswerContent())) {
            return Rejection.invalid("answerContent must be a JSON object");
        }
        Instant now = clock.instant();
        events.happened(TaskEventType.ANSWERED, located.loop(), task, now);
        stores.answered(task);
        LoopTasks loop = located.loop();
        loop.getAnswers().add(HumanAnswer.newBuilder()
                .setTaskId(task.getTaskId())
                .setWorkerId(worker.getWorkerId())
                .setIdentityProviderType(worker.getIdentityProviderType())
                .setIssuer(worker.getIssuer())
                .setSubject(worker.getSubject())
                .setAcceptanceTime(task.getClaimedAt())
                .setSubmissionTime(now)
                .setTimeSpentInSeconds(Duration.between(task.getClaimedAt(), now).toMillis() / 1000.0)
                .setAnswerContent(command.getAnswerContent())
                .build());
        stores.keepReceipt(task.getTaskId(), new AnswerReceipt(worker.getWorkerId(), key, now.toEpochMilli()));
        metrics.answered(located.team(), TaskViews.flow(loop), Duration.between(task.getClaimedAt(), now));
        TaskView view = TaskViews.view(loop, task);
        settlement.settle(loop);
        return Accepted.with(view);
    }

    /** A submit for a task that has an answer already: the same one again is acknowledged, anything else refused. */
    private static Either<Rejection, Accepted> retried(TaskCommand command, AnswerReceipt receipt, String key) {
        if (!receipt.workerId().equals(command.getWorker().getWorkerId())) {
            return Rejection.forbidden("Task " + command.getTaskId() + " was answered by another worker");
        }
        if (receipt.idempotencyKey().equals(key)) {
            return Accepted.done("Already answered");
        }
        return Rejection.conflict("Task " + command.getTaskId() + " was already answered");
    }

    private static String idempotencyKey(TaskCommand command) {
        return command.getIdempotencyKey() != null && !command.getIdempotencyKey().isBlank()
                ? command.getIdempotencyKey() : command.getTaskId() + "/" + command.getWorker().getWorkerId();
    }

    private static boolean validJsonObject(String json) {
        try {
            return json != null && JSON.readTree(json).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }
}
