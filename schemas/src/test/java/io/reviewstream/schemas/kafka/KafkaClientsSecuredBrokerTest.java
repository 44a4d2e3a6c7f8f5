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

/**
 * A broker that admits clients only with a certificate it trusts, or with a SASL/PLAIN or SASL/OAUTHBEARER login over
 * TLS: the {@code spring.kafka.*} settings of each reach the clients.
 */
class KafkaClientsSecuredBrokerTest {

    private static final String PLAIN_USER = "api-key";
    private static final String PLAIN_PASSWORD = "api-secret";

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
                .withSaslSsl(brokerCertificates).withPlainUser(PLAIN_USER, PLAIN_PASSWORD).withUnsecuredOAuthBearer().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static ApplicationContextRunner context(String bootstrapServers, String protocol) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SchemasAutoConfiguration.class))
                .withPropertyValues("spring.kafka.admin.auto-create=false",
                        "reviewstream.kafka.startup-check-timeout=10s",
                        "spring.kafka.bootstrap-servers=" + bootstrapServers,
                        "spring.kafka.security.protocol=" + protocol,
                        "spring.kafka.ssl.trust-store-location=file:" + brokerCertificates.trustStore(),
                        "spring.kafka.ssl.trust-store-password=" + brokerCertificates.password(),
                        "spring.kafka.ssl.trust-store-type=PKCS12");
    }

    private static ApplicationContextRunner mutualTls() {
        return context(broker.mutualTlsBootstrapServers(), "SSL");
    }

    private static ApplicationContextRunner plainLogin(String password) {
        return context(broker.saslSslBootstrapServers(), "SASL_SSL").withPropertyValues(
                "spring.kafka.properties.sasl.mechanism=PLAIN",
                "spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"" + PLAIN_USER + "\" password=\"" + password + "\";");
    }

    @Test
    void aClientWithItsCertificateGoesRoundTrip() {
        mutualTls().withPropertyValues(
                "spring.kafka.ssl.key-store-location=file:" + clientCertificates.keyStore(),
                "spring.kafka.ssl.key-store-password=" + clientCertificates.password(),
                "spring.kafka.ssl.key-password=" + clientCertificates.password(),
                "spring.kafka.ssl.key-store-type=PKCS12")
                .run(context -> roundTrip(context.getBean(KafkaClients.class), "mtls"));
    }

    @Test
    void aPlainLoginOverTlsGoesRoundTrip() {
        plainLogin(PLAIN_PASSWORD).run(context -> roundTrip(context.getBean(KafkaClients.class), "plain"));
    }

    @Test
    void anOAuthBearerLoginOverTlsGoesRoundTrip() {
        context(broker.saslSslBootstrapServers(), "SASL_SSL").withPropertyValues(
                "spring.kafka.properties.sasl.mechanism=OAUTHBEARER",
                "spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer."
                        + "OAuthBearerLoginModule required unsecuredLoginStringClaim_sub=\"reviewstream\";")
                .run(context -> roundTrip(context.getBean(KafkaClients.class), "oauthbearer"));
    }

    @Test
    void aWrongPlainPasswordStopsTheStartNamingTheSetting() {
        plainLogin("wrong").run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("Kafka refused the login")
                .hasStackTraceContaining("spring.kafka.properties.sasl.jaas.config"));
    }

    @Test
    void withoutACertificateTheStartStopsNamingTheKeyStore() {
        mutualTls().run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("The TLS handshake with Kafka failed")
                .hasStackTraceContaining("spring.kafka.ssl.key-store-location"));
    }

    private static void roundTrip(KafkaClients clients, String topic) throws Exception {
        try (Admin admin = clients.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = clients.producer(Map.of(), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "secured")).get();
        }
        try (KafkaConsumer<String, String> consumer = clients.consumer(Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG, topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (values.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            assertThat(values).containsExactly("secured");
        }
    }
}
