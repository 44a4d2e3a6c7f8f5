package io.reviewstream.templates;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * The worker-page facts the page shell needs: which task, until when the worker holds it, and how to submit
 * (answer URL, release URL, the CSRF header and token Spring Security expects, the queue page to return to).
 */
public record TaskPageContext(String taskId, Instant leaseDeadline, String answerUrl, String releaseUrl,
                              String queueUrl, String csrfHeaderName, String csrfToken, String title) {

    public TaskPageContext {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(answerUrl, "answerUrl");
        queueUrl = queueUrl == null ? "/" : queueUrl;
        title = title == null || title.isBlank() ? "Task" : title;
    }

    /** The worker API's URLs for a task id: {@code /api/worker/tasks/{id}/answer} and {@code …/release}. */
    public static TaskPageContext forWorkerApi(String taskId, Instant leaseDeadline, String csrfHeaderName,
                                               String csrfToken, String title) {
        String base = "/api/worker/tasks/" + URLEncoder.encode(taskId, StandardCharsets.UTF_8);
        return new TaskPageContext(taskId, leaseDeadline, base + "/answer", base + "/release", "/", csrfHeaderName,
                csrfToken, title);
    }
}
