package io.reviewstream.cli;

import io.reviewstream.standalone.Demo;
import io.reviewstream.standalone.Standalone;
import io.reviewstream.standalone.StandaloneConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of {@code reviewstream}, run in-process as {@code main} runs it, against the whole standalone mode:
 * what it prints, its exit code, and what it did to the services (loops started, records on the topics, objects in
 * the bucket).
 */
class ReviewstreamCliTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    @TempDir
    Path files;
    private static Standalone standalone;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        standalone = Standalone.start(StandaloneConfig.ephemeral(dataDir));
    }

    @AfterAll
    static void stop() {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    void createsATeamTaskUiAndFlowFromFilesThenStartsListsAndDescribesLoops() throws Exception {
        // a group no demo worker is in, so that these loops stay in progress
        Result team = cli("teams", "create", "--file", file("team.json", """
                {"WorkteamName":"cli-team-%s","Description":"CLI reviewers",
                 "MemberDefinitions":[{"OidcMemberDefinition":{"Groups":["cli-reviewers"]}}]}""".formatted(run)));
        assertThat(team.exitCode).as(team.err).isZero();
        String teamArn = team.out.strip();
        assertThat(teamArn).startsWith("arn:aws:sagemaker:us-east-1:").endsWith("/cli-team-" + run);

        Result ui = cli("task-uis", "create", "--name", "cli-ui-" + run, "--template",
                file("ui.html", "<crowd-form><crowd-input name=\"label\" label=\"{{ task.input.label }}\"></crowd-input></crowd-form>"));
        assertThat(ui.exitCode).as(ui.err).isZero();
        String uiArn = ui.out.strip();
        assertThat(uiArn).endsWith(":human-task-ui/cli-ui-" + run);
        Result uiFromFile = cli("task-uis", "create", "--file", file("ui.json", """
                {"HumanTaskUiName":"cli-ui2-%s","UiTemplate":{"Content":"<crowd-form></crowd-form>"}}""".formatted(run)));
        assertThat(uiFromFile.exitCode).as(uiFromFile.err).isZero();
        assertThat(uiFromFile.out.strip()).endsWith(":human-task-ui/cli-ui2-" + run);

        String flowFile = file("flow.json", """
                {"FlowDefinitionName":"cli-flow-%s",
                 "HumanLoopConfig":{"WorkteamArn":"%s","HumanTaskUiArn":"%s","TaskTitle":"Check","TaskDescription":"Check it",
                                    "TaskCount":1,"TaskAvailabilityLifetimeInSeconds":3600,"TaskTimeLimitInSeconds":300},
                 "OutputConfig":{"S3OutputPath":"s3://%s/cli"},
                 "RoleArn":"%s"}""".formatted(run, teamArn, uiArn, Demo.OUTPUT_BUCKET, Demo.ROLE_ARN));
        Result flow = cli("flows", "create", "--file", flowFile);
        assertThat(flow.exitCode).as(flow.err).isZero();
        assertThat(flow.out.strip()).endsWith(":flow-definition/cli-flow-" + run);
        Result again = cli("flows", "create", "--file", flowFile);
        assertThat(again.exitCode).isEqualTo(1);
        assertThat(again.err.strip()).matches("[A-Za-z]+: .+").contains("cli-flow-" + run);
        Result unknownKey = cli("flows", "create", "--file", file("typo.json", "{\"FlowDefinitionNam\":\"x\"}"));
        assertThat(unknownKey.exitCode).isEqualTo(1);
        assertThat(unknownKey.err).contains("Unknown parameter FlowDefinitionNam");

        String flowName = "cli-flow-" + run;
        Result started = cli("loops", "start", "--flow", flowName, "--name-prefix", "cli-" + run, "--file",
                file("loops.jsonl", """
                        {"label":"first"}
                        {"HumanLoopName":"cli-named-%s","InputContent":{"label":"second"}}
                        this is not JSON
                        {"HumanLoopName":"Not_A_Valid_Name!","InputContent":{"label":"fourth"}}

                        {"label":"sixth"}
                        """.formatted(run)));
        assertThat(started.exitCode).as(started.out + started.err).isEqualTo(1);
        assertThat(started.out).contains("Started 3 of 5 loops", "2 failed");
        assertThat(started.err).contains("line 3: not valid JSON").containsPattern("line 4: [A-Za-z]+: .+");
        List<String> names = List.of("cli-" + run + "-1", "cli-named-" + run, "cli-" + run + "-6");

        Result listed = awaitOutput(() -> cli("loops", "list", "--flow", flowName),
                out -> names.stream().allMatch(out::contains));
        assertThat(listed.out.lines()).hasSize(3).allMatch(line -> line.contains("InProgress"));
        assertThat(cli("loops", "list", "--flow", flowName, "--status", "Completed").out).isEmpty();
        assertThat(cli("loops", "list", "--flow", flowName, "--max", "2").out.lines()).hasSize(2);
        assertThat(cli("loops", "list", "--flow", flowName, "--before", "2000-01-01").out).isEmpty();
        Result asJson = cli("loops", "list", "--flow", flowName, "--json", "--after", "2000-01-01T00:00:00Z");
        assertThat(asJson.out.lines().map(line -> JSON.readTree(line).get("HumanLoopName").asString()))
                .containsExactlyInAnyOrderElementsOf(names);

        // the global options may follow the command, as in an example written that way
        Result described = execute("loops", "describe", "cli-named-" + run,
                "--endpoint", standalone.url("flow-service"));
        assertThat(described.exitCode).as(described.err).isZero();
        JsonNode loop = JSON.readTree(described.out);
        assertThat(loop.get("HumanLoopName").asString()).isEqualTo("cli-named-" + run);
        assertThat(loop.get("HumanLoopStatus").asString()).isEqualTo("InProgress");
        assertThat(loop.get("FlowDefinitionArn").asString()).endsWith(":flow-definition/" + flowName);
        Result missing = cli("loops", "describe", "no-such-loop-" + run);
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err.strip()).matches("[A-Za-z]+: .+");
    }

    @Test
    void sentPredictionsAreReviewedThenTailedAsCompletionsAndExportedInTheManifest() throws Exception {
        String low = "cli-low-" + run;
        Result sent = cli("predictions", "send", "--file", file("predictions.jsonl", """
                {"predictionId":"%s","flowDefinitionName":"%s","inputContent":{"label":"cat","confidence":0.3}}
                {"predictionId":"cli-high-%s","flowDefinitionName":"%s","inputContent":{"label":"dog","confidence":0.99}}
                """.formatted(low, Demo.FLOW, run, Demo.FLOW)), "--bootstrap-servers", bootstrap(),
                "--schema-registry-url", registry());
        assertThat(sent.exitCode).as(sent.err).isZero();
        assertThat(sent.out).contains("Sent 2 of 2 predictions to rs.predictions, 0 failed");

        JsonNode task = claimNextTask();
        assertThat(task.at("/input/label").asString()).isEqualTo("cat");
        String loopName = task.get("loopName").asString();
        HttpResponse<String> answered = worker("/api/worker/tasks/" + task.get("id").asString() + "/answer",
                "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

        Result tail = cli("completions", "tail", "--from-beginning", "--flow", Demo.FLOW, "--count", "1",
                "--timeout", "90", "--bootstrap-servers", bootstrap(), "--schema-registry-url", registry());
        assertThat(tail.exitCode).as(tail.err).isZero();
        JsonNode completion = JSON.readTree(tail.out.lines().findFirst().orElseThrow());
        assertThat(completion.get("humanLoopName").asString()).isEqualTo(loopName);
        assertThat(completion.get("flowDefinitionName").asString()).isEqualTo(Demo.FLOW);
        assertThat(completion.get("humanLoopStatus").asString()).isEqualTo("Completed");
        assertThat(completion.get("outputS3Uri").asString())
                .startsWith(Demo.OUTPUT_PATH + "/" + Demo.FLOW + "/").endsWith("/" + loopName + "/output.json");
        Result noMore = cli("completions", "tail", "--flow", Demo.FLOW, "--count", "1", "--timeout", "2",
                "--bootstrap-servers", bootstrap(), "--schema-registry-url", registry());
        assertThat(noMore.exitCode).isEqualTo(1);
        assertThat(noMore.err).contains("0 of 1 completions");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path manifest = files.resolve("manifest.jsonl");
        Result exported = cli("manifest", "export", "--flow", Demo.FLOW, "--from", today.minusDays(1).toString(),
                "--to", today.toString(), "--output", manifest.toString(), "--s3-endpoint",
                standalone.infra().s3Endpoint(), "--s3-access-key", standalone.infra().s3AccessKey(),
                "--s3-secret-key", standalone.infra().s3SecretKey());
        assertThat(exported.exitCode).as(exported.err).isZero();
        assertThat(exported.err).contains("Exported 1 loops of " + Demo.FLOW + " from 2 days");
        JsonNode line = JSON.readTree(Files.readAllLines(manifest).get(0));
        assertThat(line.get("humanLoopName").asString()).isEqualTo(loopName);
        assertThat(line.get("status").asString()).isEqualTo("Completed");
        assertThat(line.at("/answer/category/label").asString()).isEqualTo("dog");
        assertThat(line.get("outputS3Uri").asString()).isEqualTo(completion.get("outputS3Uri").asString());

        Result toStdout = cli("manifest", "export", "--flow", Demo.FLOW, "--from", "2020-01-01", "--to", "2020-01-02",
                "--s3-endpoint", standalone.infra().s3Endpoint(), "--s3-access-key", standalone.infra().s3AccessKey(),
                "--s3-secret-key", standalone.infra().s3SecretKey());
        assertThat(toStdout.exitCode).as(toStdout.err).isZero();
        assertThat(toStdout.out).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(cli("no-such-command").exitCode).isEqualTo(2);
        assertThat(cli("loops").exitCode).isEqualTo(2);
        assertThat(cli("loops", "start", "--flow", "f").exitCode).isEqualTo(2);
        assertThat(cli("loops", "list", "--flow", "f", "--after", "yesterday").exitCode).isEqualTo(2);
        Result both = cli("task-uis", "create", "--file", "ui.json", "--name", "n", "--template", "t.html");
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err).contains("mutually exclusive");
    }

    @Test
    void everyCommandHasHelp() {
        Result root = cli("--help");
        assertThat(root.exitCode).isZero();
        assertThat(root.out).contains("teams", "task-uis", "flows", "loops", "predictions", "completions", "manifest",
                "Exit codes");
        List<List<String>> leaves = new ArrayList<>();
        CommandLine commandLine = ReviewstreamCli.commandLine();
        commandLine.getSubcommands().forEach((group, groupLine) -> {
            leaves.add(List.of(group));
            groupLine.getSubcommands().forEach((leaf, leafLine) -> leaves.add(List.of(group, leaf)));
        });
        assertThat(leaves).hasSize(7 + 9);
        for (List<String> command : leaves) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Result help = cli(args.toArray(String[]::new));
            assertThat(help.exitCode).as(String.join(" ", args)).isZero();
            assertThat(help.out).startsWith("Usage: reviewstream " + String.join(" ", command));
        }
    }

    /** The defaults a user of the standalone mode relies on are the ones the standalone mode has. */
    @Test
    void theDefaultCredentialsAreTheStandaloneDemosOnes() {
        assertThat(ReviewstreamCli.DEMO_ACCESS_KEY_ID).isEqualTo(Demo.ACCESS_KEY_ID);
        assertThat(ReviewstreamCli.DEMO_SECRET_ACCESS_KEY).isEqualTo(Demo.SECRET_ACCESS_KEY);
    }

    record Result(int exitCode, String out, String err) {
    }

    /** Runs {@code reviewstream --endpoint <flow-service> args…} in-process, as {@link #execute} does. */
    private static Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint", standalone.url("flow-service")));
        all.addAll(List.of(args));
        return execute(all.toArray(String[]::new));
    }

    /** Runs {@code reviewstream args…} in-process, capturing what it prints. */
    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ReviewstreamCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static Result awaitOutput(java.util.function.Supplier<Result> command, Predicate<String> done)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        Result result = command.get();
        while (!done.test(result.out) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            result = command.get();
        }
        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(done.test(result.out)).as(result.out).isTrue();
        return result;
    }

    private String file(String name, String content) throws Exception {
        Path file = files.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }

    private static String bootstrap() {
        return standalone.infra().bootstrapServers();
    }

    private static String registry() {
        return standalone.infra().schemaRegistryUrl();
    }

    private static JsonNode claimNextTask() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = worker("/api/worker/tasks/next", "");
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            Thread.sleep(250);
        }
        throw new AssertionError("No task reached the demo team within a minute");
    }

    private static HttpResponse<String> worker(String path, String body) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((Demo.WORKER + ":" + Demo.WORKER_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(standalone.url("task-service") + path))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
