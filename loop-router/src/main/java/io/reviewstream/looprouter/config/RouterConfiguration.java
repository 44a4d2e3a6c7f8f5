package io.reviewstream.looprouter.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.looprouter.topology.LoopRouterTopology;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.config.ReviewstreamKafkaProperties;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.streams.StreamsApp;
import io.reviewstream.schemas.streams.StreamsApps;
import io.reviewstream.schemas.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Clock;

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
    public StreamsApp loopRouterStreams(StreamsApps apps, Topics topics, SerdeFactory serdes, Envelopes envelopes,
                                        Arns arns, Clock clock, MeterRegistry meters, RouterProperties router,
                                        KafkaAdmin.NewTopics routerInternalTopics) {
        return apps.create(new StreamsApps.Instance(SERVICE, router.applicationId(), router.stateDir(),
                        router.streamThreads()),
                LoopRouterTopology.build(topics, serdes, envelopes, arns, clock, meters, router.decisionDetail(),
                        router.earlyCommits()),
                router.streamsTuning());
    }
}
