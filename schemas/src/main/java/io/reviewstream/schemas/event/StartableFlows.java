package io.reviewstream.schemas.event;

import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;

import java.util.function.Predicate;

/**
 * Whether a flow definition version can start human loops: the rules that StartHumanLoop (answered by
 * flow-service at once, without a round trip through Kafka) and predictions (decided by loop-router) both apply.
 */
public final class StartableFlows {

    private StartableFlows() {
    }

    /**
     * Why {@code flow}, {@link #whyNot startable} otherwise, cannot start loops: as in A2I, a flow whose human task
     * UI was deleted starts none (loops running already finish with the template they started with); null when it
     * can.
     *
     * @param taskUiExists whether a human task UI of this name exists now
     */
    public static String whyNoTaskUi(FlowDefinition flow, Predicate<String> taskUiExists) {
        String arn = flow.getHumanLoopConfig().getHumanTaskUiArn();
        String name = Arns.resourceName(arn, Arns.HUMAN_TASK_UI);
        if (name == null || !taskUiExists.test(name)) {
            return "Human task UI " + arn + " of flow definition " + flow.getName()
                    + " has been deleted; publish a version of the flow with another task UI";
        }
        return null;
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
