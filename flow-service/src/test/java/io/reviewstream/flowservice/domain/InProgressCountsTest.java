package io.reviewstream.flowservice.domain;

import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.event.Envelopes;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The counts against a map that stands for the view: each change to it is followed by a recount, as the view does. */
class InProgressCountsTest {

    static final Envelopes ENVELOPES = new Envelopes(Clock.systemUTC());

    final Map<String, LoopStatusEvent> view = new ConcurrentHashMap<>();
    final InProgressCounts counts = new InProgressCounts(name -> Optional.ofNullable(view.get(name)));

    @Test
    void aLoopCountsWhileInProgressAndNoLongerOnceStoppedCompletedOrDeleted() {
        update("stopped", "flow", HumanLoopStatus.IN_PROGRESS);
        update("completed", "flow", HumanLoopStatus.IN_PROGRESS);
        update("elsewhere", "other-flow", HumanLoopStatus.IN_PROGRESS);
        assertThat(counts.inProgress("flow")).isEqualTo(2);
        assertThat(counts.inProgress("other-flow")).isEqualTo(1);

        update("stopped", "flow", HumanLoopStatus.STOPPING);
        assertThat(counts.inProgress("flow")).isEqualTo(1);
        update("stopped", "flow", HumanLoopStatus.STOPPED);
        assertThat(counts.inProgress("flow")).isEqualTo(1);
        update("completed", "flow", HumanLoopStatus.COMPLETED);
        assertThat(counts.inProgress("flow")).isZero();

        delete("stopped");
        delete("completed");
        assertThat(counts.inProgress("flow")).isZero();
        assertThat(counts.inProgress("other-flow")).isEqualTo(1);

        update("failed", "flow", HumanLoopStatus.IN_PROGRESS);
        update("failed", "flow", HumanLoopStatus.FAILED);
        delete("elsewhere");
        assertThat(counts.inProgress("flow")).isZero();
        assertThat(counts.inProgress("other-flow")).isZero();
    }

    @Test
    void anUpdateReadTwiceCountsOnce() {
        update("loop", "flow", HumanLoopStatus.IN_PROGRESS);
        update("loop", "flow", HumanLoopStatus.IN_PROGRESS);
        assertThat(counts.inProgress("flow")).isEqualTo(1);

        update("loop", "flow", HumanLoopStatus.COMPLETED);
        update("loop", "flow", HumanLoopStatus.COMPLETED);
        assertThat(counts.inProgress("flow")).isZero();

        delete("loop");
        delete("loop");
        delete("never-seen");
        assertThat(counts.inProgress("flow")).isZero();
    }

    @Test
    void replayingTheTopicFromTheStartCountsItsLatestStatuses() {
        // as a restarted instance reads rs.loop-status: older statuses of a loop still there, some of them twice
        update("a", "flow", HumanLoopStatus.IN_PROGRESS);
        update("b", "flow", HumanLoopStatus.IN_PROGRESS);
        update("a", "flow", HumanLoopStatus.STOPPING);
        update("c", "flow", HumanLoopStatus.IN_PROGRESS);
        update("b", "flow", HumanLoopStatus.COMPLETED);
        update("b", "flow", HumanLoopStatus.COMPLETED);
        update("a", "flow", HumanLoopStatus.STOPPED);
        delete("a");
        update("d", "flow", HumanLoopStatus.IN_PROGRESS);
        update("d", "flow", HumanLoopStatus.IN_PROGRESS);

        assertThat(counts.inProgress("flow")).isEqualTo(2);
    }

    @Test
    void aLoopWhoseFlowChangesCountsInTheNewFlowOnly() {
        update("loop", "old-flow", HumanLoopStatus.IN_PROGRESS);
        update("loop", "new-flow", HumanLoopStatus.IN_PROGRESS);
        assertThat(counts.inProgress("old-flow")).isZero();
        assertThat(counts.inProgress("new-flow")).isEqualTo(1);

        update("loop", "old-flow", HumanLoopStatus.COMPLETED);
        assertThat(counts.inProgress("old-flow")).isZero();
        assertThat(counts.inProgress("new-flow")).isZero();
    }

    @Test
    void concurrentChangesToTheSameLoopsLeaveTheirLatestStatusesCounted() throws Exception {
        // the view's thread and request threads (overlays) change and recount the same loops at once
        HumanLoopStatus[] statuses = HumanLoopStatus.values();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                running.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        String name = "loop-" + random.nextInt(16);
                        if (random.nextInt(5) == 0) {
                            delete(name);
                        } else {
                            update(name, "flow-" + random.nextInt(2), statuses[random.nextInt(statuses.length)]);
                        }
                    }
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        } finally {
            threads.shutdown();
        }

        for (String flow : List.of("flow-0", "flow-1")) {
            assertThat(counts.inProgress(flow)).as(flow).isEqualTo((int) view.values().stream()
                    .filter(loop -> loop.getFlowDefinitionName().equals(flow)
                            && loop.getStatus() == HumanLoopStatus.IN_PROGRESS).count());
        }
    }

    @Test
    void aRecountThatReadAnOlderStatusDoesNotOutlastOneThatReadTheNewer() throws Exception {
        // the view's thread has read the loop InProgress but not counted it yet when a request thread changes the
        // loop and recounts it
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        InProgressCounts racing = new InProgressCounts(name -> {
            Optional<LoopStatusEvent> status = Optional.ofNullable(view.get(name));
            if (first.getAndSet(false)) {
                read.countDown();
                awaitQuietly(resume);
            }
            return status;
        });
        view.put("loop", status("loop", "flow", HumanLoopStatus.IN_PROGRESS));
        Thread viewThread = new Thread(() -> racing.recount("loop"));
        viewThread.start();
        read.await();

        view.put("loop", status("loop", "flow", HumanLoopStatus.STOPPING));
        Thread requestThread = new Thread(() -> racing.recount("loop"));
        requestThread.start();
        while (requestThread.isAlive() && requestThread.getState() != Thread.State.BLOCKED) {
            Thread.onSpinWait();
        }
        resume.countDown();
        viewThread.join();
        requestThread.join();

        assertThat(racing.inProgress("flow")).isZero();
    }

    private void update(String name, String flow, HumanLoopStatus status) {
        view.put(name, status(name, flow, status));
        counts.recount(name);
    }

    private void delete(String name) {
        view.remove(name);
        counts.recount(name);
    }

    private static LoopStatusEvent status(String name, String flow, HumanLoopStatus status) {
        Instant now = Instant.now();
        return LoopStatusEvent.newBuilder()
                .setEnvelope(ENVELOPES.next("")).setHumanLoopName(name)
                .setHumanLoopArn("arn:aws:sagemaker:us-east-1:111122223333:human-loop/" + name)
                .setFlowDefinitionName(flow)
                .setFlowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + flow)
                .setStatus(status).setCreationTime(now).setUpdatedAt(now).build();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
