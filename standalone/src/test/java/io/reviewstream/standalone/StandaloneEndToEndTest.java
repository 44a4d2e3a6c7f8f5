package io.reviewstream.standalone;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.HumanLoopStatus;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's promise, driven the way a user drives it: a JSON prediction produced with a plain Kafka
 * producer becomes a loop, a task, an answer through the worker API, an output.json in S3 in A2I's layout and a
 * completion event; a confident prediction is auto-accepted; garbage is dead-lettered and nothing stops.
 */
class StandaloneEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    private static Standalone standalone;
    private static Topics topics;

    @BeforeAll
    static void start() {
        standalone = Standalone.start(StandaloneConfig.ephemeral(dataDir));
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

        HttpResponse<String> answered = post("/api/worker/tasks/" + task.get("id").asString() + "/answer",
                "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

        LoopCompleted completed = await(topics.loopCompleted, c -> c.getHumanLoopName().equals(loopName));
        assertThat(completed.getHumanLoopStatus()).isEqualTo(HumanLoopStatus.COMPLETED);
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

    @Test
    void everyServiceExposesHealthAndPrometheusMetrics() throws Exception {
        for (var service : List.of("flow-service", "loop-router", "task-service", "result-writer")) {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                    URI.create(standalone.url(service) + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(service + " health: " + health.body()).isEqualTo(200);
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                    URI.create(standalone.url(service) + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(service + " metrics").isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
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
        String basic = Base64.getEncoder().encodeToString((Demo.WORKER + ":" + Demo.WORKER_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(standalone.url("task-service") + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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
