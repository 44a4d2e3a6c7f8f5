package io.reviewstream.schemas.reply;

import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Request/reply over Kafka: an HTTP call sends a command to the owner of its key's partition and waits for the
 * owner's reply, so that a conflict is decided in exactly one place. Every instance reads all reply partitions
 * (read_committed, from the end at start-up) and completes the calls it is waiting for, so a reply is only seen
 * once its transaction — and with it the state change — is committed.
 *
 * @param <C> command type
 * @param <R> reply type
 */
public final class RequestReplyGateway<C, R> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RequestReplyGateway.class);

    /**
     * How a command and its reply are matched and where the command goes.
     *
     * @param key       the command's record key, which picks the owner's partition
     * @param ofCommand the command's correlation id
     * @param ofReply   the correlation id of a reply, from its record key and value
     */
    public record Correlation<C, R>(Function<C, String> key, Function<C, String> ofCommand,
                                    BiFunction<String, R, String> ofReply) {
    }

    private final Topic<String, C> commands;
    private final Topic<String, R> replies;
    private final Correlation<C, R> correlation;
    private final KafkaClients clients;
    private final Duration timeout;
    private final Map<String, CompletableFuture<R>> pending = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private KafkaProducer<String, C> producer;
    private KafkaConsumer<String, R> consumer;
    private Thread thread;

    public RequestReplyGateway(Topic<String, C> commands, Topic<String, R> replies, Correlation<C, R> correlation,
                               KafkaClients clients, Duration timeout) {
        this.commands = commands;
        this.replies = replies;
        this.correlation = correlation;
        this.clients = clients;
        this.timeout = timeout;
    }

    /** Sends the command and waits for the owner's reply. */
    public R send(C command) throws TimeoutException {
        String correlationId = correlation.ofCommand().apply(command);
        CompletableFuture<R> reply = new CompletableFuture<>();
        pending.put(correlationId, reply);
        try {
            // a reply written before the reader found the end of the reply topic would be missed
            if (!positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("The reply reader is not ready yet");
            }
            producer.send(new ProducerRecord<>(commands.name(), correlation.key().apply(command), command))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("Interrupted while waiting for a reply on " + replies.name());
        } catch (ExecutionException e) {
            throw new IllegalStateException(commands.name() + " could not be reached: " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            pending.remove(correlationId);
        }
    }

    @Override
    public synchronized void start() {
        producer = clients.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topic.MAX_RECORD_BYTES),
                commands.keySerde().serializer(), commands.valueSerde().serializer());
        consumer = clients.consumer(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
                replies.keySerde().deserializer(), replies.valueSerde().deserializer());
        thread = new Thread(this::readReplies, "replies-" + replies.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(5));
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void readReplies() {
        try (KafkaConsumer<String, R> c = consumer) {
            List<TopicPartition> partitions = c.partitionsFor(replies.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToEnd(partitions);
            partitions.forEach(c::position);
            positioned.countDown();
            while (true) {
                for (ConsumerRecord<String, R> record : c.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    CompletableFuture<R> waiting = pending.get(correlation.ofReply().apply(record.key(), record.value()));
                    if (waiting != null) {
                        waiting.complete(record.value());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            log.error("Reading replies from {} stopped", replies.name(), e);
        }
    }
}
