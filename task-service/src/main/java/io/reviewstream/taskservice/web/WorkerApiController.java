package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.QueuedTask;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.reply.RequestReplyGateway;
import io.reviewstream.schemas.avro.TaskStatus;
import io.reviewstream.schemas.avro.TaskView;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.view.CompactedTopicView;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.NotReadyException;
import io.reviewstream.taskservice.domain.TaskIds;
import io.reviewstream.taskservice.domain.TeamShard;
import io.reviewstream.taskservice.domain.WorkteamDirectory;
import io.reviewstream.taskservice.security.WorkerPrincipals;
import io.reviewstream.templates.RenderContext;
import io.reviewstream.templates.TaskPage;
import io.reviewstream.templates.TaskPageContext;
import io.reviewstream.templates.TaskPageResult;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/** The worker API (architecture.md): what the portal and scripts use to take and answer tasks. */
@RestController
@RequestMapping("/api/worker")
public class WorkerApiController {

    private static final Logger log = LoggerFactory.getLogger(WorkerApiController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Comparator<QueuedTask> SHARDS_MERGED = Comparator
            .comparing((QueuedTask task) -> task.getStatus() != TaskStatus.CLAIMED)
            .thenComparing(QueuedTask::getAvailableUntil).thenComparing(QueuedTask::getCreatedAt);
    /** Longer keys are refused: each answer's key is kept in the queue owner's receipts. */
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

    private final RequestReplyGateway<TaskCommand, TaskReply> gateway;
    private final WorkteamDirectory teams;
    private final WorkerPrincipals principals;
    private final Envelopes envelopes;
    private final CompactedTopicView<TeamQueue> queues;
    private final CompactedTopicView<HumanTaskUi> templates;
    private final TaskPage taskPage;
    private final RenderContext renderContext;
    private final WaitingClaims waitingClaims;
    private final AnswerBodies answerBodies;
    private final TaskProperties tasks;

    public WorkerApiController(RequestReplyGateway<TaskCommand, TaskReply> gateway, WorkteamDirectory teams,
                               WorkerPrincipals principals,
                               Envelopes envelopes, CompactedTopicView<TeamQueue> teamQueuesView,
                               CompactedTopicView<HumanTaskUi> taskTemplatesView, TaskPage taskPage,
                               RenderContext workerPageRenderContext, TaskProperties tasks,
                               WaitingClaims waitingClaims) {
        this.gateway = gateway;
        this.teams = teams;
        this.principals = principals;
        this.envelopes = envelopes;
        this.queues = teamQueuesView;
        this.templates = taskTemplatesView;
        this.taskPage = taskPage;
        this.renderContext = workerPageRenderContext;
        this.waitingClaims = waitingClaims;
        this.tasks = tasks;
        this.answerBodies = new AnswerBodies(Math.toIntExact(tasks.maxAnswerBytes().toBytes()));
    }

    @GetMapping("/me")
    public Map<String, Object> me(Authentication authentication) {
        WorkerIdentity worker = principals.identity(authentication);
        return Map.of("name", principals.displayName(authentication), "workerId", worker.getWorkerId(),
                "teams", myTeams(authentication));
    }

    /** The portal's scripts read the token from the XSRF-TOKEN cookie; asking for it here also sets that cookie. */
    @GetMapping("/csrf")
    public Map<String, String> csrf(CsrfToken token) {
        return Map.of("headerName", token.getHeaderName(), "parameterName", token.getParameterName(),
                "token", token.getToken());
    }

    /**
     * The tasks of the worker's teams, as the queue owners last published them (a second or so behind): open tasks
     * in the order they would be claimed, and the worker's own claimed tasks; other workers' tasks are left out. A
     * sharded team's shards are merged: claimed tasks first, then open ones in claim order.
     */
    @GetMapping("/tasks")
    public Map<String, Object> tasks(Authentication authentication) {
        String me = principals.identity(authentication).getWorkerId();
        List<Map<String, Object>> teamCounts = new ArrayList<>();
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (String team : myTeams(authentication)) {
            long open = 0;
            List<QueuedTask> queued = new ArrayList<>();
            int shards = this.tasks.shardsOf(team);
            for (int shard = 0; shard < shards; shard++) {
                TeamQueue queue = queues.get(new TeamShard(team, shard).key()).orElse(null);
                if (queue != null) {
                    open += queue.getOpen();
                    queued.addAll(queue.getTasks());
                }
            }
            if (shards > 1) {
                queued.sort(SHARDS_MERGED);
            }
            int mine = 0;
            for (QueuedTask task : queued.subList(0, Math.min(queued.size(), this.tasks.queueSnapshotLimit()))) {
                boolean claimedByMe = task.getStatus() == TaskStatus.CLAIMED && me.equals(task.getWorkerId());
                if (task.getStatus() == TaskStatus.OPEN || claimedByMe) {
                    tasks.add(queuedJson(team, task, claimedByMe));
                    mine += claimedByMe ? 1 : 0;
                }
            }
            Map<String, Object> count = new LinkedHashMap<>();
            count.put("name", team);
            count.put("open", open);
            count.put("claimedByMe", mine);
            teamCounts.add(count);
        }
        return Map.of("teams", teamCounts, "tasks", tasks);
    }

    /** The best task of all the worker's teams: closest availability deadline first, then the oldest loop. */
    @PostMapping(path = "/tasks/next", params = "!waitSeconds")
    public ResponseEntity<?> claimNext(Authentication authentication) throws TimeoutException {
        return claimed(waitingClaims.claimNow(myTeams(authentication), principals.identity(authentication)));
    }

    /**
     * The same, but a call that finds no task waits up to {@code waitSeconds} for one to open (long polling) before
     * it answers 204. The servlet thread goes back to Tomcat while it waits; a call without the parameter stays
     * synchronous, without the asynchronous dispatch.
     */
    @PostMapping(path = "/tasks/next", params = "waitSeconds")
    public DeferredResult<ResponseEntity<?>> claimNextWaiting(Authentication authentication,
                                                              @RequestParam String waitSeconds) {
        Optional<Duration> requested = waitOf(waitSeconds);
        Duration wait = requested.orElse(Duration.ZERO);
        // beyond the wait, the woken claim's own round trips; the result is set well before in every other case
        DeferredResult<ResponseEntity<?>> result = new DeferredResult<>(
                wait.plus(tasks.replyTimeout().multipliedBy(2)).toMillis(), () -> ResponseEntity.noContent().build());
        if (requested.isEmpty()) {
            result.setResult(error(HttpStatus.BAD_REQUEST, "InvalidWait",
                    "waitSeconds must be a whole number from 0 to " + tasks.claimWaitMax().toSeconds()));
            return result;
        }
        waitingClaims.claimNext(myTeams(authentication), principals.identity(authentication), wait)
                .whenComplete((reply, error) -> {
                    if (error != null) {
                        result.setErrorResult(error);
                    } else {
                        result.setResult(claimed(reply));
                    }
                });
        return result;
    }

    private ResponseEntity<?> claimed(TaskReply reply) {
        return switch (reply.getOutcome()) {
            case OK -> ResponseEntity.ok(taskJson(reply.getTask()));
            case EMPTY -> ResponseEntity.noContent().build();
            case CONFLICT -> error(HttpStatus.SERVICE_UNAVAILABLE, "QueueBusy", reply.getMessage());
            default -> error(reply);
        };
    }

    /** The requested wait; none when it is not a whole number of seconds within the bound. */
    private Optional<Duration> waitOf(String waitSeconds) {
        if (waitSeconds.isEmpty() || waitSeconds.length() > 6
                || !waitSeconds.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        Duration wait = Duration.ofSeconds(Long.parseLong(waitSeconds));
        return wait.compareTo(tasks.claimWaitMax()) > 0 ? Optional.empty() : Optional.of(wait);
    }

    /**
     * The worker page of a task the worker holds: the flow's template (the version the loop's flow definition
     * pinned, kept even after the UI was deleted) rendered with the loop's input, under a strict CSP.
     */
    @GetMapping("/tasks/{taskId}/render")
    public ResponseEntity<?> render(@PathVariable String taskId, Authentication authentication, CsrfToken csrf)
            throws TimeoutException {
        ResponseEntity<?> refused = checkTeam(taskId, authentication);
        if (refused != null) {
            return refused;
        }
        TaskReply reply = gateway.send(command(TaskIds.parse(taskId).queue(), TaskCommandType.VIEW,
                principals.identity(authentication)).setTaskId(taskId).build());
        if (reply.getOutcome() != TaskReplyOutcome.OK) {
            return error(reply);
        }
        TaskView task = reply.getTask();
        HumanTaskUi template = templates.get(task.getHumanTaskUiArn()).orElse(null);
        if (template == null) {
            return error(HttpStatus.NOT_FOUND, "TemplateNotFound",
                    "The task UI " + task.getHumanTaskUiArn() + " of this task's flow is not known");
        }
        TaskPageResult page = taskPage.render(template.getContent(), task.getInputContent(), renderContext,
                TaskPageContext.forWorkerApi(taskId, task.getLeaseExpiresAt(), csrf.getHeaderName(), csrf.getToken(),
                        task.getTitle()));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", page.contentSecurityPolicy())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(page.html());
    }

    /**
     * Everything the instance can tell on its own is checked before the answer goes to the queue owner: the id's
     * form, the worker's team and the answer's size. Whether the task exists and is the worker's is the owner's to
     * say (a claim or a lease end may be a moment old), so a worker can send at most one bounded answer per call
     * to a task id of their own teams.
     */
    @PostMapping("/tasks/{taskId}/answer")
    public ResponseEntity<?> answer(@PathVariable String taskId, HttpServletRequest request,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                    Authentication authentication) throws TimeoutException, IOException {
        ResponseEntity<?> refused = checkTeam(taskId, authentication);
        if (refused != null) {
            return refused;
        }
        if (idempotencyKey != null && idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            return error(HttpStatus.BAD_REQUEST, "InvalidIdempotencyKey",
                    "Idempotency-Key may have at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        byte[] body;
        try {
            body = answerBodies.read(request);
        } catch (AnswerBodies.TooLarge e) {
            return error(HttpStatus.CONTENT_TOO_LARGE, "AnswerTooLarge",
                    "An answer may have at most " + answerBodies.maxBytes() + " bytes");
        }
        JsonNode answerContent;
        try {
            JsonNode json = JSON.readTree(body);
            answerContent = json == null ? null : json.get("answerContent");
        } catch (JacksonException e) {
            answerContent = null;
        }
        if (answerContent == null || !answerContent.isObject()) {
            return error(HttpStatus.BAD_REQUEST, "InvalidAnswer", "The body must be {\"answerContent\": {...}}");
        }
        TaskReply reply = gateway.send(command(TaskIds.parse(taskId).queue(), TaskCommandType.ANSWER,
                principals.identity(authentication)).setTaskId(taskId).setAnswerContent(answerContent.toString())
                .setIdempotencyKey(idempotencyKey).build());
        return reply.getOutcome() == TaskReplyOutcome.OK
                ? ResponseEntity.ok(Map.of("taskId", taskId, "status", "ANSWERED")) : error(reply);
    }

    @PostMapping("/tasks/{taskId}/release")
    public ResponseEntity<?> release(@PathVariable String taskId, Authentication authentication)
            throws TimeoutException {
        ResponseEntity<?> refused = checkTeam(taskId, authentication);
        if (refused != null) {
            return refused;
        }
        TaskReply reply = gateway.send(command(TaskIds.parse(taskId).queue(), TaskCommandType.RELEASE,
                principals.identity(authentication)).setTaskId(taskId).build());
        return reply.getOutcome() == TaskReplyOutcome.OK
                ? ResponseEntity.ok(Map.of("taskId", taskId, "status", "RELEASED")) : error(reply);
    }

    /**
     * A task of a team the worker is not in is not theirs to see: 404 for an id no queue owner could have made
     * (not echoed: it may be anything), 403 otherwise.
     */
    private ResponseEntity<?> checkTeam(String taskId, Authentication authentication) {
        TaskIds id;
        try {
            id = TaskIds.parse(taskId);
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.NOT_FOUND, "TaskNotFound", "No such task");
        }
        if (!myTeams(authentication).contains(id.team())) {
            return error(HttpStatus.FORBIDDEN, "NotYourTeam", "Task " + taskId + " belongs to another team");
        }
        return null;
    }

    private List<String> myTeams(Authentication authentication) {
        return teams.teamsOf(principals.groups(authentication));
    }

    private TaskCommand.Builder command(TeamShard queue, TaskCommandType type, WorkerIdentity worker) {
        return TaskCommand.newBuilder().setEnvelope(envelopes.next(UUID.randomUUID().toString()))
                .setTeam(queue.team()).setShard(queue.shard()).setType(type).setWorker(worker);
    }

    private static Map<String, Object> taskJson(TaskView task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", task.getTaskId());
        json.put("loopName", task.getHumanLoopName());
        json.put("flow", task.getFlowDefinitionName());
        json.put("team", task.getTeam());
        json.put("input", JSON.readTree(task.getInputContent()));
        json.put("deadline", task.getLeaseExpiresAt() == null ? null : task.getLeaseExpiresAt().toString());
        json.put("renderUrl", renderUrl(task.getTaskId()));
        json.put("title", task.getTitle());
        json.put("description", task.getDescription());
        return json;
    }

    private static Map<String, Object> queuedJson(String team, QueuedTask task, boolean claimedByMe) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", task.getTaskId());
        json.put("team", team);
        json.put("loopName", task.getHumanLoopName());
        json.put("flow", task.getFlowDefinitionName());
        json.put("status", task.getStatus().name());
        json.put("createdAt", task.getCreatedAt().toString());
        json.put("availableUntil", task.getAvailableUntil().toString());
        json.put("claimedByMe", claimedByMe);
        if (claimedByMe) {
            json.put("deadline", task.getLeaseExpiresAt() == null ? null : task.getLeaseExpiresAt().toString());
            json.put("renderUrl", renderUrl(task.getTaskId()));
        }
        return json;
    }

    private static String renderUrl(String taskId) {
        return "/api/worker/tasks/" + URLEncoder.encode(taskId, StandardCharsets.UTF_8) + "/render";
    }

    /**
     * The queue owner did not answer in time (rebalancing, broker trouble): the worker may simply retry. What went
     * wrong is for the log; the answer says only that.
     */
    @ExceptionHandler({TimeoutException.class, IllegalStateException.class})
    public ResponseEntity<Map<String, String>> queueUnavailable(Exception e) {
        log.warn("A worker call found the task queue unavailable", e);
        return error(HttpStatus.SERVICE_UNAVAILABLE, "QueueUnavailable",
                "The task queue did not answer in time; try again");
    }

    /** Right after a start: a retry succeeds once the instance has read its work teams. */
    @ExceptionHandler(NotReadyException.class)
    public ResponseEntity<Map<String, String>> notReady(NotReadyException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "NotReady", e.getMessage());
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
        return WorkerErrors.response(status, code, message);
    }
}
