package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.avro.TaskView;
import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.taskservice.domain.TaskIds;
import io.reviewstream.taskservice.domain.WorkteamDirectory;
import io.reviewstream.taskservice.security.WorkerPrincipals;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/** The worker API (architecture.md): what the portal and scripts use to take and answer tasks. */
@RestController
@RequestMapping("/api/worker")
public class WorkerApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TaskCommandGateway gateway;
    private final WorkteamDirectory teams;
    private final WorkerPrincipals principals;
    private final Envelopes envelopes;

    public WorkerApiController(TaskCommandGateway gateway, WorkteamDirectory teams, WorkerPrincipals principals,
                               Envelopes envelopes) {
        this.gateway = gateway;
        this.teams = teams;
        this.principals = principals;
        this.envelopes = envelopes;
    }

    @GetMapping("/me")
    public Map<String, Object> me(Authentication authentication) {
        WorkerIdentity worker = principals.identity(authentication);
        return Map.of("name", authentication.getName(), "workerId", worker.getWorkerId(),
                "teams", teams.teamsOf(principals.groups(authentication)));
    }

    @PostMapping("/tasks/next")
    public ResponseEntity<?> claimNext(Authentication authentication) throws TimeoutException {
        WorkerIdentity worker = principals.identity(authentication);
        for (String team : teams.teamsOf(principals.groups(authentication))) {
            TaskReply reply = gateway.send(command(team, TaskCommandType.CLAIM_NEXT, worker).build());
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
        TaskIds id;
        try {
            id = TaskIds.parse(taskId);
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.NOT_FOUND, "TaskNotFound", "Task " + taskId + " does not exist");
        }
        if (!teams.teamsOf(principals.groups(authentication)).contains(id.team())) {
            return error(HttpStatus.FORBIDDEN, "NotYourTeam", "Task " + taskId + " belongs to another team");
        }
        TaskReply reply = gateway.send(command(id.team(), type, principals.identity(authentication))
                .setTaskId(taskId).setAnswerContent(answerContent).build());
        if (reply.getOutcome() != TaskReplyOutcome.OK) {
            return error(reply);
        }
        return type == TaskCommandType.ANSWER ? ResponseEntity.ok(Map.of("taskId", taskId, "status", "ANSWERED"))
                : ResponseEntity.ok(Map.of("taskId", taskId, "status", "RELEASED"));
    }

    private TaskCommand.Builder command(String team, TaskCommandType type, WorkerIdentity worker) {
        return TaskCommand.newBuilder().setEnvelope(envelopes.next(UUID.randomUUID().toString()))
                .setTeam(team).setType(type).setWorker(worker);
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
