package io.reviewstream.looprouter.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.conditions.ActivationConditions;
import io.reviewstream.conditions.CompiledConditions;
import io.reviewstream.conditions.ConditionNotApplicableException;
import io.reviewstream.conditions.Evaluation;
import io.reviewstream.conditions.InvalidConditionsException;
import io.reviewstream.looprouter.domain.LoopNames;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.Prediction;
import io.reviewstream.schemas.deadletter.DeadLetterException;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import io.reviewstream.schemas.event.Envelopes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides every prediction against the flow definition version current when it arrives: one {@link Decision}
 * for each, and a loop candidate, keyed by loop name, for those that need a person. Whether the candidate becomes
 * a loop is decided by the owner of the loop name ({@link StartLoopProcessor}), which is what keeps a replay from
 * starting a second loop.
 */
final class RouteProcessor implements Processor<String, Prediction, String, Object> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Compiled(int version, CompiledConditions conditions) {
    }

    private final Envelopes envelopes;
    private final Arns arns;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Compiled> compiled = new HashMap<>();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, FlowDefinition> flows;

    RouteProcessor(Envelopes envelopes, Arns arns, Clock clock, MeterRegistry meters) {
        this.envelopes = envelopes;
        this.arns = arns;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.flows = context.getStateStore(LoopRouterTopology.FLOW_DEFINITIONS_STORE);
    }

    @Override
    public void process(Record<String, Prediction> record) {
        Prediction prediction = record.value();
        if (prediction == null) {
            throw new DeadLetterException(DeadLetterReason.INVALID, "A prediction record needs a value");
        }
        String flowName = prediction.getFlowDefinitionName();
        counter("reviewstream.predictions.received", "flow", flowName).increment();
        FlowDefinition flow = flows.get(flowName);
        if (flow == null) {
            throw new DeadLetterException(DeadLetterReason.UNKNOWN_FLOW_DEFINITION,
                    "Flow definition " + flowName + " does not exist");
        }
        if (flow.getStatus() == FlowDefinitionStatus.DELETING) {
            throw new DeadLetterException(DeadLetterReason.DELETED_FLOW_DEFINITION,
                    "Flow definition " + flowName + " has been deleted");
        }
        String loopName = prediction.getHumanLoopName() != null ? prediction.getHumanLoopName()
                : LoopNames.forPrediction(prediction.getPredictionId());
        if (!LoopNames.isValid(loopName)) {
            throw new DeadLetterException(DeadLetterReason.INVALID, "humanLoopName '" + loopName
                    + "' must be 1-63 lowercase letters, digits and inner hyphens");
        }
        Evaluation evaluation = evaluate(flow, prediction);

        DecisionOutcome outcome = evaluation.humanReviewNeeded() ? DecisionOutcome.HUMAN_REVIEW
                : DecisionOutcome.AUTO_ACCEPTED;
        Decision decision = Decision.newBuilder()
                .setEnvelope(envelopes.next(prediction.getEnvelope().getCorrelationId()))
                .setPredictionId(prediction.getPredictionId())
                .setFlowDefinitionName(flowName)
                .setFlowDefinitionVersion(flow.getVersion())
                .setSource(LoopSource.PREDICTION_TOPIC)
                .setOutcome(outcome)
                .setSampled(evaluation.sampledOnly())
                .setHumanLoopName(evaluation.humanReviewNeeded() ? loopName : null)
                .setActivationReasons(evaluation.reasons())
                .setConditionResults(evaluation.evaluatedTreeJson())
                .setModel(prediction.getModel())
                .build();
        context.forward(record.withKey(prediction.getPredictionId()).withValue(decision),
                LoopRouterTopology.DECISIONS_SINK);
        counter("reviewstream.decisions", "flow", flowName, "outcome", metricOutcome(evaluation)).increment();

        if (evaluation.humanReviewNeeded()) {
            LoopStarted candidate = LoopStarted.newBuilder()
                    .setEnvelope(envelopes.next(prediction.getEnvelope().getCorrelationId()))
                    .setHumanLoopName(loopName)
                    .setHumanLoopArn(arns.humanLoop(loopName))
                    .setCreationTime(clock.instant())
                    .setFlowDefinition(flow)
                    .setSource(LoopSource.PREDICTION_TOPIC)
                    .setPredictionId(prediction.getPredictionId())
                    .setInputContent(prediction.getInputContent())
                    .setContentClassifiers(prediction.getContentClassifiers())
                    .setActivationConditionsEvaluationResults(evaluation.evaluatedTreeJson())
                    .build();
            context.forward(record.withKey(loopName).withValue(candidate), LoopRouterTopology.CANDIDATES_SINK);
        }
    }

    private Evaluation evaluate(FlowDefinition flow, Prediction prediction) {
        CompiledConditions conditions = conditions(flow);
        JsonNode input;
        try {
            input = JSON.readTree(prediction.getInputContent());
        } catch (JacksonException e) {
            throw new DeadLetterException(DeadLetterReason.INVALID, "inputContent is not JSON: " + e.getOriginalMessage());
        }
        try {
            return conditions.evaluate(input, prediction.getPredictionId());
        } catch (ConditionNotApplicableException e) {
            throw new DeadLetterException(DeadLetterReason.CONDITIONS_NOT_APPLICABLE, e.getMessage(), e);
        }
    }

    /** Conditions are compiled once per flow version, never per record. */
    private CompiledConditions conditions(FlowDefinition flow) {
        Compiled cached = compiled.get(flow.getName());
        if (cached != null && cached.version() == flow.getVersion()) {
            return cached.conditions();
        }
        try {
            CompiledConditions conditions = ActivationConditions.compile(flow.getActivationConditions(),
                    flow.getHumanLoopRequestSource());
            compiled.put(flow.getName(), new Compiled(flow.getVersion(), conditions));
            return conditions;
        } catch (InvalidConditionsException e) {
            throw new DeadLetterException(DeadLetterReason.CONDITIONS_NOT_APPLICABLE,
                    "Flow definition " + flow.getName() + " v" + flow.getVersion() + ": " + e.getMessage(), e);
        }
    }

    private static String metricOutcome(Evaluation evaluation) {
        if (!evaluation.humanReviewNeeded()) {
            return "auto_accepted";
        }
        return evaluation.sampledOnly() ? "sampled" : "human_review";
    }

    private Counter counter(String name, String... tags) {
        return Counter.builder(name).tags(tags).register(meters);
    }
}
