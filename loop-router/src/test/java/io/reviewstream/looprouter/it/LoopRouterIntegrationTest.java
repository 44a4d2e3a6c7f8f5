package io.reviewstream.looprouter.it;

import io.reviewstream.conditions.ActivationConditions;
import io.reviewstream.looprouter.LoopRouterApplication;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopStartOutcome;
import io.reviewstream.schemas.avro.LoopStartReply;
import io.reviewstream.schemas.avro.LoopStartRequest;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.TaskUis;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The application on the real broker and registry, with exactly_once_v2, read back with read_committed. */
@SpringBootTest(classes = LoopRouterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=loop-router")
class LoopRouterIntegrationTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        RouterFixtures.infrastructure(registry, "it" + RUN);
    }

    @Autowired
    Topics topics;
    @Autowired
    Envelopes envelopes;
    @Autowired
    Arns arns;

    @Test
    void predictionsAndStartRequestsBecomeCommittedDecisionsLoopsRepliesAndDeadLetters() throws Exception {
        try (KafkaProducer<String, byte[]> producer = RouterFixtures.producer()) {
            RouterFixtures.send(producer, topics.taskUis, "demo-classifier", TaskUis.active(envelopes.next("it"), arns,
                    "demo-classifier", "<crowd-form></crowd-form>", Instant.now(), List.of()));
            RouterFixtures.send(producer, topics.flowDefinitions, "demo-flow", flow("demo-flow", "demo-classifier"));
            RouterFixtures.send(producer, topics.flowDefinitions, "orphan-flow", flow("orphan-flow", "never-created"));
            // The flow definition and its task UI reach the global stores before the records that need them.
            Thread.sleep(2_000);
            producer.send(new ProducerRecord<>(topics.predictions.name(), "p-low", json(
                    "{\"predictionId\":\"p-low\",\"flowDefinitionName\":\"demo-flow\","
                            + "\"inputContent\":{\"label\":\"cat\",\"confidence\":0.42}}")));
            producer.send(new ProducerRecord<>(topics.predictions.name(), "p-high", json(
                    "{\"predictionId\":\"p-high\",\"flowDefinitionName\":\"demo-flow\","
                            + "\"inputContent\":{\"label\":\"dog\",\"confidence\":0.97}}")));
            producer.send(new ProducerRecord<>(topics.predictions.name(), "junk", new byte[]{1, 2, 3}));
            producer.send(new ProducerRecord<>(topics.predictions.name(), "p-orphan", json(
                    "{\"predictionId\":\"p-orphan\",\"flowDefinitionName\":\"orphan-flow\","
                            + "\"inputContent\":{\"label\":\"cat\",\"confidence\":0.1}}")));
            producer.send(new ProducerRecord<>(topics.predictions.name(), "p-low", json(
                    "{\"predictionId\":\"p-low\",\"flowDefinitionName\":\"demo-flow\","
                            + "\"inputContent\":{\"label\":\"cat\",\"confidence\":0.42}}")));
            RouterFixtures.send(producer, topics.loopRequests, "started-by-api", LoopStartRequest.newBuilder()
                    .setEnvelope(envelopes.next("corr-1"))
                    .setHumanLoopName("started-by-api").setFlowDefinitionName("demo-flow")
                    .setFlowDefinitionArn(arns.flowDefinition("demo-flow"))
                    .setInputContent("{\"label\":\"cat\"}").setContentClassifiers(List.of()).build());
            producer.flush();
        }

        // Exactly two loops: the replayed p-low started no second one.
        List<ConsumerRecord<String, LoopStarted>> loops = read(topics.loops, 2);
        assertThat(loops).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("p-low", "started-by-api");
        // the loop candidate crossed the broker without its tree; the name's owner rebuilt it
        LoopStarted predicted = loops.stream().filter(r -> r.key().equals("p-low")).findFirst().orElseThrow().value();
        assertThat(predicted.getNodeResults()).containsExactly(true);
        assertThat(predicted.getActivationConditionsEvaluationResults()).isEqualTo(ActivationConditions
                .evaluatedTree(predicted.getFlowDefinition().getActivationConditions(), List.of(true)));
        List<ConsumerRecord<String, Decision>> decisions = read(topics.decisions, 4);
        assertThat(decisions).extracting(r -> r.key() + "=" + r.value().getOutcome()).containsExactlyInAnyOrder(
                "p-low=" + DecisionOutcome.HUMAN_REVIEW, "p-high=" + DecisionOutcome.AUTO_ACCEPTED,
                "p-low=" + DecisionOutcome.HUMAN_REVIEW, "started-by-api=" + DecisionOutcome.HUMAN_REVIEW);
        assertThat(decisions).filteredOn(r -> r.key().equals("p-high"))
                .allSatisfy(r -> assertThat(r.value().getNodeResults()).containsExactly(false));
        LoopStartReply reply = read(topics.loopReplies, 1).get(0).value();
        assertThat(reply.getEnvelope().getCorrelationId()).isEqualTo("corr-1");
        assertThat(reply.getOutcome()).isEqualTo(LoopStartOutcome.STARTED);
        List<ConsumerRecord<byte[], byte[]>> dead = read(topics.deadLetters, 2);
        assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.REASON)).containsExactlyInAnyOrder(
                DeadLetterReason.UNPARSABLE.name(), DeadLetterReason.DELETED_TASK_UI.name());
        assertThat(dead).filteredOn(r -> DeadLetters.header(r.headers(), DeadLetters.REASON)
                .equals(DeadLetterReason.UNPARSABLE.name())).singleElement()
                .satisfies(r -> assertThat(r.value()).containsExactly(1, 2, 3));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads committed records until {@code expected} arrived and two more seconds brought no extra one. */
    private static <K, V> List<ConsumerRecord<K, V>> read(Topic<K, V> topic, int expected) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = RouterFixtures.committedReader(topic)) {
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (records.size() > expected) {
                    break;
                }
                if (records.size() == expected) {
                    deadline = Instant.now().plusSeconds(2).isBefore(deadline) ? Instant.now().plusSeconds(2) : deadline;
                }
            }
        }
        return records;
    }

    private FlowDefinition flow(String name, String taskUi) {
        return RouterFixtures.flow(envelopes, arns, name, taskUi);
    }
}
