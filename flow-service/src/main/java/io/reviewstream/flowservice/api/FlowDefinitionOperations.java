package io.reviewstream.flowservice.api;

import io.reviewstream.flowservice.domain.FlowDefinitions;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.avro.PublicWorkforceTaskPrice;
import io.reviewstream.schemas.s3.InvalidS3NameException;
import io.reviewstream.schemas.s3.S3OutputPath;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Supplier;

/** CreateFlowDefinition, DescribeFlowDefinition, ListFlowDefinitions and DeleteFlowDefinition on the wire. */
public final class FlowDefinitionOperations {

    private final FlowDefinitions flows;

    public FlowDefinitionOperations(FlowDefinitions flows) {
        this.flows = flows;
    }

    public ObjectNode create(Input input) {
        String name = input.string("FlowDefinitionName", true, 1, 63, Patterns.FLOW_DEFINITION_NAME);
        Input source = input.object("HumanLoopRequestSource", false);
        // Besides A2I's two, some SDK releases list other sources and clients built with them send them: they are
        // kept, and their conditions read as a custom model's.
        String requestSource = source == null ? null
                : source.string("AwsManagedHumanLoopRequestSource", true, 1, 256, Patterns.REQUEST_SOURCE);
        Input activation = input.object("HumanLoopActivationConfig", false);
        Input conditionsConfig = activation == null ? null
                : activation.object("HumanLoopActivationConditionsConfig", true);
        String conditions = conditionsConfig == null ? null
                : conditionsConfig.string("HumanLoopActivationConditions", true, 0, 10240);
        // required by older models, optional in newer ones: a flow without it is kept, but starts no loops
        Input config = input.object("HumanLoopConfig", false);
        Supplier<HumanLoopConfig> loopConfig = config == null ? null : humanLoopConfig(config);
        Input output = input.object("OutputConfig", true);
        String s3OutputPath = output == null ? null
                : output.string("S3OutputPath", true, 0, 1024, Patterns.S3_OUTPUT_PATH);
        checkS3OutputPath(output, s3OutputPath);
        // the older model allows any key id, the newer one a character set; the older is served too
        String kmsKeyId = output == null ? null : output.string("KmsKeyId", false, 0, 2048, Patterns.ANY);
        String roleArn = input.string("RoleArn", true, 20, 2048, Patterns.ROLE_ARN);
        var tags = Shapes.tags(input);
        input.check();
        FlowDefinition created = flows.create(FlowDefinition.newBuilder()
                .setName(name)
                .setHumanLoopRequestSource(requestSource)
                .setActivationConditions(conditions)
                .setHumanLoopConfig(loopConfig == null ? null : loopConfig.get())
                .setOutputConfig(new OutputConfig(s3OutputPath, kmsKeyId))
                .setRoleArn(roleArn)
                .setTags(tags));
        return Shapes.object().put("FlowDefinitionArn", created.getArn());
    }

    /**
     * Beyond the model's pattern, AWS's bucket and key rules: a path the object store refuses would otherwise only
     * fail each loop of the flow when its output is written.
     */
    private static void checkS3OutputPath(Input output, String path) {
        if (path == null || path.length() > 1024 || !Patterns.S3_OUTPUT_PATH.matcher(path).matches()) {
            return;
        }
        try {
            S3OutputPath.parse(path);
        } catch (InvalidS3NameException e) {
            output.violation("S3OutputPath", e.getMessage());
        }
    }

    public ObjectNode describe(Input input) {
        String name = input.string("FlowDefinitionName", true, 1, 63, Patterns.FLOW_DEFINITION_NAME);
        input.check();
        return described(flows.describe(name));
    }

    /** A version of a flow definition as DescribeFlowDefinition answers it. */
    public static ObjectNode described(FlowDefinition flow) {
        ObjectNode out = summary(flow);
        if (flow.getHumanLoopRequestSource() != null) {
            out.putObject("HumanLoopRequestSource")
                    .put("AwsManagedHumanLoopRequestSource", flow.getHumanLoopRequestSource());
        }
        if (flow.getActivationConditions() != null) {
            out.putObject("HumanLoopActivationConfig").putObject("HumanLoopActivationConditionsConfig")
                    .put("HumanLoopActivationConditions", flow.getActivationConditions());
        }
        if (flow.getHumanLoopConfig() != null) {
            out.set("HumanLoopConfig", humanLoopConfig(flow.getHumanLoopConfig()));
        }
        ObjectNode output = out.putObject("OutputConfig").put("S3OutputPath", flow.getOutputConfig().getS3OutputPath());
        if (flow.getOutputConfig().getKmsKeyId() != null) {
            output.put("KmsKeyId", flow.getOutputConfig().getKmsKeyId());
        }
        out.put("RoleArn", flow.getRoleArn());
        // not in A2I's model (SDKs ignore unknown members): which version new loops start with
        out.put("ReviewstreamVersion", flow.getVersion());
        return out;
    }

