package io.reviewstream.looprouter.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.looprouter.topology.LoopRouterTopology;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.config.ReviewstreamKafkaProperties;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.streams.StreamsApp;
import io.reviewstream.schemas.streams.StreamsHealthIndicator;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
public class RouterConfiguration {

    public static final String SERVICE = "loop-router";

    @Bean
    public KafkaAdmin.NewTopics routerInternalTopics(Topics topics, SerdeFactory serdes,
                                                     ReviewstreamKafkaProperties kafka) {
        return new KafkaAdmin.NewTopics(LoopRouterTopology.candidatesTopic(topics, serdes)
                .newTopic(kafka.partitions(), kafka.replicationFactor()));
    }

    @Bean
    public StreamsApp loopRouterStreams(Topics topics, SerdeFactory serdes, Envelopes envelopes, Arns arns,
                                        Clock clock, MeterRegistry meters, KafkaProperties kafka,
                                        RouterProperties router, KafkaAdmin admin,
                                        KafkaAdmin.NewTopics routerInternalTopics) {
        // Topics must exist before Streams subscribes; the admin creates the declared ones on first use.
        admin.initialize();
        Map<String, Object> config = new HashMap<>(router.streamsTuning());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, router.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        config.put(StreamsConfig.STATE_DIR_CONFIG, router.stateDir());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, router.streamThreads());
        return new StreamsApp(LoopRouterTopology.build(topics, serdes, envelopes, arns, clock, meters,
                router.decisionDetail()), config,
                SERVICE, topics.deadLetters.name(), meters);
    }

    @Bean
    public StreamsHealthIndicator streamsHealthIndicator(StreamsApp loopRouterStreams) {
        return new StreamsHealthIndicator(loopRouterStreams);
    }
}
