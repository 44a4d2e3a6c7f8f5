package io.reviewstream.schemas.kafka;

import io.reviewstream.schemas.config.SchemasAutoConfiguration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"writer\" password=\"secret\";";

    @TempDir
    Path dir;

    private ApplicationContextRunner context() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SchemasAutoConfiguration.class))
                // no broker here: the settings are what is tested, not a connection
                .withPropertyValues("spring.kafka.admin.auto-create=false",
                        "reviewstream.kafka.startup-check-timeout=0s");
    }

    private ApplicationContextRunner secured() {
        return context().withPropertyValues(
                "spring.kafka.bootstrap-servers=broker-1:9096,broker-2:9096",
                "spring.kafka.security.protocol=SASL_SSL",
                "spring.kafka.ssl.trust-store-location=file:" + trustStore(),
                "spring.kafka.ssl.trust-store-password=changeit",
                "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                "spring.kafka.properties.sasl.jaas.config=" + JAAS,
                // per-kind settings that the clients' own settings must override
                "spring.kafka.producer.acks=1",
                "spring.kafka.consumer.isolation-level=read-uncommitted",
                "spring.kafka.admin.client-id=spring-admin",
                "spring.kafka.streams.application-id=spring-streams");
    }

    private String trustStore() {
        return dir.resolve("truststore.p12").toAbsolutePath().toString();
    }

    /** One kind of client: how the factory configures it, and one setting its own override must win. */
    private record Kind(String name, Function<KafkaClients, Function<Map<String, ?>, Map<String, Object>>> config,
                        String key, Object fromSpring, Object override) {
    }

    private static final Kind[] KINDS = {
            new Kind("producer", c -> c::producerConfig, ProducerConfig.ACKS_CONFIG, "1", "all"),
            new Kind("consumer", c -> c::consumerConfig, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                    "read_committed"),
            new Kind("admin", c -> c::adminConfig, AdminClientConfig.CLIENT_ID_CONFIG, "spring-admin", "own-admin"),
            new Kind("streams", c -> c::streamsConfig, StreamsConfig.APPLICATION_ID_CONFIG, "spring-streams",
                    "own-app")};

    @Test
    void everyKindOfClientGetsTheConnectionAndSecuritySettings() {
        secured().run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            for (Kind kind : KINDS) {
                Map<String, Object> config = kind.config().apply(clients).apply(Map.of());
                assertThat(config).as(kind.name())
                        .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                        .containsEntry(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore())
                        .containsEntry(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "changeit")
                        .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                        .containsEntry(SaslConfigs.SASL_JAAS_CONFIG, JAAS)
                        .containsEntry(kind.key(), kind.fromSpring());
                assertThat(String.valueOf(config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG))).as(kind.name())
                        .contains("broker-1:9096").contains("broker-2:9096");
            }
        });
    }

    @Test
    void aClientsOwnSettingsWinOverSpringKafkaSettings() {
        secured().run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            for (Kind kind : KINDS) {
                Map<String, Object> config = kind.config().apply(clients).apply(Map.of(
                        kind.key(), kind.override(),
                        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL"));
                assertThat(config).as(kind.name())
                        .containsEntry(kind.key(), kind.override())
                        .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL")
                        .containsEntry(SaslConfigs.SASL_JAAS_CONFIG, JAAS);
            }
        });
    }

    /** The settings reach the clients themselves: a trust store that does not exist stops each of them. */
    @Test
    void theClientsAreBuiltWithTheSettings() {
        context().withPropertyValues(
                "spring.kafka.bootstrap-servers=localhost:1",
                "spring.kafka.security.protocol=SSL",
                "spring.kafka.ssl.trust-store-location=file:" + trustStore(),
                "spring.kafka.ssl.trust-store-password=changeit").run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            assertThatThrownBy(() -> clients.producer(Map.of(), new ByteArraySerializer(), new ByteArraySerializer())
                    .close()).hasStackTraceContaining(trustStore());
            assertThatThrownBy(() -> clients.consumer(Map.of(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).close()).hasStackTraceContaining(trustStore());
            assertThatThrownBy(() -> clients.admin(Map.of()).close()).hasStackTraceContaining(trustStore());
        });
    }

    /**
     * An instance with a name joins its groups as a static member, so that a restart under that name is not
     * held up by the session timeout; consumers outside any group (the views) must not get a member name.
     */
    @Test
    void aNamedInstanceJoinsItsGroupsAsAStaticMember() {
        context().withPropertyValues("reviewstream.kafka.instance-id=task-service-0").run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            assertThat(clients.streamsConfig(Map.of()))
                    .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "task-service-0");
            assertThat(clients.consumerConfig(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "writers")))
                    .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "task-service-0");
            assertThat(clients.consumerConfig(Map.of())).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        });
        context().run(context -> assertThat(context.getBean(KafkaClients.class)
                .consumerConfig(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "writers")))
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        context().withPropertyValues("reviewstream.kafka.instance-id=two words")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void transactionalIdsDifferPerInstanceAndTakeTheConfiguredPrefix() {
        context().run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            assertThat(clients.transactionalId("writer")).startsWith("writer-")
                    .isEqualTo(clients.transactionalId("writer"))
                    .isNotEqualTo(KafkaClients.forBootstrapServers("localhost:9092").transactionalId("writer"));
        });
        context().withPropertyValues("spring.kafka.producer.transaction-id-prefix=team-a.rs").run(context ->
                assertThat(context.getBean(KafkaClients.class).transactionalId("writer")).startsWith("team-a.rs-"));
    }

    @Test
    void anSslBundleIsRefusedRatherThanIgnored() {
        KafkaProperties properties = new KafkaProperties();
        properties.getSsl().setBundle("kafka");
        assertThatThrownBy(() -> new KafkaClients(properties)).hasMessageContaining("spring.kafka.ssl.bundle");
    }
}
