package io.reviewstream.flowservice.console.stats;

import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The console's live numbers: bounded counters fed by one reader, and the teams' queue snapshots. */
@Configuration(proxyBeanMethods = false)
public class StatsConfiguration {

    @Bean
    public DecisionStats decisionStats(StatsProperties properties) {
        return new DecisionStats(properties);
    }

    @Bean
    public TeamActivity teamActivity(StatsProperties properties) {
        return new TeamActivity(properties);
    }

    @Bean
    public WorkforceStats workforceStats(StatsProperties properties) {
        return new WorkforceStats(properties);
    }

    @Bean
    public StatsReader statsReader(Topics topics, KafkaClients kafka, DecisionStats decisionStats,
                                   TeamActivity teamActivity, WorkforceStats workforceStats,
                                   StatsProperties properties, Clock clock) {
        return new StatsReader(topics, kafka, decisionStats, teamActivity, workforceStats, properties.window(), clock);
    }

    /** One snapshot per queue shard: as many as the teams' shards, not their tasks. */
    @Bean
    public CompactedTopicView<TeamQueue> teamQueuesView(Topics topics, KafkaClients kafka) {
        return new CompactedTopicView<>(topics.taskQueues, kafka);
    }

    @Bean
    public QueueHealth queueHealth(CompactedTopicView<TeamQueue> teamQueuesView,
                                   CompactedTopicView<Workteam> workteamsView, TeamActivity teamActivity,
                                   Clock clock) {
        return new QueueHealth(teamQueuesView, workteamsView, teamActivity, clock);
    }
}
