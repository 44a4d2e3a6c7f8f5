package io.reviewstream.resultwriter.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.deadletter.DeadLetterCounter;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One endpoint's deliveries: its own consumer group on the completion topic, one event at a time in topic order,
 * retried with exponential backoff, dead-lettered after the last attempt; the offset is committed only once the
 * event is delivered or dead-lettered, so a restart resends rather than loses (at-least-once).
 */
final class EndpointDelivery implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EndpointDelivery.class);
    private static final String SERVICE = "result-writer";

    private final WebhookProperties.Endpoint endpoint;
    private final WebhookSignature signature;
    private final WebhookProperties properties;
    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaClientMetrics consumerMetrics;
    private final Producer<byte[], byte[]> deadLetters;
    private final HttpClient http;
    private final Clock clock;
    private final MeterRegistry meters;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    EndpointDelivery(int index, WebhookProperties.Endpoint endpoint, WebhookProperties properties, Topics topics,
                     KafkaClients clients, Producer<byte[], byte[]> deadLetters, HttpClient http, Clock clock,
                     MeterRegistry meters) {
        this.endpoint = endpoint;
        this.signature = endpoint.secret() == null || endpoint.secret().isBlank() ? null
                : WebhookSignature.of(endpoint.secret());
        this.properties = properties;
        this.topics = topics;
        this.deadLetters = deadLetters;
        this.http = http;
        this.clock = clock;
        this.meters = meters;
        long pollInterval = properties.worstCase().plusMinutes(1).toMillis();
        this.consumer = clients.consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, properties.groupId() + "-" + index,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, properties.startAt().name().toLowerCase(Locale.ROOT),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                // a delivery may retry for a long time; the group must not evict the consumer meanwhile
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, pollInterval)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // lag per endpoint shows in kafka_consumer_fetch_manager_records_lag_max like every other consumer's
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(meters);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topics.loopCompleted.name()));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    try {
                        handle(record);
                        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                    } catch (WakeupException | InterruptedException stopping) {
                        throw stopping;
                    } catch (RuntimeException e) {
                        // e.g. the dead-letter topic unreachable: deliver this event again rather than skip it
                        log.error("Webhook {}: event at {}@{} not settled, retrying", endpoint.url(), partition,
                                record.offset(), e);
                        consumer.seek(partition, record.offset());
                        sleep(properties.initialBackoff());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            consumerMetrics.close();
            consumer.close();
            stopped.countDown();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        LoopCompleted completed;
        try {
            completed = topics.loopCompleted.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            deadLetter(record, DeadLetterReason.UNPARSABLE, "not a loop completion", e);
            return;
        }
        if (completed == null) {
            return;
        }
        String id = StatusChangeEvent.id(completed);
        String body = StatusChangeEvent.json(completed);
        String failure = null;
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            failure = attempt(id, body);
            if (failure == null) {
                outcome("delivered");
                return;
            }
            log.warn("Webhook {} attempt {}/{} for {} failed: {}", endpoint.url(), attempt, properties.maxAttempts(),
                    completed.getHumanLoopName(), failure);
            if (attempt < properties.maxAttempts() && !sleep(properties.backoff(attempt))) {
                throw new InterruptedException("stopping");
            }
        }
        deadLetter(record, DeadLetterReason.PROCESSING_FAILED, "webhook " + endpoint.url() + " failed "
                + properties.maxAttempts() + " times, last: " + failure, null);
    }

    /** One delivery; null when the receiver accepted it, else what went wrong. */
    private String attempt(String id, String body) throws InterruptedException {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url()).timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("webhook-signature", signature.sign(id, timestamp, body));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, DeadLetterReason reason, String message,
                            Throwable exception) {
        try {
            deadLetters.send(DeadLetters.record(topics.deadLetters.name(), record.key(), record.value(),
                    DeadLetters.headers(record.headers(), reason, message, exception, SERVICE, record.topic(),
                            record.partition(), record.offset()))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (ExecutionException e) {
            // not committing would resend forever; failing here restarts the delivery from the same offset
            throw new IllegalStateException("Cannot dead-letter a webhook event", e.getCause());
        }
        new DeadLetterCounter(meters, SERVICE).increment(record.topic(), reason);
        outcome("dead_lettered");
    }

    private void outcome(String outcome) {
        Counter.builder("reviewstream.webhooks.deliveries").tag("outcome", outcome).register(meters).increment();
    }

    /** Waits, or returns false as soon as the delivery is stopped. */
    private boolean sleep(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.sleep(Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
        }
        return running;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
