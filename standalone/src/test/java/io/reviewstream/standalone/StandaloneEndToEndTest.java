package io.reviewstream.standalone;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.reviewstream.embedded.RequiredTools;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ConflictException;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ContentClassifier;
import software.amazon.awssdk.services.sagemakera2iruntime.model.DescribeHumanLoopResponse;
import software.amazon.awssdk.services.sagemakera2iruntime.model.HumanLoopStatus;
import software.amazon.awssdk.services.sagemakera2iruntime.model.HumanLoopSummary;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemakera2iruntime.model.StartHumanLoopRequest;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The foundation's promise, driven the way a user drives it: a JSON prediction produced with a plain Kafka
 * producer becomes a loop, a task, an answer through the worker API, an output.json in S3 in A2I's layout and a
 * completion event; a confident prediction is auto-accepted; garbage is dead-lettered and nothing stops.
 *
 * <p>The four services reach the broker as they would a managed cluster: over SASL_SSL with SCRAM-SHA-512 and a
 * private CA, configured with nothing but {@code spring.kafka.*} keys. The test's own clients use the plaintext
 * listener, as a user's tools on the broker's host could.
 */
class StandaloneEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A2I's limit on InputContent, in characters. */
    private static final int MAX_INPUT_CONTENT = 3_145_728;

    @TempDir
    static Path dataDir;
    private static Standalone standalone;
    private static Topics topics;

    @BeforeAll
    static void start() {
        standalone = Standalone.start(StandaloneConfig.ephemeral(dataDir).withKafkaSaslSsl());
        topics = new Topics(Standalone.TOPIC_PREFIX, new SerdeFactory(
                new SchemaRegistryClient(standalone.infra().schemaRegistryUrl()), new Envelopes(Clock.systemUTC())));
    }

    @AfterAll
    static void stop() {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    void aLowConfidencePredictionIsReviewedAndWrittenInA2iLayout() throws Exception {
        String loopName = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        produce(topics.predictions.name(), loopName, """
                {"predictionId":"%s","flowDefinitionName":"demo-flow",
                 "inputContent":{"label":"cat","confidence":0.42}}""".formatted(loopName));

        JsonNode task = claimNextTask();
        assertThat(task.get("loopName").asString()).isEqualTo(loopName);
        assertThat(task.get("flow").asString()).isEqualTo("demo-flow");
        assertThat(task.at("/input/label").asString()).isEqualTo("cat");
        assertThat(task.get("deadline").asString()).isNotBlank();

        HttpResponse<String> page = get(task.get("renderUrl").asString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        // task input must never be able to run script: scripts need the page's nonce
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp.split(";")).filteredOn(d -> d.trim().startsWith("script-src")).singleElement()
                        .satisfies(scripts -> assertThat(scripts).contains("'nonce-").doesNotContain("unsafe")));
        assertThat(page.body()).contains("<crowd-classifier", "<strong>cat</strong>", "/crowd/")
                .doesNotContain("assets.crowd.aws");

        HttpResponse<String> answered = post("/api/worker/tasks/" + task.get("id").asString() + "/answer",
                "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

        LoopCompleted completed = await(topics.loopCompleted, c -> c.getHumanLoopName().equals(loopName));
        assertThat(completed.getHumanLoopStatus()).isEqualTo(io.reviewstream.schemas.avro.HumanLoopStatus.COMPLETED);
        assertThat(completed.getHumanLoopArn()).isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:human-loop/" + loopName);
        assertThat(completed.getOutputS3Uri()).matches(
                "s3://reviewstream-output/demo/demo-flow/\\d{4}/\\d{2}/\\d{2}/\\d{2}/\\d{2}/\\d{2}/" + loopName + "/output.json");

        JsonNode output = readS3(completed.getOutputS3Uri());
        assertThat(output.get("flowDefinitionArn").asString())
                .isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/demo-flow");
        assertThat(output.get("humanLoopName").asString()).isEqualTo(loopName);
        assertThat(output.at("/inputContent/confidence").asDouble()).isEqualTo(0.42);
        JsonNode answer = output.at("/humanAnswers/0");
        assertThat(answer.at("/answerContent/category/label").asString()).isEqualTo("dog");
        assertThat(answer.at("/workerMetadata/identityData/sub").asString()).isEqualTo("demo-worker");
        assertThat(answer.get("workerId").asString()).matches("[0-9a-f]{16}");
        assertThat(answer.get("acceptanceTime").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(answer.get("submissionTime").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(answer.get("timeSpentInSeconds").isNumber()).isTrue();
        assertThat(output.has("awsManagedHumanLoopRequestSource")).isFalse();
    }

    @Test
    void aConfidentPredictionIsAutoAcceptedWithoutALoop() throws Exception {
        String id = "e2e-high-" + UUID.randomUUID().toString().substring(0, 8);
        produce(topics.predictions.name(), id, """
                {"predictionId":"%s","flowDefinitionName":"demo-flow",
                 "inputContent":{"label":"dog","confidence":0.97}}""".formatted(id));

        Decision decision = await(topics.decisions, d -> d.getPredictionId().equals(id));
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.AUTO_ACCEPTED);
        assertThat(decision.getHumanLoopName()).isNull();
        assertThat(readAll(topics.loops)).noneMatch(loop -> id.equals(loop.getPredictionId()));
    }

    @Test
    void anUnparsablePredictionIsDeadLetteredAndTheRouterKeepsGoing() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        produce(topics.predictions.name(), key, "this is not a prediction");
        String next = "e2e-after-garbage-" + UUID.randomUUID().toString().substring(0, 8);
        produce(topics.predictions.name(), next, """
                {"predictionId":"%s","flowDefinitionName":"demo-flow","inputContent":{"confidence":0.99}}"""
                .formatted(next));

        ConsumerRecord<byte[], byte[]> dead = awaitRecord(topics.deadLetters,
                r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key));
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("this is not a prediction");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).isEqualTo("UNPARSABLE");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SERVICE)).isEqualTo("loop-router");
        assertThat(await(topics.decisions, d -> d.getPredictionId().equals(next)).getOutcome())
                .isEqualTo(DecisionOutcome.AUTO_ACCEPTED);
    }

    /** What each service's readiness waits for besides the context's start. */
    private static final Map<String, List<String>> READINESS = Map.of(
            "flow-service", List.of("readinessState", "views", "loopStatus"),
            "loop-router", List.of("readinessState", "streams"),
            "task-service", List.of("readinessState", "streams", "views"),
            "result-writer", List.of("readinessState", "resultWriter", "loopStatus"));

    @Test
    void everyServiceExposesHealthAndPrometheusMetrics() throws Exception {
        for (var service : List.of("flow-service", "loop-router", "task-service", "result-writer")) {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                    URI.create(standalone.url(service) + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(service + " health: " + health.body()).isEqualTo(200);
            HttpResponse<String> readiness = HTTP.send(HttpRequest.newBuilder(URI.create(standalone.url(service)
                    + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as(service + " readiness: " + readiness.body()).isEqualTo(200);
            assertThat(JSON.readTree(readiness.body()).get("components").propertyNames())
                    .as(service + " is ready only once its state is").containsAll(READINESS.get(service));
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                    URI.create(standalone.url(service) + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(service + " metrics").isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        }
    }

    /**
     * The services' clients logged in on the broker's SASL_SSL listener, and none was refused: the broker counts
     * logins per listener, and nothing else in this test uses that one.
     */
    @Test
    void theServicesLogInOverSaslSsl() throws Exception {
        MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
        // one bean per network processor of the listener counts its logins
        Set<ObjectName> processors = beans.queryNames(new ObjectName(
                "kafka.server:type=socket-server-metrics,listener=SASL_SSL,networkProcessor=*"), null);
        assertThat(processors).isNotEmpty();
        double succeeded = 0;
        double failed = 0;
        for (ObjectName processor : processors) {
            succeeded += (Double) beans.getAttribute(processor, "successful-authentication-total");
            failed += (Double) beans.getAttribute(processor, "failed-authentication-total");
        }
        assertThat(succeeded).isPositive();
        assertThat(failed).isZero();
    }

    /**
     * A2I user code, unmodified but for the endpoint: the official SDK creates a flow definition for the demo team,
     * starts loops, reads its own writes, pages through them, stops and deletes them, and gets a worker's answer
     * back through DescribeHumanLoop and the output file, after the loop went through loop-router, task-service and
     * result-writer like a Kafka-born one.
     */
    @Test
    void theAwsSdkRunsLoopsThroughEveryService() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (SageMakerClient sageMaker = DemoClients.sageMaker(standalone);
             SageMakerA2IRuntimeClient a2i = DemoClients.a2i(standalone)) {
            String flowArn = sageMaker.createFlowDefinition(r -> r.flowDefinitionName("sdk-" + run)
                    .humanLoopConfig(h -> h.workteamArn("arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/"
                                    + Demo.WORKTEAM)
                            .humanTaskUiArn("arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/" + Demo.TASK_UI)
                            .taskTitle("Check").taskDescription("Check the label").taskCount(1))
                    .outputConfig(o -> o.s3OutputPath("s3://" + Demo.OUTPUT_BUCKET + "/sdk"))
                    .roleArn(Demo.ROLE_ARN)).flowDefinitionArn();
            String input = "{\"label\":\"cat\",\"confidence\":0.3}";
            Consumer<StartHumanLoopRequest.Builder> startA = r -> r.humanLoopName("a-" + run).flowDefinitionArn(flowArn)
                    .humanLoopInput(i -> i.inputContent(input))
                    .dataAttributes(d -> d.contentClassifiers(ContentClassifier.FREE_OF_ADULT_CONTENT));
            String arn = a2i.startHumanLoop(startA).humanLoopArn();
            assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:human-loop/a-" + run);
            DescribeHumanLoopResponse started = a2i.describeHumanLoop(r -> r.humanLoopName("a-" + run));
            assertThat(started.humanLoopStatus()).isEqualTo(HumanLoopStatus.IN_PROGRESS);
            assertThat(started.flowDefinitionArn()).isEqualTo(flowArn);
            assertThat(started.creationTime()).isBefore(Instant.now().plusSeconds(1));
            assertThat(a2i.startHumanLoop(startA).humanLoopArn()).isEqualTo(arn);
            assertThatThrownBy(() -> a2i.startHumanLoop(startA.andThen(r -> r.humanLoopInput(i ->
                    i.inputContent("{\"label\":\"dog\"}"))))).isInstanceOf(ConflictException.class);

            for (String other : List.of("b-" + run, "c-" + run)) {
                a2i.startHumanLoop(r -> r.humanLoopName(other).flowDefinitionArn(flowArn)
                        .humanLoopInput(i -> i.inputContent(input)));
            }
            // A2I's largest input, in characters of two bytes each: it must cross every topic a loop crosses
            String largest = "{\"text\":\"" + "\u00e9".repeat(MAX_INPUT_CONTENT - 11) + "\"}";
            a2i.startHumanLoop(r -> r.humanLoopName("big-" + run).flowDefinitionArn(flowArn)
                    .humanLoopInput(i -> i.inputContent(largest)));
            assertThat(a2i.listHumanLoopsPaginator(r -> r.flowDefinitionArn(flowArn).maxResults(1))
                    .humanLoopSummaries().stream().map(HumanLoopSummary::humanLoopName).toList())
                    .containsExactlyInAnyOrder("a-" + run, "b-" + run, "c-" + run, "big-" + run);
            assertThat(a2i.listHumanLoops(r -> r.flowDefinitionArn(flowArn)
                    .creationTimeAfter(Instant.now().plusSeconds(60))).humanLoopSummaries()).isEmpty();
            assertThatThrownBy(() -> a2i.deleteHumanLoop(r -> r.humanLoopName("c-" + run)))
                    .isInstanceOf(ValidationException.class);

            // one name, different inputs, all at once: loop-router decides, exactly one start wins
            ExecutorService callers = Executors.newFixedThreadPool(6);
            List<Future<String>> racing = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String raceInput = "{\"n\":" + i + "}";
                racing.add(callers.submit(() -> {
                    try {
                        return a2i.startHumanLoop(r -> r.humanLoopName("race-" + run).flowDefinitionArn(flowArn)
                                .humanLoopInput(in -> in.inputContent(raceInput))).humanLoopArn();
                    } catch (ConflictException conflict) {
                        return "conflict";
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> outcome : racing) {
                outcomes.add(outcome.get(60, TimeUnit.SECONDS));
            }
            callers.shutdown();
            assertThat(outcomes).filteredOn(o -> o.endsWith(":human-loop/race-" + run)).hasSize(1);
            assertThat(outcomes).filteredOn("conflict"::equals).hasSize(5);

            // stopping withdraws the open tasks, so the only task left for the demo team is loop a's
            for (String other : List.of("b-" + run, "c-" + run, "race-" + run, "big-" + run)) {
                a2i.stopHumanLoop(r -> r.humanLoopName(other));
                assertThat(a2i.describeHumanLoop(r -> r.humanLoopName(other)).humanLoopStatus())
                        .isIn(HumanLoopStatus.STOPPING, HumanLoopStatus.STOPPED);
                awaitStatus(a2i, other, HumanLoopStatus.STOPPED);
            }
            JsonNode bigOutput = readS3(a2i.describeHumanLoop(r -> r.humanLoopName("big-" + run))
                    .humanLoopOutput().outputS3Uri());
            assertThat(bigOutput.at("/inputContent/text").asString()).hasSize(MAX_INPUT_CONTENT - 11);
            a2i.deleteHumanLoop(r -> r.humanLoopName("c-" + run));
            assertThatThrownBy(() -> a2i.describeHumanLoop(r -> r.humanLoopName("c-" + run)))
                    .isInstanceOf(ResourceNotFoundException.class);

            JsonNode task = claimNextTask();
            assertThat(task.get("loopName").asString()).isEqualTo("a-" + run);
            HttpResponse<String> answered = post("/api/worker/tasks/" + task.get("id").asString() + "/answer",
                    "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}");
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            DescribeHumanLoopResponse completed = awaitStatus(a2i, "a-" + run, HumanLoopStatus.COMPLETED);
            JsonNode output = readS3(completed.humanLoopOutput().outputS3Uri());
            assertThat(output.get("humanLoopName").asString()).isEqualTo("a-" + run);
            assertThat(output.at("/humanAnswers/0/answerContent/category/label").asString()).isEqualTo("dog");
            assertThat(output.at("/dataAttributes/contentClassifiers/0").asString()).isEqualTo("FreeOfAdultContent");
            assertThatThrownBy(() -> a2i.stopHumanLoop(r -> r.humanLoopName("a-" + run)))
                    .isInstanceOf(ValidationException.class);
        }
    }

    /** The README's boto3 example, run as a user runs it: Python's own SDK against the standalone endpoint. */
    @Test
    void theBoto3ExampleRunsAgainstTheStandaloneMode() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean boto3 = Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c", "import boto3")
                .redirectErrorStream(true).start().waitFor() == 0;
        RequiredTools.assumeAvailable(boto3, "Python's boto3, to run the boto3 example (apt-get install python3-boto3)");
        Process example = new ProcessBuilder(python.toString(), "../examples/a2i_boto3.py",
                standalone.url("flow-service")).redirectErrorStream(true).start();
        String output;
        try (var out = example.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(example.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(example.exitValue()).as(output).isZero();
        assertThat(output).contains("preview errors: []", "flow definition: Active",
                "same name, other input: ConflictException", "after stop: {'Stopped'}", "deleted loops are gone",
                "work team deleted: True");
        assertThat(output).containsPattern("loops: \\['claim-[0-9a-f]{6}-0', 'claim-[0-9a-f]{6}-1', "
                + "'claim-[0-9a-f]{6}-2'\\]");
    }

    private static DescribeHumanLoopResponse awaitStatus(SageMakerA2IRuntimeClient a2i, String name,
                                                         HumanLoopStatus status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            DescribeHumanLoopResponse loop = a2i.describeHumanLoop(r -> r.humanLoopName(name));
            if (loop.humanLoopStatus() == status || System.currentTimeMillis() > deadline) {
                assertThat(loop.humanLoopStatus()).as(name).isEqualTo(status);
                return loop;
            }
            Thread.sleep(250);
        }
    }

    private static JsonNode claimNextTask() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = post("/api/worker/tasks/next", "");
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            Thread.sleep(250);
        }
        throw new AssertionError("No task reached the demo team within a minute");
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(standalone.url("task-service") + path))
                .header("Authorization", basicAuth())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(standalone.url("task-service") + path))
                .header("Authorization", basicAuth()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((Demo.WORKER + ":" + Demo.WORKER_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void produce(String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.infra().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static JsonNode readS3(String uri) throws Exception {
        String path = uri.substring("s3://".length());
        String bucket = path.substring(0, path.indexOf('/'));
        MinioClient s3 = MinioClient.builder().endpoint(standalone.infra().s3Endpoint())
                .region(standalone.infra().s3Region())
                .credentials(standalone.infra().s3AccessKey(), standalone.infra().s3SecretKey()).build();
        try (var in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(path.substring(bucket.length() + 1)).build())) {
            return JSON.readTree(in.readAllBytes());
        }
    }

    private static <V> V await(Topic<String, V> topic, Predicate<V> match) {
        return awaitRecord(topic, r -> r.value() != null && match.test(r.value())).value();
    }

    private static <K, V> ConsumerRecord<K, V> awaitRecord(Topic<K, V> topic, Predicate<ConsumerRecord<K, V>> match) {
        try (KafkaConsumer<K, V> consumer = consumer(topic)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(500))) {
                    if (match.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("Nothing matching arrived on " + topic.name() + " within a minute");
    }

    private static <V> List<V> readAll(Topic<String, V> topic) {
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(topic)) {
            for (int emptyPolls = 0; emptyPolls < 4; ) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                records.forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private static <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic) {
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.infra().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }
}
