package io.reviewstream.cli.command;

import io.reviewstream.cli.GroupCommand;
import io.reviewstream.cli.LeafSupport;
import io.reviewstream.cli.aws.SdkJson;
import io.reviewstream.cli.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;
import software.amazon.awssdk.services.sagemakera2iruntime.model.HumanLoopDataAttributes;
import software.amazon.awssdk.services.sagemakera2iruntime.model.HumanLoopSummary;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ListHumanLoopsRequest;
import software.amazon.awssdk.services.sagemakera2iruntime.model.StartHumanLoopRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

@Command(name = "loops", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Human loops: start them from a file, list and describe them.")
public final class LoopsCommand extends GroupCommand {

    private static final DateTimeFormatter PREFIX_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts one human loop per line of a JSON Lines file (StartHumanLoop), with a progress bar, "
                    + "and prints a summary. Exit code 1 if any line failed; the other lines are still started.",
                    "A line is the loop's input content, {\"label\":\"cat\",\"confidence\":0.4}, or "
                            + "{\"HumanLoopName\":\"…\",\"InputContent\":{…},\"DataAttributes\":{…}}."})
    int start(@Option(names = "--flow", required = true, paramLabel = "NAME",
                      description = "The flow definition's name or ARN") String flow,
              @Option(names = "--file", required = true, paramLabel = "FILE",
                      description = "The JSON Lines file") Path file,
              @Option(names = "--name-prefix", paramLabel = "P",
                      description = "Loops without a HumanLoopName are named P-<line number> "
                              + "(default: the flow's name and the current UTC time, FLOW-yyyyMMdd-HHmmss)")
              String namePrefix) {
        SageMakerA2IRuntimeClient a2i = LeafSupport.root(spec).aws().a2i();
        String flowArn = LeafSupport.root(spec).aws().flowArn(flow);
        String prefix = namePrefix != null ? namePrefix
                : flowArn.substring(flowArn.lastIndexOf('/') + 1) + "-" + PREFIX_TIME.format(Instant.now());
        List<String> lines = LeafSupport.readFile(file).lines().toList();
        long loops = lines.stream().filter(line -> !line.isBlank()).count();
        PrintWriter err = LeafSupport.err(spec);
        Progress progress = Progress.forTerminal("loops", loops, LeafSupport.out(spec));
        try (progress) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    a2i.startHumanLoop(request(lines.get(i), flowArn, prefix + "-" + (i + 1)));
                    progress.succeeded();
                } catch (AwsServiceException e) {
                    progress.failed();
                    err.println("line " + (i + 1) + ": " + e.awsErrorDetails().errorCode() + ": "
                            + e.awsErrorDetails().errorMessage());
                } catch (JacksonException e) {
                    progress.failed();
                    err.println("line " + (i + 1) + ": not valid JSON: " + e.getOriginalMessage());
                } catch (IllegalArgumentException e) {
                    progress.failed();
                    err.println("line " + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        err.flush();
        LeafSupport.out(spec).printf("Started %d of %d loops on %s, %d failed%n", progress.succeededCount(), loops,
                flowArn, progress.failedCount());
        return progress.failedCount() == 0 ? 0 : 1;
    }

    /** A line with InputContent is a request of its own; any other object is the input content itself. */
    private static StartHumanLoopRequest request(String line, String flowArn, String defaultName) {
        JsonNode json = LeafSupport.JSON.readTree(line);
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("must be a JSON object");
        }
        StartHumanLoopRequest.Builder request = StartHumanLoopRequest.builder()
                .flowDefinitionArn(flowArn).humanLoopName(defaultName);
        if (!json.has("InputContent")) {
            return request.humanLoopInput(input -> input.inputContent(line.strip())).build();
        }
        JsonNode content = json.get("InputContent");
        String inputContent = content.isString() ? content.asString() : LeafSupport.JSON.writeValueAsString(content);
        request.humanLoopInput(input -> input.inputContent(inputContent));
        if (json.hasNonNull("HumanLoopName")) {
            request.humanLoopName(json.get("HumanLoopName").asString());
        }
        if (json.hasNonNull("DataAttributes")) {
            request.dataAttributes(SdkJson.read(json.get("DataAttributes"),
                    HumanLoopDataAttributes.builder()));
        }
        return request.build();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists a flow's human loops (ListHumanLoops), newest first: name, status, creation time.")
    int list(@Option(names = "--flow", required = true, paramLabel = "NAME",
                     description = "The flow definition's name or ARN") String flow,
             @Option(names = "--status", paramLabel = "STATUS",
                     description = "Only loops in this status: InProgress, Completed, Stopped, Stopping, Failed")
             String status,
             @Option(names = "--after", paramLabel = "ISO", converter = Instants.class,
                     description = "Only loops created after this instant or day") Instant after,
             @Option(names = "--before", paramLabel = "ISO", converter = Instants.class,
                     description = "Only loops created before this instant or day") Instant before,
             @Option(names = "--max", paramLabel = "N", description = "At most N loops") Integer max,
             @Option(names = "--json", description = "One JSON object per loop (HumanLoopSummary) instead of a table")
             boolean json) {
        if (max != null && max < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1");
        }
        ListHumanLoopsRequest request = ListHumanLoopsRequest.builder()
                .flowDefinitionArn(LeafSupport.root(spec).aws().flowArn(flow))
                .creationTimeAfter(after).creationTimeBefore(before).sortOrder("Descending").build();
        List<HumanLoopSummary> loops = new ArrayList<>();
        for (HumanLoopSummary loop : LeafSupport.root(spec).aws().a2i().listHumanLoopsPaginator(request)
                .humanLoopSummaries()) {
            if (max != null && loops.size() >= max) {
                break;
            }
            if (status == null || status.equalsIgnoreCase(loop.humanLoopStatusAsString())) {
                loops.add(loop);
            }
        }
        PrintWriter out = LeafSupport.out(spec);
        int nameWidth = loops.stream().mapToInt(loop -> loop.humanLoopName().length()).max().orElse(0);
        for (HumanLoopSummary loop : loops) {
            out.println(json ? LeafSupport.JSON.writeValueAsString(SdkJson.write(loop))
                    : ("%-" + nameWidth + "s  %-10s  %s").formatted(loop.humanLoopName(),
                    loop.humanLoopStatusAsString(), loop.creationTime()));
        }
        return 0;
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Describes a human loop (DescribeHumanLoop) as JSON: status, failure, output location.")
    int describe(@Parameters(paramLabel = "NAME", description = "The loop's name") String name) {
        var loop = LeafSupport.root(spec).aws().a2i().describeHumanLoop(r -> r.humanLoopName(name));
        LeafSupport.out(spec).println(LeafSupport.PRETTY.writeValueAsString(SdkJson.write(loop)));
        return 0;
    }
}
