package io.reviewstream.standalone;

import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite: loops in flight, predictions produced continuously and scripted workers claiming and answering
 * throughout, while each service in turn is killed like SIGKILL and restarted, then the broker is restarted, then
 * object storage is away for a while. Afterwards every acknowledged answer has exactly one final status and one
 * output with its content, no loop is completed twice for a read_committed consumer, and nothing is dead-lettered.
 * The figures it prints (kill until serving again, per service) are the ones docs/reliability.md gives.
 *
 * <p>As the build runs it, it is the short version (a few hundred loops, one kill per service). The long version is
 * the same test with larger settings, as {@code bench/fault-suite.sh} runs it: {@code -Dfaults.loops} (at least that
 * many; predictions go on until the last fault is over),
 * {@code -Dfaults.prediction-interval-ms}, {@code -Dfaults.workers} and {@code -Dfaults.s3-outage-seconds}.
 */
class FaultSuiteTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LOOPS = Integer.getInteger("faults.loops", 300);
    private static final int WORKERS = Integer.getInteger("faults.workers", 3);
    /** Spreads the predictions over the time the faults take, so that loops begin before, during and after each. */
    private static final Duration PREDICTION_INTERVAL =
            Duration.ofMillis(Integer.getInteger("faults.prediction-interval-ms", 250));
    private static final Duration S3_OUTAGE = Duration.ofSeconds(Integer.getInteger("faults.s3-outage-seconds", 20));
    private static final Duration SERVE_AGAIN_TIMEOUT = Duration.ofMinutes(3);
    /** How long the end waits without a loop completing before it gives up. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);
    private static final List<String> LABELS = List.of("dog", "cat", "other");

    @TempDir
    Path dataDir;
    private ServiceProcesses processes;
    private final AtomicBoolean running = new AtomicBoolean(true);
    /**
     * Set once the last fault is over. Until then the producer goes on past {@code faults.loops}, so that there are
     * tasks to answer after every fault however fast the services come back: otherwise a fast machine answers every
     * loop before the broker's restart, and "an answer is taken again" is never seen.
     */
    private final AtomicBoolean faultsOver = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    /** Loop name to the label of its answer, for every answer task-service acknowledged with 200. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> answering = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastAcknowledgedAt = new AtomicLong();
    private final AtomicInteger produced = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    /** The task-service instances the workers call, worker i the (i mod size)th. */
    private List<String> taskServices = List.of("task-service");

    @AfterEach
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(40_000);
        }
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void everyAnswerEndsOnceWhileEachServiceIsKilled() throws Exception {
        processes = ServiceProcesses.start(dataDir);
        long began = System.nanoTime();
        Thread producer = startTraffic();

        Map<String, Long> servesAgainMs = new LinkedHashMap<>();
        for (String module : List.of("task-service", "result-writer", "loop-router", "flow-service")) {
            servesAgainMs.put(module, killAndRestart(module));
        }
        servesAgainMs.put("broker", restartBroker());
        processes.standalone().infra().stopS3();
        Thread.sleep(S3_OUTAGE.toMillis());
        processes.standalone().infra().startS3();
        assertEveryAnswerEndedOnce(producer, began, servesAgainMs, S3_OUTAGE);
    }

    /**
     * Two task-service instances share the queues, with workers on both; each is killed and restarted in turn. The
     * queues move between instances when the second joins and while one is away: no answer may be lost or ended twice,
     * and a task claimed through one instance is answered through either.
     */
    @Test
    void everyAnswerEndsOnceWhileEitherOfTwoTaskServicesIsKilled() throws Exception {
        processes = ServiceProcesses.start(dataDir);
        taskServices = List.of("task-service", "task-service-2");
        long began = System.nanoTime();
        Thread producer = startTraffic();
        processes.startSecondTaskService();

        Map<String, Long> servesAgainMs = new LinkedHashMap<>();
        for (String instance : taskServices) {
            servesAgainMs.put(instance, killAndRestart(instance));
        }
        assertEveryAnswerEndedOnce(producer, began, servesAgainMs, Duration.ZERO);
    }

    /** The producer, and {@code faults.workers} workers on each of {@link #taskServices}. */
    private Thread startTraffic() throws InterruptedException {
        Thread producer = background("producer", this::producePredictions);
        for (int i = 0; i < WORKERS * taskServices.size(); i++) {
            String instance = taskServices.get(i % taskServices.size());
            background("worker-" + i, () -> work(instance));
        }
        awaitAcknowledged(1);
        return producer;
    }

    /** @param servesAgainMs what was killed or restarted, in order, with the time until it served again */
    private void assertEveryAnswerEndedOnce(Thread producer, long began, Map<String, Long> servesAgainMs,
                                            Duration s3Outage) throws Exception {
        faultsOver.set(true);
        producer.join(Duration.ofMinutes(1).toMillis());
        int loops = produced.get();

        Map<String, LoopCompleted> completed = awaitAllCompleted(loops);
        running.set(false);
        for (Thread thread : threads) {
            thread.join(40_000);
        }
        long elapsedS = Duration.ofNanos(System.nanoTime() - began).toSeconds();
        List<LoopCompleted> completions = processes.completions();
        Map<String, Long> completionsPerLoop = completions.stream()
                .collect(Collectors.groupingBy(LoopCompleted::getHumanLoopName, Collectors.counting()));
        long lost = acknowledged.keySet().stream().filter(loop -> !completed.containsKey(loop)).count();
        long duplicates = completions.size() - completionsPerLoop.size();
        System.out.printf("fault suite: loops=%d answers=%d unavailable=%d kills=%d s3-outage=%ds lost=%d duplicates=%d "
                        + "elapsed=%ds serves-again-ms=%s%n", produced.get(), acknowledged.size(), unavailable.get(),
                servesAgainMs.keySet().stream().filter(fault -> !fault.equals("broker")).count(),
                s3Outage.toSeconds(), lost, duplicates, elapsedS, servesAgainMs);

        assertThat(failures).as("workers and producer").isEmpty();
        assertThat(producer.isAlive()).as("producer still running").isFalse();
        assertThat(loops).as("loops produced").isGreaterThanOrEqualTo(LOOPS);
        assertThat(acknowledged.keySet()).as("every loop answered").hasSize(loops);
        assertThat(lost).as("acknowledged answers without a completion").isZero();
        assertThat(completionsPerLoop).as("LoopCompleted per loop, read_committed")
                .allSatisfy((loop, count) -> assertThat(count).as(loop).isEqualTo(1L));
        assertThat(completionsPerLoop.keySet()).isEqualTo(acknowledged.keySet());

        Map<String, List<HumanLoopStatus>> finalStatuses = processes.statusEvents().stream()
                .filter(event -> event.getStatus() != HumanLoopStatus.IN_PROGRESS)
                .collect(Collectors.groupingBy(LoopStatusEvent::getHumanLoopName,
                        Collectors.mapping(LoopStatusEvent::getStatus, Collectors.toList())));
        assertThat(finalStatuses.keySet()).as("loops with a final status").isEqualTo(acknowledged.keySet());
        assertThat(finalStatuses).allSatisfy((loop, statuses) ->
                assertThat(statuses).as(loop).containsExactly(HumanLoopStatus.COMPLETED));

        Map<String, List<String>> outputsPerLoop = processes.outputKeys().stream()
                .filter(key -> key.endsWith("/output.json"))
                .collect(Collectors.groupingBy(FaultSuiteTest::loopOfOutputKey));
        assertThat(outputsPerLoop.keySet()).as("loops with an output").isEqualTo(acknowledged.keySet());
        for (Map.Entry<String, List<String>> outputs : outputsPerLoop.entrySet()) {
            assertThat(outputs.getValue()).as("outputs of " + outputs.getKey()).hasSize(1);
            JsonNode output = JSON.readTree(processes.readS3(completed.get(outputs.getKey()).getOutputS3Uri()));
            assertThat(output.at("/humanLoopName").asString()).isEqualTo(outputs.getKey());
            assertThat(output.at("/humanAnswers").size()).as(outputs.getKey()).isEqualTo(1);
            assertThat(output.at("/humanAnswers/0/answerContent/category/label").asString()).as(outputs.getKey())
                    .isEqualTo(acknowledged.get(outputs.getKey()));
        }
        assertThat(processes.deadLetters()).as("dead letters").isEmpty();
    }

    /** Milliseconds from the kill until the service is UP again; for task-service, until an answer is taken again. */
    private long killAndRestart(String module) throws InterruptedException {
        ServiceProcess service = processes.service(module);
        long killedAt = System.nanoTime();
        service.kill();
        service.start();
        service.awaitHealthy();
        if (module.startsWith("task-service")) {
            return awaitAnswerAfter(killedAt);
        }
        return Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
    }

    /** Milliseconds from the broker's stop until a worker's answer is acknowledged again. */
    private long restartBroker() throws InterruptedException {
        long stoppedAt = System.nanoTime();
        processes.standalone().infra().restartBroker();
        return awaitAnswerAfter(stoppedAt);
    }

    private long awaitAnswerAfter(long since) throws InterruptedException {
        long deadline = System.nanoTime() + SERVE_AGAIN_TIMEOUT.toNanos();
        while (lastAcknowledgedAt.get() < since) {
            assertThat(System.nanoTime()).as("an answer taken again (%d loops produced, %d answers, %d refused with 503)",
                    produced.get(), acknowledged.size(), unavailable.get()).isLessThan(deadline);
            Thread.sleep(100);
        }
        return Duration.ofNanos(lastAcknowledgedAt.get() - since).toMillis();
    }

    private void producePredictions() throws Exception {
        try (KafkaProducer<String, String> producer = processes.predictionProducer()) {
            for (int i = 0; running.get() && (i < LOOPS || !faultsOver.get()); i++) {
                producer.send(DemoTraffic.prediction(processes.topics(), loopName(i))).get();
                produced.incrementAndGet();
                Thread.sleep(PREDICTION_INTERVAL.toMillis());
            }
        }
    }

    private static String loopName(int i) {
        return "fault-%03d".formatted(i);
    }

    /** Which label a worker gives a loop: fixed per loop, so that the output can be checked against it. */
    private static String labelOf(String loopName) {
        return LABELS.get(Integer.parseInt(loopName.substring(loopName.lastIndexOf('-') + 1)) % LABELS.size());
    }

    /** Output keys end {@code .../{HumanLoopName}/output.json}. */
    private static String loopOfOutputKey(String key) {
        String[] parts = key.split("/");
        return parts[parts.length - 2];
    }

    /**
     * A scripted worker on one task-service instance: claims the next task and answers it. A claim whose reply was
     * lost to a kill stays the worker's, so when nothing is left to claim it answers its own claimed tasks.
     */
    private void work(String instance) throws Exception {
        while (running.get()) {
            try {
                HttpResponse<String> next = worker(instance, "POST", "/api/worker/tasks/next", "", Map.of());
                if (next.statusCode() == 200) {
                    JsonNode task = JSON.readTree(next.body());
                    answer(instance, task.get("id").asString(), task.get("loopName").asString());
                } else if (next.statusCode() == 204) {
                    answerOwnClaims(instance);
                    Thread.sleep(200);
                } else {
                    // 503 while task-service restores its state or the queue is busy
                    assertThat(next.statusCode()).as(next.body()).isEqualTo(503);
                    unavailable.incrementAndGet();
                    Thread.sleep(300);
                }
            } catch (IOException serviceDown) {
                Thread.sleep(300);
            }
        }
    }

    /** The worker API of the instance, or of the first while the instance has not been started yet. */
    private HttpResponse<String> worker(String instance, String method, String path, String body,
                                        Map<String, String> headers) throws Exception {
        return processes.worker(processes.started(instance) ? instance : taskServices.get(0), method, path, body,
                headers);
    }

    private void answerOwnClaims(String instance) throws Exception {
        HttpResponse<String> listing = worker(instance, "GET", "/api/worker/tasks", null, Map.of());
        if (listing.statusCode() != 200) {
            return;
        }
        for (JsonNode task : JSON.readTree(listing.body()).get("tasks")) {
            if (task.get("claimedByMe").asBoolean()) {
                answer(instance, task.get("id").asString(), task.get("loopName").asString());
            }
        }
    }

    /** Retries until task-service takes the answer; the idempotency key makes a repeat of a taken answer harmless. */
    private void answer(String instance, String taskId, String loopName) throws Exception {
        if (!answering.add(taskId)) {
            return;
        }
        try {
            String label = labelOf(loopName);
            while (running.get()) {
                try {
                    HttpResponse<String> answered = worker(instance, "POST", "/api/worker/tasks/" + taskId + "/answer",
                            "{\"answerContent\":{\"category\":{\"label\":\"" + label + "\"}}}",
                            Map.of("Idempotency-Key", taskId));
                    if (answered.statusCode() == 200) {
                        acknowledged.put(loopName, label);
                        lastAcknowledgedAt.set(System.nanoTime());
                        return;
                    }
                    // 503 while task-service starts, restores its queues or the broker is away; anything
                    // else (a 403 for the worker's own task, say) is a defect
                    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(503);
                    unavailable.incrementAndGet();
                } catch (IOException serviceDown) {
                    // retried below
                }
                Thread.sleep(300);
            }
        } finally {
            answering.remove(taskId);
        }
    }

    /** Until every loop completed, for as long as loops keep completing: the long version drains for minutes. */
    private Map<String, LoopCompleted> awaitAllCompleted(int loops) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        Map<String, LoopCompleted> completed = Map.of();
        while (System.nanoTime() < deadline) {
            int before = completed.size();
            completed = processes.completions().stream()
                    .collect(Collectors.toMap(LoopCompleted::getHumanLoopName, Function.identity(), (a, b) -> a));
            if (completed.size() >= loops && acknowledged.size() >= loops) {
                return completed;
            }
            if (completed.size() > before) {
                deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            }
            Thread.sleep(1000);
        }
        return completed;
    }

    private void awaitAcknowledged(int answers) throws InterruptedException {
        long deadline = System.nanoTime() + SERVE_AGAIN_TIMEOUT.toNanos();
        while (acknowledged.size() < answers) {
            assertThat(System.nanoTime()).as("first answers taken").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private Thread background(String name, ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.put(name, e);
            }
        }, name);
        thread.start();
        threads.add(thread);
        return thread;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
