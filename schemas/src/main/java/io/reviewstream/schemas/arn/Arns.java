package io.reviewstream.schemas.arn;

/**
 * Builds and reads the ARNs A2I clients see. Region and account are configuration, so a deployment can present the
 * identity its users' code already expects.
 */
public record Arns(String region, String accountId) {

    public static final String FLOW_DEFINITION = "flow-definition";
    public static final String HUMAN_LOOP = "human-loop";
    public static final String HUMAN_TASK_UI = "human-task-ui";
    public static final String WORKTEAM = "workteam/private-crowd";

    public String flowDefinition(String name) {
        return arn(FLOW_DEFINITION, name);
    }

    public String humanLoop(String name) {
        return arn(HUMAN_LOOP, name);
    }

    public String humanTaskUi(String name) {
        return arn(HUMAN_TASK_UI, name);
    }

    public String workteam(String name) {
        return arn(WORKTEAM, name);
    }

    public String workforce(String name) {
        return arn("workforce", name);
    }

    /**
     * The resource name of an ARN of the given type whatever its partition, region and account
     * ({@code arn:aws:sagemaker:r:a:flow-definition/NAME} gives {@code NAME}), or null when it is not one.
     */
    public static String resourceName(String arn, String resourceType) {
        if (arn == null) {
            return null;
        }
        String marker = ":" + resourceType + "/";
        int at = arn.indexOf(marker);
        if (!arn.startsWith("arn:") || at < 0) {
            return null;
        }
        String name = arn.substring(at + marker.length());
        return name.isEmpty() || name.contains("/") ? null : name;
    }

    private String arn(String resourceType, String name) {
        return "arn:aws:sagemaker:" + region + ":" + accountId + ":" + resourceType + "/" + name;
    }
}
