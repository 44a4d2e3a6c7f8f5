package io.reviewstream.looprouter.topology;

import io.reviewstream.conditions.ActivationConditions;
import io.reviewstream.conditions.CompiledConditions;
import io.reviewstream.conditions.ConditionNotApplicableException;
import io.reviewstream.conditions.Evaluation;
import io.reviewstream.conditions.InvalidConditionsException;
import io.reviewstream.looprouter.domain.DecisionDetail;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.StartableFlows;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What predictions and start requests have in common: the flow definition version current now, its conditions
 * compiled once per version, the evaluation, and the {@link Decision} and {@link LoopStarted} events that report
 * it. One instance per stream task, so the compile cache needs no locking.
 */
final class FlowRouting {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Why a record cannot be routed; predictions dead-letter with the reason, start requests are rejected. */
    static final class NotRoutable extends Exception {
        final DeadLetterReason reason;

        NotRoutable(DeadLetterReason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }
    }

    /**
     * @param loopInput what the loop's reviewers and output.json see as inputContent; rendered only when a loop
     *                  needs it, since most predictions start none
     */
    record Routed(FlowDefinition flow, Evaluation evaluation, Supplier<String> loopInput) {

        String loopInputContent() {
            return loopInput.get();
        }

        boolean humanReviewNeeded() {
            return evaluation.humanReviewNeeded();
        }

        /** The {@code outcome} tag of {@code reviewstream.decisions}. */
        String metricOutcome() {
            if (!evaluation.humanReviewNeeded()) {
                return "auto_accepted";
            }
            return evaluation.sampledOnly() ? "sampled" : "human_review";
        }
    }

    /** A flow version's compiled conditions, or why they cannot be used (remembered too, not retried per record). */
    private record Compiled(int version, CompiledConditions conditions, NotRoutable failure) {
    }

    /** A flow definition as decoded from the store's bytes, reused while the bytes stay the same. */
    private record Decoded(byte[] bytes, FlowDefinition flow) {
    }

    private final ReadOnlyKeyValueStore<String, byte[]> flows;
    private final ReadOnlyKeyValueStore<String, byte[]> taskUis;
    private final Deserializer<FlowDefinition> flowDeserializer;
    private final Envelopes envelopes;
    private final Arns arns;
    private final Clock clock;
    private final DecisionDetail decisionDetail;
    private final Map<String, Compiled> compiled = new HashMap<>();
    private final Map<String, Decoded> decoded = new HashMap<>();

    FlowRouting(ReadOnlyKeyValueStore<String, byte[]> flows, ReadOnlyKeyValueStore<String, byte[]> taskUis,
                Deserializer<FlowDefinition> flowDeserializer,
                Envelopes envelopes, Arns arns, Clock clock, DecisionDetail decisionDetail) {
        this.flows = flows;
        this.taskUis = taskUis;
        this.flowDeserializer = flowDeserializer;
        this.envelopes = envelopes;
        this.arns = arns;
        this.clock = clock;
        this.decisionDetail = decisionDetail;
    }

    /** Whether a flow definition of this name exists or existed (a deleted one is kept, marked Deleting). */
    boolean isKnown(String name) {
        return name != null && flows.get(name) != null;
    }

    /** The flow definition version current now, if it can take new loops. */
    FlowDefinition activeFlow(String name) throws NotRoutable {
        FlowDefinition flow = name == null ? null : decode(name, flows.get(name));
        if (flow == null) {
            throw new NotRoutable(DeadLetterReason.UNKNOWN_FLOW_DEFINITION,
                    "Flow definition " + name + " does not exist", null);
        }
        if (flow.getStatus() == FlowDefinitionStatus.DELETING) {
            throw new NotRoutable(DeadLetterReason.DELETED_FLOW_DEFINITION,
                    "Flow definition " + name + " has been deleted", null);
        }
        String notStartable = StartableFlows.whyNot(flow);
        if (notStartable != null) {
            throw new NotRoutable(DeadLetterReason.INVALID, notStartable, null);
        }
        String noTaskUi = StartableFlows.whyNoTaskUi(flow, ui -> taskUis.get(ui) != null);
        if (noTaskUi != null) {
            throw new NotRoutable(DeadLetterReason.DELETED_TASK_UI, noTaskUi, null);
        }
        return flow;
    }

    /**
     * Evaluates the flow's conditions on {@code inputContent}.
     *
     * @param inputContent    {@code inputContent} as text, asked for only when it is needed
     * @param parsedInput     {@code inputContent} already parsed, or null to parse it here
     * @param conditionsApply false for a custom flow's StartHumanLoop, which A2I starts unconditionally
     */
    Routed route(FlowDefinition flow, Supplier<String> inputContent, JsonNode parsedInput, String samplingKey,
                 boolean conditionsApply) throws NotRoutable {
        CompiledConditions conditions = conditionsApply ? conditions(flow) : ActivationConditions.ALWAYS;
        if (conditions == ActivationConditions.ALWAYS) {
            return new Routed(flow, conditions.evaluate(null, samplingKey), inputContent);
        }
        JsonNode input = parsedInput;
        if (input == null) {
            try {
                input = JSON.readTree(inputContent.get());
            } catch (JacksonException e) {
                throw new NotRoutable(DeadLetterReason.INVALID, "inputContent is not JSON: " + e.getOriginalMessage(),
                        e);
            }
        }
        try {
            Evaluation evaluation = conditions.evaluate(input,
                    CompiledConditions.samplingKey(flow.getName(), samplingKey));
            JsonNode loopInput = evaluation.loopInput(input);
            return new Routed(flow, evaluation, loopInput == input ? inputContent : loopInput::toString);
        } catch (ConditionNotApplicableException e) {
            throw new NotRoutable(DeadLetterReason.CONDITIONS_NOT_APPLICABLE, e.getMessage(), e);
        }
    }

