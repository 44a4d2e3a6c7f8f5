package io.reviewstream.examples;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.reviewstream.cli.ReviewstreamCli;
import io.reviewstream.examples.detection.ImageDetectionReview;
import io.reviewstream.examples.documentkv.DocumentKeyValueReview;
import io.reviewstream.examples.kit.Batch;
import io.reviewstream.examples.kit.GeneratedPrediction;
import io.reviewstream.examples.kit.Kit;
import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.kit.Kits;
import io.reviewstream.examples.kit.ObjectLocation;
import io.reviewstream.examples.inspection.VisualInspectionReview;
import io.reviewstream.examples.llm.LlmAnswersReview;
import io.reviewstream.examples.moderation.ImageModerationReview;
import io.reviewstream.examples.tabular.TabularDecisionsReview;
import io.reviewstream.examples.text.TextReviewReview;
import io.reviewstream.examples.transcription.TranscriptionReview;
import io.reviewstream.examples.translation.TranslationReview;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.standalone.Demo;
import io.reviewstream.standalone.DemoClients;
import io.reviewstream.standalone.Standalone;
import io.reviewstream.standalone.StandaloneConfig;
import io.reviewstream.taskservice.browser.Browser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import picocli.CommandLine;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateFlowDefinitionRequest;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;
import software.amazon.awssdk.services.sagemakera2iruntime.model.DescribeHumanLoopResponse;
import software.amazon.awssdk.services.sagemakera2iruntime.model.HumanLoopStatus;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemakera2iruntime.model.SageMakerA2IRuntimeException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kit, end to end, as its README walks a user through it, against one standalone mode in this JVM: the kit's
 * task UI and flow definition are created from its files with the AWS SDK, its generator's predictions (and the
 * images, audio or documents they point to) are produced to the predictions topic, exactly the predictions made to
 * need a person become loops, one of them is answered on its worker page in Chromium, output.json carries the
 * answer in the kit's shape, and the retraining manifest that {@code reviewstream manifest export} writes has the
 * loop's input and that answer.
 */
class KitsEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int COUNT = 16;
    private static final long SEED = 7;
    private static final Map<String, KitReview> REVIEWS = Stream.of(
            new DocumentKeyValueReview(), new ImageModerationReview(), new ImageDetectionReview(),
            new TextReviewReview(), new TranscriptionReview(), new TranslationReview(), new TabularDecisionsReview(),
            new LlmAnswersReview(), new VisualInspectionReview())
            .collect(Collectors.toMap(KitReview::kit, review -> review));

    @TempDir
    static Path dataDir;
    private static Standalone standalone;
    private static Topics topics;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        standalone = Standalone.start(StandaloneConfig.ephemeral(dataDir));
        topics = new Topics(Standalone.TOPIC_PREFIX, new SerdeFactory(
                new SchemaRegistryClient(standalone.infra().schemaRegistryUrl()), new Envelopes(Clock.systemUTC())));
        browser = Browser.start();
        browser.signIn(standalone.url("task-service"), Demo.WORKER, Demo.WORKER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (standalone != null) {
            standalone.close();
        }
    }

    static Stream<String> kits() {
        return REVIEWS.keySet().stream().sorted();
    }

    @Test
    void everyKitHasAnEndToEndReview() {
        assertThat(REVIEWS.keySet()).containsExactlyInAnyOrderElementsOf(Kits.all().stream().map(Kit::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kits")
    void aKitRunsFromItsFilesToOutputJson(String kitName) throws Exception {
        Kit kit = Kits.named(kitName).orElseThrow();
        KitFiles files = new KitFiles(kitName);
        CreateFlowDefinitionRequest flow = files.flowDefinition();
        assertThat(flow.flowDefinitionName()).isEqualTo(kit.flowDefinitionName());
        String taskUi = flow.humanLoopConfig().humanTaskUiArn()
                .substring(flow.humanLoopConfig().humanTaskUiArn().lastIndexOf('/') + 1);

        try (SageMakerClient sageMaker = DemoClients.sageMaker(standalone);
             SageMakerA2IRuntimeClient a2i = DemoClients.a2i(standalone)) {
            sageMaker.createHumanTaskUi(r -> r.humanTaskUiName(taskUi).uiTemplate(t -> {
                try {
                    t.content(files.template());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
            String flowArn = sageMaker.createFlowDefinition(flow).flowDefinitionArn();

            List<JsonNode> records = generate(kit);
            Set<String> expected = expectedReviews(kit, records);
            assertThat(expected).as("a realistic mix: some predictions need a person, some do not")
                    .isNotEmpty().hasSizeLessThan(COUNT);

            produce(records);
            Map<String, Decision> decisions = awaitDecisions(records.stream()
                    .map(r -> r.get("predictionId").asString()).collect(Collectors.toSet()));
            Set<String> reviewed = decisions.values().stream()
                    .filter(d -> d.getOutcome() == DecisionOutcome.HUMAN_REVIEW)
                    .map(Decision::getPredictionId).collect(Collectors.toCollection(TreeSet::new));
            assertThat(reviewed).as("the predictions the flow's conditions sent to a person")
                    .containsExactlyInAnyOrderElementsOf(expected);

            // one loop is answered; the others are stopped so that the demo team's next task is that one
            String answered = reviewed.iterator().next();
            List<String> loops = reviewed.stream().map(id -> decisions.get(id).getHumanLoopName()).toList();
            try {
                for (String loop : loops) {
                    awaitStatus(a2i, loop, HumanLoopStatus.IN_PROGRESS);
                }
                for (String loop : loops.subList(1, loops.size())) {
                    a2i.stopHumanLoop(r -> r.humanLoopName(loop));
                }
                for (String loop : loops.subList(1, loops.size())) {
                    awaitStatus(a2i, loop, HumanLoopStatus.STOPPED);
                }
                answerOnTheWorkerPage(kit, flow, flowArn, a2i, records, answered, decisions.get(answered));
            } finally {
                // a kit that failed half-way must not leave its tasks in the demo team's queue for the next kit
                for (String loop : loops) {
                    try {
                        a2i.stopHumanLoop(r -> r.humanLoopName(loop));
                    } catch (SageMakerA2IRuntimeException finishedOrUnknown) {
                        // answered or stopped already
                    }
                }
            }
        }
    }

    private static void answerOnTheWorkerPage(Kit kit, CreateFlowDefinitionRequest flow, String flowArn,
                                              SageMakerA2IRuntimeClient a2i, List<JsonNode> records, String answered,
                                              Decision decision) throws Exception {
        String loopName = decision.getHumanLoopName();
        JsonNode task = claimNextTask();
        assertThat(task.get("loopName").asString()).isEqualTo(loopName);
        assertThat(task.get("flow").asString()).isEqualTo(kit.flowDefinitionName());

        browser.driver.get(standalone.url("task-service") + task.get("renderUrl").asString());
        browser.waitFor("the worker page of " + loopName, Browser.PAGE_READY,
                "var f = document.querySelector('crowd-form'); return !!(f && f._crowdReady);");
        Consumer<JsonNode> check = REVIEWS.get(kit.name()).review(browser.driver, task.get("input"));
        browser.driver.findElement(By.cssSelector("crowd-button[form-action=submit] button")).click();
        browser.waitFor("the answer to " + loopName + " to be accepted", Browser.PAGE_READY,
                "return window.location.search.indexOf('submitted=') >= 0");

        DescribeHumanLoopResponse completed = awaitStatus(a2i, loopName, HumanLoopStatus.COMPLETED);
        assertThat(completed.flowDefinitionArn()).isEqualTo(flowArn);
        String outputUri = completed.humanLoopOutput().outputS3Uri();
        assertThat(outputUri).startsWith(flow.outputConfig().s3OutputPath() + "/" + kit.flowDefinitionName() + "/");
        JsonNode output = readS3(outputUri);
        assertThat(output.get("humanLoopName").asString()).isEqualTo(loopName);
        if (flow.humanLoopRequestSource() != null) {
            assertThat(output.get("awsManagedHumanLoopRequestSource").asString())
                    .isEqualTo(flow.humanLoopRequestSource().awsManagedHumanLoopRequestSourceAsString());
        }
        JsonNode prediction = records.stream().filter(r -> r.get("predictionId").asString().equals(answered))
                .findFirst().orElseThrow().get("inputContent");
        prediction.properties().forEach(field -> assertThat(output.at("/inputContent/" + field.getKey()))
                .as("output.json's inputContent." + field.getKey()).isEqualTo(field.getValue()));
        assertThat(output.get("humanAnswers")).hasSize(1);
        assertThat(output.at("/humanAnswers/0/workerMetadata/identityData/sub").asString()).isEqualTo(Demo.WORKER);
        check.accept(output.at("/humanAnswers/0/answerContent"));

        JsonNode line = exportedManifestLine(kit, loopName);
        assertThat(line.get("status").asString()).isEqualTo("Completed");
        assertThat(line.get("outputS3Uri").asString()).isEqualTo(outputUri);
        assertThat(line.get("inputContent")).isEqualTo(output.get("inputContent"));
        assertThat(line.get("answer")).as("the manifest's answer").isEqualTo(output.at("/humanAnswers/0/answerContent"));
        check.accept(line.get("answer"));
    }

    /**
     * The loop's line of the flow's retraining manifest, exported for yesterday and today (UTC, in case the loop
     * ended at midnight) as the kit's README does, with {@code reviewstream manifest export}. A day's entry may be
     * written a moment after output.json.
     */
    private static JsonNode exportedManifestLine(Kit kit, String loopName) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path manifest = dataDir.resolve(kit.name() + "-manifest.jsonl");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            StringWriter err = new StringWriter();
            CommandLine cli = ReviewstreamCli.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute("--endpoint", standalone.url("flow-service"), "manifest", "export",
                    "--flow", kit.flowDefinitionName(), "--from", today.minusDays(1).toString(), "--to", today.toString(),
                    "--output", manifest.toString(),
                    "--s3-endpoint", standalone.infra().s3Endpoint(), "--s3-region", standalone.infra().s3Region(),
                    "--s3-access-key", standalone.infra().s3AccessKey(),
                    "--s3-secret-key", standalone.infra().s3SecretKey());
            assertThat(exit).as(err.toString()).isZero();
            Optional<JsonNode> line = Files.readAllLines(manifest).stream().map(JSON::readTree)
                    .filter(l -> l.get("humanLoopName").asString().equals(loopName)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            assertThat(System.nanoTime()).as("the manifest of %s to have a line for %s", kit.flowDefinitionName(),
                    loopName).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Runs the kit's generator as its README does, uploading into the standalone mode's object store. */
    private static List<JsonNode> generate(Kit kit) throws Exception {
        Path out = dataDir.resolve(kit.name() + ".jsonl");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = new GenerateCommand(new PrintStream(console, true, StandardCharsets.UTF_8), System.err).run(
                kit.name(), "--count", String.valueOf(COUNT), "--seed", String.valueOf(SEED), "--out", out.toString(),
                "--s3-endpoint", standalone.infra().s3Endpoint(), "--s3-region", standalone.infra().s3Region(),
                "--s3-access-key", standalone.infra().s3AccessKey(),
                "--s3-secret-key", standalone.infra().s3SecretKey());
        assertThat(exit).as(console.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(COUNT);
        return lines.stream().map(JSON::readTree).toList();
    }

    /**
     * The predictions the generator made to need a person. The same seed gives the same predictions, so
     * generating again tells which lines of the file they are.
     */
    private static Set<String> expectedReviews(Kit kit, List<JsonNode> records) {
        Batch again = kit.generate(new KitRandom(SEED), COUNT,
                new ObjectLocation(Demo.OUTPUT_BUCKET, "examples/" + kit.name() + "/" + SEED + "/"));
        assertThat(again.predictions().stream().map(p -> p.record(kit.flowDefinitionName())).toList())
                .as("the generator is reproducible").isEqualTo(records);
        return again.predictions().stream().filter(GeneratedPrediction::reviewExpected)
                .map(GeneratedPrediction::predictionId).collect(Collectors.toSet());
    }

    private static void produce(List<JsonNode> records) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.infra().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (JsonNode record : records) {
                producer.send(new ProducerRecord<>(topics.predictions.name(), record.get("predictionId").asString(),
                        JSON.writeValueAsString(record))).get();
            }
        }
    }

    private static Map<String, Decision> awaitDecisions(Set<String> predictionIds) {
        Map<String, Decision> decisions = new HashMap<>();
        try (KafkaConsumer<String, Decision> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.infra().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kits-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topics.decisions.keySerde().deserializer(), topics.decisions.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.decisions.name()));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (decisions.size() < predictionIds.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.value() != null && predictionIds.contains(record.value().getPredictionId())) {
                        decisions.put(record.value().getPredictionId(), record.value());
                    }
                });
            }
        }
        assertThat(decisions.keySet()).as("a decision for every prediction").isEqualTo(predictionIds);
        return decisions;
    }

    private static DescribeHumanLoopResponse awaitStatus(SageMakerA2IRuntimeClient a2i, String name,
                                                         HumanLoopStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            DescribeHumanLoopResponse loop;
            try {
                loop = a2i.describeHumanLoop(r -> r.humanLoopName(name));
            } catch (ResourceNotFoundException notYet) {
                // flow-service learns of a loop the router started a moment later
                assertThat(System.nanoTime()).as(name + " to become known").isLessThan(deadline);
                Thread.sleep(250);
                continue;
            }
            if (loop.humanLoopStatus() == status || System.nanoTime() > deadline) {
                assertThat(loop.humanLoopStatus()).as(name).isEqualTo(status);
                return loop;
            }
            Thread.sleep(250);
        }
    }

    private static JsonNode claimNextTask() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(standalone.url("task-service") + "/api/worker/tasks/next"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (Demo.WORKER + ":" + Demo.WORKER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            Thread.sleep(250);
        }
        throw new AssertionError("No task reached the demo team in time");
    }

    private static JsonNode readS3(String uri) throws Exception {
        String path = uri.substring("s3://".length());
        String bucket = path.substring(0, path.indexOf('/'));
        MinioClient s3 = MinioClient.builder().endpoint(standalone.infra().s3Endpoint())
                .region(standalone.infra().s3Region())
                .credentials(standalone.infra().s3AccessKey(), standalone.infra().s3SecretKey()).build();
        try (var in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(path.substring(bucket.length() + 1))
                .build())) {
            return JSON.readTree(in.readAllBytes());
        }
    }
}
