package io.reviewstream.schemas.kafka;

import io.reviewstream.embedded.KafkaBroker;
import io.reviewstream.embedded.TestCertificates;
import io.reviewstream.schemas.config.SchemasAutoConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker that admits only clients with a certificate it trusts: the key store reaches the clients. */
class KafkaClientsMutualTlsTest {

    @TempDir
    static Path dir;
    private static TestCertificates brokerCertificates;
    private static TestCertificates clientCertificates;
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        brokerCertificates = TestCertificates.generate(dir.resolve("broker"), "broker");
        clientCertificates = TestCertificates.generate(dir.resolve("client"), "client");
        broker = new KafkaBroker(dir.resolve("kafka"), 0, 0).withMutualTls(brokerCertificates, clientCertificates)
                .start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static ApplicationContextRunner context() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SchemasAutoConfiguration.class))
                .withPropertyValues("spring.kafka.admin.auto-create=false",
                        "reviewstream.kafka.startup-check-timeout=10s",
                        "spring.kafka.bootstrap-servers=" + broker.mutualTlsBootstrapServers(),
                        "spring.kafka.security.protocol=SSL",
                        "spring.kafka.ssl.trust-store-location=file:" + brokerCertificates.trustStore(),
                        "spring.kafka.ssl.trust-store-password=" + brokerCertificates.password(),
                        "spring.kafka.ssl.trust-store-type=PKCS12");
    }

    @Test
    void aClientWithItsCertificateGoesRoundTrip() {
        context().withPropertyValues(
                "spring.kafka.ssl.key-store-location=file:" + clientCertificates.keyStore(),
                "spring.kafka.ssl.key-store-password=" + clientCertificates.password(),
                "spring.kafka.ssl.key-password=" + clientCertificates.password(),
                "spring.kafka.ssl.key-store-type=PKCS12").run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            try (Admin admin = clients.admin(Map.of())) {
                admin.createTopics(List.of(new NewTopic("mtls", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = clients.producer(Map.of(), new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("mtls", "key", "with a client certificate")).get();
            }
            try (KafkaConsumer<String, String> consumer = clients.consumer(Map.of(
                            ConsumerConfig.GROUP_ID_CONFIG, "mtls", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("mtls"));
                List<String> values = new ArrayList<>();
                Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
                while (values.isEmpty() && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        values.add(record.value());
                    }
                }
                assertThat(values).containsExactly("with a client certificate");
            }
        });
    }

    @Test
    void withoutACertificateTheStartStopsNamingTheKeyStore() {
        context().run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("The TLS handshake with Kafka failed")
                .hasStackTraceContaining("spring.kafka.ssl.key-store-location"));
    }
}
