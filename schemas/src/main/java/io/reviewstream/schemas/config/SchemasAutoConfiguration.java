package io.reviewstream.schemas.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.kafka.KafkaConnectionCheck;
import io.reviewstream.schemas.serde.RegistryConnection;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.streams.StreamsApp;
import io.reviewstream.schemas.streams.StreamsApps;
import io.reviewstream.schemas.streams.StreamsHealthIndicator;
import io.reviewstream.schemas.status.LoopStatusHealthIndicator;
import io.reviewstream.schemas.status.LoopStatusReader;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import io.reviewstream.schemas.view.ViewsHealthIndicator;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Clock;
import java.util.List;

/**
 * Gives every service the same registry client, serdes and topic registry, and makes sure the shared topics exist
 * (compacted where the design says so) before any Streams app subscribes to them. Every Kafka client is built by
 * {@link KafkaClients}, every Streams app by {@link StreamsApps}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({ReviewstreamKafkaProperties.class, SchemaRegistryProperties.class,
        AwsIdentityProperties.class, S3Properties.class})
public class SchemasAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    public Arns arns(AwsIdentityProperties identity) {
        return new Arns(identity.region(), identity.accountId());
    }

    @Bean
    @ConditionalOnMissingBean
    public Envelopes envelopes(Clock clock) {
        return new Envelopes(clock);
    }

    @Bean
    @ConditionalOnMissingBean
    public SchemaRegistryClient schemaRegistryClient(ReviewstreamKafkaProperties properties,
                                                     SchemaRegistryProperties registry) {
        return new SchemaRegistryClient(RegistryConnection.of(properties.schemaRegistryUrl(), registry));
    }

    @Bean
    @ConditionalOnMissingBean
    public SerdeFactory serdeFactory(SchemaRegistryClient registry, Envelopes envelopes) {
        return new SerdeFactory(registry, envelopes);
    }

    @Bean
    @ConditionalOnMissingBean
    public Topics topics(ReviewstreamKafkaProperties properties, SerdeFactory serdes) {
        return new Topics(properties.topicPrefix(), serdes);
    }

    @Bean
    @ConditionalOnMissingBean
    public KafkaClients kafkaClients(KafkaProperties kafka, ReviewstreamKafkaProperties properties) {
        KafkaClients clients = new KafkaClients(kafka, properties.instanceId());
        // before any client exists: every Kafka-using bean depends on this one
        KafkaConnectionCheck.verify(clients, properties.startupCheckTimeout());
        return clients;
    }

    /** Lazy: only the services that run a Streams app need it, and its admin and metrics. */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    public StreamsApps streamsApps(KafkaClients clients, KafkaAdmin admin, ReviewstreamKafkaProperties properties,
                                   Topics topics, MeterRegistry meters) {
        return new StreamsApps(clients, admin, properties.replicationFactor(), topics.deadLetters.name(), meters);
    }

    @Bean
    @ConditionalOnBean(StreamsApp.class)
    public StreamsHealthIndicator streamsHealthIndicator(StreamsApp app) {
        return new StreamsHealthIndicator(app);
    }

    @Bean
    @ConditionalOnBean(CompactedTopicView.class)
    public ViewsHealthIndicator viewsHealthIndicator(List<CompactedTopicView<?>> views) {
        return new ViewsHealthIndicator(views);
    }

    @Bean
    @ConditionalOnBean(LoopStatusReader.class)
    public LoopStatusHealthIndicator loopStatusHealthIndicator(LoopStatusReader reader) {
        return new LoopStatusHealthIndicator(reader);
    }

    @Bean
    public KafkaAdmin.NewTopics reviewstreamSharedTopics(Topics topics, ReviewstreamKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(topics.all().stream()
                .map(topic -> topic.newTopic(properties.partitions(), properties.replicationFactor()))
                .toArray(NewTopic[]::new));
    }
}
