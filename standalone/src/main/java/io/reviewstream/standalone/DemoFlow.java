package io.reviewstream.standalone;

import software.amazon.awssdk.services.sagemaker.SageMakerClient;

import java.net.URI;

/**
 * The demo's team, task UI and flow, created through the SDK like an A2I user does, against a flow-service that runs
 * as a process of its own (in one JVM, {@link DemoSeed} seeds them); and further teams with a flow of their own on
 * the demo's task UI.
 */
public final class DemoFlow {

    private DemoFlow() {
    }

    public static void create(URI flowService) {
        try (SageMakerClient sageMaker = DemoClients.sageMaker(flowService)) {
            sageMaker.createHumanTaskUi(r -> r.humanTaskUiName(Demo.TASK_UI)
                    .uiTemplate(t -> t.content(Demo.TEMPLATE)));
            createTeamFlow(sageMaker, Demo.WORKTEAM, Demo.GROUP, Demo.FLOW);
        }
    }

    /** A team of the workers in {@code group}, and a flow with the demo's conditions that sends its loops to it. */
    public static void createTeamFlow(URI flowService, String team, String group, String flow) {
        try (SageMakerClient sageMaker = DemoClients.sageMaker(flowService)) {
            createTeamFlow(sageMaker, team, group, flow);
        }
    }

    private static void createTeamFlow(SageMakerClient sageMaker, String team, String group, String flow) {
        String teamArn = sageMaker.createWorkteam(r -> r.workteamName(team).description("Reviewers")
                .memberDefinitions(m -> m.oidcMemberDefinition(o -> o.groups(group)))).workteamArn();
        String ui = sageMaker.describeHumanTaskUi(r -> r.humanTaskUiName(Demo.TASK_UI)).humanTaskUiArn();
        sageMaker.createFlowDefinition(r -> r.flowDefinitionName(flow)
                .humanLoopActivationConfig(a -> a.humanLoopActivationConditionsConfig(
                        c -> c.humanLoopActivationConditions(Demo.CONDITIONS)))
                .humanLoopConfig(h -> h.workteamArn(teamArn).humanTaskUiArn(ui)
                        .taskTitle("Classify the picture").taskDescription("Check the label").taskCount(1))
                .outputConfig(o -> o.s3OutputPath(Demo.OUTPUT_PATH))
                .roleArn(Demo.ROLE_ARN));
    }
}
