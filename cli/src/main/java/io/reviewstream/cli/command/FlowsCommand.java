package io.reviewstream.cli.command;

import io.reviewstream.cli.GroupCommand;
import io.reviewstream.cli.LeafSupport;
import io.reviewstream.cli.aws.SdkJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sagemaker.model.CreateFlowDefinitionRequest;

import java.nio.file.Path;

@Command(name = "flows", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Flow definitions: activation conditions, team, task UI and output path of a review flow.")
public final class FlowsCommand extends GroupCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a flow definition from a CreateFlowDefinition request in JSON (PascalCase keys). "
                    + "HumanLoopActivationConditions may be the conditions object itself rather than a string. "
                    + "Prints the flow's ARN.")
    int create(@Option(names = "--file", required = true, paramLabel = "FILE",
            description = "The CreateFlowDefinition request") Path file) {
        CreateFlowDefinitionRequest request = SdkJson.read(LeafSupport.readJsonFile(file),
                CreateFlowDefinitionRequest.builder());
        String arn = LeafSupport.root(spec).aws().sageMaker().createFlowDefinition(request).flowDefinitionArn();
        LeafSupport.out(spec).println(arn);
        return 0;
    }
}
