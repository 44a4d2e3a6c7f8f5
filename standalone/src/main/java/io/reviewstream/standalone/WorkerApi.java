package io.reviewstream.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The worker API of a task-service as one worker calls it from a script: with HTTP Basic. */
public final class WorkerApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String taskService;
    private final String authorization;

    public WorkerApi(String taskService, String worker, String password) {
        this.taskService = taskService;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((worker + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The demo worker's. */
    public static WorkerApi demoWorker(String taskService) {
        return new WorkerApi(taskService, Demo.WORKER, Demo.WORKER_PASSWORD);
    }

    public HttpResponse<String> call(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(taskService + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
