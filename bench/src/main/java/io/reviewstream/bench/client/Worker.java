package io.reviewstream.bench.client;

import io.reviewstream.bench.measure.Latencies;
import io.reviewstream.standalone.WorkerApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** One simulated reviewer: claims the next task of its teams and answers it, timing each call it is given to. */
public final class Worker {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ANSWER = "{\"answerContent\":{\"category\":{\"label\":\"cat\"}}}";

    /** A claimed task: its id and the loop it belongs to; {@code status} is the HTTP status when none was claimed. */
    public record Claim(int status, String taskId, String loopName) {

        public boolean claimed() {
            return status == 200;
        }
    }

    private final WorkerApi api;

    public Worker(WorkerApi api) {
        this.api = api;
    }

    public Claim claimNext(Latencies timing) throws IOException, InterruptedException {
        return claimNext(timing, Duration.ZERO);
    }

    /** Claim-next that waits up to {@code wait} (whole seconds) for a task to open when none is there. */
    public Claim claimNext(Latencies timing, Duration wait) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = api.call("POST", "/api/worker/tasks/next"
                + (wait.isZero() ? "" : "?waitSeconds=" + wait.toSeconds()), "", Map.of());
        if (timing != null) {
            timing.add(System.nanoTime() - start);
        }
        if (response.statusCode() != 200) {
            return new Claim(response.statusCode(), null, null);
        }
        JsonNode task = JSON.readTree(response.body());
        return new Claim(200, task.get("id").asString(), task.get("loopName").asString());
    }

    /** The HTTP status of the answer. */
    public int answer(Claim claim, Latencies timing) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int status = api.call("POST", "/api/worker/tasks/" + claim.taskId() + "/answer", ANSWER, Map.of())
                .statusCode();
        if (timing != null) {
            timing.add(System.nanoTime() - start);
        }
        return status;
    }

    /** Who the caller is, with no Kafka behind it: the cost of HTTP and HTTP Basic's password check alone. */
    public int me(Latencies timing) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int status = api.call("GET", "/api/worker/me", null, Map.of()).statusCode();
        timing.add(System.nanoTime() - start);
        return status;
    }

    /** Open tasks of {@code team} as its queue owner last published them (a second or so behind). */
    public long openTasks(String team) throws IOException, InterruptedException {
        HttpResponse<String> response = api.call("GET", "/api/worker/tasks", null, Map.of());
        if (response.statusCode() != 200) {
            return -1;
        }
        for (JsonNode count : JSON.readTree(response.body()).get("teams")) {
            if (count.get("name").asString().equals(team)) {
                return count.get("open").asLong();
            }
        }
        return 0;
    }
}
