package io.reviewstream.looprouter.it;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.embedded.KafkaBroker;
import io.reviewstream.embedded.TestCertificates;
import io.reviewstream.looprouter.LoopRouterApplication;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.streams.StreamsApp;
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
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broker that only lets clients in over SASL/SCRAM-SHA-512 and TLS with a private CA, as managed clusters do:
 * loop-router and plain clients reach it with nothing but {@code spring.kafka.*} settings, and a wrong password or
 * an untrusted certificate stops the service at start-up, naming what to correct.
 */
class SecuredKafkaIntegrationTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String USER = "reviewstream";
    private static final String PASSWORD = "s3cret-" + RUN;

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        certificates = TestCertificates.generate(dir.resolve("certificates"), "broker");
        broker = new KafkaBroker(dir.resolve("kafka"), 0, 0).withSaslSsl(certificates).start();
        broker.upsertScramUser(USER, PASSWORD);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void theRouterAndARoundTripRunOverSaslSsl() throws Exception {
        try (ConfigurableApplicationContext router = startRouter(PASSWORD, certificates.trustStore())) {
            StreamsApp app = router.getBean(StreamsApp.class);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (app.state() != KafkaStreams.State.RUNNING && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);

            // the service's own client factory, configured by the same keys
            KafkaClients clients = router.getBean(KafkaClients.class);
            String topic = "secured-" + RUN;
            try (Admin admin = clients.admin(Map.of())) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = clients.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "key", "over SASL_SSL")).get();
            }
            try (KafkaConsumer<String, String> consumer = clients.consumer(Map.of(
                            ConsumerConfig.GROUP_ID_CONFIG, "secured-" + RUN,
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                List<String> values = new ArrayList<>();
                while (values.isEmpty() && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        values.add(record.value());
                    }
                }
                assertThat(values).containsExactly("over SASL_SSL");
            }
        }
    }

    @Test
    void aWrongPasswordStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> startRouter("wrong-" + PASSWORD, certificates.trustStore()).close())
                .hasStackTraceContaining("Kafka refused the login")
                .hasStackTraceContaining("spring.kafka.properties.sasl.jaas.config");
    }

    @Test
    void anUntrustedCertificateStopsTheStartNamingTheSetting() {
        TestCertificates stranger = TestCertificates.generate(dir.resolve("stranger"), "stranger");
        assertThatThrownBy(() -> startRouter(PASSWORD, stranger.trustStore()).close())
                .hasStackTraceContaining("The TLS handshake with Kafka failed")
                .hasStackTraceContaining("spring.kafka.ssl.trust-store-location");
    }

    private static ConfigurableApplicationContext startRouter(String password, Path trustStore) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.kafka.bootstrap-servers", broker.saslSslBootstrapServers());
        settings.put("spring.kafka.security.protocol", "SASL_SSL");
        settings.put("spring.kafka.ssl.trust-store-location", "file:" + trustStore.toAbsolutePath());
        settings.put("spring.kafka.ssl.trust-store-password", certificates.password());
        settings.put("spring.kafka.ssl.trust-store-type", "PKCS12");
        settings.put("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512");
        settings.put("spring.kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.scram."
                + "ScramLoginModule required username=\"" + USER + "\" password=\"" + password + "\";");
        settings.put("reviewstream.kafka.schema-registry-url", EmbeddedInfra.shared().schemaRegistryUrl());
        settings.put("reviewstream.kafka.topic-prefix", "sec" + RUN + ".");
        settings.put("reviewstream.kafka.partitions", "2");
        settings.put("reviewstream.router.application-id", "router-sec-" + RUN);
        settings.put("reviewstream.router.state-dir", Files.createTempDirectory("router-sec").toString());
        settings.put("server.port", "0");
        settings.put("spring.main.banner-mode", "off");
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return LoopRouterApplication.application().run(args.toArray(String[]::new));
    }
}
