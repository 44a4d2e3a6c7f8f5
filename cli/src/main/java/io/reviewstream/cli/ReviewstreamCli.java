package io.reviewstream.cli;

import io.reviewstream.cli.aws.AwsClients;
import io.reviewstream.cli.command.CompletionsCommand;
import io.reviewstream.cli.command.FlowsCommand;
import io.reviewstream.cli.command.LoopsCommand;
import io.reviewstream.cli.command.ManifestCommand;
import io.reviewstream.cli.command.PredictionsCommand;
import io.reviewstream.cli.command.TaskUisCommand;
import io.reviewstream.cli.command.TeamsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.net.URI;

/**
 * {@code reviewstream}: the everyday operations from a shell. Exit codes: 0 success, 1 the operation failed (an AWS
 * error printed as {@code Code: message}), 2 a usage error.
 */
// scope INHERIT: every subcommand answers --version as the root does, and takes the global options after its name
@Command(name = "reviewstream", mixinStandardHelpOptions = true, versionProvider = ReviewstreamCli.Version.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Reviewstream from the command line: teams, task UIs, flows, loops, predictions, completions "
                + "and retraining manifests.",
        subcommands = {TeamsCommand.class, TaskUisCommand.class, FlowsCommand.class, LoopsCommand.class,
                PredictionsCommand.class, CompletionsCommand.class, ManifestCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed", "2:usage error"})
public final class ReviewstreamCli extends GroupCommand {

    /** The key pair the standalone mode's flow-service accepts. */
    public static final String DEMO_ACCESS_KEY_ID = "AKIAREVIEWSTREAMDEMO";
    public static final String DEMO_SECRET_ACCESS_KEY = "reviewstream-demo-secret-key";

    @Option(names = "--endpoint", paramLabel = "URL", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:REVIEWSTREAM_ENDPOINT:-http://localhost:8080}",
            description = "flow-service: the SageMaker and A2I runtime API (env REVIEWSTREAM_ENDPOINT; default: "
                    + "${DEFAULT-VALUE})")
    URI endpoint;

    @Option(names = "--region", paramLabel = "REGION", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "us-east-1",
            description = "AWS region to sign for (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--access-key-id", paramLabel = "KEY", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:AWS_ACCESS_KEY_ID:-" + DEMO_ACCESS_KEY_ID + "}",
            description = "Access key id (env AWS_ACCESS_KEY_ID; default: the standalone demo's)")
    String accessKeyId;

    @Option(names = "--secret-access-key", paramLabel = "SECRET", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:AWS_SECRET_ACCESS_KEY:-" + DEMO_SECRET_ACCESS_KEY + "}",
            description = "Secret access key (env AWS_SECRET_ACCESS_KEY; default: the standalone demo's)")
    String secretAccessKey;

    private AwsClients aws;

    /** The SageMaker and A2I runtime clients for the options given, made once. */
    public AwsClients aws() {
        if (aws == null) {
            aws = new AwsClients(endpoint, region, accessKeyId, secretAccessKey);
        }
        return aws;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: what {@link #main} runs, and what tests drive in-process. */
    public static CommandLine commandLine() {
        ReviewstreamCli cli = new ReviewstreamCli();
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println(message(e));
            failed.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    private static String message(Exception e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        }
        if (e instanceof OperationFailedException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ReviewstreamCli.class.getPackage().getImplementationVersion();
            return new String[]{"reviewstream " + (version == null ? "(development build)" : version)};
        }
    }
}
