package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.QueuedTask;
import io.reviewstream.schemas.avro.TaskState;
import io.reviewstream.schemas.avro.TaskStatus;
import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.taskservice.domain.TaskIds;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The queue owner's state stores, changed only through the task transitions below so that the loop, its
 * index entries and its deadline never disagree, and every queue that changed is noted for its snapshot. A queue is
 * one shard of a team's queue, named by its {@link io.reviewstream.taskservice.domain.TeamShard#key()} (the team
 * name, unless the team is sharded).
 *
 * <p>Open tasks are indexed by {@code queue|availableUntil|creationTime|loop|n}, so "claim next" takes, with a prefix
 * scan, the open task whose loop is closest to its availability deadline, and among equal deadlines the oldest.
 * Claimed tasks are indexed by {@code queue|taskId}, and each loop's next deadline (availability end or the
 * earliest lease end) by {@code at|time|loop}: the punctuation reads only what is due, and a queue's snapshot
 * only the first entries of that queue's indexes and its {@link QueueCounts}, never the whole queue.
 */
final class QueueStores {

    /** Deadline index entries {@code at|time|loop → loop}, and {@code of|loop → its at-key} to move them. */
    private static final String DEADLINE_PREFIX = "at|";
    private static final String LOOP_DEADLINE_PREFIX = "of|";
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, LoopTasks> loops;
    private final KeyValueStore<String, QueuedTask> openTasks;
    private final KeyValueStore<String, QueuedTask> claimedTasks;
    private final KeyValueStore<String, String> deadlines;
    private final KeyValueStore<String, String> answerReceipts;
    private final QueueCounts counts;
    private final Set<String> changedQueues = new HashSet<>();

    QueueStores(ProcessorContext<?, ?> context) {
        this.loops = context.getStateStore(TaskServiceTopology.LOOPS_STORE);
        this.openTasks = context.getStateStore(TaskServiceTopology.OPEN_TASKS_STORE);
        this.claimedTasks = context.getStateStore(TaskServiceTopology.CLAIMED_TASKS_STORE);
        this.deadlines = context.getStateStore(TaskServiceTopology.DEADLINES_STORE);
        this.answerReceipts = context.getStateStore(TaskServiceTopology.ANSWER_RECEIPTS_STORE);
        this.counts = new QueueCounts(context.getStateStore(TaskServiceTopology.QUEUE_COUNTS_STORE));
        counts.countOnce(openTasks);
    }

    /** A task as found by its id. */
    record Located(String team, LoopTasks loop, TaskState task) {
    }

    /** The open task claim-next would give a worker, with its open-index key. */
    record Next(String openKey, LoopTasks loop, TaskState task) {
    }

    boolean hasLoop(String loopName) {
        return loops.get(loopName) != null;
    }

    Optional<LoopTasks> loop(String loopName) {
        return Optional.ofNullable(loops.get(loopName));
    }

