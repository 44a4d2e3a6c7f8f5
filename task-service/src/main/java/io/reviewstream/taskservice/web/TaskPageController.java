package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.avro.TaskView;
import io.reviewstream.taskservice.domain.TaskIds;
import io.reviewstream.taskservice.domain.TaskTemplates;
import io.reviewstream.templates.RenderContext;
import io.reviewstream.templates.TaskPage;
import io.reviewstream.templates.TaskPageContext;
import io.reviewstream.templates.TaskPageResult;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A claimed task's page: the flow's template rendered with the loop's input by the same engine as
 * RenderUiTemplate, inside the worker page shell, sent with its Content-Security-Policy.
 */
@RestController
public class TaskPageController {

    private final WorkerCommands commands;
    private final TaskTemplates templates;
    private final TaskPage page;
    private final RenderContext renderContext;

    public TaskPageController(WorkerCommands commands, TaskTemplates templates, TaskPage page,
                              RenderContext renderContext) {
        this.commands = commands;
        this.templates = templates;
        this.page = page;
        this.renderContext = renderContext;
    }

    @GetMapping("/api/worker/tasks/{taskId}/render")
    public ResponseEntity<String> render(@PathVariable String taskId, Authentication authentication, CsrfToken csrf)
            throws TimeoutException {
        Optional<TaskIds> id = commands.teamTask(taskId, authentication);
        if (id.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, "This task does not exist or belongs to another team.");
        }
        TaskReply reply = commands.send(id.get().team(), TaskCommandType.TASK_VIEW, authentication,
                b -> b.setTaskId(taskId));
        if (reply.getOutcome() != TaskReplyOutcome.OK) {
            return html(reply.getOutcome() == TaskReplyOutcome.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT,
                    "This task is not yours any more: " + reply.getMessage());
        }
        TaskView task = reply.getTask();
        Optional<HumanTaskUi> template = templates.byArn(task.getHumanTaskUiArn());
        if (template.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, "The task template " + task.getHumanTaskUiArn() + " does not exist.");
        }
        TaskPageResult result = page.render(template.get().getContent(), task.getInputContent(), renderContext,
                TaskPageContext.forWorkerApi(taskId, task.getLeaseExpiresAt(), csrf.getHeaderName(), csrf.getToken(),
                        task.getTitle()));
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .header("Content-Security-Policy", result.contentSecurityPolicy())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(result.html());
    }

    private static ResponseEntity<String> html(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
                .body("<!doctype html><meta charset=utf-8><title>Reviewstream</title><p>"
                        + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"/\">Back to the queue</a></p>");
    }
}
