package io.reviewstream.resultwriter.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status changes delivered over real HTTP from the real broker: signed as Standard Webhooks (verified here with an
 * independent HMAC), retried until a flaky receiver accepts, dead-lettered for a receiver that never does, and a
 * stuck receiver delays no other.
 */
class WebhookBridgeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PREFIX = "wh" + UUID.randomUUID().toString().substring(0, 6) + ".";
    private static final byte[] KEY = "a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    private static final EmbeddedInfra infra = EmbeddedInfra.shared();
    private static final Topics topics = new Topics(PREFIX, new SerdeFactory(
            new SchemaRegistryClient(infra.schemaRegistryUrl()), new Envelopes(Clock.systemUTC())));

    private static final List<Delivery> ok = new CopyOnWriteArrayList<>();
    private static final List<Delivery> flaky = new CopyOnWriteArrayList<>();
    private static final List<Delivery> down = new CopyOnWriteArrayList<>();
    private static final AtomicInteger flakyFailuresLeft = new AtomicInteger(2);
    private static final CountDownLatch downStuck = new CountDownLatch(1);
    private static final CountDownLatch downMayAnswer = new CountDownLatch(1);
    private static HttpServer server;
    private static WebhookBridge bridge;

    record Delivery(Map<String, String> headers, String body, int status) {
    }

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(List.of(topics.loopCompleted.newTopic(1, (short) 1),
                    topics.deadLetters.newTopic(1, (short) 1))).all().get();
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", exchange -> answer(exchange, ok, () -> 204));
        server.createContext("/flaky", exchange -> answer(exchange, flaky,
                () -> flakyFailuresLeft.getAndDecrement() > 0 ? 503 : 200));
        server.createContext("/down", exchange -> answer(exchange, down, () -> {
            downStuck.countDown();
            awaitQuietly(downMayAnswer);
            return 500;
        }));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        WebhookProperties properties = new WebhookProperties(List.of(
                new WebhookProperties.Endpoint(URI.create(base + "/down"), null),
                new WebhookProperties.Endpoint(URI.create(base + "/ok"), SECRET),
                new WebhookProperties.Endpoint(URI.create(base + "/flaky"), SECRET)),
                "webhook-test-" + PREFIX, WebhookProperties.StartAt.EARLIEST, 3,
                Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(20));
        bridge = new WebhookBridge(properties, topics, KafkaClients.forBootstrapServers(infra.bootstrapServers()),
                Clock.systemUTC(), new SimpleMeterRegistry());
        bridge.start();
    }

    @AfterAll
    static void stop() {
        downMayAnswer.countDown();
        if (bridge != null) {
            bridge.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aCompletionReachesEveryEndpointSignedRetriedOrDeadLettered() throws Exception {
        LoopCompleted completed = completed("hl-" + UUID.randomUUID().toString().substring(0, 8));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                new StringSerializer(), topics.loopCompleted.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.loopCompleted.name(), completed.getHumanLoopName(), completed))
                    .get();
        }

        // delivered while the first endpoint is stuck in its first attempt
        assertThat(downStuck.await(60, TimeUnit.SECONDS)).isTrue();
        awaitSize(ok, 1);
        assertThat(down).isEmpty();
        Delivery delivered = ok.get(0);
        assertThat(delivered.headers().get("webhook-id")).isEqualTo(completed.getEnvelope().getEventId());
        long timestamp = Long.parseLong(delivered.headers().get("webhook-timestamp"));
        assertThat(timestamp).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(delivered.headers().get("webhook-signature"))
                .isEqualTo("v1," + hmac(delivered.headers().get("webhook-id") + "." + timestamp + "." + delivered.body()));

        JsonNode event = JSON.readTree(delivered.body());
        assertThat(event.get("version").asString()).isEqualTo("0");
        assertThat(event.get("id").asString()).isEqualTo(completed.getEnvelope().getEventId());
        assertThat(event.get("detail-type").asString()).isEqualTo("SageMaker A2I HumanLoop Status Change");
        assertThat(event.get("source").asString()).isEqualTo("aws.sagemaker");
        assertThat(event.get("account").asString()).isEqualTo("111122223333");
        assertThat(event.get("region").asString()).isEqualTo("us-east-1");
        assertThat(event.get("time").asString()).isEqualTo("2024-05-01T10:00:05Z");
        assertThat(event.get("resources").get(0).asString()).isEqualTo(completed.getHumanLoopArn());
        JsonNode detail = event.get("detail");
        assertThat(detail.get("creationTime").asString()).isEqualTo("2024-05-01T09:59:58.120Z");
        assertThat(detail.get("failureCode").isNull()).isTrue();
        assertThat(detail.get("failureReason").isNull()).isTrue();
        assertThat(detail.get("flowDefinitionArn").asString()).isEqualTo(completed.getFlowDefinitionArn());
        assertThat(detail.get("humanLoopArn").asString()).isEqualTo(completed.getHumanLoopArn());
        assertThat(detail.get("humanLoopName").asString()).isEqualTo(completed.getHumanLoopName());
        assertThat(detail.at("/humanLoopOutput/outputS3Uri").asString()).isEqualTo(completed.getOutputS3Uri());
        assertThat(detail.get("humanLoopStatus").asString()).isEqualTo("Completed");

        awaitSize(flaky, 3);
        assertThat(flaky).extracting(Delivery::status).containsExactly(503, 503, 200);
        assertThat(flaky).extracting(d -> d.headers().get("webhook-id")).containsOnly(completed.getEnvelope().getEventId());
        assertThat(flaky).allSatisfy(d -> assertThat(d.headers().get("webhook-signature")).isEqualTo(
                "v1," + hmac(d.headers().get("webhook-id") + "." + d.headers().get("webhook-timestamp") + "." + d.body())));

        downMayAnswer.countDown();
        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(completed.getHumanLoopName());
        assertThat(down).hasSize(3).allSatisfy(d -> assertThat(d.headers()).doesNotContainKey("webhook-signature"));
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).isEqualTo("PROCESSING_FAILED");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SERVICE)).isEqualTo("result-writer");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(topics.loopCompleted.name());
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.MESSAGE)).contains("/down", "HTTP 500");
        assertThat(topics.loopCompleted.valueSerde().deserializer().deserialize(topics.loopCompleted.name(),
                dead.value())).isEqualTo(completed);
        assertThat(ok).hasSize(1);
    }

    private static LoopCompleted completed(String name) {
        return LoopCompleted.newBuilder()
                .setEnvelope(new Envelopes(Clock.systemUTC()).next(name))
                .setHumanLoopName(name)
                .setHumanLoopArn("arn:aws:sagemaker:us-east-1:111122223333:human-loop/" + name)
                .setFlowDefinitionName("claims-review")
                .setFlowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/claims-review")
                .setHumanLoopStatus(HumanLoopStatus.COMPLETED)
                .setCreationTime(Instant.parse("2024-05-01T09:59:58.120Z"))
                .setCompletedAt(Instant.parse("2024-05-01T10:00:05.870Z"))
                .setFailureCode(null)
                .setFailureReason(null)
                .setOutputS3Uri("s3://bucket/out/claims-review/2024/05/01/09/59/58/" + name + "/output.json")
                .setAccount("111122223333")
                .setRegion("us-east-1")
                .build();
    }

    private static void answer(HttpExchange exchange, List<Delivery> received, Supplier<Integer> status)
            throws java.io.IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int code = status.get();
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        received.add(new Delivery(headers, body, code));
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }

    private static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitSize(List<Delivery> deliveries, int size) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (deliveries.size() < size && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(deliveries).hasSizeGreaterThanOrEqualTo(size);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(String key) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.deadLetters.name()));
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No dead letter for " + key);
    }
}
