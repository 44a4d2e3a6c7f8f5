package io.reviewstream.resultwriter.stream;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.resultwriter.Fixtures;
import io.reviewstream.resultwriter.ResultWriterApplication;
import io.reviewstream.resultwriter.domain.OutputDocument;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopCommand;
import io.reviewstream.schemas.avro.LoopCommandType;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.avro.LoopOutcome;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.status.LoopStatusReader;
import io.reviewstream.schemas.status.LoopStatusStore;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** result-writer on the real broker and S3 server: ordering, idempotency, outages and dead letters. */
class ResultWriterIntegrationTest {

    private static final String PREFIX = "w" + UUID.randomUUID().toString().substring(0, 6) + ".";
    private static final String BUCKET = "writer-test";
    private static final String GROUP = "writer-test-" + PREFIX;
    private static final String INPUT = "{\"taskObject\":\"s3://bucket/x.png\"}";

    private static final EmbeddedInfra infra = EmbeddedInfra.shared();
    private static final Topics topics = new Topics(PREFIX, new SerdeFactory(
            new SchemaRegistryClient(infra.schemaRegistryUrl()), new Envelopes(Clock.systemUTC())));
    private static final MinioClient s3 = MinioClient.builder().endpoint(infra.s3Endpoint()).region(infra.s3Region())
            .credentials(infra.s3AccessKey(), infra.s3SecretKey()).build();
    private static ConfigurableApplicationContext writer;

    @BeforeAll
    static void start() {
        // the writer creates no buckets: a flow's bucket must exist
        infra.createBucket(BUCKET);
        writer = startWriter();
    }

