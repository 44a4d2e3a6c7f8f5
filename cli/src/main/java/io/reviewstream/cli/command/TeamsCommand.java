package io.reviewstream.cli.command;

import io.reviewstream.cli.GroupCommand;
import io.reviewstream.cli.LeafSupport;
import io.reviewstream.cli.aws.SdkJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sagemaker.model.CreateWorkteamRequest;

import java.nio.file.Path;

@Command(name = "teams", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Work teams: who reviews a flow's tasks.")
public final class TeamsCommand extends GroupCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a work team from a CreateWorkteam request in JSON, as the AWS CLI's "
                    + "--cli-input-json takes it (PascalCase keys). Prints the team's ARN.")
    int create(@Option(names = "--file", required = true, paramLabel = "FILE",
            description = "e.g. {\"WorkteamName\":\"reviewers\",\"Description\":\"…\",\"MemberDefinitions\":"
                    + "[{\"OidcMemberDefinition\":{\"Groups\":[\"reviewers\"]}}]}") Path file) {
        CreateWorkteamRequest request = SdkJson.read(LeafSupport.readJsonFile(file), CreateWorkteamRequest.builder());
        String arn = LeafSupport.root(spec).aws().sageMaker().createWorkteam(request).workteamArn();
        LeafSupport.out(spec).println(arn);
        return 0;
    }
}
