package io.reviewstream.cli.command;

import io.reviewstream.cli.GroupCommand;
import io.reviewstream.cli.LeafSupport;
import io.reviewstream.cli.aws.SdkJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sagemaker.model.CreateHumanTaskUiRequest;

import java.nio.file.Path;

@Command(name = "task-uis", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Worker task UIs: the Liquid templates workers answer in.")
public final class TaskUisCommand extends GroupCommand {

    static final class Source {
        @Option(names = "--file", required = true, paramLabel = "FILE",
                description = "A CreateHumanTaskUi request in JSON (PascalCase keys), e.g. "
                        + "{\"HumanTaskUiName\":\"ui\",\"UiTemplate\":{\"Content\":\"<crowd-form>…\"}}")
        Path file;

        @ArgGroup(exclusive = false)
        NameAndTemplate template;
    }

    static final class NameAndTemplate {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The task UI's name")
        String name;

        @Option(names = "--template", required = true, paramLabel = "FILE", description = "The template, HTML")
        Path template;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a task UI from a request file, or from a name and a template file. Prints its ARN.")
    int create(@ArgGroup(exclusive = true, multiplicity = "1") Source source) {
        CreateHumanTaskUiRequest request = source.file != null
                ? SdkJson.read(LeafSupport.readJsonFile(source.file), CreateHumanTaskUiRequest.builder())
                : CreateHumanTaskUiRequest.builder().humanTaskUiName(source.template.name)
                        .uiTemplate(t -> t.content(LeafSupport.readFile(source.template.template))).build();
        String arn = LeafSupport.root(spec).aws().sageMaker().createHumanTaskUi(request).humanTaskUiArn();
        LeafSupport.out(spec).println(arn);
        return 0;
    }
}
