package io.reviewstream.looprouter.topology;

import io.reviewstream.looprouter.domain.LoopNames;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStartOutcome;
import io.reviewstream.schemas.avro.LoopStartReply;
import io.reviewstream.schemas.avro.LoopStartRequest;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;


/**
 * StartHumanLoop, decided on the loop name's partition (command → validate → event): the reply on
 * rs.loop-replies carries the request's correlation id; a started loop also goes to rs.loops and its Decision to
 * rs.decisions, in the same transaction as the name's claim.
 * <ul>
 *   <li>invalid name, unknown, deleted or inactive flow definition, input the conditions cannot read: REJECTED
 *       with {@code ValidationException} (StartHumanLoop models no ResourceNotFoundException)</li>
 *   <li>name in use with the same input: ALREADY_STARTED with the existing loop's ARN</li>
 *   <li>name in use with other input: CONFLICT, {@code ConflictException}</li>
 *   <li>otherwise STARTED. Custom flows start a loop for every request, as in A2I; a built-in flow's conditions
 *       decide, and when none is met the reply is STARTED without an ARN, A2I's "no loop started".</li>
 * </ul>
 */
final class StartRequestProcessor implements Processor<String, LoopStartRequest, String, Object> {

    static final String VALIDATION = "ValidationException";
    static final String CONFLICT = "ConflictException";

    private final RoutingServices services;
    private ProcessorContext<String, Object> context;
    private FlowRouting routing;
    private LoopNameClaims claims;

    StartRequestProcessor(RoutingServices services) {
        this.services = services;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.routing = services.routing(context);
        this.claims = new LoopNameClaims(context.getStateStore(LoopRouterTopology.LOOP_NAMES_STORE));
    }

    @Override
    public void process(Record<String, LoopStartRequest> record) {
        LoopStartRequest request = record.value();
        if (request == null) {
            return;
        }
        String name = request.getHumanLoopName();
        if (!LoopNames.isValid(name)) {
            reply(record, request, LoopStartOutcome.REJECTED, null, VALIDATION, "HumanLoopName '" + name
                    + "' must be 1-63 characters matching ^[a-z0-9](-*[a-z0-9])*$");
            return;
        }
        switch (claims.check(name, request.getFlowDefinitionName(), request.getInputContent())) {
            case SAME_INPUT -> {
                reply(record, request, LoopStartOutcome.ALREADY_STARTED, services.arns().humanLoop(name), null,
                        "Human loop " + name + " already exists with this input");
                return;
            }
            case OTHER_INPUT -> {
                reply(record, request, LoopStartOutcome.CONFLICT, null, CONFLICT,
                        "Human loop " + name + " already exists with different input or another flow definition");
                return;
            }
            case NEW -> {
                // decided below
            }
        }
        FlowRouting.Routed routed;
        try {
            FlowDefinition flow = routing.activeFlow(request.getFlowDefinitionName());
            routed = routing.route(flow, request::getInputContent, null, name,
                    flow.getHumanLoopRequestSource() != null);
        } catch (FlowRouting.NotRoutable e) {
            reply(record, request, LoopStartOutcome.REJECTED, null, VALIDATION, e.getMessage());
            return;
        }
        String correlationId = request.getEnvelope().getCorrelationId();
        context.forward(record.withValue(routing.decision(routed, name, name, LoopSource.START_HUMAN_LOOP,
                correlationId, null)), LoopRouterTopology.DECISIONS_SINK);
        services.metrics().decision(routed.flow().getName(), routed.metricOutcome());
        if (!routed.humanReviewNeeded()) {
            reply(record, request, LoopStartOutcome.STARTED, null, null, "No activation condition was met");
            return;
        }
        claims.claim(name, request.getFlowDefinitionName(), request.getInputContent());
        context.forward(record.withValue(routing.loop(routed, name, LoopSource.START_HUMAN_LOOP, null,
                request.getContentClassifiers(), correlationId)), LoopRouterTopology.LOOPS_SINK);
        services.metrics().loopStarted(routed.flow().getName(), LoopSource.START_HUMAN_LOOP);
        reply(record, request, LoopStartOutcome.STARTED, services.arns().humanLoop(name), null, null);
    }

    private void reply(Record<String, LoopStartRequest> record, LoopStartRequest request, LoopStartOutcome outcome,
                       String arn, String errorCode, String message) {
        String correlationId = request.getEnvelope().getCorrelationId();
        LoopStartReply reply = LoopStartReply.newBuilder()
                .setEnvelope(services.envelopes().derived("reply|" + correlationId, correlationId))
                .setHumanLoopName(request.getHumanLoopName())
                .setOutcome(outcome)
                .setHumanLoopArn(arn)
                .setErrorCode(errorCode)
                .setMessage(message)
                .build();
        context.forward(record.withValue(reply), LoopRouterTopology.REPLIES_SINK);
        services.metrics().startRequest(outcome);
    }
}
