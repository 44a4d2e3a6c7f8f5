package io.reviewstream.schemas.topic;

import io.reviewstream.schemas.avro.ConsoleAuditEvent;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopCommand;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.avro.LoopStartReply;
import io.reviewstream.schemas.avro.LoopStartRequest;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.avro.Prediction;
import io.reviewstream.schemas.avro.TaskEvent;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.serde.SerdeFactory;
import org.apache.kafka.common.serialization.Serdes;

import java.util.List;

/**
 * The registry of Reviewstream's shared topics (architecture.md, "Data flow"). Every topic is keyed by a string:
 * the loop name for everything about a loop, the resource name for control-plane resources, the prediction id
 * for predictions and decisions. Names are {@code prefix + base name}; the prefix defaults to {@code rs.}.
 *
 * <p>Service-internal topics (command and reply topics of one service) are declared by that service with the same
 * {@link Topic} type and {@link SerdeFactory}.
 */
public final class Topics {

    public final Topic<String, Prediction> predictions;
    public final Topic<String, LoopStartRequest> loopRequests;
    public final Topic<String, LoopStartReply> loopReplies;
    public final Topic<String, FlowDefinition> flowDefinitions;
    public final Topic<String, HumanTaskUi> taskUis;
    public final Topic<String, Workteam> workteams;
    public final Topic<String, Decision> decisions;
    public final Topic<String, LoopStarted> loops;
    public final Topic<String, LoopAnswers> answers;
    public final Topic<String, TaskEvent> taskEvents;
    /** task-service's snapshots of its teams' queues, which flow-service's console reads too. */
    public final Topic<String, TeamQueue> taskQueues;
    public final Topic<String, LoopCompleted> loopCompleted;
    public final Topic<String, LoopStatusEvent> loopStatus;
    public final Topic<String, LoopCommand> loopCommands;
    public final Topic<byte[], byte[]> deadLetters;
    /** Every change made through the operator's console. */
    public final Topic<String, ConsoleAuditEvent> consoleAudit;

    private final String prefix;

    public Topics(String prefix, SerdeFactory serdes) {
        this.prefix = prefix;
        predictions = new Topic<>(prefix + "predictions", Serdes.String(), serdes.prediction(), false);
        loopRequests = stream("loop-requests", serdes, LoopStartRequest.class);
        loopReplies = stream("loop-replies", serdes, LoopStartReply.class);
        flowDefinitions = compacted("flow-definitions", serdes, FlowDefinition.class);
        taskUis = compacted("task-uis", serdes, HumanTaskUi.class);
        workteams = compacted("workteams", serdes, Workteam.class);
        decisions = stream("decisions", serdes, Decision.class);
        loops = stream("loops", serdes, LoopStarted.class);
        answers = stream("answers", serdes, LoopAnswers.class);
        taskEvents = stream("task-events", serdes, TaskEvent.class);
        taskQueues = compacted("task-queues", serdes, TeamQueue.class);
        loopCompleted = stream("loop-completed", serdes, LoopCompleted.class);
        loopStatus = compacted("loop-status", serdes, LoopStatusEvent.class);
        loopCommands = stream("loop-commands", serdes, LoopCommand.class);
        deadLetters = new Topic<>(prefix + "dead-letters", Serdes.ByteArray(), Serdes.ByteArray(), false);
        consoleAudit = stream("console-audit", serdes, ConsoleAuditEvent.class);
    }

    /** The name a service-internal topic gets, under the same prefix as the shared ones. */
    public String name(String baseName) {
        return prefix + baseName;
    }

    public List<Topic<?, ?>> all() {
        return List.of(predictions, loopRequests, loopReplies, flowDefinitions, taskUis, workteams, decisions, loops,
                answers, taskEvents, taskQueues, loopCompleted, loopStatus, loopCommands, deadLetters, consoleAudit);
    }

    private <V extends org.apache.avro.specific.SpecificRecord> Topic<String, V> stream(
            String baseName, SerdeFactory serdes, Class<V> type) {
        return new Topic<>(prefix + baseName, Serdes.String(), serdes.avro(type), false);
    }

    private <V extends org.apache.avro.specific.SpecificRecord> Topic<String, V> compacted(
            String baseName, SerdeFactory serdes, Class<V> type) {
        return new Topic<>(prefix + baseName, Serdes.String(), serdes.avro(type), true);
    }
}
