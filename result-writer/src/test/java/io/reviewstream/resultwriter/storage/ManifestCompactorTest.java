package io.reviewstream.resultwriter.storage;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.resultwriter.Fixtures;
import io.reviewstream.resultwriter.domain.ManifestEntry;
import io.reviewstream.resultwriter.domain.OutputLocation;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopOutcome;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.config.S3Properties;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The retraining manifests on the real S3 server, with the flow definitions read from the real broker. */
class ManifestCompactorTest {

    private static final EmbeddedInfra infra = EmbeddedInfra.shared();
    private static final String BUCKET = "manifest-test";

    private final String prefix = "m" + UUID.randomUUID().toString().substring(0, 6) + ".";
    private final Topics topics = new Topics(prefix, new SerdeFactory(
            new SchemaRegistryClient(infra.schemaRegistryUrl()), new Envelopes(Clock.systemUTC())));
    private final ObjectStore store = new ObjectStore(new S3Properties(infra.s3Endpoint(), infra.s3Region(),
            infra.s3AccessKey(), infra.s3SecretKey(), S3Properties.Encryption.NONE, null, List.of(), null, null,
            "PKCS12"), true);

    /**
     * An instance stopped after storing a loop's entry and before rewriting the day's manifest: the pending
     * rewrite was only in its memory. The next instance rewrites the recent days of every flow on start.
     */
    @Test
    void onStartTheRecentDaysOfEveryFlowAreRewrittenFromTheirEntries() throws Exception {
        String outputPath = "s3://" + BUCKET + "/recover-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        LoopStarted loop = Fixtures.loop("loop-before-the-stop", outputPath, null, Fixtures.CUSTOM_INPUT, 1);
        LoopAnswers answers = LoopAnswers.newBuilder(Fixtures.answers(loop, LoopOutcome.STOPPED, null, null,
                List.of())).setEndedAt(now).build();
        byte[] entry = ManifestEntry.render(answers, "Stopped", "s3://" + BUCKET + "/some/output.json");
        store.put(ManifestEntry.location(answers), entry, "application/json");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()));
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     infra.bootstrapServers()), topics.flowDefinitions.keySerde().serializer(),
                     topics.flowDefinitions.valueSerde().serializer())) {
            admin.createTopics(List.of(new NewTopic(topics.flowDefinitions.name(), 1, (short) 1))).all().get();
            producer.send(new ProducerRecord<>(topics.flowDefinitions.name(), loop.getFlowDefinition().getName(),
                    loop.getFlowDefinition())).get();
        }
        CompactedTopicView<FlowDefinition> flows = new CompactedTopicView<>(topics.flowDefinitions,
                KafkaClients.forBootstrapServers(infra.bootstrapServers()));
        ManifestCompactor compactor = new ManifestCompactor(store, Duration.ofHours(1), flows, Clock.systemUTC(),
                Duration.ofDays(2));
        flows.start();
        compactor.start();
        try {
            OutputLocation day = ManifestEntry.dayFolder(answers);
            assertThat(awaitObject(day.bucket(), day.key() + ManifestCompactor.MANIFEST)).isEqualTo(entry);
            OutputLocation yesterday = ManifestEntry.dayFolder(
                    OutputLocation.flowFolder(outputPath, loop.getFlowDefinition().getName()),
                    now.minus(Duration.ofDays(1)));
            assertThat(store.list(yesterday.bucket(), yesterday.key()))
                    .as("a day without entries gets no manifest").isEmpty();
        } finally {
            compactor.stop();
            flows.stop();
        }
    }

    private byte[] awaitObject(String bucket, String key) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (store.list(bucket, key).contains(key)) {
                return store.get(bucket, key);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("s3://" + bucket + "/" + key + " was never written");
    }
}
