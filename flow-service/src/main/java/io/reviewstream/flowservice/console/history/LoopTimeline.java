package io.reviewstream.flowservice.console.history;

import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopCommand;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.avro.TaskEvent;
import io.reviewstream.schemas.status.LoopStatusStore;
import io.reviewstream.schemas.topic.Topics;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A loop's page: what was decided and why, what happened to its tasks and who did it, every answer, and the
 * {@code output.json} it ended with. Built from the loop's stored history, its current status and, for the output,
 * the object its completion event named.
 */
public final class LoopTimeline {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LoopHistoryStore history;
    private final LoopStatusStore statuses;
    private final OutputDocuments outputs;
    private final Topics topics;
    private final int maxEvents;

    public LoopTimeline(LoopHistoryStore history, LoopStatusStore statuses, OutputDocuments outputs, Topics topics,
                        int maxEvents) {
        this.history = history;
        this.statuses = statuses;
        this.outputs = outputs;
        this.topics = topics;
        this.maxEvents = maxEvents;
    }

    /** The loop's timeline, or empty when neither its status nor any of its history is known. */
    public Optional<ObjectNode> of(String loopName) {
        Optional<LoopStatusEvent> status = statuses.get(loopName);
        List<LoopHistoryStore.Entry> entries = history.history(loopName, maxEvents);
        if (status.isEmpty() && entries.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode page = JSON.createObjectNode().put("humanLoopName", loopName);
        status.ifPresent(s -> page.set("status", status(s)));
        ArrayNode events = page.putArray("events");
        ArrayNode answers = page.putArray("answers");
        String outputUri = status.map(s -> s.getOutputS3Uri()).orElse(null);
        for (LoopHistoryStore.Entry entry : entries) {
            ObjectNode event = events.addObject().put("at", Instant.ofEpochMilli(entry.timestamp()).toString());
            if (entry.topic().equals(topics.decisions.name())) {
                decision(event, topics.decisions.valueSerde().deserializer().deserialize(entry.topic(),
                        entry.value()));
            } else if (entry.topic().equals(topics.loops.name())) {
                LoopStarted started = topics.loops.valueSerde().deserializer().deserialize(entry.topic(),
                        entry.value());
                event.put("kind", "LoopStarted").put("flowDefinitionName", started.getFlowDefinition().getName())
                        .put("flowDefinitionVersion", started.getFlowDefinition().getVersion())
                        .put("source", started.getSource().name());
                page.set("input", json(started.getInputContent()));
            } else if (entry.topic().equals(topics.loopCommands.name())) {
                LoopCommand command = topics.loopCommands.valueSerde().deserializer().deserialize(entry.topic(),
                        entry.value());
                event.put("kind", "LoopCommand").put("type", command.getType().name());
            } else if (entry.topic().equals(topics.taskEvents.name())) {
                TaskEvent task = topics.taskEvents.valueSerde().deserializer().deserialize(entry.topic(),
                        entry.value());
                event.put("at", task.getAt().toString()).put("kind", "Task").put("type", task.getType().name())
                        .put("taskId", task.getTaskId()).put("team", task.getTeam())
                        .put("workerId", task.getWorkerId());
                if (task.getSinceClaimMillis() != null) {
                    event.put("sinceClaimMillis", task.getSinceClaimMillis());
                }
            } else if (entry.topic().equals(topics.answers.name())) {
                LoopAnswers ended = topics.answers.valueSerde().deserializer().deserialize(entry.topic(),
                        entry.value());
                event.put("kind", "LoopEnded").put("outcome", ended.getOutcome().name())
                        .put("answerCount", ended.getAnswers().size()).put("failureReason", ended.getFailureReason());
                answers.removeAll();
                ended.getAnswers().forEach(answer -> answers.add(answer(answer)));
            } else if (entry.topic().equals(topics.loopCompleted.name())) {
                LoopCompleted completed = topics.loopCompleted.valueSerde().deserializer().deserialize(entry.topic(),
                        entry.value());
                event.put("kind", "LoopCompleted").put("humanLoopStatus", completed.getHumanLoopStatus().name())
                        .put("outputS3Uri", completed.getOutputS3Uri())
                        .put("failureReason", completed.getFailureReason());
                if (completed.getOutputS3Uri() != null) {
                    outputUri = completed.getOutputS3Uri();
                }
            }
        }
        if (outputUri != null) {
            page.set("output", output(outputUri));
        }
        return Optional.of(page);
    }

    private static ObjectNode status(LoopStatusEvent s) {
        return JSON.createObjectNode().put("humanLoopStatus", s.getStatus().name())
                .put("flowDefinitionName", s.getFlowDefinitionName())
                .put("creationTime", s.getCreationTime().toString())
                .put("updatedAt", s.getUpdatedAt().toString())
                .put("failureReason", s.getFailureReason())
                .put("outputS3Uri", s.getOutputS3Uri());
    }

    private static void decision(ObjectNode event, Decision decision) {
        event.put("kind", "Decision").put("predictionId", decision.getPredictionId())
                .put("flowDefinitionName", decision.getFlowDefinitionName())
                .put("flowDefinitionVersion", decision.getFlowDefinitionVersion())
                .put("source", decision.getSource().name())
                .put("outcome", decision.getOutcome().name())
                .put("sampled", decision.getSampled())
                .put("model", decision.getModel());
        ArrayNode reasons = event.putArray("activationReasons");
        decision.getActivationReasons().forEach(reasons::add);
        ArrayNode nodes = event.putArray("nodeResults");
        decision.getNodeResults().forEach(nodes::add);
        if (decision.getConditionResults() != null) {
            event.set("conditionResults", json(decision.getConditionResults()));
        }
    }

    private static ObjectNode answer(HumanAnswer answer) {
        ObjectNode node = JSON.createObjectNode().put("taskId", answer.getTaskId())
                .put("workerId", answer.getWorkerId())
                .put("subject", answer.getSubject())
                .put("acceptanceTime", answer.getAcceptanceTime().toString())
                .put("submissionTime", answer.getSubmissionTime().toString())
                .put("timeSpentInSeconds", answer.getTimeSpentInSeconds());
        node.set("answerContent", json(answer.getAnswerContent()));
        return node;
    }

    private ObjectNode output(String uri) {
        ObjectNode node = JSON.createObjectNode().put("uri", uri);
        OutputDocuments.Read read = outputs.read(uri);
        read.bytes().ifPresentOrElse(bytes -> node.set("document", json(new String(bytes, StandardCharsets.UTF_8))),
                () -> node.put("failure", read.failure()));
        return node;
    }

    /** The JSON a field holds, or the text itself when it is not JSON. */
    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return JSON.getNodeFactory().stringNode(text);
        }
    }
}
