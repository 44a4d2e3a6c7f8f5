package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.LoopCommand;
import io.reviewstream.schemas.avro.LoopCommandType;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.deadletter.DeadLetterException;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.TeamShard;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns loop events, keyed by loop name, into queue commands keyed by the flow's work team, or by the loop's shard
 * of it when the team's queue is sharded. It remembers each loop's shard (its {@link TeamShard#key()}), since a
 * stop command names only the loop, and the number of shards may have changed since the loop started.
 *
 * <p>rs.loops and rs.loop-commands are two topics, so a stop can be read before the start record of its loop
 * (a StopHumanLoop right after StartHumanLoop). Such a stop is kept, with its correlation id, until the loop
 * arrives, and is then applied right after the loop's tasks are made: dropping it would leave the loop Stopping
 * for ever.
 */
final class TeamRouter implements Processor<String, Object, String, TaskCommand> {

    static final String WORKTEAM_ARN_TYPE = "workteam/private-crowd";

    private final Envelopes envelopes;
    private final TaskProperties properties;
    private ProcessorContext<String, TaskCommand> context;
    private KeyValueStore<String, String> teamsByLoop;
    private KeyValueStore<String, String> pendingStops;

    TeamRouter(Envelopes envelopes, TaskProperties properties) {
        this.envelopes = envelopes;
        this.properties = properties;
    }

    @Override
    public void init(ProcessorContext<String, TaskCommand> context) {
        this.context = context;
        this.teamsByLoop = context.getStateStore(TaskServiceTopology.TEAMS_BY_LOOP_STORE);
        this.pendingStops = context.getStateStore(TaskServiceTopology.PENDING_STOPS_STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof LoopStarted loop) {
            String name = loop.getHumanLoopName();
            String team = team(loop);
            TeamShard shard = TeamShard.ofLoop(team, name, properties.shardsOf(team));
            teamsByLoop.put(name, shard.key());
            forward(record, TaskCommand.newBuilder()
                    .setEnvelope(envelopes.next(loop.getEnvelope().getCorrelationId()))
                    .setTeam(team).setShard(shard.shard()).setType(TaskCommandType.LOOP_STARTED).setLoop(loop)
                    .build());
            String stopCorrelationId = pendingStops.get(name);
            if (stopCorrelationId != null) {
                pendingStops.delete(name);
                forward(record, stop(shard, name, stopCorrelationId));
            }
        } else if (record.value() instanceof LoopCommand command && command.getType() == LoopCommandType.STOP) {
            String name = command.getHumanLoopName();
            String shard = teamsByLoop.get(name);
            if (shard != null) {
                forward(record, stop(TeamShard.parse(shard), name, command.getEnvelope().getCorrelationId()));
            } else {
                pendingStops.put(name, command.getEnvelope().getCorrelationId());
            }
        } else if (record.value() instanceof LoopCommand command && command.getType() == LoopCommandType.DELETE) {
            teamsByLoop.delete(command.getHumanLoopName());
            pendingStops.delete(command.getHumanLoopName());
        }
    }

    private TaskCommand stop(TeamShard shard, String loopName, String correlationId) {
        return TaskCommand.newBuilder().setEnvelope(envelopes.next(correlationId))
                .setTeam(shard.team()).setShard(shard.shard()).setType(TaskCommandType.STOP_LOOP)
                .setHumanLoopName(loopName).build();
    }

    private void forward(Record<String, Object> record, TaskCommand command) {
        context.forward(record.withKey(new TeamShard(command.getTeam(), command.getShard()).key()).withValue(command));
    }

    private static String team(LoopStarted loop) {
        var config = loop.getFlowDefinition().getHumanLoopConfig();
        String team = config == null ? null : Arns.resourceName(config.getWorkteamArn(), WORKTEAM_ARN_TYPE);
        if (team == null) {
            throw new DeadLetterException(DeadLetterReason.INVALID, "Loop " + loop.getHumanLoopName()
                    + " has no private work team in its flow definition");
        }
        return team;
    }
}
