package io.reviewstream.looprouter.topology;

import io.reviewstream.looprouter.domain.DecisionDetail;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.avro.FlowDefinition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;

import java.time.Clock;

/**
 * What the processors that decide loops share: event envelopes, ARNs, the clock, the router's metrics, how the
 * flow definitions kept as bytes are read, and what a Decision carries.
 */
record RoutingServices(Envelopes envelopes, Arns arns, Clock clock, RouterMetrics metrics,
                       Deserializer<FlowDefinition> flowDefinitions, DecisionDetail decisionDetail) {

    /** The flow routing of one task, over its view of the flow definitions. */
    FlowRouting routing(ProcessorContext<?, ?> context) {
        return new FlowRouting(context.getStateStore(LoopRouterTopology.FLOW_DEFINITIONS_STORE),
                context.getStateStore(LoopRouterTopology.TASK_UIS_STORE), flowDefinitions,
                envelopes, arns, clock, decisionDetail);
    }
}
