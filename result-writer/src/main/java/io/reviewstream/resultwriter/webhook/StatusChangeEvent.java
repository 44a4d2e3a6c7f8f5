package io.reviewstream.resultwriter.webhook;

import io.reviewstream.schemas.event.HumanLoopStatuses;
import io.reviewstream.schemas.avro.LoopCompleted;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A loop completion as the EventBridge event A2I emits ("SageMaker A2I HumanLoop Status Change"), so that rules and
 * handlers written for A2I read it unchanged. The event id is the completion's own event id: a redelivery carries
 * the same id and receivers can drop duplicates.
 */
public final class StatusChangeEvent {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private StatusChangeEvent() {
    }

    public static String id(LoopCompleted completed) {
        return completed.getEnvelope().getEventId();
    }

    public static String json(LoopCompleted completed) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", id(completed));
        event.put("detail-type", "SageMaker A2I HumanLoop Status Change");
        event.put("source", "aws.sagemaker");
        event.put("account", completed.getAccount());
        event.put("time", completed.getCompletedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", completed.getRegion());
        event.putArray("resources").add(completed.getHumanLoopArn());
        ObjectNode detail = event.putObject("detail");
        detail.put("creationTime", millis(completed.getCreationTime()));
        detail.put("failureCode", completed.getFailureCode());
        detail.put("failureReason", completed.getFailureReason());
        detail.put("flowDefinitionArn", completed.getFlowDefinitionArn());
        detail.put("humanLoopArn", completed.getHumanLoopArn());
        detail.put("humanLoopName", completed.getHumanLoopName());
        // a loop whose output could not be stored has none to point to, as DescribeHumanLoop then has no HumanLoopOutput
        if (completed.getOutputS3Uri() != null) {
            detail.putObject("humanLoopOutput").put("outputS3Uri", completed.getOutputS3Uri());
        }
        detail.put("humanLoopStatus", HumanLoopStatuses.wire(completed.getHumanLoopStatus()));
        return JSON.writeValueAsString(event);
    }

    private static String millis(Instant instant) {
        return MILLIS.format(instant);
    }
}
