package io.reviewstream.schemas.event;

import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;

/**
 * Whether a flow definition version can start human loops: the one rule that StartHumanLoop (answered by
 * flow-service at once, without a round trip through Kafka) and predictions (decided by loop-router) both apply.
 */
public final class StartableFlows {

    private StartableFlows() {
    }

    /** Why {@code flow} cannot start loops, as the error says it; null when it can. */
    public static String whyNot(FlowDefinition flow) {
        if (flow.getStatus() != FlowDefinitionStatus.ACTIVE) {
            return "Flow definition " + flow.getName() + " is " + flow.getStatus() + ", not Active";
        }
        if (flow.getHumanLoopConfig() == null) {
            // newer SageMaker models let a flow be created without one; it names no team to review for
            return "Flow definition " + flow.getName()
                    + " has no HumanLoopConfig, so it has no work team to start human loops for";
        }
        return null;
    }
}
