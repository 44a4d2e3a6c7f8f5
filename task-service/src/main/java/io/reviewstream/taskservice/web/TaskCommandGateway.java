package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskReply;
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

/**
 * Request/reply over Kafka for the worker API: a command goes to the team's queue owner, and the call waits for the
 * owner's reply. Every instance reads all reply partitions (read_committed, from the end at start-up) and completes
 * the calls it is waiting for, so a reply is only seen once its transaction — and with it the state change — is
 * committed.
 */
public final class TaskCommandGateway implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskCommandGateway.class);

    private final Topic<String, TaskCommand> commands;
    private final Topic<String, TaskReply> replies;
    private final String bootstrapServers;
    private final Duration timeout;
    private final Map<String, CompletableFuture<TaskReply>> pending = new ConcurrentHashMap<>();
    private KafkaProducer<String, TaskCommand> producer;
    private KafkaConsumer<String, TaskReply> consumer;
    private Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);

    public TaskCommandGateway(Topic<String, TaskCommand> commands, Topic<String, TaskReply> replies,
                              String bootstrapServers, Duration timeout) {
        this.commands = commands;
        this.replies = replies;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** Sends the command and waits for the queue owner's reply; the command's correlation id matches them. */
    public TaskReply send(TaskCommand command) throws TimeoutException {
        String correlationId = command.getEnvelope().getCorrelationId();
        CompletableFuture<TaskReply> reply = new CompletableFuture<>();
        pending.put(correlationId, reply);
        try {
            // a reply written before the reader found the end of the reply topic would be missed
            if (!positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("The reply reader is not ready yet");
            }
            producer.send(new ProducerRecord<>(commands.name(), command.getTeam(), command)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("Interrupted while waiting for the task queue");
        } catch (ExecutionException e) {
            throw new IllegalStateException("The task queue could not be reached: " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            pending.remove(correlationId);
        }
    }

    @Override
    public synchronized void start() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                commands.keySerde().serializer(), commands.valueSerde().serializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
                replies.keySerde().deserializer(), replies.valueSerde().deserializer());
        thread = new Thread(this::readReplies, "task-replies");
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
        try (KafkaConsumer<String, TaskReply> c = consumer) {
            List<TopicPartition> partitions = c.partitionsFor(replies.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToEnd(partitions);
            partitions.forEach(c::position);
            positioned.countDown();
            while (true) {
                for (ConsumerRecord<String, TaskReply> record : c.poll(Duration.ofMillis(500))) {
                    CompletableFuture<TaskReply> waiting = pending.get(record.key());
                    if (waiting != null && record.value() != null) {
                        waiting.complete(record.value());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            log.error("Reading task replies stopped", e);
        }
    }
}
