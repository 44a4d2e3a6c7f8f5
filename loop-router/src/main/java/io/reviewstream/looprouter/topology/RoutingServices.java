package io.reviewstream.looprouter.topology;

import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.event.Envelopes;
import org.apache.kafka.streams.processor.api.ProcessorContext;

import java.time.Clock;

/** What the processors that decide loops share: event envelopes, ARNs, the clock and the router's metrics. */
record RoutingServices(Envelopes envelopes, Arns arns, Clock clock, RouterMetrics metrics) {

    /** The flow routing of one task, over its view of the flow definitions. */
    FlowRouting routing(ProcessorContext<?, ?> context) {
        return new FlowRouting(context.getStateStore(LoopRouterTopology.FLOW_DEFINITIONS_STORE), envelopes, arns,
                clock);
    }
}
