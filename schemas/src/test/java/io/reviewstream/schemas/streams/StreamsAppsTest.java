package io.reviewstream.schemas.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewstream.schemas.config.SchemasAutoConfiguration;
import io.reviewstream.schemas.deadletter.DeadLetterDeserializationHandler;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsAppsTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"router\" password=\"secret\";";

    @Test
    void anAppRunsWithTheSpringKafkaSettingsUnderItsOwn() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SchemasAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        // no broker here: the settings are what is tested, not a connection
                        "spring.kafka.admin.auto-create=false", "reviewstream.kafka.startup-check-timeout=0s",
                        "spring.kafka.bootstrap-servers=broker:9096",
                        "spring.kafka.security.protocol=SASL_SSL",
                        "spring.kafka.ssl.trust-store-location=file:/etc/kafka/truststore.p12",
                        "spring.kafka.properties.sasl.jaas.config=" + JAAS,
                        "spring.kafka.streams.application-id=from-spring",
                        "spring.kafka.streams.properties.processing.guarantee=at_least_once",
                        "reviewstream.kafka.replication-factor=3",
                        "reviewstream.kafka.topic-prefix=p.")
                .run(context -> {
                    Properties settings = context.getBean(StreamsApps.class).settings(
                            new StreamsApps.Instance("loop-router", "rs-router", "/var/lib/router", 4),
                            Map.of(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144));
                    assertThat(settings)
                            .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                            .containsEntry(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/kafka/truststore.p12")
                            .containsEntry(SaslConfigs.SASL_JAAS_CONFIG, JAAS)
                            // the service's identity and the guarantees every app relies on win
                            .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "rs-router")
                            .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                            .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/router")
                            .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 4)
                            .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                            .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144)
                            .containsEntry(DeadLetterDeserializationHandler.DEAD_LETTER_TOPIC_CONFIG,
                                    "p.dead-letters")
                            .containsEntry(DeadLetterDeserializationHandler.SERVICE_CONFIG, "loop-router");
                    assertThat(String.valueOf(settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)))
                            .contains("broker:9096");
                });
    }
}