    public ObjectNode list(Input input) {
        Shapes.CreationWindow window = Shapes.CreationWindow.epochSeconds(input);
        Shapes.Paging paging = Shapes.Paging.of(input, true);
        input.check();
        return Page.of(flows.list().stream().filter(flow -> window.contains(flow.getCreationTime())).toList(),
                        flow -> new Page.Position(flow.getCreationTime().toEpochMilli(), flow.getName()),
                        paging, "flow-definitions " + window)
                .render("FlowDefinitionSummaries", FlowDefinitionOperations::summary);
    }

    public ObjectNode delete(Input input) {
        String name = input.string("FlowDefinitionName", true, 1, 63, Patterns.FLOW_DEFINITION_NAME);
        input.check();
        flows.delete(name);
        return Shapes.object();
    }

    private static ObjectNode summary(FlowDefinition flow) {
        ObjectNode out = Shapes.object()
                .put("FlowDefinitionArn", flow.getArn())
                .put("FlowDefinitionName", flow.getName())
                .put("FlowDefinitionStatus", status(flow.getStatus()));
        out.set("CreationTime", Timestamps.epochSeconds(flow.getCreationTime()));
        if (flow.getFailureReason() != null) {
            out.put("FailureReason", flow.getFailureReason());
        }
        return out;
    }

    private static String status(FlowDefinitionStatus status) {
        return switch (status) {
            case INITIALIZING -> "Initializing";
            case ACTIVE -> "Active";
            case FAILED -> "Failed";
            case DELETING -> "Deleting";
            case UNKNOWN -> "Failed";
        };
    }

    /** Reads the members now and builds once the caller has checked them: Avro refuses nulls. */
    private static Supplier<HumanLoopConfig> humanLoopConfig(Input config) {
        String workteamArn = config.string("WorkteamArn", true, 0, 256, Patterns.WORKTEAM_ARN);
        String humanTaskUiArn = config.string("HumanTaskUiArn", true, 0, 1024, Patterns.HUMAN_TASK_UI_ARN);
        String title = config.string("TaskTitle", true, 1, 128, Patterns.TASK_TITLE);
        String description = config.string("TaskDescription", true, 1, 255, Patterns.NON_EMPTY);
        Integer count = config.integer("TaskCount", true, 1, 3);
        Integer lifetime = config.integer("TaskAvailabilityLifetimeInSeconds", false, 1, Integer.MAX_VALUE);
        Integer timeLimit = config.integer("TaskTimeLimitInSeconds", false, 30, Integer.MAX_VALUE);
        List<String> keywords = config.strings("TaskKeywords", false, 1, 5, 1, 30, Patterns.TASK_KEYWORD);
        Input price = config.object("PublicWorkforceTaskPrice", false);
        Input usd = price == null ? null : price.object("AmountInUsd", false);
        PublicWorkforceTaskPrice amount = usd == null ? null : new PublicWorkforceTaskPrice(
                usd.integer("Dollars", false, 0, 2), usd.integer("Cents", false, 0, 99),
                usd.integer("TenthFractionsOfACent", false, 0, 9));
        return () -> HumanLoopConfig.newBuilder()
                .setWorkteamArn(workteamArn)
                .setHumanTaskUiArn(humanTaskUiArn)
                .setTaskTitle(title)
                .setTaskDescription(description)
                .setTaskCount(count)
                .setTaskAvailabilityLifetimeInSeconds(lifetime)
                .setTaskTimeLimitInSeconds(timeLimit)
                .setTaskKeywords(keywords == null ? List.of() : keywords)
                .setPublicWorkforceTaskPrice(amount)
                .build();
    }

    private static ObjectNode humanLoopConfig(HumanLoopConfig config) {
        ObjectNode out = Shapes.object()
                .put("WorkteamArn", config.getWorkteamArn())
                .put("HumanTaskUiArn", config.getHumanTaskUiArn())
                .put("TaskTitle", config.getTaskTitle())
                .put("TaskDescription", config.getTaskDescription())
                .put("TaskCount", config.getTaskCount());
        if (config.getTaskAvailabilityLifetimeInSeconds() != null) {
            out.put("TaskAvailabilityLifetimeInSeconds", config.getTaskAvailabilityLifetimeInSeconds());
        }
        if (config.getTaskTimeLimitInSeconds() != null) {
            out.put("TaskTimeLimitInSeconds", config.getTaskTimeLimitInSeconds());
        }
        if (!config.getTaskKeywords().isEmpty()) {
            var keywords = out.putArray("TaskKeywords");
            config.getTaskKeywords().forEach(keywords::add);
        }
        PublicWorkforceTaskPrice price = config.getPublicWorkforceTaskPrice();
        if (price != null) {
            ObjectNode usd = out.putObject("PublicWorkforceTaskPrice").putObject("AmountInUsd");
            if (price.getDollars() != null) {
                usd.put("Dollars", price.getDollars());
            }
            if (price.getCents() != null) {
                usd.put("Cents", price.getCents());
            }
            if (price.getTenthFractionsOfACent() != null) {
                usd.put("TenthFractionsOfACent", price.getTenthFractionsOfACent());
            }
        }
        return out;
    }
}
