package io.reviewstream.standalone;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.embedded.FreePorts;
import io.reviewstream.embedded.TopicContents;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four services as processes of their own, started from their executable jars against the standalone mode's
 * infrastructure with the settings it prints, like a deployment runs them. A loop goes through all four; then
 * task-service is killed while a prediction waits for it and result-writer while an answer waits for it, and after
 * their restarts the second loop completes as well, with one completion per loop and the first output untouched.
 */
class SeparateProcessesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long TASK_TIMEOUT_MS = 180_000;

    @TempDir
    Path dataDir;
    private Standalone infra;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ServiceProcess service : services.values()) {
            service.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void theServicesRunAsProcessesAndSurviveBeingKilled() throws Exception {
        // each service is told its port long before it binds it, and flow-service also task-service's
        infra = Standalone.startInfraOnly(new StandaloneConfig(dataDir, 0, 0, 0, FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), false));
        String banner = ReviewstreamStandalone.infraBanner(infra, dataDir);
        infra.settings().forEach((module, settings) -> {
            assertThat(banner).as("--infra-only tells how to start " + module)
                    .contains("java -jar " + module + "/target/" + module + "-*-" + ServiceProcess.JAR_CLASSIFIER + ".jar");
            settings.forEach((key, value) -> assertThat(banner).as(module).contains("--" + key + "=" + value));
        });
        Path logs = Path.of("target", "service-processes");
        ServiceSettings.SERVICES.forEach(module ->
                services.put(module, new ServiceProcess(module, infra.settings().get(module), logs)));

        // flow-service first: loop-router reads the flow definitions when it starts
        services.get("flow-service").start();
        services.get("flow-service").awaitHealthy();
        createDemoFlow(URI.create(services.get("flow-service").url()));
        for (String module : List.of("loop-router", "task-service", "result-writer")) {
            services.get(module).start();
        }
        for (String module : List.of("loop-router", "task-service", "result-writer")) {
            services.get(module).awaitHealthy();
        }
        Topics topics = new Topics(Standalone.TOPIC_PREFIX, new SerdeFactory(
                new SchemaRegistryClient(infra.infra().schemaRegistryUrl()), new Envelopes(Clock.systemUTC())));

        produce(topics.predictions.name(), "first");
        answer(claimNextTask(), "first", "dog");
        LoopCompleted first = awaitCompleted(topics, "first");
        byte[] firstOutput = readS3(first.getOutputS3Uri());
        assertThat(JSON.readTree(firstOutput).at("/humanAnswers/0/answerContent/category/label").asString())
                .isEqualTo("dog");

        // a loop started while task-service is down becomes its task once it is back
        services.get("task-service").kill();
        produce(topics.predictions.name(), "second");
        services.get("task-service").start();
        services.get("task-service").awaitHealthy();
        JsonNode task = claimNextTask();

        // an answer given while result-writer is down is written once it is back
        services.get("result-writer").kill();
        answer(task, "second", "other");
        services.get("result-writer").start();
        services.get("result-writer").awaitHealthy();
        LoopCompleted second = awaitCompleted(topics, "second");
        assertThat(JSON.readTree(readS3(second.getOutputS3Uri())).at("/humanAnswers/0/answerContent/category/label")
                .asString()).isEqualTo("other");

        assertThat(readS3(first.getOutputS3Uri())).as("the first loop's output").isEqualTo(firstOutput);
        assertThat(completions(topics)).extracting(LoopCompleted::getHumanLoopName)
                .containsExactlyInAnyOrder(loopName("first"), loopName("second"));
    }

    /** The demo's team, task UI and flow, created through the SDK like an A2I user does. */
    private static void createDemoFlow(URI flowService) {
        try (SageMakerClient sageMaker = DemoClients.sageMaker(flowService)) {
            String team = sageMaker.createWorkteam(r -> r.workteamName(Demo.WORKTEAM).description("Reviewers")
                    .memberDefinitions(m -> m.oidcMemberDefinition(o -> o.groups(Demo.GROUP)))).workteamArn();
            String ui = sageMaker.createHumanTaskUi(r -> r.humanTaskUiName(Demo.TASK_UI)
                    .uiTemplate(t -> t.content(Demo.TEMPLATE))).humanTaskUiArn();
            sageMaker.createFlowDefinition(r -> r.flowDefinitionName(Demo.FLOW)
                    .humanLoopActivationConfig(a -> a.humanLoopActivationConditionsConfig(
                            c -> c.humanLoopActivationConditions(Demo.CONDITIONS)))
                    .humanLoopConfig(h -> h.workteamArn(team).humanTaskUiArn(ui)
                            .taskTitle("Classify the picture").taskDescription("Check the label").taskCount(1))
                    .outputConfig(o -> o.s3OutputPath(Demo.OUTPUT_PATH))
                    .roleArn(Demo.ROLE_ARN));
        }
    }

    /** A low-confidence prediction, so that the flow's condition sends it to a human. */
    private void produce(String topic, String name) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.infra().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, loopName(name), """
                    {"predictionId":"%s","flowDefinitionName":"%s","inputContent":{"label":"cat","confidence":0.3}}"""
                    .formatted(loopName(name), Demo.FLOW))).get();
        }
    }

    /** Prediction-born loops are named after their prediction. */
    private static String loopName(String name) {
        return "processes-" + name;
    }

    private JsonNode claimNextTask() throws Exception {
        long deadline = System.currentTimeMillis() + TASK_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = worker("/api/worker/tasks/next", "");
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            // 503 while a restarted task-service still restores its state
            assertThat(response.statusCode()).as(response.body()).isIn(204, 503);
            Thread.sleep(500);
        }
        throw new AssertionError("No task reached the team within " + TASK_TIMEOUT_MS + " ms");
    }

    private void answer(JsonNode task, String name, String label) throws Exception {
        assertThat(task.get("loopName").asString()).isEqualTo(loopName(name));
        HttpResponse<String> answered = worker("/api/worker/tasks/" + task.get("id").asString() + "/answer",
                "{\"answerContent\":{\"category\":{\"label\":\"" + label + "\"}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    }

    private HttpResponse<String> worker(String path, String body) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((Demo.WORKER + ":" + Demo.WORKER_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(services.get("task-service").url() + path))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private LoopCompleted awaitCompleted(Topics topics, String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TASK_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (LoopCompleted completed : completions(topics)) {
                if (completed.getHumanLoopName().equals(loopName(name))) {
                    return completed;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Loop " + loopName(name) + " not completed within " + TASK_TIMEOUT_MS + " ms");
    }

    /** Every committed completion so far: what a read_committed consumer of the topic sees. */
    private List<LoopCompleted> completions(Topics topics) {
        List<LoopCompleted> completed = new ArrayList<>();
        for (ConsumerRecord<String, LoopCompleted> record : TopicContents.readAll(infra.infra().bootstrapServers(),
                topics.loopCompleted.name(), topics.loopCompleted.keySerde().deserializer(),
                topics.loopCompleted.valueSerde().deserializer(),
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            completed.add(Objects.requireNonNull(record.value()));
        }
        return completed;
    }

    private byte[] readS3(String uri) throws Exception {
        EmbeddedInfra s3 = infra.infra();
        String path = uri.substring("s3://".length());
        String bucket = path.substring(0, path.indexOf('/'));
        MinioClient client = MinioClient.builder().endpoint(s3.s3Endpoint()).region(s3.s3Region())
                .credentials(s3.s3AccessKey(), s3.s3SecretKey()).build();
        try (var in = client.getObject(GetObjectArgs.builder().bucket(bucket)
                .object(path.substring(bucket.length() + 1)).build())) {
            return in.readAllBytes();
        }
    }
}
