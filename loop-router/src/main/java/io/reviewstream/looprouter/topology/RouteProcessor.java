package io.reviewstream.looprouter.topology;

import io.reviewstream.looprouter.domain.LoopNames;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.Prediction;
import io.reviewstream.schemas.serde.PredictionSerde;
import io.reviewstream.schemas.deadletter.DeadLetterException;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;


/**
 * Decides every prediction against the flow definition version current when it arrives: one Decision for each,
 * and a loop candidate, keyed by loop name, for those that need a person. Whether the candidate becomes a loop is
 * decided by the owner of the loop name ({@link StartLoopProcessor}), which is what keeps a replay from starting a
 * second loop.
 */
final class RouteProcessor implements Processor<String, PredictionSerde.Parsed, String, Object> {

    private final RoutingServices services;
    private ProcessorContext<String, Object> context;
    private FlowRouting routing;

    RouteProcessor(RoutingServices services) {
        this.services = services;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.routing = services.routing(context);
    }

    @Override
    public void process(Record<String, PredictionSerde.Parsed> record) {
        if (record.value() == null) {
            throw new DeadLetterException(DeadLetterReason.INVALID, "A prediction record needs a value");
        }
        PredictionSerde.Parsed parsed = record.value();
        // every field but inputContent, whose text is rendered only if a loop starts
        Prediction prediction = parsed.fields();
        String flowName = prediction.getFlowDefinitionName();
        services.metrics().predictionReceived(routing.isKnown(flowName) ? flowName : null);
        String loopName = prediction.getHumanLoopName() != null ? prediction.getHumanLoopName()
                : LoopNames.forPrediction(prediction.getPredictionId());
        if (!LoopNames.isValid(loopName)) {
            throw new DeadLetterException(DeadLetterReason.INVALID, "humanLoopName '" + loopName
                    + "' must be 1-63 lowercase letters, digits and inner hyphens");
        }
        FlowRouting.Routed routed;
        try {
            FlowDefinition flow = routing.activeFlow(flowName);
            routed = routing.route(flow, parsed::inputContent, parsed.input(),
                    prediction.getPredictionId(), true);
        } catch (FlowRouting.NotRoutable e) {
            throw new DeadLetterException(e.reason, e.getMessage(), e.getCause());
        }
        String correlationId = prediction.getEnvelope().getCorrelationId();
        context.forward(record.withKey(prediction.getPredictionId()).withValue(routing.decision(routed,
                prediction.getPredictionId(), loopName, LoopSource.PREDICTION_TOPIC, correlationId,
                prediction.getModel())), LoopRouterTopology.DECISIONS_SINK);
        services.metrics().decision(flowName, routed.metricOutcome());
        if (routed.humanReviewNeeded()) {
            context.forward(record.withKey(loopName).withValue(routing.candidate(routed, loopName,
                    LoopSource.PREDICTION_TOPIC, prediction.getPredictionId(), prediction.getContentClassifiers(),
                    correlationId)), LoopRouterTopology.CANDIDATES_SINK);
        }
    }
}
