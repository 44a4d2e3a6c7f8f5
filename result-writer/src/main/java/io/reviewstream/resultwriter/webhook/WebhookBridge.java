package io.reviewstream.resultwriter.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.SmartLifecycle;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers loop status changes to the configured webhook endpoints, each from its own thread and consumer group,
 * off any request path. Does nothing while no endpoint is configured.
 */
public class WebhookBridge implements SmartLifecycle {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final WebhookProperties properties;
    private final Topics topics;
    private final KafkaClients clients;
    private final Clock clock;
    private final MeterRegistry meters;
    private final List<EndpointDelivery> deliveries = new ArrayList<>();
    private Producer<byte[], byte[]> deadLetters;

    public WebhookBridge(WebhookProperties properties, Topics topics, KafkaClients clients, Clock clock,
                         MeterRegistry meters) {
        this.properties = properties;
        this.topics = topics;
        this.clients = clients;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        if (properties.endpoints().isEmpty() || isRunning()) {
            return;
        }
        deadLetters = clients.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer());
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (int i = 0; i < properties.endpoints().size(); i++) {
            EndpointDelivery delivery = new EndpointDelivery(i, properties.endpoints().get(i), properties, topics,
                    clients, deadLetters, http, clock, meters);
            deliveries.add(delivery);
            Thread thread = new Thread(delivery, "webhook-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public synchronized void stop() {
        deliveries.forEach(EndpointDelivery::stop);
        try {
            for (EndpointDelivery delivery : deliveries) {
                delivery.awaitStopped(STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliveries.clear();
        if (deadLetters != null) {
            deadLetters.close();
            deadLetters = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !deliveries.isEmpty();
    }
}
