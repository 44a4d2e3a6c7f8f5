package io.reviewstream.flowservice.console.deadletter;

import io.reviewstream.flowservice.console.audit.ConsoleAudit;
import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dead-letter page's reads, its decoding through the registry and its bounded, audited replays. */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    /** A dead letter's bytes are shown up to this much: enough to recognise any record, small enough for a page. */
    private static final int MAX_SHOWN_BYTES = 64 * 1024;

    @Bean
    public DeadLetterTopic deadLetterTopic(KafkaClients kafka, Topics topics) {
        return new DeadLetterTopic(kafka, topics);
    }

    @Bean
    public DeadLetterContent deadLetterContent(SerdeFactory serdes) {
        return new DeadLetterContent(serdes.registry(), MAX_SHOWN_BYTES);
    }

    @Bean
    public DeadLetterReplay deadLetterReplay(DeadLetterTopic deadLetterTopic, Publisher publisher, ConsoleAudit audit,
                                             Topics topics, DeadLetterProperties properties) {
        return new DeadLetterReplay(deadLetterTopic, publisher, audit, topics, properties.maxReplays());
    }
}
