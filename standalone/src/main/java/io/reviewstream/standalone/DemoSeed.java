package io.reviewstream.standalone;

import io.reviewstream.flowservice.domain.FlowDefinitions;
import io.reviewstream.flowservice.domain.HumanTaskUis;
import io.reviewstream.flowservice.domain.Workteams;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.MemberDefinition;
import io.reviewstream.schemas.avro.OidcMemberDefinition;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.avro.Workteam;
import org.springframework.context.ApplicationContext;

import java.util.List;

/**
 * Seeds the demo work team, task UI and flow definition through flow-service's own domain services, so that they
 * are validated and written exactly as CreateWorkteam, CreateHumanTaskUi and CreateFlowDefinition would, by the
 * one service that writes those topics. Once: a restart finds them and leaves them (and any change a user made to
 * them) alone.
 */
final class DemoSeed {

    private final Workteams workteams;
    private final HumanTaskUis taskUis;
    private final FlowDefinitions flows;
    private final Arns arns;

    DemoSeed(ApplicationContext flowService) {
        this.workteams = flowService.getBean(Workteams.class);
        this.taskUis = flowService.getBean(HumanTaskUis.class);
        this.flows = flowService.getBean(FlowDefinitions.class);
        this.arns = flowService.getBean(Arns.class);
    }

    void seed() {
        if (workteams.list().stream().noneMatch(team -> team.getName().equals(Demo.WORKTEAM))) {
            workteams.create(Workteam.newBuilder()
                    .setName(Demo.WORKTEAM)
                    .setDescription("Demo reviewers of the standalone mode")
                    .setWorkforceArn(arns.workforce("default"))
                    .setMemberDefinitions(List.of(MemberDefinition.newBuilder()
                            .setOidc(OidcMemberDefinition.newBuilder().setGroups(List.of(Demo.GROUP)).build())
                            .build())));
        }
        if (taskUis.list().stream().noneMatch(ui -> ui.getName().equals(Demo.TASK_UI))) {
            taskUis.create(Demo.TASK_UI, Demo.TEMPLATE, List.of());
        }
        if (flows.list().stream().noneMatch(flow -> flow.getName().equals(Demo.FLOW))) {
            flows.create(FlowDefinition.newBuilder()
                    .setName(Demo.FLOW)
                    .setActivationConditions(Demo.CONDITIONS)
                    .setHumanLoopConfig(HumanLoopConfig.newBuilder()
                            .setWorkteamArn(arns.workteam(Demo.WORKTEAM))
                            .setHumanTaskUiArn(arns.humanTaskUi(Demo.TASK_UI))
                            .setTaskTitle("Classify the picture")
                            .setTaskDescription("Check the model's label and correct it if needed")
                            .setTaskCount(1)
                            .setTaskAvailabilityLifetimeInSeconds(86_400)
                            .setTaskTimeLimitInSeconds(600)
                            .build())
                    .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath(Demo.OUTPUT_PATH).build())
                    .setRoleArn(Demo.ROLE_ARN));
        }
    }
}
