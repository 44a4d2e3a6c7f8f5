package io.reviewstream.resultwriter.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.schemas.topic.Topics;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    public WebhookBridge webhookBridge(WebhookProperties webhooks, Topics topics, KafkaProperties kafka, Clock clock,
                                       MeterRegistry meters) {
        return new WebhookBridge(webhooks, topics, String.join(",", kafka.getBootstrapServers()), clock, meters);
    }
}
