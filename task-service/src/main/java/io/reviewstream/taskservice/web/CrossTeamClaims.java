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
import io.reviewstream.taskservice.domain.TaskIds;
import io.reviewstream.taskservice.domain.TeamShard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

/**
 * Claim-next over all of a worker's queues: one per team, or one per shard of a sharded team, each with its own
 * single writer.
 *
 * <p>A worker in one team asks its shards in turn, from a random one on (or from the one a task has just opened in),
 * until one gives a task: a claim is one round trip while the shards have tasks, and the workers spread over the
 * shards' owners. Within a shard tasks go in claim order; across shards only roughly, as every shard holds an even
 * share of the team's loops (by a hash of the loop name), so a worker may get a task ranked a little after the best
 * one of another shard.
 *
 * <p>A worker in several teams gets the best task of all of them. Every queue's owner first tells the task it
 * would give the worker (PEEK_NEXT, which claims nothing); then the owner of the best one claims its next task,
 * provided that still ranks no later than the other queues' best. If it does not (other workers took the good
 * tasks meanwhile), the owner refuses and the worker's queues are looked at again.
 */
final class CrossTeamClaims {

    /** How often the teams are looked at again while other workers keep taking the best tasks. */
    static final int ATTEMPTS = 10;

    private final RequestReplyGateway<TaskCommand, TaskReply> gateway;
    private final Envelopes envelopes;
    private final ToIntFunction<String> shardsOf;

    CrossTeamClaims(RequestReplyGateway<TaskCommand, TaskReply> gateway, Envelopes envelopes,
                    ToIntFunction<String> shardsOf) {
        this.gateway = gateway;
        this.envelopes = envelopes;
        this.shardsOf = shardsOf;
    }

    /**
     * The owner's reply: OK with the claimed task, EMPTY when no queue has a task for the worker, a rejection
     * from an owner, or CONFLICT when every attempt lost the race.
     *
     * @param first a shard to ask before the others of its team (where a task has just opened); null: none
     */
    TaskReply claimNext(List<String> teams, WorkerIdentity worker, TeamShard first) throws TimeoutException {
        if (teams.size() == 1) {
            List<TeamShard> shards = shards(teams.get(0));
            return claimInTurn(shards, first != null && shards.contains(first) ? first.shard()
                    : ThreadLocalRandom.current().nextInt(shards.size()), worker);
        }
        List<TeamShard> queues = teams.stream().flatMap(team -> shards(team).stream()).toList();
        TaskReply last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<TaskView> heads = new ArrayList<>();
            for (TeamShard queue : queues) {
                TaskReply peek = gateway.send(command(queue, TaskCommandType.PEEK_NEXT, worker).build());
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
            last = gateway.send(command(TaskIds.parse(heads.get(0).getTaskId()).queue(), TaskCommandType.CLAIM_NEXT,
                    worker).setRankedNoLaterThan(heads.size() > 1 ? heads.get(1).getRank() : null).build());
            if (last.getOutcome() != TaskReplyOutcome.CONFLICT && last.getOutcome() != TaskReplyOutcome.EMPTY) {
                return last;
            }
        }
        return new TaskReply(envelopes.next(""), TaskReplyOutcome.CONFLICT,
                "The worker's queues changed faster than a task could be chosen; try again", null);
    }

    /** The first reply that is not EMPTY, asking the shards in turn from {@code start} on. */
    private TaskReply claimInTurn(List<TeamShard> shards, int start, WorkerIdentity worker) throws TimeoutException {
        TaskReply reply = null;
        for (int i = 0; i < shards.size(); i++) {
            reply = gateway.send(command(shards.get((start + i) % shards.size()), TaskCommandType.CLAIM_NEXT, worker)
                    .build());
            if (reply.getOutcome() != TaskReplyOutcome.EMPTY) {
                return reply;
            }
        }
        return reply;
    }

    private List<TeamShard> shards(String team) {
        List<TeamShard> shards = new ArrayList<>();
        for (int shard = 0; shard < shardsOf.applyAsInt(team); shard++) {
            shards.add(new TeamShard(team, shard));
        }
        return shards;
    }

    private TaskCommand.Builder command(TeamShard queue, TaskCommandType type, WorkerIdentity worker) {
        return TaskCommand.newBuilder().setEnvelope(envelopes.next(UUID.randomUUID().toString()))
                .setTeam(queue.team()).setShard(queue.shard()).setType(type).setWorker(worker);
    }
}
