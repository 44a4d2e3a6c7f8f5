package io.reviewstream.flowservice.console.deadletter;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.flowservice.api.ApiError;
import io.reviewstream.flowservice.api.ApiException;
import io.reviewstream.flowservice.console.audit.ConsoleAudit;
import io.reviewstream.schemas.avro.ConsoleAuditEvent;
import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dead letters paged, shown and replayed on the real broker and registry. */
class DeadLettersTest {

    static final EmbeddedInfra infra = EmbeddedInfra.shared();
    static final Envelopes envelopes = new Envelopes(Clock.systemUTC());

    Topics topics;
    SerdeFactory serdes;
    KafkaClients clients = KafkaClients.forBootstrapServers(infra.bootstrapServers());
    KafkaProducer<byte[], byte[]> producer;
    Publisher publisher;
    DeadLetterTopic deadLetters;

    @BeforeEach
    void topics() throws Exception {
        serdes = new SerdeFactory(new SchemaRegistryClient(infra.schemaRegistryUrl()), envelopes);
        topics = new Topics("dl" + UUID.randomUUID().toString().substring(0, 8) + ".", serdes);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(List.of(topics.deadLetters.newTopic(2, (short) 1),
                    topics.predictions.newTopic(1, (short) 1), topics.consoleAudit.newTopic(1, (short) 1)))
                    .all().get();
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        publisher = new Publisher(clients, Duration.ofSeconds(15));
        deadLetters = new DeadLetterTopic(clients, topics);
    }

    @AfterEach
    void close() {
        producer.close();
        publisher.close();
    }

    @Test
    void pagesFollowOnFromTheirNextPositionsAndReadNoMoreThanTheirScanAllows() throws Exception {
        for (int i = 0; i < 5; i++) {
            deadLetter(0, topics.predictions.name(), DeadLetterReason.INVALID, "{\"n\":" + i + "}", 0);
            deadLetter(1, topics.loops.name(), DeadLetterReason.UNPARSABLE, "x" + i, 0);
        }
        DeadLetterTopic.Filter invalid = new DeadLetterTopic.Filter(topics.predictions.name(), "INVALID");
        DeadLetterTopic.Page first = deadLetters.page(Map.of(), invalid, 3, 1000);
        assertThat(first.records()).hasSize(3).allMatch(r -> r.partition() == 0);
        DeadLetterTopic.Page second = deadLetters.page(first.next(), invalid, 3, 1000);
        assertThat(second.records()).extracting(ConsumerRecord::offset).containsExactly(3L, 4L);
        assertThat(second.next()).containsEntry(0, 5L).containsEntry(1, 5L);
        assertThat(second.ends()).containsEntry(0, 5L).containsEntry(1, 5L);

        DeadLetterTopic.Page bounded = deadLetters.page(Map.of(), new DeadLetterTopic.Filter(null, "NO_SUCH"), 3, 4);
        assertThat(bounded.records()).isEmpty();
        assertThat(bounded.scanned()).isEqualTo(4);
        assertThat(bounded.next()).containsEntry(0, 4L).containsEntry(1, 0L);
    }

    @Test
    void aRecordIsShownAsPrettyJsonAsAvroDecodedThroughTheRegistryOrAsHex() throws Exception {
        deadLetter(0, topics.predictions.name(), DeadLetterReason.INVALID, "{\"label\":\"cat\"}", 0);
        Decision decision = Decision.newBuilder().setEnvelope(envelopes.next("c")).setPredictionId("prediction-7")
                .setFlowDefinitionName("flow").setFlowDefinitionVersion(1).setSource(LoopSource.PREDICTION_TOPIC)
                .setOutcome(DecisionOutcome.AUTO_ACCEPTED).build();
        send(0, topics.decisions.name(), DeadLetterReason.PROCESSING_FAILED,
                topics.decisions.valueSerde().serializer().serialize(topics.decisions.name(), decision), 0);
        send(0, topics.predictions.name(), DeadLetterReason.UNPARSABLE, new byte[]{1, 2, (byte) 0xFF}, 0);
        DeadLetterContent content = new DeadLetterContent(serdes.registry(), 1024);

        ObjectNode json = content.detail(deadLetters.read(new DeadLetterPosition(0, 0)).orElseThrow());
        assertThat(json.get("value").get("format").asString()).isEqualTo("json");
        assertThat(json.get("value").get("content").asString()).contains("\"label\" : \"cat\"");
        assertThat(json.get("reason").asString()).isEqualTo("INVALID");
        assertThat(json.get("headers")).anyMatch(h -> h.get("name").asString().equals(DeadLetters.SOURCE_TOPIC));
        ObjectNode avro = content.detail(deadLetters.read(new DeadLetterPosition(0, 1)).orElseThrow());
        assertThat(avro.get("value").get("format").asString()).isEqualTo("avro");
        assertThat(avro.get("value").get("content").asString()).contains("prediction-7");
        ObjectNode hex = content.detail(deadLetters.read(new DeadLetterPosition(0, 2)).orElseThrow());
        assertThat(hex.get("value").get("format").asString()).isEqualTo("hex");
        assertThat(hex.get("value").get("content").asString()).isEqualTo("01 02 ff");
        assertThat(deadLetters.read(new DeadLetterPosition(0, 3))).isEmpty();
        assertThat(deadLetters.read(new DeadLetterPosition(7, 0))).isEmpty();
    }

