package io.reviewstream.flowservice.console.audit;

import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.config.ReviewstreamKafkaProperties;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * Every change made through the console, on the {@code console-audit} topic (keyed by what was changed): who did
 * what to which target, when, and how it ended.
 */
@Component
public class ConsoleAudit {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Publisher publisher;
    private final Topic<String, String> topic;
    private final Clock clock;

    public ConsoleAudit(Publisher publisher, Topics topics, Clock clock) {
        this.publisher = publisher;
        this.topic = topic(topics);
        this.clock = clock;
    }

    public static Topic<String, String> topic(Topics topics) {
        return new Topic<>(topics.name("console-audit"), Serdes.String(), Serdes.String(), false);
    }

    public void record(Authentication who, String action, String target, String outcome) {
        publisher.send(topic, target, JSON.writeValueAsString(JSON.createObjectNode()
                .put("at", clock.instant().toString())
                .put("who", who == null ? "anonymous" : who.getName())
                .put("action", action)
                .put("target", target)
                .put("outcome", outcome)));
    }

    @Bean
    static NewTopic consoleAuditTopic(Topics topics, ReviewstreamKafkaProperties kafka) {
        return topic(topics).newTopic(kafka.partitions(), kafka.replicationFactor());
    }
}
