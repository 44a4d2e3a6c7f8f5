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
import io.reviewstream.resultwriter.storage.WriteFailures;
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
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.s3.InvalidS3NameException;
import io.reviewstream.schemas.s3.S3Names;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.status.LoopStatusStore;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The writer: for every finished loop, first the object, then — in one Kafka transaction with the consumed
 * offsets — the loop's final status and its completion event. Every object of a polled batch is stored before the
 * batch's transaction begins, so no transaction is ever open while storage is retried: storage being down stops the
 * writer in place, retrying the same object with capped exponential backoff, without limit, while the consumer
 * stays in its group and its lag grows; no event is sent and no offset moves until the objects exist.
 *
 * <p>Only a transient failure is retried so (see {@link WriteFailures}). An object that can never be stored (an
 * output path that breaks S3's rules, a missing bucket, access denied) ends its loop {@code Failed} with the reason,
 * and the loop's record goes to the dead-letter topic, so that the loops behind it on the partition go on.
 *
 * <p>A Kafka failure (a fenced producer, an aborted or timed-out transaction, partitions revoked while a batch was
 * waiting for storage, a broker that went away) costs the batch, never the writer: the clients are closed and
 * re-created after a backoff, and consumption resumes from the committed offsets. Re-storing a batch's objects
 * rewrites the same keys with the same bytes.
 */
public final class ResultWriterLoop implements SmartLifecycle {

    /** What the writer is doing, for its health indicator. */
    public enum State {
        /** connecting and joining the consumer group */
        STARTING,
        RUNNING,
        /** an object write failed transiently; retrying with backoff, nothing after it is processed */
        WAITING_FOR_STORAGE,
        /** a Kafka failure cost the current batch; the clients are re-created after a backoff */
        RECOVERING,
        STOPPED
    }

    private static final Logger log = LoggerFactory.getLogger(ResultWriterLoop.class);
    private static final String SERVICE = "result-writer";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Seeds of the derived event ids: one event of each kind per causing event. */
    private static final String STATUS = "/loop-status";
    private static final String COMPLETED = "/loop-completed";
    /** Seed of the events of a loop whose output was refused, distinct so a successful replay is no duplicate. */
    private static final String REJECTED = "/output-rejected";
    /**
     * The failure code of a loop whose output cannot be stored: A2I's codes are ValidationError, Expired and
     * InternalError, and the fault lies in the flow's output configuration, which retrying does not change.
     */
    private static final String OUTPUT_FAILURE_CODE = "ValidationError";
    /**
     * Buckets of the agreement histogram, so that dashboards can show its distribution and not only a mean. In
     * percent: Micrometer rounds a summary's values up to whole numbers before it counts them into buckets, which
     * would put every agreement from 0 to 1 into the last bucket.
     */
    private static final double[] AGREEMENT_BUCKETS = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

    private static final Set<HumanLoopStatus> FINAL = EnumSet.of(HumanLoopStatus.COMPLETED, HumanLoopStatus.STOPPED,
            HumanLoopStatus.FAILED);

    private final Topics topics;
    private final ObjectStore store;
    private final ManifestCompactor manifests;
    /** A Stop turns only an InProgress loop Stopping: the loop's status is looked up on disk, not kept in heap. */
    private final LoopStatusStore statuses;
    private final Envelopes envelopes;
    private final Arns arns;
    private final Clock clock;
    private final JustEnded justEnded;
    private final WriterProperties properties;
    private final KafkaClients clients;
    private final MeterRegistry meters;
    private final DeadLetterCounter deadLetterCounter;
    private final Counter restarts;
    /**
     * Stable for this instance, so that re-created clients' {@code initTransactions} aborts whatever the previous
     * producer left open instead of letting it block read_committed consumers until it times out. Fencing across
     * instances is done by the consumer group metadata sent with the offsets (exactly-once v2).
     */
    private final String transactionalId;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile boolean running;
    private volatile State state = State.STOPPED;
    private volatile String lastFailure;
    /** Set by the rebalance listener: the partitions of the batch in progress may no longer be this instance's. */
    private boolean rebalancedDuringBatch;
    private Duration recoveryBackoff;

    public ResultWriterLoop(Topics topics, ObjectStore store, ManifestCompactor manifests,
                            LoopStatusStore statuses,
                            Envelopes envelopes, Arns arns, Clock clock, WriterProperties properties,
                            KafkaClients clients, MeterRegistry meters) {
        this.topics = topics;
        this.store = store;
        this.manifests = manifests;
        this.statuses = statuses;
        this.envelopes = envelopes;
        this.arns = arns;
        this.clock = clock;
        this.justEnded = new JustEnded(clock);
        this.properties = properties;
        this.clients = clients;
        this.meters = meters;
        this.deadLetterCounter = new DeadLetterCounter(meters, SERVICE);
        this.restarts = Counter.builder("reviewstream.writer.restarts")
                .description("Kafka clients re-created after a failure cost a batch").register(meters);
        this.transactionalId = clients.transactionalId(properties.groupId());
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        state = State.STARTING;
        thread = new Thread(this::supervise, "result-writer");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            KafkaConsumer<String, byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    public State state() {
        return state;
    }

    /** The last Kafka failure that cost a batch, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    public double restarts() {
        return restarts.count();
    }

    /** Runs the writer until {@link #stop()}, re-creating the clients after any failure. */
    private void supervise() {
        recoveryBackoff = properties.initialBackoff();
        try {
            while (running) {
                try {
                    consume();
                } catch (WakeupException stopping) {
                    // stop() was called
                } catch (RuntimeException e) {
                    if (running) {
                        recover(e);
                    }
                }
            }
        } finally {
            state = State.STOPPED;
        }
    }

    private void recover(RuntimeException failure) {
        state = State.RECOVERING;
        lastFailure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        restarts.increment();
        log.warn("A Kafka failure cost the current batch; re-creating the clients in {} and resuming from the "
                + "committed offsets", recoveryBackoff, failure);
        sleepWhileRunning(recoveryBackoff);
        recoveryBackoff = properties.nextBackoff(recoveryBackoff);
    }

    private void progressed() {
        state = State.RUNNING;
        recoveryBackoff = properties.initialBackoff();
    }

    /** One incarnation of the clients: consumes until stopped or until a failure, which is thrown. */
    private void consume() {
        KafkaConsumer<String, byte[]> c = clients.consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, properties.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100),
                new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = null;
        // consumer lag of the writer is what the dashboards and the lag alert read
        KafkaClientMetrics clientMetrics = new KafkaClientMetrics(c);
        consumer = c;
        try {
            clientMetrics.bindTo(meters);
            producer = clients.producer(Map.of(
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) properties.transactionTimeout().toMillis()),
                    new ByteArraySerializer(), new ByteArraySerializer());
            producer.initTransactions();
            c.subscribe(List.of(topics.loops.name(), topics.loopCommands.name(), topics.answers.name()),
                    new BatchGuard(c));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    process(records, c, producer);
                }
                progressed();
            }
        } finally {
            consumer = null;
            clientMetrics.close();
            // bounded: a producer with sends in flight to an unreachable broker would otherwise wait for ever
            if (producer != null) {
                producer.close(CLOSE_TIMEOUT);
            }
            c.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    /** Stores every object of the batch, then sends its events and offsets in one short transaction. */
    private void process(ConsumerRecords<String, byte[]> records, KafkaConsumer<String, byte[]> c,
                         KafkaProducer<byte[], byte[]> producer) {
        rebalancedDuringBatch = false;
        Batch batch = new Batch();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(record, batch);
            offsets.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
        if (rebalancedDuringBatch) {
            throw new RebalanceInProgressException("Partitions were reassigned while the batch waited for storage; "
                    + "its offsets may belong to another instance now");
        }
        producer.beginTransaction();
        batch.events.forEach(producer::send);
        producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
        producer.commitTransaction();
        batch.afterCommit.forEach(Runnable::run);
    }

    /** What a batch sends in its transaction, and the metrics it records once that transaction is committed. */
    private static final class Batch {
        final List<ProducerRecord<byte[], byte[]>> events = new ArrayList<>();
        final List<Runnable> afterCommit = new ArrayList<>();
    }

    /**
     * Notes a reassignment while a batch is in progress, and keeps partitions that arrive during a storage wait
     * paused: their records would otherwise be fetched and skipped.
     */
    private final class BatchGuard implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        BatchGuard(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                rebalancedDuringBatch = true;
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (state == State.WAITING_FOR_STORAGE) {
                c.pause(partitions);
            }
        }
    }

    /** The transactional id of this instance's producer, for a test that fences it. */
    String transactionalId() {
        return transactionalId;
    }

    private void handle(ConsumerRecord<String, byte[]> record, Batch batch) {
        Object event;
        try {
            event = decode(record);
        } catch (RuntimeException e) {
            deadLetter(record, DeadLetterReason.UNPARSABLE, e.getMessage(), e, batch);
            return;
        }
        LoopAnswers answers;
        try {
            if (event instanceof LoopStarted loop) {
                if (!ended(loop)) {
                    batch.events.add(status(loop, loop.getEnvelope().getEventId(), HumanLoopStatus.IN_PROGRESS, null,
                            null, null));
                }
                return;
            }
            if (event instanceof LoopCommand command) {
                command(command, batch);
                return;
            }
            if (!(event instanceof LoopAnswers finished)) {
                return;
            }
            answers = finished;
        } catch (RuntimeException e) {
            deadLetter(record, DeadLetterReason.PROCESSING_FAILED, e.getMessage(), e, batch);
            return;
        }
        write(record, answers, batch);
    }

    /**
     * Whether the loop has already ended. Its start (rs.loops) and its end (rs.answers) come on different topics, so
     * a loop that ends at once, stopped before any task, may be read end first: announcing InProgress then would
     * undo its final status for good. The store answers once it has read the end back; until then, the loops this
     * writer has just ended do. The creation time tells a loop from a later one given the name of a deleted one.
     */
    private boolean ended(LoopStarted loop) {
        String name = loop.getHumanLoopName();
        return justEnded.contains(name) || statuses.get(name)
                .filter(s -> FINAL.contains(s.getStatus()))
                .filter(s -> s.getCreationTime().equals(loop.getCreationTime()))
                .isPresent();
    }

    /**
     * Stores a finished loop's objects and adds its announcements to the batch; or, when they cannot be stored for
     * good, ends the loop Failed and dead-letters its record.
     */
    private void write(ConsumerRecord<String, byte[]> record, LoopAnswers answers, Batch batch) {
        String flow = answers.getLoop().getFlowDefinition().getName();
        Finished finished;
        try {
            finished = finished(answers);
        } catch (InvalidS3NameException e) {
            countWrite(flow, "rejected");
            reject(record, answers, new Rejection(WriteFailures.notValid(e), e), batch);
            return;
        } catch (RuntimeException e) {
            deadLetter(record, DeadLetterReason.PROCESSING_FAILED, e.getMessage(), e, batch);
            return;
        }
        // Outside the catches: only a Kafka failure while waiting for storage gets out of here, and that must cost
        // the batch, not the record.
        Optional<Rejection> rejected = storeUntilDone(finished.output, finished.outputBytes, finished.kmsKeyId, flow)
                .or(() -> storeUntilDone(finished.entry, finished.entryBytes, finished.kmsKeyId, flow));
        if (rejected.isPresent()) {
            reject(record, answers, rejected.get(), batch);
            return;
        }
        manifests.touched(ManifestEntry.dayFolder(finished.answers));
        batch.events.addAll(finished.events);
        justEnded.ended(answers.getHumanLoopName());
        batch.afterCommit.add(finished.metrics);
    }

    /** Why a loop's output can never be stored, for its FailureReason, and what said so. */
    private record Rejection(String reason, Exception cause) {
    }

    private void reject(ConsumerRecord<String, byte[]> record, LoopAnswers answers, Rejection rejection,
                        Batch batch) {
        String flow = answers.getLoop().getFlowDefinition().getName();
        log.warn("The output of loop {} of flow {} cannot be stored ({}); the loop ends Failed",
                S3Names.shown(answers.getHumanLoopName()), S3Names.shown(flow), rejection.reason());
        justEnded.ended(answers.getHumanLoopName());
        batch.events.addAll(announcements(answers, answers.getEnvelope().getEventId() + REJECTED,
                HumanLoopStatus.FAILED, OUTPUT_FAILURE_CODE, rejection.reason(), null));
        deadLetter(record, DeadLetterReason.OUTPUT_REJECTED, rejection.reason(), rejection.cause(), batch);
        batch.afterCommit.add(() -> countFinished(flow, HumanLoopStatus.FAILED));
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

    private void command(LoopCommand command, Batch batch) {
        String name = command.getHumanLoopName();
        if (command.getType() == LoopCommandType.DELETE) {
            batch.events.add(event(topics.loopStatus.name(), name, null));
        } else if (command.getType() == LoopCommandType.STOP && !justEnded.contains(name)) {
            statuses.get(name).filter(s -> s.getStatus() == HumanLoopStatus.IN_PROGRESS).ifPresent(current -> {
                LoopStatusEvent stopping = LoopStatusEvent.newBuilder(current)
                        .setEnvelope(envelopes.derived(command.getEnvelope().getEventId() + STATUS,
                                command.getEnvelope().getCorrelationId()))
                        .setStatus(HumanLoopStatus.STOPPING)
                        .setUpdatedAt(clock.instant())
                        .build();
                batch.events.add(event(topics.loopStatus.name(), name, topics.loopStatus.valueSerde().serializer()
                        .serialize(topics.loopStatus.name(), stopping)));
            });
        }
    }

    /** A finished loop, worked out before anything is stored or sent. */
    private record Finished(LoopAnswers answers, OutputLocation output, byte[] outputBytes, OutputLocation entry,
                            byte[] entryBytes, String kmsKeyId, List<ProducerRecord<byte[], byte[]>> events,
                            Runnable metrics) {
    }

    private Finished finished(LoopAnswers answers) {
        LoopStarted loop = answers.getLoop();
        String flow = loop.getFlowDefinition().getName();
        HumanLoopStatus status = switch (answers.getOutcome()) {
            case ANSWERED -> HumanLoopStatus.COMPLETED;
            case STOPPED -> HumanLoopStatus.STOPPED;
            default -> HumanLoopStatus.FAILED;
        };
        OutputLocation location = OutputLocation.of(loop.getFlowDefinition().getOutputConfig().getS3OutputPath(),
                flow, loop.getCreationTime(), loop.getHumanLoopName());
        OutputDocument.Rendered output = OutputDocument.render(answers);
        byte[] entry = ManifestEntry.render(answers, HumanLoopStatuses.wire(status), location.uri());
        List<ProducerRecord<byte[], byte[]>> events = announcements(answers, answers.getEnvelope().getEventId(),
                status, answers.getFailureCode(), answers.getFailureReason(), location.uri());
        Runnable metrics = () -> {
            if (output.agreement() != null) {
                DistributionSummary.builder("reviewstream.answers.agreement").tag("flow", flow)
                        .description("mean agreement of a loop's answers, in percent")
                        .serviceLevelObjectives(AGREEMENT_BUCKETS).register(meters)
                        .record(output.agreement() * 100);
            }
            Timer.builder("reviewstream.output.lag").tag("flow", flow).register(meters)
                    .record(Duration.between(answers.getEndedAt(), clock.instant()));
            countFinished(flow, status);
            Timer.builder("reviewstream.loops.duration").tag("flow", flow).tag("status", tag(status))
                    .publishPercentileHistogram().register(meters)
                    .record(Duration.between(loop.getCreationTime(), answers.getEndedAt()));
        };
        return new Finished(answers, location, output.bytes(), ManifestEntry.location(answers), entry,
                loop.getFlowDefinition().getOutputConfig().getKmsKeyId(), events, metrics);
    }

    /**
     * A finished loop's final status and its completion event, their ids derived from {@code seed}, so that a
     * redelivery repeats them and consumers can drop the duplicate.
     */
    private List<ProducerRecord<byte[], byte[]>> announcements(LoopAnswers answers, String seed,
                                                               HumanLoopStatus status, String failureCode,
                                                               String failureReason, String outputUri) {
        LoopStarted loop = answers.getLoop();
        LoopCompleted completed = LoopCompleted.newBuilder()
                .setEnvelope(envelopes.derived(seed + COMPLETED, answers.getEnvelope().getCorrelationId()))
                .setHumanLoopName(loop.getHumanLoopName())
                .setHumanLoopArn(loop.getHumanLoopArn())
                .setFlowDefinitionName(loop.getFlowDefinition().getName())
                .setFlowDefinitionArn(loop.getFlowDefinition().getArn())
                .setHumanLoopStatus(status)
                .setCreationTime(loop.getCreationTime())
                .setCompletedAt(answers.getEndedAt())
                .setFailureCode(failureCode)
                .setFailureReason(failureReason)
                .setOutputS3Uri(outputUri)
                .setAccount(arns.accountId())
                .setRegion(arns.region())
                .build();
        return List.of(status(loop, seed, status, failureCode, failureReason, outputUri),
                event(topics.loopCompleted.name(), loop.getHumanLoopName(), topics.loopCompleted.valueSerde()
                        .serializer().serialize(topics.loopCompleted.name(), completed)));
    }

    private void countFinished(String flow, HumanLoopStatus status) {
        Counter.builder("reviewstream.loops.finished").tag("flow", flow).tag("status", tag(status)).register(meters)
                .increment();
    }

    private static String tag(HumanLoopStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private void countWrite(String flow, String result) {
        Counter.builder("reviewstream.output.writes").tag("flow", flow).tag("result", result).register(meters)
                .increment();
    }

    /**
     * Stores the object, retrying a transient failure without limit; returns why it can never be stored, or empty
     * once it is.
     */
    private Optional<Rejection> storeUntilDone(OutputLocation location, byte[] bytes, String kmsKeyId, String flow) {
        Duration backoff = properties.initialBackoff();
        while (true) {
            try {
                store.put(location, bytes, "application/json", kmsKeyId);
                countWrite(flow, "success");
                caughtUpWithStorage();
                return Optional.empty();
            } catch (Exception e) {
                Optional<String> permanent = WriteFailures.permanent(e, location);
                if (permanent.isPresent()) {
                    countWrite(flow, "rejected");
                    caughtUpWithStorage();
                    return Optional.of(new Rejection(permanent.get(), e));
                }
                countWrite(flow, "failure");
                state = State.WAITING_FOR_STORAGE;
                log.warn("Writing {} failed ({}); retrying in {}", location.uri(), e.getMessage(), backoff);
                keepMembershipWhileWaiting(backoff);
                backoff = properties.nextBackoff(backoff);
            }
        }
    }

    private void caughtUpWithStorage() {
        if (state == State.WAITING_FOR_STORAGE) {
            state = State.RUNNING;
        }
    }

    /** Polls with every partition paused, so a long outage does not cost the consumer its group membership. */
    private void keepMembershipWhileWaiting(Duration wait) {
        KafkaConsumer<String, byte[]> c = consumer;
        c.pause(c.assignment());
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                if (!c.poll(Duration.ofMillis(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000))))
                        .isEmpty()) {
                    // a partition assigned inside this poll was fetched before it could be paused
                    rebalancedDuringBatch = true;
                }
            }
        } finally {
            c.resume(c.paused());
        }
        if (!running) {
            throw new WakeupException();
        }
    }

    private void sleepWhileRunning(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The status event of a loop, its id derived from the id of the event that caused it, so that a redelivery
     * repeats the id and consumers can drop the duplicate.
     */
    private ProducerRecord<byte[], byte[]> status(LoopStarted loop, String causeId, HumanLoopStatus status,
                                                  String failureCode, String failureReason, String outputUri) {
        LoopStatusEvent event = LoopStatusEvent.newBuilder()
                .setEnvelope(envelopes.derived(causeId + STATUS, loop.getEnvelope().getCorrelationId()))
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
        return event(topics.loopStatus.name(), loop.getHumanLoopName(),
                topics.loopStatus.valueSerde().serializer().serialize(topics.loopStatus.name(), event));
    }

    private static ProducerRecord<byte[], byte[]> event(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, DeadLetterReason reason, String message,
                            Exception e, Batch batch) {
        log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), message);
        batch.afterCommit.add(() -> deadLetterCounter.increment(record.topic(), reason));
        var headers = DeadLetters.headers(record.headers(), reason, message, e, SERVICE, record.topic(),
                record.partition(), record.offset());
        batch.events.add(DeadLetters.record(topics.deadLetters.name(),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value(), headers));
    }
}