    /** The task an id names, if its loop is still running and the id is exactly the one the loop gave it. */
    Optional<Located> locate(String taskId) {
        TaskIds id;
        try {
            id = TaskIds.parse(taskId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        LoopTasks loop = loops.get(id.humanLoopName());
        if (loop == null || id.index() < 0 || id.index() >= loop.getTasks().size()
                || !loop.getTasks().get(id.index()).getTaskId().equals(taskId)) {
            return Optional.empty();
        }
        return Optional.of(new Located(id.team(), loop, loop.getTasks().get(id.index())));
    }

    /**
     * The first open task of the queue in claim order that the worker has not worked on: one worker answers a loop
     * at most once, so a loop they hold or answered is passed over.
     */
    Optional<Next> next(String queue, WorkerIdentity worker) {
        try (KeyValueIterator<String, QueuedTask> open = openTasks.prefixScan(queue + "|", KEYS)) {
            while (open.hasNext()) {
                KeyValue<String, QueuedTask> entry = open.next();
                TaskIds id = TaskIds.parse(entry.value.getTaskId());
                LoopTasks loop = loops.get(id.humanLoopName());
                if (loop != null && !workedBy(loop, worker)) {
                    return Optional.of(new Next(entry.key, loop, loop.getTasks().get(id.index())));
                }
            }
        }
        return Optional.empty();
    }

    /** A new loop: all its tasks open. */
    void addLoop(String queue, LoopTasks loop) {
        for (int i = 0; i < loop.getTasks().size(); i++) {
            putOpen(queue, loop, i);
        }
        save(loop);
        changedQueues.add(queue);
    }

    /** The open task {@code next} becomes the worker's until {@code leaseExpiresAt}. */
    void claim(Next next, WorkerIdentity worker, Instant now, Instant leaseExpiresAt) {
        TaskState task = next.task();
        task.setStatus(TaskStatus.CLAIMED);
        task.setWorker(worker);
        task.setClaimedAt(now);
        task.setLeaseExpiresAt(leaseExpiresAt);
        deleteOpen(TaskViews.queue(task), next.loop(), TaskIds.parse(task.getTaskId()).index());
        claimedTasks.put(claimedKey(task), TaskViews.queued(next.loop(), task));
        save(next.loop());
        changedQueues.add(TaskViews.queue(task));
    }

    /** A claimed task is answered; the loop itself is saved or ended by whoever settles it. */
    void answered(TaskState task) {
        task.setStatus(TaskStatus.ANSWERED);
        claimedTasks.delete(claimedKey(task));
        changedQueues.add(TaskViews.queue(task));
    }

    /** A claimed task the worker gave up or lost: open again, unless its loop is stopping. */
    void giveBack(LoopTasks loop, TaskState task) {
        claimedTasks.delete(claimedKey(task));
        TaskIds id = TaskIds.parse(task.getTaskId());
        changedQueues.add(id.queue().key());
        task.getFormerWorkerIds().add(task.getWorker().getWorkerId());
        if (loop.getStopping()) {
            task.setStatus(TaskStatus.WITHDRAWN);
            return;
        }
        task.setStatus(TaskStatus.OPEN);
        task.setWorker(null);
        task.setClaimedAt(null);
        task.setLeaseExpiresAt(null);
        putOpen(id.queue().key(), loop, id.index());
    }

    /** An open task nobody may claim any more (its loop stopped or ended). */
    void withdraw(LoopTasks loop, TaskState task) {
        TaskIds id = TaskIds.parse(task.getTaskId());
        deleteOpen(id.queue().key(), loop, id.index());
        task.setStatus(TaskStatus.WITHDRAWN);
        changedQueues.add(id.queue().key());
    }

    /** Stores the loop and moves its deadline entry to its next deadline: availability end or earliest lease end. */
    void save(LoopTasks loop) {
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

    /** Forgets an ended loop; its open tasks must have been withdrawn. */
    void remove(LoopTasks loop) {
        for (TaskState task : loop.getTasks()) {
            if (task.getStatus() == TaskStatus.CLAIMED) {
                claimedTasks.delete(claimedKey(task));
            }
        }
        changedQueues.add(TaskViews.queue(loop.getTasks().get(0)));
        String name = loop.getLoop().getHumanLoopName();
        loops.delete(name);
        unindexDeadline(name);
    }

    /** Names of the loops with a deadline (lease or availability end) at or before {@code now}. */
    List<String> due(Instant now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = deadlines.range(DEADLINE_PREFIX,
                DEADLINE_PREFIX + millis(now) + "|~")) {
            entries.forEachRemaining(entry -> due.add(entry.value));
        }
        return due;
    }

    /** Drops the deadline entry of a loop that is gone. */
    void unindexDeadline(String loopName) {
        String previous = deadlines.get(LOOP_DEADLINE_PREFIX + loopName);
        if (previous != null) {
            deadlines.delete(previous);
        }
        deadlines.delete(LOOP_DEADLINE_PREFIX + loopName);
    }

    Optional<AnswerReceipt> receipt(String taskId) {
        return Optional.ofNullable(answerReceipts.get(taskId)).map(AnswerReceipt::parse);
    }

    void keepReceipt(String taskId, AnswerReceipt receipt) {
        answerReceipts.put(taskId, receipt.format());
    }

    void forgetReceiptsBefore(long cutoffMillis) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> all = answerReceipts.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> receipt = all.next();
                if (AnswerReceipt.parse(receipt.value).answeredAtMillis() < cutoffMillis) {
                    old.add(receipt.key);
                }
            }
        }
        old.forEach(answerReceipts::delete);
    }

    /** At most {@code limit} claimed tasks of the queue, in task id order. */
    List<QueuedTask> claimed(String queue, int limit) {
        return first(claimedTasks, queue, limit);
    }

    /** At most {@code limit} open tasks of the queue, in claim order. */
    List<QueuedTask> open(String queue, int limit) {
        return first(openTasks, queue, limit);
    }

    QueueCounts counts() {
        return counts;
    }

    /** The queues that changed since the last call. */
    Set<String> takeChangedQueues() {
        Set<String> changed = Set.copyOf(changedQueues);
        changedQueues.clear();
        return changed;
    }

    private void putOpen(String queue, LoopTasks loop, int index) {
        QueuedTask queued = TaskViews.queued(loop, loop.getTasks().get(index));
        openTasks.put(openKey(queue, loop, index), queued);
        counts.opened(queue, queued);
    }

    private void deleteOpen(String queue, LoopTasks loop, int index) {
        String key = openKey(queue, loop, index);
        QueuedTask queued = openTasks.get(key);
        if (queued != null) {
            openTasks.delete(key);
            counts.closed(queue, queued);
        }
    }

    private static List<QueuedTask> first(KeyValueStore<String, QueuedTask> index, String queue, int limit) {
        List<QueuedTask> tasks = new ArrayList<>();
        try (KeyValueIterator<String, QueuedTask> entries = index.prefixScan(queue + "|", KEYS)) {
            while (tasks.size() < limit && entries.hasNext()) {
                tasks.add(entries.next().value);
            }
        }
        return tasks;
    }

    private static boolean workedBy(LoopTasks loop, WorkerIdentity worker) {
        return loop.getTasks().stream().anyMatch(t -> t.getWorker() != null
                && t.getWorker().getWorkerId().equals(worker.getWorkerId()));
    }

    private static String openKey(String queue, LoopTasks loop, int index) {
        return queue + "|" + millis(loop.getAvailableUntil()) + "|" + millis(loop.getLoop().getCreationTime()) + "|"
                + loop.getLoop().getHumanLoopName() + "|" + index;
    }

    private static String claimedKey(TaskState task) {
        return TaskViews.queue(task) + "|" + task.getTaskId();
    }

    private static String millis(Instant instant) {
        return String.format("%015d", instant.toEpochMilli());
    }
}
