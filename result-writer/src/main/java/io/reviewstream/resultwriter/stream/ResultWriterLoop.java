package io.reviewstream.resultwriter.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.reviewstream.resultwriter.config.WriterProperties;
import io.reviewstream.schemas.event.HumanLoopStatuses;
import io.reviewstream.resultwriter.domain.ManifestEntry;
import io.reviewstream.resultwriter.domain.OutputDocument;
import io.reviewstream.resultwriter.domain.OutputLocation;
import io.reviewstream.resultwriter.storage.ManifestCompactor;
import io.reviewstream.resultwriter.storage.ObjectStore;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopCommand;
import io.reviewstream.schemas.avro.LoopCommandType;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.deadletter.DeadLetterCounter;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The writer: for every finished loop, first the object, then — in one Kafka transaction with the consumed
 * offsets — the loop's final status and its completion event. Storage being down stops this loop in place: it
 * retries the same object with capped exponential backoff, without limit, while the consumer stays in its group and
 * its lag grows; nothing after it is processed and no offset moves until the object exists.
 */
public final class ResultWriterLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ResultWriterLoop.class);
    private static final String SERVICE = "result-writer";

    private final Topics topics;
    private final ObjectStore store;
    private final ManifestCompactor manifests;
    private final CompactedTopicView<LoopStatusEvent> statuses;
    private final Envelopes envelopes;
    private final Arns arns;
    private final Clock clock;
    private final WriterProperties properties;
    private final String bootstrapServers;
    private final MeterRegistry meters;
    private final DeadLetterCounter deadLetterCounter;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaClientMetrics clientMetrics;
    private Thread thread;
    private volatile boolean running;

    public ResultWriterLoop(Topics topics, ObjectStore store, ManifestCompactor manifests,
                            CompactedTopicView<LoopStatusEvent> statuses,
                            Envelopes envelopes, Arns arns, Clock clock, WriterProperties properties,
                            String bootstrapServers, MeterRegistry meters) {
        this.topics = topics;
        this.store = store;
        this.manifests = manifests;
        this.statuses = statuses;
        this.envelopes = envelopes;
        this.arns = arns;
        this.clock = clock;
        this.properties = properties;
        this.bootstrapServers = bootstrapServers;
        this.meters = meters;
        this.deadLetterCounter = new DeadLetterCounter(meters, SERVICE);
    }

    @Override
    public synchronized void start() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, properties.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100),
                new StringDeserializer(), new ByteArrayDeserializer());
        // One transactional id per running instance: fencing across rebalances is done by the consumer group
        // metadata sent with the offsets (exactly-once v2), not by a fixed id.
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, properties.groupId() + "-" + UUID.randomUUID()),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        // consumer lag of the writer is what the dashboards and the lag alert read
        clientMetrics = new KafkaClientMetrics(consumer);
        clientMetrics.bindTo(meters);
        running = true;
        thread = new Thread(this::run, "result-writer");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            consumer.wakeup();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(5));
            clientMetrics.close();
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = consumer) {
            c.subscribe(List.of(topics.loops.name(), topics.loopCommands.name(), topics.answers.name()));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    handle(record);
                    offsets.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
                producer.commitTransaction();
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            log.error("The result writer stopped", e);
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Object event;
        try {
            event = decode(record);
        } catch (RuntimeException e) {
            deadLetter(record, DeadLetterReason.UNPARSABLE, e);
            return;
        }
        try {
            if (event instanceof LoopStarted loop) {
                status(loop, HumanLoopStatus.IN_PROGRESS, null, null, null);
            } else if (event instanceof LoopCommand command) {
                command(command);
            } else if (event instanceof LoopAnswers answers) {
                finished(answers);
            }
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            deadLetter(record, DeadLetterReason.PROCESSING_FAILED, e);
        }
    }

    private Object decode(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(topics.loops.name())) {
            return topics.loops.valueSerde().deserializer().deserialize(record.topic(), record.value());
        }
        if (record.topic().equals(topics.loopCommands.name())) {
            return topics.loopCommands.valueSerde().deserializer().deserialize(record.topic(), record.value());
        }
        return topics.answers.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    private void command(LoopCommand command) {
        String name = command.getHumanLoopName();
        if (command.getType() == LoopCommandType.DELETE) {
            send(topics.loopStatus.name(), name, null);
        } else if (command.getType() == LoopCommandType.STOP) {
            statuses.get(name).filter(s -> s.getStatus() == HumanLoopStatus.IN_PROGRESS).ifPresent(current -> {
                LoopStatusEvent stopping = LoopStatusEvent.newBuilder(current)
                        .setEnvelope(envelopes.next(command.getEnvelope().getCorrelationId()))
                        .setStatus(HumanLoopStatus.STOPPING)
                        .setUpdatedAt(clock.instant())
                        .build();
                send(topics.loopStatus.name(), name, topics.loopStatus.valueSerde().serializer()
                        .serialize(topics.loopStatus.name(), stopping));
            });
        }
    }

    private void finished(LoopAnswers answers) {
        LoopStarted loop = answers.getLoop();
        HumanLoopStatus status = switch (answers.getOutcome()) {
            case ANSWERED -> HumanLoopStatus.COMPLETED;
            case STOPPED -> HumanLoopStatus.STOPPED;
            default -> HumanLoopStatus.FAILED;
        };
        OutputLocation location = OutputLocation.of(loop.getFlowDefinition().getOutputConfig().getS3OutputPath(),
                loop.getFlowDefinition().getName(), loop.getCreationTime(), loop.getHumanLoopName());
        OutputDocument.Rendered output = OutputDocument.render(answers);
        String kmsKeyId = loop.getFlowDefinition().getOutputConfig().getKmsKeyId();
        storeUntilDone(location, output.bytes(), kmsKeyId, loop.getFlowDefinition().getName());
        storeUntilDone(ManifestEntry.location(answers), ManifestEntry.render(answers, HumanLoopStatuses.wire(status),
                location.uri()), kmsKeyId, loop.getFlowDefinition().getName());
        manifests.touched(ManifestEntry.dayFolder(answers));
        if (output.agreement() != null) {
            DistributionSummary.builder("reviewstream.answers.agreement").tag("flow", loop.getFlowDefinition().getName())
                    .register(meters).record(output.agreement());
        }
        Timer.builder("reviewstream.output.lag").tag("flow", loop.getFlowDefinition().getName()).register(meters)
                .record(Duration.between(answers.getEndedAt(), clock.instant()));

        status(loop, status, answers.getFailureCode(), answers.getFailureReason(), location.uri());
        LoopCompleted completed = LoopCompleted.newBuilder()
                .setEnvelope(envelopes.next(answers.getEnvelope().getCorrelationId()))
                .setHumanLoopName(loop.getHumanLoopName())
                .setHumanLoopArn(loop.getHumanLoopArn())
                .setFlowDefinitionName(loop.getFlowDefinition().getName())
                .setFlowDefinitionArn(loop.getFlowDefinition().getArn())
                .setHumanLoopStatus(status)
                .setCreationTime(loop.getCreationTime())
                .setCompletedAt(answers.getEndedAt())
                .setFailureCode(answers.getFailureCode())
                .setFailureReason(answers.getFailureReason())
                .setOutputS3Uri(location.uri())
                .setAccount(arns.accountId())
                .setRegion(arns.region())
                .build();
        send(topics.loopCompleted.name(), loop.getHumanLoopName(), topics.loopCompleted.valueSerde().serializer()
                .serialize(topics.loopCompleted.name(), completed));
        String tag = status.name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("reviewstream.loops.finished").tag("flow", loop.getFlowDefinition().getName())
                .tag("status", tag).register(meters).increment();
        Timer.builder("reviewstream.loops.duration").tag("flow", loop.getFlowDefinition().getName())
                .tag("status", tag).publishPercentileHistogram().register(meters)
                .record(Duration.between(loop.getCreationTime(), answers.getEndedAt()));
    }

    private void storeUntilDone(OutputLocation location, byte[] bytes, String kmsKeyId, String flow) {
        Duration backoff = properties.initialBackoff();
        while (true) {
            try {
                store.put(location, bytes, "application/json", kmsKeyId);
                Counter.builder("reviewstream.output.writes").tag("flow", flow).tag("result", "success")
                        .register(meters).increment();
                return;
            } catch (Exception e) {
                Counter.builder("reviewstream.output.writes").tag("flow", flow).tag("result", "failure")
                        .register(meters).increment();
                log.warn("Writing {} failed ({}); retrying in {}", location.uri(), e.getMessage(), backoff);
                keepMembershipWhileWaiting(backoff);
                backoff = backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0
                        ? properties.maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    /** Polls with every partition paused, so a long outage does not cost the consumer its group membership. */
    private void keepMembershipWhileWaiting(Duration wait) {
        var assigned = consumer.assignment();
        consumer.pause(assigned);
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000))));
            }
        } finally {
            consumer.resume(assigned);
        }
        if (!running) {
            throw new WakeupException();
        }
    }

    private void status(LoopStarted loop, HumanLoopStatus status, String failureCode, String failureReason,
                        String outputUri) {
        LoopStatusEvent event = LoopStatusEvent.newBuilder()
                .setEnvelope(envelopes.next(loop.getEnvelope().getCorrelationId()))
                .setHumanLoopName(loop.getHumanLoopName())
                .setHumanLoopArn(loop.getHumanLoopArn())
                .setFlowDefinitionName(loop.getFlowDefinition().getName())
                .setFlowDefinitionArn(loop.getFlowDefinition().getArn())
                .setStatus(status)
                .setCreationTime(loop.getCreationTime())
                .setUpdatedAt(clock.instant())
                .setFailureCode(failureCode)
                .setFailureReason(failureReason)
                .setOutputS3Uri(outputUri)
                .build();
        send(topics.loopStatus.name(), loop.getHumanLoopName(),
                topics.loopStatus.valueSerde().serializer().serialize(topics.loopStatus.name(), event));
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value));
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, DeadLetterReason reason, Exception e) {
        log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        deadLetterCounter.increment(record.topic(), reason);
        var headers = DeadLetters.headers(record.headers(), reason, e.getMessage(), e, SERVICE, record.topic(),
                record.partition(), record.offset());
        producer.send(DeadLetters.record(topics.deadLetters.name(),
                record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                record.value(), headers));
    }
}
