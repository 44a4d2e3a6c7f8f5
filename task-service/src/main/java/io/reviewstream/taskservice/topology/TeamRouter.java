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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns loop events, keyed by loop name, into queue commands keyed by the flow's work team. It remembers each
 * loop's team, since a stop command names only the loop.
 */
final class TeamRouter implements Processor<String, Object, String, TaskCommand> {

    static final String WORKTEAM_ARN_TYPE = "workteam/private-crowd";

    private final Envelopes envelopes;
    private ProcessorContext<String, TaskCommand> context;
    private KeyValueStore<String, String> teamsByLoop;

    TeamRouter(Envelopes envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public void init(ProcessorContext<String, TaskCommand> context) {
        this.context = context;
        this.teamsByLoop = context.getStateStore(TaskServiceTopology.TEAMS_BY_LOOP_STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof LoopStarted loop) {
            String team = team(loop);
            teamsByLoop.put(loop.getHumanLoopName(), team);
            forward(record, TaskCommand.newBuilder()
                    .setEnvelope(envelopes.next(loop.getEnvelope().getCorrelationId()))
                    .setTeam(team).setType(TaskCommandType.LOOP_STARTED).setLoop(loop).build());
        } else if (record.value() instanceof LoopCommand command && command.getType() == LoopCommandType.STOP) {
            String team = teamsByLoop.get(command.getHumanLoopName());
            if (team != null) {
                forward(record, TaskCommand.newBuilder()
                        .setEnvelope(envelopes.next(command.getEnvelope().getCorrelationId()))
                        .setTeam(team).setType(TaskCommandType.STOP_LOOP)
                        .setHumanLoopName(command.getHumanLoopName()).build());
            }
        } else if (record.value() instanceof LoopCommand command && command.getType() == LoopCommandType.DELETE) {
            teamsByLoop.delete(command.getHumanLoopName());
        }
    }

    private void forward(Record<String, Object> record, TaskCommand command) {
        context.forward(record.withKey(command.getTeam()).withValue(command));
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