    private static ConfigurableApplicationContext startWriter() {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--reviewstream.kafka.topic-prefix=" + PREFIX,
                "--reviewstream.writer.group-id=" + GROUP,
                "--reviewstream.writer.transaction-timeout=2s",
                "--reviewstream.writer.max-backoff=500ms",
                "--reviewstream.writer.manifest-interval=200ms",
                "--reviewstream.writer.state-dir=" + Path.of("target", "state", PREFIX).toAbsolutePath()));
        infra.springProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
        return ResultWriterApplication.application().run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        writer.close();
    }

    @Test
    void theObjectExistsBeforeTheStatusAndCompletionThatAnnounceIt() throws Exception {
        LoopStarted loop = Fixtures.loop("loop-" + UUID.randomUUID().toString().substring(0, 8), "s3://" + BUCKET + "/out",
                null, INPUT, 1);
        produce(topics.loops, loop.getHumanLoopName(), loop);
        assertThat(await(topics.loopStatus, s -> s.getHumanLoopName().equals(loop.getHumanLoopName())).getStatus())
                .isEqualTo(HumanLoopStatus.IN_PROGRESS);

        LoopAnswers answers = Fixtures.answers(loop, LoopOutcome.ANSWERED, null, null,
                List.of(Fixtures.answer("0a1b2c3d4e5f6a7b", "w1", "{\"decision\":{\"label\":\"Approve\"}}", 3.5)));
        produce(topics.answers, loop.getHumanLoopName(), answers);

        LoopCompleted completed = await(topics.loopCompleted, c -> c.getHumanLoopName().equals(loop.getHumanLoopName()));
        assertThat(completed.getHumanLoopStatus()).isEqualTo(HumanLoopStatus.COMPLETED);
        assertThat(completed.getOutputS3Uri()).isEqualTo("s3://" + BUCKET + "/out/claims-review/2024/05/01/09/59/58/"
                + loop.getHumanLoopName() + "/output.json");
        assertThat(completed.getAccount()).isEqualTo("111122223333");
        assertThat(read(completed.getOutputS3Uri())).isEqualTo(OutputDocument.render(answers).bytes());
        LoopStatusEvent finalStatus = await(topics.loopStatus, s -> s.getHumanLoopName().equals(loop.getHumanLoopName())
                && s.getStatus() == HumanLoopStatus.COMPLETED);
        assertThat(finalStatus.getOutputS3Uri()).isEqualTo(completed.getOutputS3Uri());

        String entryKey = "out/claims-review/manifests/2024/05/01/entries/" + loop.getHumanLoopName() + ".json";
        assertThat(new String(read("s3://" + BUCKET + "/" + entryKey), StandardCharsets.UTF_8))
                .contains("\"humanLoopName\":\"" + loop.getHumanLoopName() + "\"", "\"status\":\"Completed\"",
                        "\"answer\":{\"decision\":{\"label\":\"Approve\"}}");
        awaitManifestContaining(loop.getHumanLoopName());

        // a redelivered event rewrites the same key with the same bytes and repeats the events' ids
        byte[] stored = read(completed.getOutputS3Uri());
        produce(topics.answers, loop.getHumanLoopName(), answers);
        List<LoopCompleted> both = awaitCount(topics.loopCompleted,
                c -> c.getHumanLoopName().equals(loop.getHumanLoopName()), 2);
        assertThat(both).extracting(c -> c.getEnvelope().getEventId()).containsOnly(completed.getEnvelope().getEventId());
        List<LoopStatusEvent> finals = awaitCount(topics.loopStatus, s -> s.getHumanLoopName()
                .equals(loop.getHumanLoopName()) && s.getStatus() == HumanLoopStatus.COMPLETED, 2);
        assertThat(finals).extracting(s -> s.getEnvelope().getEventId()).containsOnly(finalStatus.getEnvelope().getEventId());
        assertThat(read(completed.getOutputS3Uri())).isEqualTo(stored);
    }

    /**
     * What lands on the S3 server, byte for byte, for each way a loop ends, against the expected files that were
     * checked field by field against A2I's documented output.
     */
    @ParameterizedTest
    @CsvSource({"ANSWERED, completed-custom.json, COMPLETED", "EXPIRED, failed-expired.json, FAILED",
            "STOPPED, stopped.json, STOPPED"})
    void theStoredOutputIsTheExpectedFileForEachStatus(LoopOutcome outcome, String expectedFile,
                                                       HumanLoopStatus status) throws Exception {
        String outputPath = "s3://" + BUCKET + "/golden-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        LoopAnswers answers = switch (outcome) {
            case ANSWERED -> Fixtures.completedCustom(outputPath);
            case EXPIRED -> Fixtures.failedExpired(outputPath);
            default -> Fixtures.stopped(outputPath);
        };
        produce(topics.answers, answers.getHumanLoopName(), answers);
        LoopCompleted completed = await(topics.loopCompleted, c -> c.getHumanLoopName().equals(answers.getHumanLoopName())
                && c.getOutputS3Uri().startsWith(outputPath));
        assertThat(completed.getHumanLoopStatus()).isEqualTo(status);
        assertThat(completed.getOutputS3Uri()).isEqualTo(outputPath + "claims-review/2024/05/01/09/59/58/"
                + answers.getHumanLoopName() + "/output.json");
        assertThat(new String(read(completed.getOutputS3Uri()), StandardCharsets.UTF_8))
                .isEqualTo(new String(Fixtures.expectedOutput(expectedFile), StandardCharsets.UTF_8));
    }

    /**
     * The outage outlasts the producer's transaction timeout (shortened here) plus the broker's check for timed-out
     * transactions, and the batch has records that send events (loop starts, an unreadable record) before answers
     * that must wait for storage: a transaction opened before the storage retries would be aborted by the broker.
     */
    @Test
    void aStorageOutageLongerThanTheTransactionTimeoutDelaysOutputsButLosesNoneAndAnnouncesNoneEarly()
            throws Exception {
        List<LoopStarted> loops = new ArrayList<>();
        List<LoopAnswers> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LoopStarted loop = Fixtures.loop("outage-" + i + "-" + UUID.randomUUID().toString().substring(0, 6),
                    "s3://" + BUCKET + "/outage", null, INPUT, 1);
            loops.add(loop);
            answers.add(Fixtures.answers(loop, LoopOutcome.ANSWERED, null, null,
                    List.of(Fixtures.answer("0a1b2c3d4e5f6a7b", "w1", "{\"n\":" + i + "}", 1.0))));
        }
        Set<String> names = new HashSet<>(loops.stream().map(LoopStarted::getHumanLoopName).toList());
        double restartsBefore = loop().restarts();
        infra.stopS3();
        try {
            // one transaction, one partition per topic: the writer sees all of it in one poll, in this order
            produceInOneTransaction(producer -> {
                loops.forEach(loop -> producer.send(record(topics.loops, loop.getHumanLoopName(), loop)));
                producer.send(new ProducerRecord<>(topics.answers.name(), 0,
                        "garbage".getBytes(StandardCharsets.UTF_8), new byte[]{0, 0, 0, 0, 42, 1}));
                answers.forEach(a -> producer.send(record(topics.answers, a.getHumanLoopName(), a)));
            });
            assertThat(readFor(topics.loopCompleted, Duration.ofSeconds(14)))
                    .as("no completion may be announced while its object cannot be stored")
                    .noneMatch(c -> names.contains(c.getHumanLoopName()));
            assertThat(loop().state()).isEqualTo(ResultWriterLoop.State.WAITING_FOR_STORAGE);
            assertThat(health().getStatus()).isEqualTo(Status.UP);
        } finally {
            infra.startS3();
        }
        for (LoopAnswers a : answers) {
            ConsumerRecord<String, LoopCompleted> completed = awaitRecord(topics.loopCompleted,
                    r -> r.value() != null && r.value().getHumanLoopName().equals(a.getHumanLoopName()));
            assertThat(read(completed.value().getOutputS3Uri())).isEqualTo(OutputDocument.render(a).bytes());
            assertThat(lastModified(completed.value().getOutputS3Uri()))
                    .as("the object was stored before its completion event was produced")
                    .isBeforeOrEqualTo(Instant.ofEpochMilli(completed.timestamp()));
            assertThat(await(topics.loopStatus, s -> s.getHumanLoopName().equals(a.getHumanLoopName())
                    && s.getStatus() == HumanLoopStatus.COMPLETED).getOutputS3Uri())
                    .isEqualTo(completed.value().getOutputS3Uri());
        }
        assertThat(loop().restarts()).as("no transaction was held open across the outage").isEqualTo(restartsBefore);
        assertThat(loop().state()).isEqualTo(ResultWriterLoop.State.RUNNING);
    }

    /** A fenced producer costs one batch: the writer re-creates its clients and goes on from the committed offsets. */
    @Test
    void aFencedProducerIsReplacedAndTheWriterGoesOn() throws Exception {
        LoopStarted before = Fixtures.loop("before-fence-" + UUID.randomUUID().toString().substring(0, 6),
                "s3://" + BUCKET + "/out", null, INPUT, 1);
        produce(topics.answers, before.getHumanLoopName(),
                Fixtures.answers(before, LoopOutcome.STOPPED, null, null, List.of()));
        await(topics.loopCompleted, c -> c.getHumanLoopName().equals(before.getHumanLoopName()));
        double restartsBefore = loop().restarts();

        // this writer's own id: a writer restarted by another test left its predecessor's id among the transactions
        String transactionalId = loop().transactionalId();
        try (var fencer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            fencer.initTransactions();
        }

        LoopStarted after = Fixtures.loop("after-fence-" + UUID.randomUUID().toString().substring(0, 6),
                "s3://" + BUCKET + "/out", null, INPUT, 1);
        LoopAnswers answers = Fixtures.answers(after, LoopOutcome.ANSWERED, null, null,
                List.of(Fixtures.answer("0a1b2c3d4e5f6a7b", "w1", "{\"decision\":{\"label\":\"Reject\"}}", 2.0)));
        produce(topics.answers, after.getHumanLoopName(), answers);
        LoopCompleted completed = await(topics.loopCompleted, c -> c.getHumanLoopName().equals(after.getHumanLoopName()));
        assertThat(read(completed.getOutputS3Uri())).isEqualTo(OutputDocument.render(answers).bytes());
        assertThat(loop().restarts()).isGreaterThan(restartsBefore);
        assertThat(loop().lastFailure()).isNotNull();
        assertThat(health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void theAgreementOfLoopsWithSeveralAnswersIsPublishedAsAHistogram() throws Exception {
        LoopStarted loop = Fixtures.loop("agreement-" + UUID.randomUUID().toString().substring(0, 6),
                "s3://" + BUCKET + "/out", null, INPUT, 2);
        produce(topics.answers, loop.getHumanLoopName(), Fixtures.answers(loop, LoopOutcome.ANSWERED, null, null,
                List.of(Fixtures.answer("0a1b2c3d4e5f6a7b", "w1", "{\"ok\":true}", 1.0),
                        Fixtures.answer("1b2c3d4e5f6a7b8c", "w2", "{\"ok\":false}", 2.0))));
        await(topics.loopCompleted, c -> c.getHumanLoopName().equals(loop.getHumanLoopName()));
        // the writer records a batch's metrics right after its commit, which the completion may overtake
        long deadline = System.currentTimeMillis() + 10_000;
        String scrape;
        do {
            scrape = writer.getBean(PrometheusMeterRegistry.class).scrape();
        } while (bucketCount(scrape, "50.0") < 1 && System.currentTimeMillis() < deadline && pause());
        assertThat(bucketCount(scrape, "50.0")).as("the agreement of 50 % of this loop falls in the bucket up to 50")
                .isEqualTo(1);
        assertThat(bucketCount(scrape, "40.0")).isZero();
        assertThat(scrape).contains("le=\"10.0\"").contains("le=\"100.0\"");
    }

    /**
     * Ahead of a healthy flow's loop on the same partition: a loop of a flow whose bucket does not exist, and one
     * whose stored output path leaves its folder (as a producer other than flow-service could write it). Each ends
     * Failed with its reason and is dead-lettered with its record; the healthy loop behind them completes.
     */
    @Test
    void loopsWhoseOutputCanNeverBeStoredEndFailedAndDeadLetteredAndTheLoopsBehindThemComplete() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String missingBucket = "reviewstream-missing-" + run;
        LoopAnswers missing = answered(inFlow(Fixtures.loop("no-bucket-" + run, "s3://" + missingBucket + "/out",
                null, INPUT, 1), "flow-without-bucket"));
        LoopAnswers escaping = answered(inFlow(Fixtures.loop("escaping-" + run, "s3://" + BUCKET + "/../../../etc",
                null, INPUT, 1), "flow-escaping"));
        LoopAnswers healthy = answered(inFlow(Fixtures.loop("healthy-" + run, "s3://" + BUCKET + "/healthy", null,
                INPUT, 1), "healthy-flow"));
        // one partition, in this order: without the classification the first loop stalls the others for ever
        produceInOneTransaction(producer -> List.of(missing, escaping, healthy)
                .forEach(a -> producer.send(record(topics.answers, a.getHumanLoopName(), a))));

        LoopCompleted completed = await(topics.loopCompleted, c -> c.getHumanLoopName()
                .equals(healthy.getHumanLoopName()));
        assertThat(completed.getHumanLoopStatus()).isEqualTo(HumanLoopStatus.COMPLETED);
        assertThat(read(completed.getOutputS3Uri())).isEqualTo(OutputDocument.render(healthy).bytes());

        LoopCompleted failed = assertRejected(missing, "The object store refused the output for good: NoSuchBucket "
                + "(HTTP 404) for bucket '" + missingBucket + "'");
        assertRejected(escaping, "The output location is not valid: Key '../../../etc' must not have empty, '.' or "
                + "'..' path segments");
        assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket(missingBucket).build()))
                .as("a flow cannot make the writer create buckets").isFalse();
        assertThat(writer.getBean(MeterRegistry.class).get("reviewstream.output.writes")
                .tag("flow", "flow-without-bucket").tag("result", "rejected").counter().count()).isEqualTo(1);
        assertThat(loop().state()).isEqualTo(ResultWriterLoop.State.RUNNING);

        // once the bucket exists, the replayed dead letter completes the loop, its events no duplicates of the failure
        infra.createBucket(missingBucket);
        produce(topics.answers, missing.getHumanLoopName(), missing);
        LoopCompleted replayed = await(topics.loopCompleted, c -> c.getHumanLoopName()
                .equals(missing.getHumanLoopName()) && c.getHumanLoopStatus() == HumanLoopStatus.COMPLETED);
        assertThat(replayed.getEnvelope().getEventId()).isNotEqualTo(failed.getEnvelope().getEventId());
        assertThat(read(replayed.getOutputS3Uri())).isEqualTo(OutputDocument.render(missing).bytes());
    }

    private static LoopCompleted assertRejected(LoopAnswers answers, String reason) {
        String name = answers.getHumanLoopName();
        LoopCompleted failed = await(topics.loopCompleted, c -> c.getHumanLoopName().equals(name));
        assertThat(failed.getHumanLoopStatus()).isEqualTo(HumanLoopStatus.FAILED);
        assertThat(failed.getFailureCode()).isEqualTo("ValidationError");
        assertThat(failed.getFailureReason()).isEqualTo(reason);
        assertThat(failed.getOutputS3Uri()).as("no object was stored").isNull();
        LoopStatusEvent status = await(topics.loopStatus, s -> s.getHumanLoopName().equals(name)
                && s.getStatus() == HumanLoopStatus.FAILED);
        assertThat(status.getFailureCode()).isEqualTo("ValidationError");
        assertThat(status.getFailureReason()).isEqualTo(reason);
        assertThat(status.getOutputS3Uri()).isNull();

        ConsumerRecord<byte[], byte[]> dead = awaitRecord(topics.deadLetters,
                r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(name));
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).isEqualTo("OUTPUT_REJECTED");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.MESSAGE)).isEqualTo(reason);
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(topics.answers.name());
        assertThat(topics.answers.valueSerde().deserializer().deserialize(topics.answers.name(), dead.value()))
                .as("the dead letter carries the loop, to be replayed once its flow is fixed").isEqualTo(answers);
        return failed;
    }

    private static LoopStarted inFlow(LoopStarted loop, String flow) {
        return LoopStarted.newBuilder(loop).setFlowDefinition(FlowDefinition.newBuilder(loop.getFlowDefinition())
                .setName(flow).setArn("arn:aws:sagemaker:eu-west-1:111122223333:flow-definition/" + flow).build())
                .build();
    }

    private static LoopAnswers answered(LoopStarted loop) {
        return Fixtures.answers(loop, LoopOutcome.ANSWERED, null, null,
                List.of(Fixtures.answer("0a1b2c3d4e5f6a7b", "w1", "{\"ok\":true}", 1.0)));
    }

    @Test
    void aStopTurnsAnInProgressLoopStoppingAndLeavesAFinishedOneAlone() throws Exception {
        LoopStarted running = Fixtures.loop("stop-running-" + UUID.randomUUID().toString().substring(0, 6),
                "s3://" + BUCKET + "/out", null, INPUT, 1);
        LoopStarted finished = Fixtures.loop("stop-finished-" + UUID.randomUUID().toString().substring(0, 6),
                "s3://" + BUCKET + "/out", null, INPUT, 1);
        produce(topics.loops, running.getHumanLoopName(), running);
        produce(topics.loops, finished.getHumanLoopName(), finished);
        // the start and the end travel on different topics: the end is sent once the start has been read
        await(topics.loopStatus, s -> s.getHumanLoopName().equals(finished.getHumanLoopName()));
        produce(topics.answers, finished.getHumanLoopName(),
                Fixtures.answers(finished, LoopOutcome.STOPPED, null, null, List.of()));
        LoopStatusEvent started = await(topics.loopStatus, s -> s.getHumanLoopName().equals(running.getHumanLoopName()));
        await(topics.loopStatus, s -> s.getHumanLoopName().equals(finished.getHumanLoopName())
                && s.getStatus() == HumanLoopStatus.STOPPED);
        // the writer looks the loops up in its store, which reads rs.loop-status like any consumer
        awaitStored(store -> store.get(finished.getHumanLoopName())
                .map(s -> s.getStatus() == HumanLoopStatus.STOPPED).orElse(false)
                && store.get(running.getHumanLoopName()).isPresent());

        // on one partition, the finished loop's first: once the running loop is Stopping, both have been handled
        Envelopes envelopes = new Envelopes(Clock.systemUTC());
        produceInOneTransaction(producer -> List.of(finished, running).forEach(loop -> producer.send(
                record(topics.loopCommands, loop.getHumanLoopName(), LoopCommand.newBuilder()
                        .setEnvelope(envelopes.next("")).setHumanLoopName(loop.getHumanLoopName())
                        .setType(LoopCommandType.STOP).build()))));

        LoopStatusEvent stopping = await(topics.loopStatus, s -> s.getHumanLoopName().equals(running.getHumanLoopName())
                && s.getStatus() == HumanLoopStatus.STOPPING);
        assertThat(stopping.getCreationTime()).isEqualTo(started.getCreationTime());
        assertThat(stopping.getFlowDefinitionArn()).isEqualTo(started.getFlowDefinitionArn());
        assertThat(readFor(topics.loopStatus, Duration.ofSeconds(2)).stream()
                .filter(s -> s != null && s.getHumanLoopName().equals(finished.getHumanLoopName())))
                .as("a Stop of a finished loop changes nothing").extracting(LoopStatusEvent::getStatus)
                .containsExactly(HumanLoopStatus.IN_PROGRESS, HumanLoopStatus.STOPPED);
    }

    /**
     * task-service's Stopped answers and the Stop command travel on different topics, so the writer may read the
     * answers first; its status store, a reader of rs.loop-status, may then still say InProgress. Here the store is
     * held back on purpose: the loop must stay Stopped all the same.
     */
    @Test
    void aStopReadJustAfterTheLoopEndedLeavesItEnded() throws Exception {
        LoopStarted loop = Fixtures.loop("stop-late-" + UUID.randomUUID().toString().substring(0, 6),
                "s3://" + BUCKET + "/out", null, INPUT, 1);
        produce(topics.loops, loop.getHumanLoopName(), loop);
        LoopStatusStore store = awaitStored(stored -> stored.get(loop.getHumanLoopName()).isPresent());
        LoopStatusReader reader = writer.getBean(LoopStatusReader.class);
        reader.stop();
        try {
            produce(topics.answers, loop.getHumanLoopName(),
                    Fixtures.answers(loop, LoopOutcome.STOPPED, null, null, List.of()));
            await(topics.loopStatus, s -> s.getHumanLoopName().equals(loop.getHumanLoopName())
                    && s.getStatus() == HumanLoopStatus.STOPPED);
            assertThat(store.get(loop.getHumanLoopName())).as("the store, held back, still shows the loop running")
                    .hasValueSatisfying(s -> assertThat(s.getStatus()).isEqualTo(HumanLoopStatus.IN_PROGRESS));
            produce(topics.loopCommands, loop.getHumanLoopName(), LoopCommand.newBuilder()
                    .setEnvelope(new Envelopes(Clock.systemUTC()).next("")).setHumanLoopName(loop.getHumanLoopName())
                    .setType(LoopCommandType.STOP).build());

            assertThat(readFor(topics.loopStatus, Duration.ofSeconds(3)).stream()
                    .filter(s -> s != null && s.getHumanLoopName().equals(loop.getHumanLoopName())))
                    .extracting(LoopStatusEvent::getStatus)
                    .containsExactly(HumanLoopStatus.IN_PROGRESS, HumanLoopStatus.STOPPED);
        } finally {
            reader.start();
        }
    }

    /**
     * A loop stopped before any task ends at once, and its end (rs.answers) may be read before its start (rs.loops).
     * The start must not announce InProgress after the loop's final status, whether the writer remembers ending it
     * or, after a restart, only its store does.
     */
    @Test
    void aLoopWhoseStartIsReadAfterItsEndStaysEnded() throws Exception {
        LoopStarted remembered = Fixtures.loop("end-first-" + UUID.randomUUID().toString().substring(0, 6),
                "s3://" + BUCKET + "/out", null, INPUT, 1);
        LoopStarted stored = Fixtures.loop("end-first-" + UUID.randomUUID().toString().substring(0, 6),
                "s3://" + BUCKET + "/out", null, INPUT, 1);
        for (LoopStarted loop : List.of(remembered, stored)) {
            produce(topics.answers, loop.getHumanLoopName(),
                    Fixtures.answers(loop, LoopOutcome.STOPPED, null, null, List.of()));
            await(topics.loopStatus, s -> s.getHumanLoopName().equals(loop.getHumanLoopName())
                    && s.getStatus() == HumanLoopStatus.STOPPED);
        }
        startThenMarker(remembered);

        awaitStored(store -> store.get(stored.getHumanLoopName()).isPresent());
        // a new writer knows nothing of what the last one ended but what its store holds
        writer.close();
        writer = startWriter();
        startThenMarker(stored);

        List<LoopStatusEvent> statuses = readFor(topics.loopStatus, Duration.ofSeconds(2));
        for (LoopStarted loop : List.of(remembered, stored)) {
            assertThat(statuses.stream().filter(s -> s != null && s.getHumanLoopName().equals(loop.getHumanLoopName())))
                    .as("the statuses of %s", loop.getHumanLoopName()).extracting(LoopStatusEvent::getStatus)
                    .containsExactly(HumanLoopStatus.STOPPED);
        }
    }

    /**
     * The writer's status store once it satisfies {@code caughtUp}: the store reads rs.loop-status like any consumer,
     * so it shows what the writer sent a moment later.
     */
    private static LoopStatusStore awaitStored(Predicate<LoopStatusStore> caughtUp) throws InterruptedException {
        LoopStatusStore store = writer.getBean(LoopStatusStore.class);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!caughtUp.test(store)) {
            assertThat(System.currentTimeMillis()).as("store caught up").isLessThan(deadline);
            Thread.sleep(50);
        }
        return store;
    }

    /** Sends the loop's start, then another loop's on the same partition, and waits until the writer has read both. */
    private static void startThenMarker(LoopStarted loop) {
        LoopStarted marker = Fixtures.loop("marker-" + UUID.randomUUID().toString().substring(0, 6),
                "s3://" + BUCKET + "/out", null, INPUT, 1);
        produceInOneTransaction(producer -> List.of(loop, marker).forEach(l -> producer.send(
                record(topics.loops, l.getHumanLoopName(), l))));
        await(topics.loopStatus, s -> s.getHumanLoopName().equals(marker.getHumanLoopName()));
    }

    @Test
    void anUnreadableAnswersRecordIsDeadLetteredAndTheWriterGoesOn() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.answers.name(), key, new byte[]{0, 0, 0, 0, 42, 1})).get();
        }
        ConsumerRecord<byte[], byte[]> dead = awaitRecord(topics.deadLetters,
                r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key));
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).isEqualTo("UNPARSABLE");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SERVICE)).isEqualTo("result-writer");

        LoopStarted loop = Fixtures.loop("after-garbage-" + UUID.randomUUID().toString().substring(0, 6),
                "s3://" + BUCKET + "/out", null, INPUT, 1);
        produce(topics.answers, loop.getHumanLoopName(), Fixtures.answers(loop, LoopOutcome.STOPPED, null, null, List.of()));
        assertThat(await(topics.loopCompleted, c -> c.getHumanLoopName().equals(loop.getHumanLoopName()))
                .getHumanLoopStatus()).isEqualTo(HumanLoopStatus.STOPPED);
    }

    private static void awaitManifestContaining(String loopName) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                String manifest = new String(read("s3://" + BUCKET + "/out/claims-review/manifests/2024/05/01/manifest.jsonl"),
                        StandardCharsets.UTF_8);
                if (manifest.contains(loopName)) {
                    assertThat(manifest.lines()).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
                    return;
                }
            } catch (Exception notYet) {
                // not written yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The day's manifest.jsonl never listed " + loopName);
    }

    private static byte[] read(String uri) throws Exception {
        String path = uri.substring("s3://".length());
        String bucket = path.substring(0, path.indexOf('/'));
        String key = path.substring(bucket.length() + 1);
        s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        try (var in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static double bucketCount(String scrape, String le) {
        return scrape.lines().filter(line -> line.startsWith("reviewstream_answers_agreement_bucket{")
                        && line.contains("flow=\"claims-review\"") && line.contains("le=\"" + le + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ResultWriterLoop loop() {
        return writer.getBean(ResultWriterLoop.class);
    }

    private static Health health() {
        return writer.getBean(ResultWriterHealthIndicator.class).health();
    }

    private static Instant lastModified(String uri) throws Exception {
        String path = uri.substring("s3://".length());
        String bucket = path.substring(0, path.indexOf('/'));
        return s3.statObject(StatObjectArgs.builder().bucket(bucket).object(path.substring(bucket.length() + 1))
                .build()).lastModified().toInstant();
    }

    private static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
        return new ProducerRecord<>(topic.name(), 0, key.getBytes(StandardCharsets.UTF_8),
                topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    private static void produceInOneTransaction(java.util.function.Consumer<KafkaProducer<byte[], byte[]>> sends) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, "writer-test-" + UUID.randomUUID()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            sends.accept(producer);
            producer.commitTransaction();
        }
    }

    private static <V> void produce(Topic<String, V> topic, String key, V value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers()), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private static <V> V await(Topic<String, V> topic, Predicate<V> match) {
        return awaitRecord(topic, r -> r.value() != null && match.test(r.value())).value();
    }

    private static <V> List<V> awaitCount(Topic<String, V> topic, Predicate<V> match, int count) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<V> matching = readFor(topic, Duration.ofSeconds(1)).stream().filter(v -> v != null && match.test(v))
                    .toList();
            if (matching.size() >= count) {
                return matching;
            }
        }
        throw new AssertionError("Fewer than " + count + " matching records on " + topic.name());
    }

    private static <K, V> ConsumerRecord<K, V> awaitRecord(Topic<K, V> topic, Predicate<ConsumerRecord<K, V>> match) {
        try (KafkaConsumer<K, V> consumer = consumer(topic)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(300))) {
                    if (match.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("Nothing matching arrived on " + topic.name());
    }

    private static <V> List<V> readFor(Topic<String, V> topic, Duration duration) {
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(topic)) {
            long until = System.currentTimeMillis() + duration.toMillis();
            while (System.currentTimeMillis() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private static <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic) {
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "writer-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }
}
