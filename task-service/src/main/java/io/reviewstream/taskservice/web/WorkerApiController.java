package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.avro.TaskView;
import io.reviewstream.taskservice.domain.TaskIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** The worker API (architecture.md): what the portal and scripts use to take and answer tasks. */
@RestController
@RequestMapping("/api/worker")
public class WorkerApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WorkerCommands commands;

    public WorkerApiController(WorkerCommands commands) {
        this.commands = commands;
    }

    @GetMapping("/me")
    public Map<String, Object> me(Authentication authentication) {
        return Map.of("name", authentication.getName(),
                "workerId", commands.identity(authentication).getWorkerId(),
                "teams", commands.teams(authentication));
    }

    /** The CSRF token for browser code that cannot read the cookie. */
    @GetMapping("/csrf")
    public Map<String, String> csrf(CsrfToken token) {
        return Map.of("headerName", token.getHeaderName(), "parameterName", token.getParameterName(),
                "token", token.getToken());
    }

    /** Per team of the worker: how many tasks they could claim now, and since when the oldest waits. */
    @GetMapping("/tasks")
    public Map<String, Object> tasks(Authentication authentication) throws TimeoutException {
        List<Map<String, Object>> teams = new ArrayList<>();
        for (String team : commands.teams(authentication)) {
            TaskReply reply = commands.send(team, TaskCommandType.QUEUE_STATUS, authentication, b -> { });
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("name", team);
            status.put("openTasks", reply.getOpenTasks() == null ? 0 : reply.getOpenTasks());
            status.put("oldestOpenTaskCreatedAt", reply.getOldestOpenTaskCreatedAt() == null ? null
                    : reply.getOldestOpenTaskCreatedAt().toString());
            teams.add(status);
        }
        return Map.of("teams", teams, "tasks", List.of());
    }

    @PostMapping("/tasks/next")
    public ResponseEntity<?> claimNext(Authentication authentication) throws TimeoutException {
        for (String team : commands.teams(authentication)) {
            TaskReply reply = commands.send(team, TaskCommandType.CLAIM_NEXT, authentication, b -> { });
            if (reply.getOutcome() == TaskReplyOutcome.OK) {
                return ResponseEntity.ok(taskJson(reply.getTask()));
            }
            if (reply.getOutcome() != TaskReplyOutcome.EMPTY) {
                return error(reply);
            }
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/tasks/{taskId}/answer")
    public ResponseEntity<?> answer(@PathVariable String taskId, @RequestBody JsonNode body,
                                    Authentication authentication) throws TimeoutException {
        JsonNode answerContent = body == null ? null : body.get("answerContent");
        if (answerContent == null || !answerContent.isObject()) {
            return error(HttpStatus.BAD_REQUEST, "InvalidAnswer", "The body must be {\"answerContent\": {...}}");
        }
        return taskCommand(taskId, TaskCommandType.ANSWER, authentication, answerContent.toString());
    }

    @PostMapping("/tasks/{taskId}/release")
    public ResponseEntity<?> release(@PathVariable String taskId, Authentication authentication)
            throws TimeoutException {
        return taskCommand(taskId, TaskCommandType.RELEASE, authentication, null);
    }

    private ResponseEntity<?> taskCommand(String taskId, TaskCommandType type, Authentication authentication,
                                          String answerContent) throws TimeoutException {
        Optional<TaskIds> id = commands.teamTask(taskId, authentication);
        if (id.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "TaskNotFound",
                    "Task " + taskId + " does not exist in any of your teams");
        }
        TaskReply reply = commands.send(id.get().team(), type, authentication,
                b -> b.setTaskId(taskId).setAnswerContent(answerContent));
        if (reply.getOutcome() != TaskReplyOutcome.OK) {
            return error(reply);
        }
        return ResponseEntity.ok(Map.of("taskId", taskId,
                "status", type == TaskCommandType.ANSWER ? "ANSWERED" : "RELEASED"));
    }

    private static Map<String, Object> taskJson(TaskView task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", task.getTaskId());
        json.put("team", task.getTeam());
        json.put("loopName", task.getHumanLoopName());
        json.put("flow", task.getFlowDefinitionName());
        json.put("title", task.getTitle());
        json.put("description", task.getDescription());
        json.put("input", JSON.readTree(task.getInputContent()));
        json.put("deadline", task.getLeaseExpiresAt() == null ? null : task.getLeaseExpiresAt().toString());
        json.put("renderUrl", "/api/worker/tasks/" + task.getTaskId() + "/render");
        return json;
    }

    private static ResponseEntity<Map<String, String>> error(TaskReply reply) {
        return switch (reply.getOutcome()) {
            case NOT_FOUND -> error(HttpStatus.NOT_FOUND, "TaskNotFound", reply.getMessage());
            case FORBIDDEN -> error(HttpStatus.FORBIDDEN, "NotYourTask", reply.getMessage());
            case CONFLICT -> error(HttpStatus.CONFLICT, "LeaseLost", reply.getMessage());
            default -> error(HttpStatus.BAD_REQUEST, "InvalidCommand", reply.getMessage());
        };
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", code, "message", message == null ? "" : message));
    }
}