    @Test
    void aReplayGoesToTheSourceTopicWithItsCountIsAuditedAndIsRefusedPastTheBound() throws Exception {
        deadLetter(0, topics.predictions.name(), DeadLetterReason.INVALID, "{\"predictionId\":\"p-1\"}", 0);
        deadLetter(0, topics.predictions.name(), DeadLetterReason.INVALID, "{\"predictionId\":\"p-2\"}", 2);
        deadLetter(0, "elsewhere", DeadLetterReason.INVALID, "{}", 0);
        DeadLetterReplay replay = new DeadLetterReplay(deadLetters, publisher,
                new ConsoleAudit(publisher, topics, envelopes), topics, 2);
        TestingAuthenticationToken operator = new TestingAuthenticationToken("operator", "n/a");

        List<DeadLetterReplay.Replayed> done = replay.replay(List.of(new DeadLetterPosition(0, 0)), operator);
        assertThat(done).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo(topics.predictions.name());
            assertThat(r.replays()).isEqualTo(1);
        });
        ConsumerRecord<byte[], byte[]> replayed = readAll(topics.predictions.name(), 1).get(0);
        assertThat(new String(replayed.value(), StandardCharsets.UTF_8)).isEqualTo("{\"predictionId\":\"p-1\"}");
        assertThat(new String(replayed.key(), StandardCharsets.UTF_8)).isEqualTo("key");
        assertThat(DeadLetters.header(replayed.headers(), DeadLetters.REPLAYS)).isEqualTo("1");
        assertThat(DeadLetters.header(replayed.headers(), DeadLetters.REASON)).isNull();
        assertThat(DeadLetters.header(replayed.headers(), "original")).isEqualTo("kept");

        assertThatThrownBy(() -> replay.replay(List.of(new DeadLetterPosition(0, 0), new DeadLetterPosition(0, 1)),
                operator)).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(ApiError.CONFLICT);
                    assertThat(e.getMessage()).contains("0-1").contains("2 times");
                });
        assertThatThrownBy(() -> replay.replay(List.of(new DeadLetterPosition(0, 2)), operator))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.VALIDATION));
        assertThat(readAll(topics.predictions.name(), 1)).as("a refused request replays nothing").hasSize(1);

        List<ConsoleAuditEvent> audit = readAll(topics.consoleAudit.name(), 2).stream()
                .map(r -> topics.consoleAudit.valueSerde().deserializer().deserialize(topics.consoleAudit.name(),
                        r.value())).toList();
        assertThat(audit.get(0).getUser()).isEqualTo("operator");
        assertThat(audit.get(0).getAction()).isEqualTo("dead-letter.replay");
        assertThat(audit.get(0).getOutcome()).contains("replayed");
        assertThat(audit.get(1).getOutcome()).contains("refused");
    }

    private void deadLetter(int partition, String source, DeadLetterReason reason, String value, int replays)
            throws Exception {
        send(partition, source, reason, value.getBytes(StandardCharsets.UTF_8), replays);
    }

    private void send(int partition, String source, DeadLetterReason reason, byte[] value, int replays)
            throws Exception {
        RecordHeaders original = new RecordHeaders();
        original.add("original", "kept".getBytes(StandardCharsets.UTF_8));
        if (replays > 0) {
            original.add(DeadLetters.REPLAYS, Integer.toString(replays).getBytes(StandardCharsets.UTF_8));
        }
        var record = DeadLetters.record(topics.deadLetters.name(), "key".getBytes(StandardCharsets.UTF_8), value,
                DeadLetters.headers(original, reason, "bad", null, "test", source, 0, 0));
        producer.send(new ProducerRecord<>(record.topic(), partition, record.key(),
                record.value(), record.headers())).get();
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, UUID.randomUUID().toString()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            return records;
        }
    }
}