    Decision decision(Routed routed, String predictionId, String loopName, LoopSource source,
                      String correlationId, String model) {
        return Decision.newBuilder()
                .setEnvelope(envelopes.derived("decision|" + source + '|' + predictionId, correlationId))
                .setPredictionId(predictionId)
                .setFlowDefinitionName(routed.flow().getName())
                .setFlowDefinitionVersion(routed.flow().getVersion())
                .setSource(source)
                .setOutcome(routed.humanReviewNeeded() ? DecisionOutcome.HUMAN_REVIEW : DecisionOutcome.AUTO_ACCEPTED)
                .setSampled(routed.evaluation().sampledOnly())
                .setHumanLoopName(routed.humanReviewNeeded() ? loopName : null)
                .setActivationReasons(routed.evaluation().reasons())
                .setNodeResults(routed.evaluation().nodeResults())
                .setConditionResults(decisionDetail == DecisionDetail.TREE ? routed.evaluation().evaluatedTreeJson()
                        : null)
                .setModel(model)
                .build();
    }

    /** A loop as rs.loops carries it. */
    LoopStarted loop(Routed routed, String loopName, LoopSource source, String predictionId,
                     List<String> contentClassifiers, String correlationId) {
        return started(routed, loopName, source, predictionId, contentClassifiers, correlationId)
                .setActivationConditionsEvaluationResults(routed.evaluation().evaluatedTreeJson())
                .build();
    }

    /**
     * A loop that starts if its name is new, without its evaluated tree, which its owner rebuilds from the node
     * results ({@link StartLoopProcessor}): the tree was half a candidate's bytes, and a consumer's fetch takes as
     * many bytes of each partition, so candidates ten times the size of predictions fell behind them.
     */
    LoopStarted candidate(Routed routed, String loopName, LoopSource source, String predictionId,
                          List<String> contentClassifiers, String correlationId) {
        return started(routed, loopName, source, predictionId, contentClassifiers, correlationId).build();
    }

    private LoopStarted.Builder started(Routed routed, String loopName, LoopSource source, String predictionId,
                                        List<String> contentClassifiers, String correlationId) {
        return LoopStarted.newBuilder()
                .setEnvelope(envelopes.derived("loop|" + loopName + '|' + correlationId, correlationId))
                .setHumanLoopName(loopName)
                .setHumanLoopArn(arns.humanLoop(loopName))
                .setCreationTime(clock.instant())
                .setFlowDefinition(routed.flow())
                .setSource(source)
                .setPredictionId(predictionId)
                .setInputContent(routed.loopInputContent())
                .setContentClassifiers(contentClassifiers)
                .setNodeResults(routed.evaluation().nodeResults());
    }

    /** Decoding a version once matters: a flow definition is read for every prediction. */
    private FlowDefinition decode(String name, byte[] bytes) throws NotRoutable {
        if (bytes == null) {
            decoded.remove(name);
            return null;
        }
        Decoded cached = decoded.get(name);
        if (cached != null && (cached.bytes() == bytes || Arrays.equals(cached.bytes(), bytes))) {
            return cached.flow();
        }
        try {
            FlowDefinition flow = flowDeserializer.deserialize(LoopRouterTopology.FLOW_DEFINITIONS_STORE, bytes);
            decoded.put(name, new Decoded(bytes, flow));
            return flow;
        } catch (RuntimeException e) {
            throw new NotRoutable(DeadLetterReason.INVALID, "Flow definition " + name + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Conditions are compiled once per flow version, never per record. */
    private CompiledConditions conditions(FlowDefinition flow) throws NotRoutable {
        Compiled cached = compiled.get(flow.getName());
        if (cached == null || cached.version() != flow.getVersion()) {
            try {
                cached = new Compiled(flow.getVersion(), ActivationConditions.compile(flow.getActivationConditions(),
                        flow.getHumanLoopRequestSource()), null);
            } catch (InvalidConditionsException e) {
                cached = new Compiled(flow.getVersion(), null, new NotRoutable(
                        DeadLetterReason.CONDITIONS_NOT_APPLICABLE,
                        "Flow definition " + flow.getName() + " v" + flow.getVersion() + ": " + e.getMessage(), e));
            }
            compiled.put(flow.getName(), cached);
        }
        if (cached.failure() != null) {
            throw cached.failure();
        }
        return cached.conditions();
    }
}
