package io.reviewstream.taskservice.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopOutcome;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskStatus;
import io.reviewstream.schemas.avro.TaskView;
import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.TaskIds;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The single writer of every work team's queue. Commands for one team arrive in order on one partition and are
 * applied here against the state store, and the reply to the worker, the state change and any finished loop are
 * committed in one transaction: a claim can never be given twice, and an acknowledged answer is in Kafka.
 *
 * <p>Open tasks are indexed by {@code team|creationTime|loop|n}, so "claim next" takes the oldest open task of the
 * team with a prefix scan.
 */
final class QueueProcessor implements Processor<String, TaskCommand, String, Object> {

    private final Envelopes envelopes;
    private final Clock clock;
    private final TaskProperties properties;
    private final MeterRegistry meters;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, LoopTasks> loops;
    private KeyValueStore<String, String> openTasks;

    QueueProcessor(Envelopes envelopes, Clock clock, TaskProperties properties, MeterRegistry meters) {
        this.envelopes = envelopes;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.loops = context.getStateStore(TaskServiceTopology.LOOPS_STORE);
        this.openTasks = context.getStateStore(TaskServiceTopology.OPEN_TASKS_STORE);
        context.schedule(properties.leaseCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, TaskCommand> record) {
        TaskCommand command = record.value();
        switch (command.getType()) {
            case LOOP_STARTED -> loopStarted(command.getTeam(), command.getLoop());
            case STOP_LOOP -> stop(command.getHumanLoopName());
            case CLAIM_NEXT -> reply(record, claimNext(command.getTeam(), command.getWorker()));
            case ANSWER -> reply(record, answer(command));
            case RELEASE -> reply(record, release(command));
            case QUEUE_STATUS -> reply(record, queueStatus(command.getTeam(), command.getWorker()));
            case TASK_VIEW -> reply(record, taskView(command));
            default -> reply(record, rejection(TaskReplyOutcome.INVALID, "Unknown command " + command.getType()));
        }
    }

    private void loopStarted(String team, LoopStarted loop) {
        if (loops.get(loop.getHumanLoopName()) != null) {
            return;
        }
        HumanLoopConfig config = loop.getFlowDefinition().getHumanLoopConfig();
        int taskCount = config == null ? 1 : config.getTaskCount();
        Duration lifetime = config != null && config.getTaskAvailabilityLifetimeInSeconds() != null
                ? Duration.ofSeconds(config.getTaskAvailabilityLifetimeInSeconds())
                : properties.defaultAvailabilityLifetime();
        List<TaskState> tasks = new ArrayList<>();
        for (int i = 0; i < taskCount; i++) {
            String taskId = TaskIds.of(team, loop.getHumanLoopName(), i);
            tasks.add(TaskState.newBuilder().setTaskId(taskId).setStatus(TaskStatus.OPEN).build());
            openTasks.put(openKey(team, loop, i), taskId);
        }
        loops.put(loop.getHumanLoopName(), LoopTasks.newBuilder().setLoop(loop)
                .setAvailableUntil(loop.getCreationTime().plus(lifetime)).setTasks(tasks).build());
    }

    private TaskReply claimNext(String team, WorkerIdentity worker) {
        try (KeyValueIterator<String, String> open = openTasks.prefixScan(team + "|",
                new org.apache.kafka.common.serialization.StringSerializer())) {
            while (open.hasNext()) {
                KeyValue<String, String> entry = open.next();
                TaskIds id = TaskIds.parse(entry.value);
                LoopTasks loop = loops.get(id.humanLoopName());
                if (loop == null || workedBy(loop, worker)) {
                    continue;
                }
                Instant now = clock.instant();
                TaskState task = loop.getTasks().get(id.index());
                task.setStatus(TaskStatus.CLAIMED);
                task.setWorker(worker);
                task.setClaimedAt(now);
                task.setLeaseExpiresAt(now.plus(taskTimeLimit(loop.getLoop())));
                loops.put(id.humanLoopName(), loop);
                openTasks.delete(entry.key);
                Timer.builder("reviewstream.tasks.time.to.claim").tag("team", team).tag("flow", flow(loop))
                        .publishPercentileHistogram().register(meters)
                        .record(Duration.between(loop.getLoop().getCreationTime(), now));
                return answer(TaskReplyOutcome.OK, null, view(loop, task));
            }
        }
        return rejection(TaskReplyOutcome.EMPTY, "No task is waiting for you in team " + team);
    }

    /** How many open tasks of the team this worker could claim now, and since when the oldest waits. */
    private TaskReply queueStatus(String team, WorkerIdentity worker) {
        int open = 0;
        Instant oldest = null;
        try (KeyValueIterator<String, String> tasks = openTasks.prefixScan(team + "|",
                new org.apache.kafka.common.serialization.StringSerializer())) {
            while (tasks.hasNext()) {
                LoopTasks loop = loops.get(TaskIds.parse(tasks.next().value).humanLoopName());
                if (loop != null && !workedBy(loop, worker)) {
                    open++;
                    if (oldest == null) {
                        oldest = loop.getLoop().getCreationTime();
                    }
                }
            }
        }
        TaskReply reply = answer(TaskReplyOutcome.OK, null, null);
        reply.setOpenTasks(open);
        reply.setOldestOpenTaskCreatedAt(oldest);
        return reply;
    }

    private TaskReply answer(TaskCommand command) {
        Located located = locate(command.getTaskId());
        if (located == null) {
            return rejection(TaskReplyOutcome.NOT_FOUND, "Task " + command.getTaskId() + " does not exist");
        }
        TaskState task = located.task();
        WorkerIdentity worker = command.getWorker();
        boolean mine = task.getWorker() != null && task.getWorker().getWorkerId().equals(worker.getWorkerId());
        if (task.getStatus() == TaskStatus.ANSWERED && mine) {
            // A retried submit: acknowledged again, counted once.
            return answer(TaskReplyOutcome.OK, "Already answered", view(located.loop(), task));
        }
        if (task.getStatus() != TaskStatus.CLAIMED || !mine) {
            return rejection(task.getStatus() == TaskStatus.CLAIMED ? TaskReplyOutcome.FORBIDDEN
                    : TaskReplyOutcome.CONFLICT, "Task " + task.getTaskId() + " is not claimed by you (lease lost?)");
        }
        Instant now = clock.instant();
        task.setStatus(TaskStatus.ANSWERED);
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
        Counter.builder("reviewstream.answers.submitted").tag("team", located.team()).tag("flow", flow(loop))
                .register(meters).increment();
        Timer.builder("reviewstream.tasks.time.to.answer").tag("team", located.team()).tag("flow", flow(loop))
                .publishPercentileHistogram().register(meters).record(Duration.between(task.getClaimedAt(), now));
        TaskReply reply = answer(TaskReplyOutcome.OK, null, view(loop, task));
        settle(loop);
        return reply;
    }

    /** The task as its claimant sees it, to render its page; nobody else may see a claimed task's page. */
    private TaskReply taskView(TaskCommand command) {
        Located located = locate(command.getTaskId());
        if (located == null) {
            return rejection(TaskReplyOutcome.NOT_FOUND, "Task " + command.getTaskId() + " does not exist");
        }
        TaskState task = located.task();
        if (task.getStatus() != TaskStatus.CLAIMED
                || !task.getWorker().getWorkerId().equals(command.getWorker().getWorkerId())) {
            return rejection(TaskReplyOutcome.CONFLICT, "Task " + task.getTaskId() + " is not claimed by you");
        }
        return answer(TaskReplyOutcome.OK, null, view(located.loop(), task));
    }

    private TaskReply release(TaskCommand command) {
        Located located = locate(command.getTaskId());
        if (located == null) {
            return rejection(TaskReplyOutcome.NOT_FOUND, "Task " + command.getTaskId() + " does not exist");
        }
        TaskState task = located.task();
        if (task.getStatus() != TaskStatus.CLAIMED
                || !task.getWorker().getWorkerId().equals(command.getWorker().getWorkerId())) {
            return rejection(TaskReplyOutcome.CONFLICT, "Task " + task.getTaskId() + " is not claimed by you");
        }
        reopen(located.loop(), task);
        Counter.builder("reviewstream.tasks.released").tag("team", located.team()).register(meters).increment();
        loops.put(located.loop().getLoop().getHumanLoopName(), located.loop());
        return answer(TaskReplyOutcome.OK, null, null);
    }

    private void stop(String loopName) {
        LoopTasks loop = loops.get(loopName);
        if (loop == null) {
            return;
        }
        loop.setStopping(true);
        for (TaskState task : loop.getTasks()) {
            if (task.getStatus() == TaskStatus.OPEN) {
                withdraw(loop, task);
            }
        }
        settle(loop);
    }

    /** Lease expiry and loop expiry, by wall clock. */
    private void expire(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        List<LoopTasks> changed = new ArrayList<>();
        try (KeyValueIterator<String, LoopTasks> all = loops.all()) {
            while (all.hasNext()) {
                LoopTasks loop = all.next().value;
                boolean touched = false;
                for (TaskState task : loop.getTasks()) {
                    if (task.getStatus() == TaskStatus.CLAIMED && task.getLeaseExpiresAt().isBefore(now)) {
                        Counter.builder("reviewstream.tasks.lease.expired").tag("team", team(task))
                                .register(meters).increment();
                        if (loop.getStopping()) {
                            task.setStatus(TaskStatus.WITHDRAWN);
                        } else {
                            reopen(loop, task);
                        }
                        touched = true;
                    }
                }
                if (loop.getAvailableUntil().isBefore(now) || touched) {
                    changed.add(loop);
                }
            }
        }
        for (LoopTasks loop : changed) {
            if (loop.getAvailableUntil().isBefore(now)) {
                finish(loop, LoopOutcome.EXPIRED, "Expired",
                        "Not every task was answered within TaskAvailabilityLifetimeInSeconds");
            } else {
                settle(loop);
            }
        }
    }

    /** Ends the loop when nothing more can happen to it, otherwise stores it. */
    private void settle(LoopTasks loop) {
        long answered = loop.getTasks().stream().filter(t -> t.getStatus() == TaskStatus.ANSWERED).count();
        boolean anyClaimed = loop.getTasks().stream().anyMatch(t -> t.getStatus() == TaskStatus.CLAIMED);
        if (answered == loop.getTasks().size()) {
            finish(loop, LoopOutcome.ANSWERED, null, null);
        } else if (loop.getStopping() && !anyClaimed) {
            finish(loop, LoopOutcome.STOPPED, null, null);
        } else {
            loops.put(loop.getLoop().getHumanLoopName(), loop);
        }
    }

    private void finish(LoopTasks loop, LoopOutcome outcome, String failureCode, String failureReason) {
        for (TaskState task : loop.getTasks()) {
            if (task.getStatus() == TaskStatus.OPEN) {
                withdraw(loop, task);
            }
        }
        LoopStarted started = loop.getLoop();
        LoopAnswers answers = LoopAnswers.newBuilder()
                .setEnvelope(envelopes.next(started.getEnvelope().getCorrelationId()))
                .setHumanLoopName(started.getHumanLoopName())
                .setOutcome(outcome)
                .setFailureCode(failureCode)
                .setFailureReason(failureReason)
                .setAnswers(loop.getAnswers())
                .setLoop(started)
                .setEndedAt(clock.instant())
                .build();
        loops.delete(started.getHumanLoopName());
        context.forward(new Record<>(started.getHumanLoopName(), answers, clock.millis()),
                TaskServiceTopology.ANSWERS_SINK);
        Counter.builder("reviewstream.loops.ended.by.tasks").tag("flow", flow(loop))
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(meters).increment();
    }

    private void reopen(LoopTasks loop, TaskState task) {
        task.setStatus(TaskStatus.OPEN);
        task.setWorker(null);
        task.setClaimedAt(null);
        task.setLeaseExpiresAt(null);
        TaskIds id = TaskIds.parse(task.getTaskId());
        openTasks.put(openKey(id.team(), loop.getLoop(), id.index()), task.getTaskId());
    }

    private void withdraw(LoopTasks loop, TaskState task) {
        TaskIds id = TaskIds.parse(task.getTaskId());
        openTasks.delete(openKey(id.team(), loop.getLoop(), id.index()));
        task.setStatus(TaskStatus.WITHDRAWN);
    }

    private record Located(String team, LoopTasks loop, TaskState task) {
    }

    private Located locate(String taskId) {
        TaskIds id;
        try {
            id = TaskIds.parse(taskId);
        } catch (IllegalArgumentException e) {
            return null;
        }
        LoopTasks loop = loops.get(id.humanLoopName());
        if (loop == null || id.index() < 0 || id.index() >= loop.getTasks().size()
                || !loop.getTasks().get(id.index()).getTaskId().equals(taskId)) {
            return null;
        }
        return new Located(id.team(), loop, loop.getTasks().get(id.index()));
    }

    /** One worker answers a loop at most once: a loop they hold or answered is not offered again. */
    private static boolean workedBy(LoopTasks loop, WorkerIdentity worker) {
        return loop.getTasks().stream().anyMatch(t -> t.getWorker() != null
                && t.getWorker().getWorkerId().equals(worker.getWorkerId()));
    }

    private Duration taskTimeLimit(LoopStarted loop) {
        HumanLoopConfig config = loop.getFlowDefinition().getHumanLoopConfig();
        return config != null && config.getTaskTimeLimitInSeconds() != null
                ? Duration.ofSeconds(config.getTaskTimeLimitInSeconds()) : properties.defaultTaskTimeLimit();
    }

    private static String openKey(String team, LoopStarted loop, int index) {
        return team + "|" + String.format("%015d", loop.getCreationTime().toEpochMilli()) + "|"
                + loop.getHumanLoopName() + "|" + index;
    }

    private static TaskView view(LoopTasks loop, TaskState task) {
        LoopStarted started = loop.getLoop();
        HumanLoopConfig config = started.getFlowDefinition().getHumanLoopConfig();
        return TaskView.newBuilder()
                .setTaskId(task.getTaskId())
                .setTeam(TaskIds.parse(task.getTaskId()).team())
                .setHumanLoopName(started.getHumanLoopName())
                .setFlowDefinitionName(started.getFlowDefinition().getName())
                .setHumanTaskUiArn(config == null ? "" : config.getHumanTaskUiArn())
                .setTitle(config == null ? "" : config.getTaskTitle())
                .setDescription(config == null ? "" : config.getTaskDescription())
                .setInputContent(started.getInputContent())
                .setLeaseExpiresAt(task.getLeaseExpiresAt())
                .build();
    }

    private static String team(TaskState task) {
        return TaskIds.parse(task.getTaskId()).team();
    }

    private static String flow(LoopTasks loop) {
        return loop.getLoop().getFlowDefinition().getName();
    }

    private TaskReply rejection(TaskReplyOutcome outcome, String message) {
        return answer(outcome, message, null);
    }

    /** The envelope is set when the reply is sent, with the command's correlation id. */
    private TaskReply answer(TaskReplyOutcome outcome, String message, TaskView task) {
        return TaskReply.newBuilder().setEnvelope(envelopes.next("")).setOutcome(outcome).setMessage(message)
                .setTask(task).build();
    }

    private void reply(Record<String, TaskCommand> record, TaskReply reply) {
        String correlationId = record.value().getEnvelope().getCorrelationId();
        reply.setEnvelope(envelopes.next(correlationId));
        context.forward(record.withKey(correlationId).withValue(reply), TaskServiceTopology.REPLIES_SINK);
    }
}
