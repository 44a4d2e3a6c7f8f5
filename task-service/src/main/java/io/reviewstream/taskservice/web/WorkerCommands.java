package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.taskservice.domain.TaskIds;
import io.reviewstream.taskservice.domain.WorkteamDirectory;
import io.reviewstream.taskservice.security.WorkerPrincipals;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** A signed-in worker's commands to their teams' queues, and the team check that comes before them. */
@Component
public class WorkerCommands {

    private final TaskCommandGateway gateway;
    private final WorkteamDirectory teams;
    private final WorkerPrincipals principals;
    private final Envelopes envelopes;

    public WorkerCommands(TaskCommandGateway gateway, WorkteamDirectory teams, WorkerPrincipals principals,
                          Envelopes envelopes) {
        this.gateway = gateway;
        this.teams = teams;
        this.principals = principals;
        this.envelopes = envelopes;
    }

    public List<String> teams(Authentication authentication) {
        return teams.teamsOf(principals.groups(authentication));
    }

    public WorkerIdentity identity(Authentication authentication) {
        return principals.identity(authentication);
    }

    /** The task id, parsed, when it names a task of one of the worker's teams. */
    public Optional<TaskIds> teamTask(String taskId, Authentication authentication) {
        try {
            TaskIds id = TaskIds.parse(taskId);
            return teams(authentication).contains(id.team()) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException notATaskId) {
            return Optional.empty();
        }
    }

    public TaskReply send(String team, TaskCommandType type, Authentication authentication,
                          Consumer<TaskCommand.Builder> details) throws TimeoutException {
        TaskCommand.Builder command = TaskCommand.newBuilder()
                .setEnvelope(envelopes.next(UUID.randomUUID().toString()))
                .setTeam(team).setType(type).setWorker(principals.identity(authentication));
        details.accept(command);
        return gateway.send(command.build());
    }
}
