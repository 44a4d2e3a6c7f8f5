package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.avro.TaskView;
import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.reply.RequestReplyGateway;
import io.reviewstream.taskservice.domain.QueueRanks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Claim-next over all of a worker's teams, each of which has its own single writer. Every team's owner first
 * tells the task it would give the worker (PEEK_NEXT, which claims nothing); then the owner of the best one
 * claims its next task, provided that still ranks no later than the other teams' best. If it does not (other
 * workers took the good tasks meanwhile), the owner refuses and the worker's teams are looked at again.
 */
final class CrossTeamClaims {

    /** How often the teams are looked at again while other workers keep taking the best tasks. */
    static final int ATTEMPTS = 10;

    private final RequestReplyGateway<TaskCommand, TaskReply> gateway;
    private final Envelopes envelopes;

    CrossTeamClaims(RequestReplyGateway<TaskCommand, TaskReply> gateway, Envelopes envelopes) {
        this.gateway = gateway;
        this.envelopes = envelopes;
    }

    /**
     * The owner's reply: OK with the claimed task, EMPTY when no team has a task for the worker, a rejection
     * from an owner, or CONFLICT when every attempt lost the race.
     */
    TaskReply claimNext(List<String> teams, WorkerIdentity worker) throws TimeoutException {
        if (teams.size() == 1) {
            return gateway.send(command(teams.get(0), TaskCommandType.CLAIM_NEXT, worker).build());
        }
        TaskReply last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<TaskView> heads = new ArrayList<>();
            for (String team : teams) {
                TaskReply peek = gateway.send(command(team, TaskCommandType.PEEK_NEXT, worker).build());
                if (peek.getOutcome() == TaskReplyOutcome.OK) {
                    heads.add(peek.getTask());
                } else if (peek.getOutcome() != TaskReplyOutcome.EMPTY) {
                    return peek;
                }
            }
            if (heads.isEmpty()) {
                return new TaskReply(envelopes.next(""), TaskReplyOutcome.EMPTY, "No task is waiting for you", null);
            }
            heads.sort(Comparator.comparing(TaskView::getRank, QueueRanks.ORDER));
            last = gateway.send(command(heads.get(0).getTeam(), TaskCommandType.CLAIM_NEXT, worker)
                    .setRankedNoLaterThan(heads.size() > 1 ? heads.get(1).getRank() : null).build());
            if (last.getOutcome() != TaskReplyOutcome.CONFLICT && last.getOutcome() != TaskReplyOutcome.EMPTY) {
                return last;
            }
        }
        return new TaskReply(envelopes.next(""), TaskReplyOutcome.CONFLICT,
                "The worker's queues changed faster than a task could be chosen; try again", null);
    }

    private TaskCommand.Builder command(String team, TaskCommandType type, WorkerIdentity worker) {
        return TaskCommand.newBuilder().setEnvelope(envelopes.next(UUID.randomUUID().toString()))
                .setTeam(team).setType(type).setWorker(worker);
    }
}
