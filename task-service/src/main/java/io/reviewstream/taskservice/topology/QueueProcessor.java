package io.reviewstream.taskservice.topology;

import io.reviewstream.conditions.HumanLoopContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopOutcome;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.QueueRank;
import io.reviewstream.schemas.avro.QueuedTask;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskStatus;
import io.reviewstream.schemas.avro.TaskView;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.QueueRanks;
import io.reviewstream.taskservice.domain.TaskIds;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The single writer of every work team's queue. Commands for one team arrive in order on one partition and are
 * applied here against the state store, and the reply to the worker, the state change and any finished loop are
 * committed in one transaction: a claim can never be given twice, and an acknowledged answer is in Kafka.
 *
 * <p>Open tasks are indexed by {@code team|availableUntil|creationTime|loop|n}, so "claim next" takes, with a prefix
 * scan, the open task whose loop is closest to its availability deadline, and among equal deadlines the oldest.
 * Claimed tasks are indexed by {@code team|taskId}, and each loop's next deadline (availability end or the
 * earliest lease end) by {@code at|time|loop}: the punctuation reads only what is due, and a team's snapshot
 * only that team's index entries, never the whole queue.
 *
 * <p>An answer leaves a receipt (task id → worker, idempotency key, time) that outlives the loop for
 * {@code answerReceiptRetention}, so that a retried submit is acknowledged, not counted twice, even when it
 * arrives after the loop has ended.
 *
 * <p>Teams whose queue changed are written as {@link TeamQueue} snapshots at the next punctuation, which also
 * refreshes the queue gauges.
 */
