package io.reviewstream.resultwriter.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    public WebhookBridge webhookBridge(WebhookProperties webhooks, Topics topics, KafkaClients kafka, Clock clock,
                                       MeterRegistry meters) {
        return new WebhookBridge(webhooks, topics, kafka, clock, meters);
    }
}
