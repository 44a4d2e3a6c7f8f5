package io.reviewstream.taskservice.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.schemas.avro.TaskEvent;
import io.reviewstream.schemas.avro.TaskEventType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * claim-next with {@code waitSeconds} (long polling) on the real broker: a waiting worker gets a task that opens
 * while it waits, in either shard of its team; one task goes to one of two waiting workers and the other ends empty
 * at its deadline; an event that names no task id a queue owner makes wakes nobody and stops nothing; and a wait out
 * of bounds is refused before anything reaches Kafka.
 */
class ClaimWaitTest extends RunningTaskService {

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void seedTeamsAndAwaitTheQueueOwners() throws Exception {
        seed();
        // a call that waits must have found the queues empty, not the Streams app still starting (503)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> claim;
        while ((claim = post("henry", "/api/worker/tasks/next", "", null)).statusCode() != 204) {
            assertThat(claim.statusCode()).as(claim.body()).isEqualTo(503);
            assertThat(System.nanoTime()).as("the queue owners answer").isLessThan(deadline);
        }
    }

    @Test
    void aWaitingClaimReturnsTheTaskThatOpensWhileItWaits() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 4; i++) {
            // four loops: their names most likely fall into both shards of the team
            CompletableFuture<HttpResponse<String>> waiting = claimAsync("henry", 15);
            awaitWaiting(1, List.of(waiting));
            long before = System.nanoTime();
            startLoop("w" + run + "-" + i, "waiting", 1);
            HttpResponse<String> claimed = waiting.get(30, TimeUnit.SECONDS);
            long waitedNanos = System.nanoTime() - before;

            assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
            JsonNode task = JSON.readTree(claimed.body());
            assertThat(task.get("loopName").asString()).isEqualTo("w" + run + "-" + i);
            assertThat(Duration.ofNanos(waitedNanos)).as("answered when the task opened, not at the wait's end")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(post("henry", "/api/worker/tasks/" + task.get("id").asString() + "/answer",
                    "{\"answerContent\": {\"label\": \"cat\"}}", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anEventWithAMalformedTaskIdWakesNobodyAndTheNextOpeningStillDoes() throws Exception {
        String loop = "m" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<HttpResponse<String>> waiting = claimAsync("henry", 15);
        awaitWaiting(1, List.of(waiting));
        send(topics.taskEvents, loop, TaskEvent.newBuilder().setEnvelope(envelopes.next("hostile"))
                .setHumanLoopName(loop).setTaskId("not a task id").setTeam("waiting").setFlowDefinitionName("f")
                .setType(TaskEventType.OPENED).setAt(Instant.now()).build());
        startLoop(loop, "waiting", 1);

        HttpResponse<String> claimed = waiting.get(30, TimeUnit.SECONDS);
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        JsonNode task = JSON.readTree(claimed.body());
        assertThat(task.get("loopName").asString()).isEqualTo(loop);
        assertThat(post("henry", "/api/worker/tasks/" + task.get("id").asString() + "/answer",
                "{\"answerContent\": {\"label\": \"cat\"}}", null).statusCode()).isEqualTo(200);
    }

    @Test
    void oneTaskGoesToOneOfTwoWaitingWorkersAndTheOtherEndsEmpty() throws Exception {
        String loop = "x" + UUID.randomUUID().toString().substring(0, 8);
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        waiting.add(claimAsync("henry", 6));
        waiting.add(claimAsync("ivan", 6));
        awaitWaiting(2, waiting);
        startLoop(loop, "waiting", 1);

        List<Integer> statuses = new ArrayList<>();
        String claimedLoop = null;
        String taskId = null;
        for (CompletableFuture<HttpResponse<String>> call : waiting) {
            HttpResponse<String> response = call.get(30, TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            if (response.statusCode() == 200) {
                JsonNode task = JSON.readTree(response.body());
                claimedLoop = task.get("loopName").asString();
                taskId = task.get("id").asString();
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 204);
        assertThat(claimedLoop).isEqualTo(loop);
        assertThat(gauge()).as("no call is left waiting").isZero();
        String worker = statuses.get(0) == 200 ? "henry" : "ivan";
        assertThat(post(worker, "/api/worker/tasks/" + taskId + "/answer",
                "{\"answerContent\": {\"label\": \"cat\"}}", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anEmptyQueueAnswers204AtTheWaitsEnd() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> empty = post("henry", "/api/worker/tasks/next?waitSeconds=1", "", null);
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(204);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(post("henry", "/api/worker/tasks/next?waitSeconds=0", "", null).statusCode()).isEqualTo(204);
    }

    @Test
    void aWaitOutOfBoundsIsRefused() throws Exception {
        for (String wait : List.of("", "-1", "21", "1.5", "99999999999999999999", "ten", "%00")) {
            HttpResponse<String> refused = post("henry", "/api/worker/tasks/next?waitSeconds=" + wait, "", null);
            assertThat(refused.statusCode()).as(wait).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).get("error").asString()).as(wait).isIn("InvalidWait",
                    "BadRequest");
        }
    }

    private CompletableFuture<HttpResponse<String>> claimAsync(String worker, int waitSeconds) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return post(worker, "/api/worker/tasks/next?waitSeconds=" + waitSeconds, "", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Until as many calls wait as expected: a task that opened before a call waits is not what is tested here. */
    private void awaitWaiting(int calls, List<CompletableFuture<HttpResponse<String>>> waiting) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (gauge() < calls) {
            for (CompletableFuture<HttpResponse<String>> call : waiting) {
                if (call.isDone()) {
                    HttpResponse<String> early = call.get();
                    throw new AssertionError("answered before waiting: " + early.statusCode() + " " + early.body());
                }
            }
            assertThat(System.nanoTime()).as("%d calls waiting", calls).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private double gauge() {
        return meters.get("reviewstream.tasks.claims.waiting").gauge().value();
    }
}
