package io.reviewstream.flowservice.console.history;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.avro.TaskEvent;
import io.reviewstream.schemas.avro.TaskEventType;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A loop's history filed from its topics on the real broker and registry, through a restart and a deletion. */
class LoopHistoryStoreTest {

    static final EmbeddedInfra infra = EmbeddedInfra.shared();
    static final Envelopes envelopes = new Envelopes(Clock.systemUTC());
    static final Instant BASE = Instant.parse("2024-05-01T09:00:00Z");

    @TempDir
    Path stateDir;
    Topics topics;
    KafkaProducer<String, byte[]> producer;
    LoopHistoryStore store;
    LoopHistoryReader reader;

    @BeforeEach
    void topics() throws Exception {
        topics = new Topics("lh" + UUID.randomUUID().toString().substring(0, 8) + ".",
                new SerdeFactory(new SchemaRegistryClient(infra.schemaRegistryUrl()), envelopes));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(LoopHistoryStore.historyTopics(topics).stream().map(t -> t.newTopic(3, (short) 1))
                    .toList()).all().get();
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        stop();
        producer.close();
    }

    @Test
    void aLoopsRecordsOfEveryTopicAreFiledUnderItInOrderOnceEvenWhenReadAgainAndGoneWithTheLoop() throws Exception {
        write(topics.decisions, "prediction-1", decision("prediction-1", "loop-1"), 1);
        write(topics.decisions, "prediction-2", decision("prediction-2", null), 2);
        write(topics.loops, "loop-1", started("loop-1"), 3);
        write(topics.taskEvents, "loop-1", task("loop-1", TaskEventType.CLAIMED, "alice"), 4);
        write(topics.taskEvents, "loop-2", task("loop-2", TaskEventType.CLAIMED, "bob"), 5);
        write(topics.taskEvents, "loop-1", task("loop-1", TaskEventType.RELEASED, "alice"), 6);
        start();
        await(() -> store.history("loop-1", 100).size() == 4 && store.history("loop-2", 100).size() == 1);
        assertThat(store.history("loop-1", 100)).extracting(LoopHistoryStore.Entry::topic).containsExactly(
                topics.decisions.name(), topics.loops.name(), topics.taskEvents.name(), topics.taskEvents.name());
        assertThat(store.history("loop-1", 2)).hasSize(2);
        assertThat(store.history("prediction-2", 100)).as("a decision that started no loop is no loop's history")
                .isEmpty();
        stop();

        write(topics.taskEvents, "loop-1", task("loop-1", TaskEventType.CLAIMED, "bob"), 7);
        start();
        await(() -> store.history("loop-1", 100).size() >= 5);
        Thread.sleep(500);
        assertThat(store.history("loop-1", 100)).as("what was read before the restart is not filed twice")
                .hasSize(5);
        TaskEvent last = topics.taskEvents.valueSerde().deserializer().deserialize(topics.taskEvents.name(),
                store.history("loop-1", 100).get(4).value());
        assertThat(last.getWorkerId()).isEqualTo("bob");

        producer.send(new ProducerRecord<>(topics.loopStatus.name(), "loop-1", null)).get();
        await(() -> store.history("loop-1", 100).isEmpty());
        assertThat(store.history("loop-2", 100)).hasSize(1);
    }

    private Decision decision(String predictionId, String loop) {
        return Decision.newBuilder().setEnvelope(envelopes.next(predictionId)).setPredictionId(predictionId)
                .setFlowDefinitionName("flow").setFlowDefinitionVersion(1).setSource(LoopSource.PREDICTION_TOPIC)
                .setOutcome(loop == null ? DecisionOutcome.AUTO_ACCEPTED : DecisionOutcome.HUMAN_REVIEW)
                .setHumanLoopName(loop).setNodeResults(List.of(true)).build();
    }

    private LoopStarted started(String loop) {
        return LoopStarted.newBuilder().setEnvelope(envelopes.next(loop)).setHumanLoopName(loop)
                .setHumanLoopArn("arn:" + loop).setCreationTime(BASE).setSource(LoopSource.PREDICTION_TOPIC)
                .setInputContent("{}")
                .setFlowDefinition(FlowDefinition.newBuilder().setEnvelope(envelopes.next(loop)).setName("flow")
                        .setArn("arn:flow").setVersion(1).setStatus(FlowDefinitionStatus.ACTIVE).setCreationTime(BASE)
                        .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath("s3://bucket/out").build())
                        .setRoleArn("arn:role").build())
                .build();
    }

    private TaskEvent task(String loop, TaskEventType type, String worker) {
        return TaskEvent.newBuilder().setEnvelope(envelopes.next(loop)).setHumanLoopName(loop)
                .setTaskId("team." + loop + ".0").setTeam("team").setFlowDefinitionName("flow").setType(type)
                .setWorkerId(worker).setAt(BASE).build();
    }

    private <V> void write(Topic<String, V> topic, String key, V value, int second) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), null, BASE.plusSeconds(second).toEpochMilli(), key,
                topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }

    private void start() {
        store = new LoopHistoryStore(stateDir, topics);
        reader = new LoopHistoryReader(topics, store, KafkaClients.forBootstrapServers(infra.bootstrapServers()));
        reader.start();
    }

    private void stop() {
        if (reader != null) {
            reader.stop();
            store.close();
            reader = null;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
