package io.reviewstream.flowservice.console.history;

import io.reviewstream.flowservice.config.FlowServiceProperties;
import io.reviewstream.schemas.config.S3Properties;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.status.LoopStatusStore;
import io.reviewstream.schemas.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/** The loops' histories, on disk beside the loop statuses, and what the loop page is built from. */
@Configuration(proxyBeanMethods = false)
public class HistoryConfiguration {

    @Bean(destroyMethod = "close")
    public LoopHistoryStore loopHistoryStore(Topics topics, FlowServiceProperties properties) {
        return new LoopHistoryStore(Path.of(properties.stateDir()), topics);
    }

    @Bean
    public LoopHistoryReader loopHistoryReader(Topics topics, LoopHistoryStore loopHistoryStore, KafkaClients kafka) {
        return new LoopHistoryReader(topics, loopHistoryStore, kafka);
    }

    @Bean
    public LoopTimeline loopTimeline(LoopHistoryStore loopHistoryStore, LoopStatusStore loopStatusStore,
                                     S3Properties s3, Topics topics, HistoryProperties properties) {
        return new LoopTimeline(loopHistoryStore, loopStatusStore, new OutputDocuments(s3, properties.maxOutputBytes()),
                topics, properties.maxEvents());
    }
}