final class QueueProcessor implements Processor<String, TaskCommand, String, Object> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Deadline index entries {@code at|time|loop → loop}, and {@code of|loop → its at-key} to move them. */
    private static final String DEADLINE_PREFIX = "at|";
    private static final String LOOP_DEADLINE_PREFIX = "of|";

    private final Envelopes envelopes;
    private final Clock clock;
    private final TaskProperties properties;
    private final MeterRegistry meters;
    private final QueueGauges gauges;
    private final Set<String> changedTeams = new HashSet<>();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, LoopTasks> loops;
    private KeyValueStore<String, QueuedTask> openTasks;
    private KeyValueStore<String, QueuedTask> claimedTasks;
    private KeyValueStore<String, String> deadlines;
    private KeyValueStore<String, String> answerReceipts;

    QueueProcessor(Envelopes envelopes, Clock clock, TaskProperties properties, MeterRegistry meters,
                   QueueGauges gauges) {
        this.envelopes = envelopes;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
        this.gauges = gauges;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.loops = context.getStateStore(TaskServiceTopology.LOOPS_STORE);
        this.openTasks = context.getStateStore(TaskServiceTopology.OPEN_TASKS_STORE);
        this.claimedTasks = context.getStateStore(TaskServiceTopology.CLAIMED_TASKS_STORE);
        this.deadlines = context.getStateStore(TaskServiceTopology.DEADLINES_STORE);
        this.answerReceipts = context.getStateStore(TaskServiceTopology.ANSWER_RECEIPTS_STORE);
        context.schedule(properties.leaseCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
        context.schedule(properties.answerReceiptRetention().dividedBy(10), PunctuationType.WALL_CLOCK_TIME,
                this::forgetOldReceipts);
    }

    @Override
    public void process(Record<String, TaskCommand> record) {
        TaskCommand command = record.value();
        switch (command.getType()) {
            case LOOP_STARTED -> loopStarted(command.getTeam(), command.getLoop());
            case STOP_LOOP -> stop(command.getHumanLoopName());
            case CLAIM_NEXT -> reply(record, claimNext(command.getTeam(), command.getWorker(),
                    command.getRankedNoLaterThan()));
            case PEEK_NEXT -> reply(record, peekNext(command.getTeam(), command.getWorker()));
            case ANSWER -> reply(record, answer(command));
            case RELEASE -> reply(record, release(command));
            case VIEW -> reply(record, viewTask(command));
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
        }
        LoopTasks state = LoopTasks.newBuilder().setLoop(loop)
                .setAvailableUntil(loop.getCreationTime().plus(lifetime)).setTasks(tasks).build();
        for (int i = 0; i < taskCount; i++) {
            openTasks.put(openKey(team, state, i), queued(state, tasks.get(i)));
        }
        save(state);
        changedTeams.add(team);
    }

    /**
     * Claims the worker's next task in this team. A worker in several teams first asks every team for its next task
     * ({@link #peekNext}) and then claims in the team whose task ranks first, bounded by the best rank of the other
     * teams: if this team has, by now, nothing as good, the claim is refused with CONFLICT and the caller looks
     * again, so each decision is still taken by the team's single writer.
     */
    private TaskReply claimNext(String team, WorkerIdentity worker, QueueRank rankedNoLaterThan) {
        Next next = next(team, worker);
        if (next == null) {
            return rejection(TaskReplyOutcome.EMPTY, "No task is waiting for you in team " + team);
        }
        if (rankedNoLaterThan != null && QueueRanks.ORDER.compare(rank(next.loop()), rankedNoLaterThan) > 0) {
            return rejection(TaskReplyOutcome.CONFLICT, "A task of another team now comes before team " + team
                    + "'s next task");
        }
        LoopTasks loop = next.loop();
        Instant now = clock.instant();
        TaskState task = next.task();
        task.setStatus(TaskStatus.CLAIMED);
        task.setWorker(worker);
        task.setClaimedAt(now);
        task.setLeaseExpiresAt(now.plus(taskTimeLimit(loop.getLoop())));
        openTasks.delete(next.openKey());
        claimedTasks.put(claimedKey(task), queued(loop, task));
        save(loop);
        changedTeams.add(team);
        Timer.builder("reviewstream.tasks.time.to.claim").tag("team", team).tag("flow", flow(loop))
                .publishPercentileHistogram().register(meters)
                .record(Duration.between(loop.getLoop().getCreationTime(), now));
        return new TaskReply(envelopes.next(""), TaskReplyOutcome.OK, null, view(loop, task));
    }

    /** The task claimNext would give the worker now, with its rank, without claiming it. */
    private TaskReply peekNext(String team, WorkerIdentity worker) {
        Next next = next(team, worker);
        if (next == null) {
            return rejection(TaskReplyOutcome.EMPTY, "No task is waiting for you in team " + team);
        }
        TaskView view = view(next.loop(), next.task());
        view.setRank(rank(next.loop()));
        return new TaskReply(envelopes.next(""), TaskReplyOutcome.OK, null, view);
    }

    private record Next(String openKey, LoopTasks loop, TaskState task) {
    }

    private Next next(String team, WorkerIdentity worker) {
        try (KeyValueIterator<String, QueuedTask> open = openTasks.prefixScan(team + "|", new StringSerializer())) {
            while (open.hasNext()) {
                KeyValue<String, QueuedTask> entry = open.next();
                TaskIds id = TaskIds.parse(entry.value.getTaskId());
                LoopTasks loop = loops.get(id.humanLoopName());
                if (loop != null && !workedBy(loop, worker)) {
                    return new Next(entry.key, loop, loop.getTasks().get(id.index()));
                }
            }
        }
        return null;
    }

    private static QueueRank rank(LoopTasks loop) {
        return new QueueRank(loop.getAvailableUntil(), loop.getLoop().getCreationTime());
    }

    private TaskReply answer(TaskCommand command) {
        WorkerIdentity worker = command.getWorker();
        String key = idempotencyKey(command);
        String receipt = answerReceipts.get(command.getTaskId());
        if (receipt != null) {
            String[] parts = receipt.split("\n", 3);
            if (!parts[0].equals(worker.getWorkerId())) {
                return rejection(TaskReplyOutcome.FORBIDDEN, "Task " + command.getTaskId()
                        + " was answered by another worker");
            }
            if (parts[1].equals(key)) {
                return new TaskReply(envelopes.next(""), TaskReplyOutcome.OK, "Already answered", null);
            }
            return rejection(TaskReplyOutcome.CONFLICT, "Task " + command.getTaskId() + " was already answered");
        }
        Located located = locate(command.getTaskId());
        if (located == null) {
            return rejection(TaskReplyOutcome.NOT_FOUND, "Task " + command.getTaskId() + " does not exist");
        }
        TaskState task = located.task();
        TaskReply notHeld = notHeld(task, worker);
        if (notHeld != null) {
            if (notHeld.getOutcome() == TaskReplyOutcome.CONFLICT) {
                countConflict(located.team());
            }
            return notHeld;
        }
        if (!validJsonObject(command.getAnswerContent())) {
            return rejection(TaskReplyOutcome.INVALID, "answerContent must be a JSON object");
        }
        Instant now = clock.instant();
        task.setStatus(TaskStatus.ANSWERED);
        claimedTasks.delete(claimedKey(task));
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
        answerReceipts.put(task.getTaskId(), worker.getWorkerId() + "\n" + key + "\n" + now.toEpochMilli());
        changedTeams.add(located.team());
        Counter.builder("reviewstream.answers.submitted").tag("team", located.team()).tag("flow", flow(loop))
                .register(meters).increment();
        Timer.builder("reviewstream.tasks.time.to.answer").tag("team", located.team()).tag("flow", flow(loop))
                .publishPercentileHistogram().register(meters).record(Duration.between(task.getClaimedAt(), now));
        TaskReply reply = new TaskReply(envelopes.next(""), TaskReplyOutcome.OK, null, view(loop, task));
        settle(loop);
        return reply;
    }

    /** The worker's own claimed task, for rendering its page. */
    private TaskReply viewTask(TaskCommand command) {
        Located located = locate(command.getTaskId());
        if (located == null) {
            return rejection(TaskReplyOutcome.NOT_FOUND, "Task " + command.getTaskId() + " does not exist");
        }
        TaskState task = located.task();
        TaskReply notHeld = notHeld(task, command.getWorker());
        return notHeld != null ? notHeld
                : new TaskReply(envelopes.next(""), TaskReplyOutcome.OK, null, view(located.loop(), task));
    }

    /**
     * Why a worker may not answer or release a task, or null if they hold it: a task they held and lost (lease
     * ended, released, withdrawn by a stop) is a CONFLICT; a task they never held is FORBIDDEN, someone else's.
     */
    private TaskReply notHeld(TaskState task, WorkerIdentity worker) {
        String me = worker.getWorkerId();
        if (task.getStatus() == TaskStatus.CLAIMED && task.getWorker().getWorkerId().equals(me)) {
            return null;
        }
        if (task.getFormerWorkerIds().contains(me)) {
            return rejection(TaskReplyOutcome.CONFLICT, "Task " + task.getTaskId()
                    + " is no longer claimed by you: its lease ended, it was released or it was withdrawn");
        }
        return rejection(TaskReplyOutcome.FORBIDDEN, "Task " + task.getTaskId() + " is not claimed by you");
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

    private void countConflict(String team) {
        Counter.builder("reviewstream.tasks.claim.conflicts").tag("team", team).register(meters).increment();
    }

    private TaskReply release(TaskCommand command) {
        Located located = locate(command.getTaskId());
        if (located == null) {
            return rejection(TaskReplyOutcome.NOT_FOUND, "Task " + command.getTaskId() + " does not exist");
        }
        TaskState task = located.task();
        TaskReply notHeld = notHeld(task, command.getWorker());
        if (notHeld != null) {
            return notHeld;
        }
        giveBack(located.loop(), task);
        Counter.builder("reviewstream.tasks.released").tag("team", located.team()).register(meters).increment();
        settle(located.loop());
        return new TaskReply(envelopes.next(""), TaskReplyOutcome.OK, null, null);
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

    /** Lease expiry and loop expiry by wall clock, then the snapshots and gauges of the teams that changed. */
    private void expire(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = deadlines.range(DEADLINE_PREFIX,
                DEADLINE_PREFIX + millis(now) + "|~")) {
            entries.forEachRemaining(entry -> due.add(entry.value));
        }
        for (String loopName : due) {
            LoopTasks loop = loops.get(loopName);
            if (loop == null) {
                unindexDeadline(loopName);
                continue;
            }
            for (TaskState task : loop.getTasks()) {
                if (task.getStatus() == TaskStatus.CLAIMED && task.getLeaseExpiresAt().isBefore(now)) {
                    Counter.builder("reviewstream.tasks.lease.expired").tag("team", team(task))
                            .register(meters).increment();
                    giveBack(loop, task);
                }
            }
            if (loop.getAvailableUntil().isBefore(now)) {
                finish(loop, LoopOutcome.EXPIRED, "Expired",
                        "Not every task was answered within TaskAvailabilityLifetimeInSeconds");
            } else {
                settle(loop);
            }
        }
        snapshotChangedTeams();
    }

    private void snapshotChangedTeams() {
        for (String team : changedTeams) {
            List<QueuedTask> tasks = new ArrayList<>();
            try (KeyValueIterator<String, QueuedTask> claimed = claimedTasks.prefixScan(team + "|",
                    new StringSerializer())) {
                claimed.forEachRemaining(entry -> tasks.add(entry.value));
            }
            int open = 0;
            Map<String, Long> openByFlow = new HashMap<>();
            Map<String, Instant> oldestByFlow = new HashMap<>();
            try (KeyValueIterator<String, QueuedTask> openEntries = openTasks.prefixScan(team + "|",
                    new StringSerializer())) {
                while (openEntries.hasNext()) {
                    QueuedTask task = openEntries.next().value;
                    open++;
                    openByFlow.merge(task.getFlowDefinitionName(), 1L, Long::sum);
                    oldestByFlow.merge(task.getFlowDefinitionName(), task.getCreatedAt(),
                            (a, b) -> a.isBefore(b) ? a : b);
                    if (tasks.size() < properties.queueSnapshotLimit()) {
                        tasks.add(task);
                    }
                }
            }
            TeamQueue snapshot = TeamQueue.newBuilder().setEnvelope(envelopes.next(""))
                    .setTeam(team).setOpen(open)
                    .setTasks(new ArrayList<>(tasks.subList(0, Math.min(tasks.size(), properties.queueSnapshotLimit()))))
                    .build();
            context.forward(new Record<>(team, snapshot, clock.millis()), TaskServiceTopology.QUEUES_SINK);
            gauges.update(team, openByFlow, oldestByFlow);
        }
        changedTeams.clear();
    }

    private static QueuedTask queued(LoopTasks loop, TaskState task) {
        return QueuedTask.newBuilder()
                .setTaskId(task.getTaskId())
                .setHumanLoopName(loop.getLoop().getHumanLoopName())
                .setFlowDefinitionName(flow(loop))
                .setStatus(task.getStatus())
                .setCreatedAt(loop.getLoop().getCreationTime())
                .setAvailableUntil(loop.getAvailableUntil())
                .setWorkerId(task.getWorker() == null ? null : task.getWorker().getWorkerId())
                .setLeaseExpiresAt(task.getLeaseExpiresAt())
                .build();
    }

    private void forgetOldReceipts(long nowMillis) {
        long cutoff = nowMillis - properties.answerReceiptRetention().toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> all = answerReceipts.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> receipt = all.next();
                if (Long.parseLong(receipt.value.substring(receipt.value.lastIndexOf('\n') + 1)) < cutoff) {
                    old.add(receipt.key);
                }
            }
        }
        old.forEach(answerReceipts::delete);
    }

    /** Ends the loop when nothing more can happen to it, otherwise stores it. */
    private void settle(LoopTasks loop) {
        long answered = loop.getTasks().stream().filter(t -> t.getStatus() == TaskStatus.ANSWERED).count();
        boolean anyClaimed = loop.getTasks().stream().anyMatch(t -> t.getStatus() == TaskStatus.CLAIMED);
        if (loop.getStopping() && !anyClaimed) {
            finish(loop, LoopOutcome.STOPPED, null, null);
        } else if (answered == loop.getTasks().size()) {
            finish(loop, LoopOutcome.ANSWERED, null, null);
        } else {
            save(loop);
        }
    }

    private void finish(LoopTasks loop, LoopOutcome outcome, String failureCode, String failureReason) {
        for (TaskState task : loop.getTasks()) {
            if (task.getStatus() == TaskStatus.OPEN) {
                withdraw(loop, task);
            } else if (task.getStatus() == TaskStatus.CLAIMED) {
                claimedTasks.delete(claimedKey(task));
            }
        }
        changedTeams.add(team(loop.getTasks().get(0)));
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
        unindexDeadline(started.getHumanLoopName());
        context.forward(new Record<>(started.getHumanLoopName(), answers, clock.millis()),
                TaskServiceTopology.ANSWERS_SINK);
        Counter.builder("reviewstream.loops.ended.by.tasks").tag("flow", flow(loop))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(meters).increment();
    }

    /** A claimed task the worker gives up or lost: open again, unless its loop is stopping. */
    private void giveBack(LoopTasks loop, TaskState task) {
        claimedTasks.delete(claimedKey(task));
        TaskIds id = TaskIds.parse(task.getTaskId());
        changedTeams.add(id.team());
        task.getFormerWorkerIds().add(task.getWorker().getWorkerId());
        if (loop.getStopping()) {
            task.setStatus(TaskStatus.WITHDRAWN);
            return;
        }
        task.setStatus(TaskStatus.OPEN);
        task.setWorker(null);
        task.setClaimedAt(null);
        task.setLeaseExpiresAt(null);
        openTasks.put(openKey(id.team(), loop, id.index()), queued(loop, task));
    }

    private void save(LoopTasks loop) {
        String name = loop.getLoop().getHumanLoopName();
        loops.put(name, loop);
        Instant next = loop.getAvailableUntil();
        for (TaskState task : loop.getTasks()) {
            if (task.getStatus() == TaskStatus.CLAIMED && task.getLeaseExpiresAt().isBefore(next)) {
                next = task.getLeaseExpiresAt();
            }
        }
        String key = DEADLINE_PREFIX + millis(next) + "|" + name;
        String previous = deadlines.get(LOOP_DEADLINE_PREFIX + name);
        if (!key.equals(previous)) {
            if (previous != null) {
                deadlines.delete(previous);
            }
            deadlines.put(key, name);
            deadlines.put(LOOP_DEADLINE_PREFIX + name, key);
        }
    }

    private void unindexDeadline(String loopName) {
        String previous = deadlines.get(LOOP_DEADLINE_PREFIX + loopName);
        if (previous != null) {
            deadlines.delete(previous);
        }
        deadlines.delete(LOOP_DEADLINE_PREFIX + loopName);
    }

    private static String millis(Instant instant) {
        return String.format("%015d", instant.toEpochMilli());
    }

    private static String claimedKey(TaskState task) {
        return team(task) + "|" + task.getTaskId();
    }

    private void withdraw(LoopTasks loop, TaskState task) {
        TaskIds id = TaskIds.parse(task.getTaskId());
        openTasks.delete(openKey(id.team(), loop, id.index()));
        task.setStatus(TaskStatus.WITHDRAWN);
        changedTeams.add(id.team());
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

    private static String openKey(String team, LoopTasks loop, int index) {
        return team + "|" + millis(loop.getAvailableUntil()) + "|" + millis(loop.getLoop().getCreationTime()) + "|"
                + loop.getLoop().getHumanLoopName() + "|" + index;
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
                // what the template sees as task.input (A2I adds humanLoopContext for Textract flows)
                .setInputContent(HumanLoopContext.templateInput(started.getInputContent(),
                        started.getFlowDefinition().getActivationConditions(),
                        started.getFlowDefinition().getHumanLoopRequestSource()))
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
        return new TaskReply(envelopes.next(""), outcome, message, null);
    }

    private void reply(Record<String, TaskCommand> record, TaskReply reply) {
        String correlationId = record.value().getEnvelope().getCorrelationId();
        reply.setEnvelope(envelopes.next(correlationId));
        context.forward(record.withKey(correlationId).withValue(reply), TaskServiceTopology.REPLIES_SINK);
    }
}
