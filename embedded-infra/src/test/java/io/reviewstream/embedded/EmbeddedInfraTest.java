package io.reviewstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.minio.BucketExistsArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedInfraTest {

    private final EmbeddedInfra infra = EmbeddedInfra.shared();

    @Test
    void transactionalRecordsReachAReadCommittedConsumer() throws Exception {
        String topic = "tx-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test-" + UUID.randomUUID()),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "key", "committed"));
            producer.commitTransaction();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "tx-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            assertThat(values).containsExactly("committed");
        }
    }

    @Test
    void registryStoresAndReturnsSchemasThroughTheConfluentApi() throws Exception {
        String subject = "subject-" + UUID.randomUUID() + "-value";
        String id = Registry.register(infra.schemaRegistryUrl(), subject, "{\\\"type\\\":\\\"string\\\"}");
        assertThat(Registry.get(infra.schemaRegistryUrl() + "/schemas/ids/" + id)).contains("string");
        assertThat(Registry.get(infra.schemaRegistryUrl() + "/subjects")).contains(subject);
    }

    @Test
    void s3KeepsObjectsAcrossAStopAndStart() throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(infra.s3Endpoint()).region(infra.s3Region())
                .credentials(infra.s3AccessKey(), infra.s3SecretKey()).build();
        String bucket = "bucket-" + UUID.randomUUID().toString().substring(0, 8);
        infra.createBucket(bucket);
        infra.createBucket(bucket);
        assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
        byte[] content = "{\"answer\":\"cat\"}".getBytes(StandardCharsets.UTF_8);
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object("a/output.json")
                .stream(new ByteArrayInputStream(content), (long) content.length, -1L).build());

        infra.stopS3();
        try {
            assertThatThrownBy(() -> s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()))
                    .hasRootCauseInstanceOf(ConnectException.class);
        } finally {
            infra.startS3();
        }

        try (var in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object("a/output.json").build())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void s3RejectsUnknownCredentials() {
        MinioClient s3 = MinioClient.builder().endpoint(infra.s3Endpoint()).region(infra.s3Region())
                .credentials("someone-else", "wrong-secret").build();
        assertThatThrownBy(() -> s3.bucketExists(BucketExistsArgs.builder().bucket("any").build()))
                .isInstanceOf(ErrorResponseException.class).hasMessageContaining("Access denied");
    }

    @Test
    void springPropertiesPointAtTheRunningParts() {
        assertThat(infra.springProperties())
                .containsEntry("spring.kafka.bootstrap-servers", infra.bootstrapServers())
                .containsEntry("reviewstream.kafka.schema-registry-url", infra.schemaRegistryUrl())
                .containsEntry("reviewstream.s3.endpoint", infra.s3Endpoint())
                .containsEntry("reviewstream.s3.region", "us-east-1")
                .containsKeys("reviewstream.s3.access-key", "reviewstream.s3.secret-key");
        assertThat(infra.schemaRegistryUrl()).startsWith("http://127.0.0.1:").endsWith("/apis/ccompat/v7");
        assertThat(URI.create(infra.s3Endpoint()).getPort()).isPositive();
    }

    /** The Confluent-compatible REST calls, spoken with the JDK client. */
    static final class Registry {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        static String register(String baseUrl, String subject, String escapedSchema) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/subjects/" + subject + "/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + escapedSchema + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body().replaceAll("\\D", "");
        }

        static String get(String url) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }
    }
}
