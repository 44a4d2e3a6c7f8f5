package io.reviewstream.looprouter.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.deadletter.DeadLetterDeserializationHandler;
import io.reviewstream.schemas.deadletter.DeadLetterProcessingHandler;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LoopRouterTopologyTest {

    private static final String CONDITIONS = "{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\","
            + "\"ConditionParameters\":{\"Path\":\"$.confidence\",\"ConfidenceLessThan\":0.8}}]}";

    private final Clock clock = Clock.fixed(Instant.parse("2026-05-01T10:00:00.123Z"), ZoneOffset.UTC);
    private final Envelopes envelopes = new Envelopes(clock);
    private final SerdeFactory serdes = new SerdeFactory(
            new SchemaRegistryClient(EmbeddedInfra.shared().schemaRegistryUrl()), envelopes);
    // A prefix per test run keeps registry subjects of parallel or repeated runs apart.
    private final Topics topics = new Topics("t" + UUID.randomUUID().toString().substring(0, 8) + ".", serdes);
    private final Arns arns = new Arns("us-east-1", "111122223333");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private TopologyTestDriver driver;
    private TestInputTopic<String, FlowDefinition> flows;
    private TestInputTopic<String, byte[]> predictions;
    private TestOutputTopic<String, Decision> decisions;
    private TestOutputTopic<String, LoopStarted> loops;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "router-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(DeadLetterDeserializationHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters.name());
        props.put(DeadLetterDeserializationHandler.SERVICE_CONFIG, "loop-router");
        driver = new TopologyTestDriver(LoopRouterTopology.build(topics, serdes, envelopes, arns, clock, meters), props);
        flows = driver.createInputTopic(topics.flowDefinitions.name(), Serdes.String().serializer(),
                topics.flowDefinitions.valueSerde().serializer());
        predictions = driver.createInputTopic(topics.predictions.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        decisions = driver.createOutputTopic(topics.decisions.name(), Serdes.String().deserializer(),
                topics.decisions.valueSerde().deserializer());
        loops = driver.createOutputTopic(topics.loops.name(), Serdes.String().deserializer(),
                topics.loops.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters.name(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
        flows.pipeInput("demo-flow", flow("demo-flow", 1, CONDITIONS, FlowDefinitionStatus.ACTIVE));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aLowConfidencePredictionBecomesALoopPinnedToTheCurrentFlowVersion() {
        predict("p-1", "{\"predictionId\":\"p-1\",\"flowDefinitionName\":\"demo-flow\","
                + "\"inputContent\":{\"label\":\"cat\",\"confidence\":0.42}}");

        Decision decision = decisions.readValue();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.HUMAN_REVIEW);
        assertThat(decision.getHumanLoopName()).isEqualTo("p-1");
        assertThat(decision.getFlowDefinitionVersion()).isEqualTo(1);
        assertThat(decision.getConditionResults()).contains("\"EvaluationResult\":true");

        TestRecord<String, LoopStarted> loop = loops.readRecord();
        assertThat(loop.key()).isEqualTo("p-1");
        assertThat(loop.value().getHumanLoopArn()).isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:human-loop/p-1");
        assertThat(loop.value().getFlowDefinition().getVersion()).isEqualTo(1);
        assertThat(loop.value().getInputContent()).isEqualTo("{\"label\":\"cat\",\"confidence\":0.42}");
        assertThat(loop.value().getCreationTime()).isEqualTo(clock.instant());
        assertThat(loops.isEmpty()).isTrue();
    }

    @Test
    void aConfidentPredictionIsAutoAcceptedWithoutALoop() {
        predict("p-2", "{\"predictionId\":\"p-2\",\"flowDefinitionName\":\"demo-flow\","
                + "\"inputContent\":{\"label\":\"dog\",\"confidence\":0.95}}");

        Decision decision = decisions.readValue();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.AUTO_ACCEPTED);
        assertThat(decision.getHumanLoopName()).isNull();
        assertThat(decision.getConditionResults()).contains("\"EvaluationResult\":false");
        assertThat(loops.isEmpty()).isTrue();
        assertThat(meters.get("reviewstream.decisions").tag("outcome", "auto_accepted").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aReplayedPredictionNeverStartsASecondLoop() {
        String json = "{\"predictionId\":\"P 3/x\",\"flowDefinitionName\":\"demo-flow\","
                + "\"inputContent\":{\"confidence\":0.1}}";
        predict("k", json);
        predict("k", json);

        assertThat(decisions.readValuesToList()).hasSize(2);
        List<LoopStarted> started = loops.readValuesToList();
        assertThat(started).hasSize(1);
        assertThat(started.get(0).getHumanLoopName()).matches("[a-z0-9](-*[a-z0-9])*").startsWith("p-3-x-");
    }

    @Test
    void aNewFlowVersionAppliesToTheNextPredictionWithoutRestart() {
        flows.pipeInput("demo-flow", flow("demo-flow", 2, CONDITIONS.replace("0.8", "0.99"),
                FlowDefinitionStatus.ACTIVE));
        predict("p-4", "{\"predictionId\":\"p-4\",\"flowDefinitionName\":\"demo-flow\","
                + "\"inputContent\":{\"confidence\":0.95}}");

        Decision decision = decisions.readValue();
        assertThat(decision.getFlowDefinitionVersion()).isEqualTo(2);
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.HUMAN_REVIEW);
        assertThat(loops.readValue().getFlowDefinition().getVersion()).isEqualTo(2);
    }

    @Test
    void badRecordsGoToDeadLettersWithTheirReasonAndTheRouterKeepsGoing() {
        flows.pipeInput("gone-flow", flow("gone-flow", 1, CONDITIONS, FlowDefinitionStatus.DELETING));
        predict("bad-2", "{\"flowDefinitionName\":\"nope\",\"inputContent\":{\"confidence\":0.1}}");
        predict("bad-3", "{\"flowDefinitionName\":\"gone-flow\",\"inputContent\":{\"confidence\":0.1}}");
        predict("bad-4", "{\"flowDefinitionName\":\"demo-flow\",\"inputContent\":{\"confidence\":\"low\"}}");
        predict("bad-5", "{\"flowDefinitionName\":\"demo-flow\",\"humanLoopName\":\"Not Valid\","
                + "\"inputContent\":{\"confidence\":0.1}}");
        predict("good", "{\"predictionId\":\"good\",\"flowDefinitionName\":\"demo-flow\","
                + "\"inputContent\":{\"confidence\":0.1}}");

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        // Unparsable bytes are covered on the real broker (LoopRouterIntegrationTest): the test driver does not
        // forward the dead letters of deserialization handlers.
        assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.REASON)).containsExactly(
                DeadLetterReason.UNKNOWN_FLOW_DEFINITION.name(),
                DeadLetterReason.DELETED_FLOW_DEFINITION.name(), DeadLetterReason.CONDITIONS_NOT_APPLICABLE.name(),
                DeadLetterReason.INVALID.name());
        assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("bad-2");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("\"flowDefinitionName\":\"nope\"");
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.MESSAGE)).contains("nope");
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.SOURCE_TOPIC))
                .isEqualTo(topics.predictions.name());
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.SERVICE)).isEqualTo("loop-router");

        assertThat(loops.readValuesToList()).extracting(LoopStarted::getHumanLoopName).containsExactly("good");
    }

    private void predict(String key, String json) {
        predictions.pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
    }

    private FlowDefinition flow(String name, int version, String conditions, FlowDefinitionStatus status) {
        return FlowDefinition.newBuilder()
                .setEnvelope(envelopes.next("test"))
                .setName(name)
                .setArn(arns.flowDefinition(name))
                .setVersion(version)
                .setStatus(status)
                .setCreationTime(clock.instant())
                .setActivationConditions(conditions)
                .setHumanLoopConfig(HumanLoopConfig.newBuilder()
                        .setWorkteamArn(arns.workteam("demo-team"))
                        .setHumanTaskUiArn(arns.humanTaskUi("demo-classifier"))
                        .setTaskTitle("Classify").setTaskDescription("Pick a label").setTaskCount(1).build())
                .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath("s3://reviewstream-output/demo").build())
                .setRoleArn("arn:aws:iam::111122223333:role/reviewstream")
                .build();
    }
}
