package io.reviewstream.standalone;

import io.reviewstream.schemas.avro.LoopCompleted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four services as processes of their own, started from their executable jars against the standalone mode's
 * infrastructure with the settings it prints, like a deployment runs them. A loop goes through all four; then
 * task-service is killed while a prediction waits for it and result-writer while an answer waits for it, and after
 * their restarts the second loop completes as well, with one completion per loop and the first output untouched.
 */
class SeparateProcessesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long TASK_TIMEOUT_MS = 180_000;

    @TempDir
    Path dataDir;
    private ServiceProcesses processes;

    @AfterEach
    void stop() throws InterruptedException {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void theServicesRunAsProcessesAndSurviveBeingKilled() throws Exception {
        processes = ServiceProcesses.start(dataDir);
        Standalone infra = processes.standalone();
        String banner = ReviewstreamStandalone.infraBanner(infra, dataDir);
        infra.settings().forEach((module, settings) -> {
            assertThat(banner).as("--infra-only tells how to start " + module)
                    .contains("java -jar " + module + "/target/" + module + "-*-" + ServiceProcess.JAR_CLASSIFIER + ".jar");
            settings.forEach((key, value) -> assertThat(banner).as(module).contains("--" + key + "=" + value));
        });

        produce("first");
        answer(claimNextTask(), "first", "dog");
        LoopCompleted first = awaitCompleted("first");
        byte[] firstOutput = processes.readS3(first.getOutputS3Uri());
        assertThat(JSON.readTree(firstOutput).at("/humanAnswers/0/answerContent/category/label").asString())
                .isEqualTo("dog");

        // a loop started while task-service is down becomes its task once it is back
        processes.service("task-service").kill();
        produce("second");
        processes.service("task-service").start();
        processes.service("task-service").awaitHealthy();
        JsonNode task = claimNextTask();

        // an answer given while result-writer is down is written once it is back
        processes.service("result-writer").kill();
        answer(task, "second", "other");
        processes.service("result-writer").start();
        processes.service("result-writer").awaitHealthy();
        LoopCompleted second = awaitCompleted("second");
        assertThat(JSON.readTree(processes.readS3(second.getOutputS3Uri()))
                .at("/humanAnswers/0/answerContent/category/label").asString()).isEqualTo("other");

        assertThat(processes.readS3(first.getOutputS3Uri())).as("the first loop's output").isEqualTo(firstOutput);
        assertThat(processes.completions()).extracting(LoopCompleted::getHumanLoopName)
                .containsExactlyInAnyOrder(loopName("first"), loopName("second"));
    }

    private void produce(String name) throws Exception {
        try (var producer = processes.predictionProducer()) {
            producer.send(DemoTraffic.prediction(processes.topics(), loopName(name))).get();
        }
    }

    /** Prediction-born loops are named after their prediction. */
    private static String loopName(String name) {
        return "processes-" + name;
    }

    private JsonNode claimNextTask() throws Exception {
        long deadline = System.currentTimeMillis() + TASK_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = processes.worker("POST", "/api/worker/tasks/next", "", Map.of());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            // 503 while a restarted task-service still restores its state
            assertThat(response.statusCode()).as(response.body()).isIn(204, 503);
            Thread.sleep(500);
        }
        throw new AssertionError("No task reached the team within " + TASK_TIMEOUT_MS + " ms");
    }

    private void answer(JsonNode task, String name, String label) throws Exception {
        assertThat(task.get("loopName").asString()).isEqualTo(loopName(name));
        HttpResponse<String> answered = processes.worker("POST",
                "/api/worker/tasks/" + task.get("id").asString() + "/answer",
                "{\"answerContent\":{\"category\":{\"label\":\"" + label + "\"}}}", Map.of());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    }

    private LoopCompleted awaitCompleted(String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TASK_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (LoopCompleted completed : processes.completions()) {
                if (completed.getHumanLoopName().equals(loopName(name))) {
                    return completed;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Loop " + loopName(name) + " not completed within " + TASK_TIMEOUT_MS + " ms");
    }
}
