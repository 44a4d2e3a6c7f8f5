package io.reviewstream.cli.command;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.reviewstream.cli.s3.S3Options;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.reviewstream.cli.GroupCommand;
import io.reviewstream.cli.LeafSupport;
import io.reviewstream.cli.OperationFailedException;
import io.reviewstream.schemas.s3.S3OutputPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

@Command(name = "manifest", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "A flow's retraining manifest: one JSON line per finished loop, with its input and answer.")
public final class ManifestCommand extends GroupCommand {

    private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Concatenates a flow's daily retraining manifests for a range of days (UTC, both "
                    + "included) into one JSON Lines file, in day and loop-name order.",
                    "Each day is read from its entries under {S3OutputPath}/{flow}/manifests/YYYY/MM/DD/entries/, "
                            + "the set its manifest.jsonl is rewritten from, so loops finished within the last "
                            + "minute are included. A line: {\"humanLoopName\", \"status\", \"outputS3Uri\", "
                            + "\"inputContent\", \"answer\", \"answers\"}."})
    int export(@Option(names = "--flow", required = true, paramLabel = "NAME",
                       description = "The flow definition's name") String flow,
               @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day")
               LocalDate from,
               @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day")
               LocalDate to,
               @Option(names = "--output", paramLabel = "FILE", description = "default: standard output")
               Path output,
               @Mixin S3Options s3Options) throws Exception {
        if (to.isBefore(from)) {
            throw new ParameterException(spec.commandLine(), "--to must not be before --from");
        }
        String outputPath = LeafSupport.root(spec).aws().sageMaker()
                .describeFlowDefinition(r -> r.flowDefinitionName(flow)).outputConfig().s3OutputPath();
        S3OutputPath location = S3OutputPath.parse(outputPath);
        String flowFolder = (location.prefix().isEmpty() ? "" : location.prefix() + "/") + flow + "/manifests/";
        MinioClient s3 = s3Options.client();
        int loops = 0;
        int days = 0;
        try (Writer out = output == null ? new NonClosing(LeafSupport.out(spec))
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                List<String> entries = list(s3, location.bucket(), flowFolder + DAY_PATH.format(day) + "/entries/");
                for (String key : entries) {
                    String line = new String(read(s3, location.bucket(), key), StandardCharsets.UTF_8);
                    out.write(line.endsWith("\n") ? line : line + "\n");
                }
                loops += entries.size();
                days++;
            }
        } catch (ErrorResponseException e) {
            throw new OperationFailedException(e.errorResponse().code() + ": " + e.errorResponse().message());
        }
        LeafSupport.err(spec).printf("Exported %d loops of %s from %d days (%s to %s)%s%n", loops, flow, days, from,
                to, output == null ? "" : " to " + output);
        return 0;
    }

    /** In key order, which within a day's entries is loop-name order; none when the bucket has no such day. */
    private static List<String> list(MinioClient s3, String bucket, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : s3.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                .recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        keys.sort(null);
        return keys;
    }

    private static byte[] read(MinioClient s3, String bucket, String key) throws Exception {
        try (var in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    /** Standard output stays open for whatever runs after the command in this JVM. */
    private static final class NonClosing extends FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
