package io.reviewstream.embedded;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedInfraTest {

    private final EmbeddedInfra infra = EmbeddedInfra.shared();

    @Test
    void theBrokerCommitsTransactionsAndReadCommittedConsumersSeeThem() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("infra-test", 1, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "infra-test-tx"),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("infra-test", "k", "committed"));
            producer.commitTransaction();
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "infra-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra-test"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records).extracting(r -> r.value()).containsExactly("committed");
        }
    }

    @Test
    void theRegistryServesTheConfluentCompatibleApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(
                        URI.create(infra.schemaRegistryUrl() + "/subjects/infra-test-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.body()).contains("\"id\"");
        HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(
                URI.create(infra.schemaRegistryUrl() + "/subjects")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.body()).contains("infra-test-value");
    }

    @Test
    void objectStorageKeepsItsDataAcrossAStopAndStart() throws Exception {
        infra.createBucket("infra-test");
        MinioClient s3 = MinioClient.builder().endpoint(infra.s3Endpoint()).region(infra.s3Region())
                .credentials(infra.s3AccessKey(), infra.s3SecretKey()).build();
        byte[] body = "{\"hello\":\"s3\"}".getBytes(StandardCharsets.UTF_8);
        s3.putObject(PutObjectArgs.builder().bucket("infra-test").object("a/b/output.json")
                .stream(new ByteArrayInputStream(body), (long) body.length, null).build());

        infra.stopS3();
        try {
            assertThatThrownBy(() -> s3.bucketExists(BucketExistsArgs.builder().bucket("infra-test").build()))
                    .as("storage is down").isInstanceOf(Exception.class);
        } finally {
            infra.startS3();
        }

        try (var in = s3.getObject(GetObjectArgs.builder().bucket("infra-test").object("a/b/output.json").build())) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
    }

    @Test
    void springPropertiesPointEveryServiceAtThisInfrastructure() {
        assertThat(infra.springProperties())
                .containsEntry("spring.kafka.bootstrap-servers", infra.bootstrapServers())
                .containsEntry("reviewstream.kafka.schema-registry-url", infra.schemaRegistryUrl())
                .containsEntry("reviewstream.s3.endpoint", infra.s3Endpoint());
        assertThat(infra.schemaRegistryUrl()).endsWith("/apis/ccompat/v7");
    }
}
