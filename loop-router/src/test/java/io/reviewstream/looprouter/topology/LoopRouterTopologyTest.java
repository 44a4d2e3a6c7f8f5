package io.reviewstream.looprouter.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewstream.conditions.ActivationConditions;
import io.reviewstream.conditions.ServiceResponses;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.looprouter.domain.DecisionDetail;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.LoopCommand;
import io.reviewstream.schemas.avro.LoopCommandType;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStartOutcome;
import io.reviewstream.schemas.avro.LoopStartReply;
import io.reviewstream.schemas.avro.LoopStartRequest;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.TaskUis;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.streams.EarlyCommits;
import io.reviewstream.schemas.streams.StreamsApp;
import io.reviewstream.schemas.topic.Topic;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LoopRouterTopologyTest {

    @TempDir
    Path stateDir;
    private static final String CONDITIONS = "{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\","
            + "\"ConditionParameters\":{\"Path\":\"$.confidence\",\"ConfidenceLessThan\":0.8}}]}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    private TestInputTopic<String, HumanTaskUi> taskUis;
    private TestInputTopic<String, byte[]> predictions;
    private TestOutputTopic<String, Decision> decisions;
    private TestOutputTopic<String, LoopStarted> loops;
    private TestOutputTopic<String, LoopStarted> candidates;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private TestInputTopic<String, LoopStartRequest> requests;
    private TestInputTopic<String, LoopCommand> commands;
    private TestOutputTopic<String, LoopStartReply> replies;

    @BeforeEach
    void start() {
        startRouter(DecisionDetail.RESULTS);
    }

    private void startRouter(DecisionDetail detail) {
        Properties props = StreamsApp.settings(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "router-test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
                // not the shared default under /tmp, which another run of this test may be using
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()), "loop-router", topics.deadLetters.name(), meters);
        driver = new TopologyTestDriver(LoopRouterTopology.build(topics, serdes, envelopes, arns, clock, meters, detail,
                        EarlyCommits.of(Duration.ofMillis(20), 5000)),
                props);
        flows = driver.createInputTopic(topics.flowDefinitions.name(), Serdes.String().serializer(),
                topics.flowDefinitions.valueSerde().serializer());
        predictions = driver.createInputTopic(topics.predictions.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        decisions = driver.createOutputTopic(topics.decisions.name(), Serdes.String().deserializer(),
                topics.decisions.valueSerde().deserializer());
        loops = driver.createOutputTopic(topics.loops.name(), Serdes.String().deserializer(),
                topics.loops.valueSerde().deserializer());
        Topic<String, LoopStarted> candidateTopic = LoopRouterTopology.candidatesTopic(topics, serdes);
        candidates = driver.createOutputTopic(candidateTopic.name(), candidateTopic.keySerde().deserializer(),
                candidateTopic.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters.name(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
        requests = driver.createInputTopic(topics.loopRequests.name(), Serdes.String().serializer(),
                topics.loopRequests.valueSerde().serializer());
        commands = driver.createInputTopic(topics.loopCommands.name(), Serdes.String().serializer(),
                topics.loopCommands.valueSerde().serializer());
        replies = driver.createOutputTopic(topics.loopReplies.name(), Serdes.String().deserializer(),
                topics.loopReplies.valueSerde().deserializer());
        taskUis = driver.createInputTopic(topics.taskUis.name(), Serdes.String().serializer(),
                topics.taskUis.valueSerde().serializer());
        taskUis.pipeInput("demo-classifier", taskUi("demo-classifier"));
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
        assertThat(decision.getNodeResults()).containsExactly(true);
        assertThat(decision.getConditionResults()).isNull();

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
        assertThat(decision.getNodeResults()).containsExactly(false);
        assertThat(loops.isEmpty()).isTrue();
        assertThat(meters.get("reviewstream.decisions").tag("outcome", "auto_accepted").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void decisionsCarryTheWholeEvaluatedTreeWhenSetTo() {
        driver.close();
        startRouter(DecisionDetail.TREE);
        predict("p-2", "{\"predictionId\":\"p-2\",\"flowDefinitionName\":\"demo-flow\","
                + "\"inputContent\":{\"label\":\"dog\",\"confidence\":0.95}}");

        Decision decision = decisions.readValue();
        assertThat(decision.getNodeResults()).containsExactly(false);
        assertThat(decision.getConditionResults())
                .isEqualTo(ActivationConditions.evaluatedTree(CONDITIONS, decision.getNodeResults()))
                .contains("\"ConfidenceLessThan\":0.8").contains("\"EvaluationResult\":false");
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

    /** Any producer can name any flow: the names that are no flow definition's share one series. */
    @Test
    void predictionsForFlowsThatDoNotExistAreCountedUnderOneLabel() {
        flows.pipeInput("gone-flow", flow("gone-flow", 1, CONDITIONS, FlowDefinitionStatus.DELETING));
        for (int i = 0; i < 40; i++) {
            predict("nope-" + i, "{\"flowDefinitionName\":\"made-up-" + i + "\",\"inputContent\":{}}");
        }
        predict("gone", "{\"flowDefinitionName\":\"gone-flow\",\"inputContent\":{\"confidence\":0.1}}");
        predict("known", "{\"predictionId\":\"known\",\"flowDefinitionName\":\"demo-flow\","
                + "\"inputContent\":{\"confidence\":0.1}}");

        assertThat(meters.find("reviewstream.predictions.received").counters())
                .extracting(counter -> counter.getId().getTag("flow"))
                .containsExactlyInAnyOrder("(unknown)", "gone-flow", "demo-flow");
        assertThat(meters.get("reviewstream.predictions.received").tag("flow", "(unknown)").counter().count())
                .isEqualTo(40);
    }

    @Test
    void startHumanLoopOnACustomFlowStartsALoopWithoutConditionsAndRepliesWithTheCorrelationId() {
        start("c-1", "loop-a", "demo-flow", "{\"confidence\":0.99}");

        TestRecord<String, LoopStartReply> reply = replies.readRecord();
        assertThat(reply.key()).isEqualTo("loop-a");
        assertThat(reply.value().getEnvelope().getCorrelationId()).isEqualTo("c-1");
        assertThat(reply.value().getOutcome()).isEqualTo(LoopStartOutcome.STARTED);
        assertThat(reply.value().getHumanLoopArn()).isEqualTo(arns.humanLoop("loop-a"));
        LoopStarted loop = loops.readValue();
        assertThat(loop.getSource()).isEqualTo(LoopSource.START_HUMAN_LOOP);
        assertThat(loop.getInputContent()).isEqualTo("{\"confidence\":0.99}");
        assertThat(loop.getActivationConditionsEvaluationResults()).isNull();
        Decision decision = decisions.readValue();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.HUMAN_REVIEW);
        assertThat(decision.getSource()).isEqualTo(LoopSource.START_HUMAN_LOOP);
        assertThat(meters.get("reviewstream.start.requests").tag("outcome", "started").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get("reviewstream.loops.started").tag("source", "start_human_loop").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aNameIsStartedOnceThenAlreadyStartedOrConflictUntilDeleted() {
        start("c-1", "loop-b", "demo-flow", "{\"x\":1}");
        start("c-2", "loop-b", "demo-flow", "{\"x\":1}");
        start("c-3", "loop-b", "demo-flow", "{\"x\":2}");
        commands.pipeInput("loop-b", LoopCommand.newBuilder().setEnvelope(envelopes.next("c-4"))
                .setHumanLoopName("loop-b").setType(LoopCommandType.STOP).build());
        start("c-5", "loop-b", "demo-flow", "{\"x\":2}");
        commands.pipeInput("loop-b", LoopCommand.newBuilder().setEnvelope(envelopes.next("c-6"))
                .setHumanLoopName("loop-b").setType(LoopCommandType.DELETE).build());
        start("c-7", "loop-b", "demo-flow", "{\"x\":2}");

        List<LoopStartReply> all = replies.readValuesToList();
        assertThat(all).extracting(r -> r.getEnvelope().getCorrelationId())
                .containsExactly("c-1", "c-2", "c-3", "c-5", "c-7");
        assertThat(all).extracting(LoopStartReply::getOutcome).containsExactly(LoopStartOutcome.STARTED,
                LoopStartOutcome.ALREADY_STARTED, LoopStartOutcome.CONFLICT, LoopStartOutcome.CONFLICT,
                LoopStartOutcome.STARTED);
        assertThat(all.get(1).getHumanLoopArn()).isEqualTo(arns.humanLoop("loop-b"));
        assertThat(all.get(2).getErrorCode()).isEqualTo("ConflictException");
        assertThat(loops.readValuesToList()).extracting(LoopStarted::getInputContent)
                .containsExactly("{\"x\":1}", "{\"x\":2}");
    }

    @Test
    void aPredictionAndAStartRequestCannotBothStartOneName() {
        predict("p-9", "{\"predictionId\":\"p-9\",\"flowDefinitionName\":\"demo-flow\","
                + "\"humanLoopName\":\"shared\",\"inputContent\":{\"confidence\":0.1}}");
        start("c-1", "shared", "demo-flow", "{\"confidence\":0.2}");
        assertThat(loops.readValuesToList()).hasSize(1);
        assertThat(replies.readValue().getOutcome()).isEqualTo(LoopStartOutcome.CONFLICT);
    }

    @Test
    void theSameNameAndInputOnAnotherFlowIsAConflict() {
        flows.pipeInput("other-flow", flow("other-flow", 1, null, FlowDefinitionStatus.ACTIVE));
        start("c-1", "loop-f", "demo-flow", "{\"x\":1}");
        start("c-2", "loop-f", "other-flow", "{\"x\":1}");
        start("c-3", "loop-f", "demo-flow", "{\"x\":1}");

        assertThat(replies.readValuesToList()).extracting(LoopStartReply::getOutcome).containsExactly(
                LoopStartOutcome.STARTED, LoopStartOutcome.CONFLICT, LoopStartOutcome.ALREADY_STARTED);
        assertThat(loops.readValuesToList()).extracting(loop -> loop.getFlowDefinition().getName())
                .containsExactly("demo-flow");
    }

    @Test
    void aLoopCandidateOfAnEarlierVersionKeepsTheTreeItCarries() {
        TestInputTopic<String, LoopStarted> earlier = driver.createInputTopic(
                LoopRouterTopology.candidatesTopic(topics, serdes).name(), Serdes.String().serializer(),
                LoopRouterTopology.candidatesTopic(topics, serdes).valueSerde().serializer());
        LoopStarted candidate = LoopStarted.newBuilder()
                .setEnvelope(envelopes.next("c"))
                .setHumanLoopName("earlier").setHumanLoopArn(arns.humanLoop("earlier"))
                .setCreationTime(clock.instant())
                .setFlowDefinition(flow("demo-flow", 1, CONDITIONS, FlowDefinitionStatus.ACTIVE))
                .setSource(LoopSource.PREDICTION_TOPIC).setInputContent("{\"confidence\":0.1}")
                .setActivationConditionsEvaluationResults("{\"Conditions\":[\"as it was written\"]}")
                .build();
        earlier.pipeInput("earlier", candidate);

        LoopStarted loop = loops.readValue();
        assertThat(loop.getActivationConditionsEvaluationResults()).isEqualTo("{\"Conditions\":[\"as it was written\"]}");
        assertThat(loop.getNodeResults()).isEmpty();
    }

    @Test
    void aFlowWhoseTaskUiWasDeletedStartsNoLoopsUntilItsUiIsBack() {
        taskUis.pipeInput("demo-classifier", null);
        predict("u-1", "{\"predictionId\":\"u-1\",\"flowDefinitionName\":\"demo-flow\","
                + "\"inputContent\":{\"confidence\":0.1}}");
        start("c-u", "loop-u", "demo-flow", "{\"confidence\":0.1}");

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON))
                .isEqualTo(DeadLetterReason.DELETED_TASK_UI.name());
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.MESSAGE))
                .contains("human-task-ui/demo-classifier").contains("has been deleted");
        LoopStartReply reply = replies.readValue();
        assertThat(reply.getOutcome()).isEqualTo(LoopStartOutcome.REJECTED);
        assertThat(reply.getErrorCode()).isEqualTo("ValidationException");
        assertThat(decisions.isEmpty()).isTrue();
        assertThat(loops.isEmpty()).isTrue();

        taskUis.pipeInput("demo-classifier", taskUi("demo-classifier"));
        predict("u-2", "{\"predictionId\":\"u-2\",\"flowDefinitionName\":\"demo-flow\","
                + "\"inputContent\":{\"confidence\":0.1}}");
        assertThat(decisions.readValue().getOutcome()).isEqualTo(DecisionOutcome.HUMAN_REVIEW);
        assertThat(loops.readValue().getHumanLoopName()).isEqualTo("u-2");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void startRequestsForMissingOrDeletedFlowsOrWithBadNamesAreRejectedAsValidationErrors() {
        flows.pipeInput("gone-flow", flow("gone-flow", 2, null, FlowDefinitionStatus.DELETING));
        flows.pipeInput("no-team-flow", FlowDefinition.newBuilder(flow("no-team-flow", 1, null,
                FlowDefinitionStatus.ACTIVE)).setHumanLoopConfig(null).build());
        start("c-1", "loop-c", "nope", "{}");
        start("c-2", "loop-d", "gone-flow", "{}");
        start("c-3", "Bad_Name", "demo-flow", "{}");
        start("c-4", "x".repeat(64), "demo-flow", "{}");
        start("c-5", "loop-e", "no-team-flow", "{}");

        List<LoopStartReply> all = replies.readValuesToList();
        assertThat(all).extracting(LoopStartReply::getOutcome).containsOnly(LoopStartOutcome.REJECTED);
        assertThat(all).extracting(LoopStartReply::getErrorCode).containsOnly("ValidationException");
        assertThat(all.get(0).getMessage()).contains("nope");
        assertThat(all.get(1).getMessage()).contains("deleted");
        assertThat(all.get(4).getMessage()).contains("no HumanLoopConfig");
        assertThat(loops.isEmpty()).isTrue();
        assertThat(meters.get("reviewstream.start.requests").tag("outcome", "rejected").counter().count())
                .isEqualTo(5.0);
    }

    @Test
    void aBuiltInFlowReportsItsConditionResultsAndSelectionInTheLoopInput() {
        flows.pipeInput("moderation", flow("moderation", 1, """
                {"Conditions":[{"ConditionType":"ModerationLabelConfidenceCheck",
                  "ConditionParameters":{"ModerationLabelName":"Violence","ConfidenceLessThan":80}}]}""",
                FlowDefinitionStatus.ACTIVE, "AWS/Rekognition/DetectModerationLabels/Image/V3"));
        String input = "{\"aiServiceRequest\":{\"image\":{\"s3Object\":{\"bucket\":\"b\",\"name\":\"i.jpg\"}}},"
                + "\"aiServiceResponse\":{\"moderationLabels\":[{\"name\":\"Violence\",\"confidence\":60},"
                + "{\"name\":\"Drugs\",\"confidence\":10}],\"moderationModelVersion\":\"3.0\"}}";
        predict("m-1", "{\"predictionId\":\"m-1\",\"flowDefinitionName\":\"moderation\",\"inputContent\":" + input + "}");
        start("c-1", "m-2", "moderation", input.replace("60", "90"));

        LoopStarted loop = loops.readValue();
        JsonNode loopInput = JSON.readTree(loop.getInputContent());
        assertThat(loopInput.at("/humanTaskActivationConditionResults/Conditions/0/EvaluationResult").asBoolean())
                .isTrue();
        assertThat(loopInput.at("/selectedAiServiceResponse/moderationLabels")).hasSize(1);
        assertThat(loopInput.at("/aiServiceResponse/moderationLabels")).hasSize(2);
        assertThat(loop.getActivationConditionsEvaluationResults()).contains("\"EvaluationResult\":true");
        assertThat(loops.isEmpty()).isTrue();

        LoopStartReply reply = replies.readValue();
        assertThat(reply.getOutcome()).isEqualTo(LoopStartOutcome.STARTED);
        assertThat(reply.getHumanLoopArn()).isNull();
        assertThat(decisions.readValuesToList()).extracting(Decision::getOutcome)
                .containsExactly(DecisionOutcome.HUMAN_REVIEW, DecisionOutcome.AUTO_ACCEPTED);
    }

    /**
     * Each condition document docs/conditions.md publishes, read from it, with predictions and the result each node
     * must have: {@code T}, {@code F}, or {@code ?} for a Sampling draw, which then decides an otherwise
     * auto-accepted prediction.
     */
    static Stream<Arguments> publishedExamples() {
        String classifier = published("### Classifier", 0);
        String detector = published("### Object detector", 0);
        String llm = published("### LLM answer with a score", 0);
        String tabular = published("### Tabular model", 0);
        String band = published("### What reviewers and the output see", 0);
        String invoice = published("### What reviewers and the output see", 1);
        return Stream.of(
                Arguments.of("classifier", classifier, null, "{\"label\":\"cat\",\"confidence\":0.42}", "TTTF?"),
                Arguments.of("classifier", classifier, null, "{\"label\":\"unknown\",\"confidence\":0.99}", "FFFT?"),
                Arguments.of("classifier", classifier, null, "{\"label\":\"cat\",\"confidence\":0.95}", "FTFF?"),
                Arguments.of("object detector", detector, null, "{\"detections\":[{\"label\":\"car\",\"score\":0.93,"
                        + "\"box\":[10,20,200,120]},{\"label\":\"person\",\"score\":0.41,\"box\":[5,5,50,90]}]}", "TT"),
                Arguments.of("object detector", detector, null, "{\"detections\":[{\"label\":\"car\",\"score\":0.93},"
                        + "{\"label\":\"dog\",\"score\":0.7}]}", "FF"),
                Arguments.of("object detector", detector, null, "{\"detections\":[]}", "FF"),
                Arguments.of("LLM answer", llm, null, "{\"question\":\"q\",\"answer\":\"a\",\"score\":0.72,"
                        + "\"citations\":[\"doc-17\"],\"safety\":\"safe\"}", "FFFF"),
                Arguments.of("LLM answer", llm, null, "{\"score\":0.6,\"citations\":[\"doc-17\"],\"safety\":\"safe\"}",
                        "TTFF"),
                Arguments.of("LLM answer", llm, null, "{\"score\":0.9,\"citations\":[],\"safety\":\"safe\"}", "TFTF"),
                Arguments.of("LLM answer", llm, null, "{\"score\":0.9,\"citations\":[\"d\"],\"safety\":\"toxic\"}",
                        "TFFT"),
                Arguments.of("tabular model", tabular, null, "{\"probability\":0.55,\"decision\":\"approve\","
                        + "\"features\":{\"income\":52000,\"age\":41}}", "TF"),
                Arguments.of("tabular model", tabular, null, "{\"probability\":0.4,\"features\":{\"income\":1}}", "TF"),
                Arguments.of("tabular model", tabular, null, "{\"probability\":0.61,\"features\":{\"income\":1}}", "FF"),
                Arguments.of("tabular model", tabular, null, "{\"probability\":0.9,\"features\":{}}", "FT"),
                Arguments.of("moderation band", band, ServiceResponses.REKOGNITION,
                        ServiceResponses.rekognition(ServiceResponses.label("Violence", 70)), "TTTTF"),
                Arguments.of("moderation band", band, ServiceResponses.REKOGNITION,
                        ServiceResponses.rekognition(ServiceResponses.label("Weapons", 30)), "FFFTF"),
                Arguments.of("moderation band", band, ServiceResponses.REKOGNITION,
                        ServiceResponses.rekognition(ServiceResponses.label("Weapons", 90)), "TFTFT"),
                // one label above 55 and another below 85 are not a label between the two
                Arguments.of("moderation band", band, ServiceResponses.REKOGNITION, ServiceResponses.rekognition(
                        ServiceResponses.label("Drugs", 95), ServiceResponses.label("Alcohol", 20)), "FFTTF"),
                Arguments.of("invoice", invoice, ServiceResponses.TEXTRACT, ServiceResponses.textract(
                        ServiceResponses.pair("k1", "Invoice No.:", 60, 90, "INV-1", 88),
                        ServiceResponses.pair("k2", "Amount Due", 95, 95, "10", 99)), "TF"),
                Arguments.of("invoice", invoice, ServiceResponses.TEXTRACT, ServiceResponses.textract(
                        ServiceResponses.pair("k1", "Invoice #", 99, 99, "INV-2", 99)), "FT"),
                Arguments.of("invoice", invoice, ServiceResponses.TEXTRACT, ServiceResponses.textract(
                        ServiceResponses.pair("k1", "invoice number", 99, 99, "INV-3", 99),
                        ServiceResponses.pair("k2", "Balance Due:", 99, 99, "5", 99)), "FF"));
    }

    @ParameterizedTest(name = "{0} {4}: {3}")
    @MethodSource("publishedExamples")
    void everyPublishedExampleDecidesAsDocumented(String example, String document, String source, String input,
                                                  String nodes) {
        flows.pipeInput("example", flow("example", 1, document, FlowDefinitionStatus.ACTIVE, source));
        predict("e-1", "{\"predictionId\":\"e-1\",\"flowDefinitionName\":\"example\",\"inputContent\":" + input + "}");

        Decision decision = decisions.readValue();
        List<Boolean> results = decision.getNodeResults();
        assertThat(results).hasSize(nodes.length());
        for (int i = 0; i < nodes.length(); i++) {
            if (nodes.charAt(i) != '?') {
                assertThat(results.get(i)).as("node " + i).isEqualTo(nodes.charAt(i) == 'T');
            }
        }
        int sampling = nodes.indexOf('?');
        boolean byConditions = topLevel(document, results).stream().anyMatch(Boolean::booleanValue);
        boolean review = byConditions || sampling >= 0 && results.get(sampling);
        assertThat(decision.getOutcome()).isEqualTo(review ? DecisionOutcome.HUMAN_REVIEW : DecisionOutcome.AUTO_ACCEPTED);
        assertThat(decision.getSampled()).isEqualTo(review && !topLevelWithout(document, results, sampling));
        if (review) {
            LoopStarted candidate = candidates.readValue();
            assertThat(candidate.getActivationConditionsEvaluationResults()).isNull();
            assertThat(candidate.getNodeResults()).isEqualTo(results);
            LoopStarted loop = loops.readValue();
            assertThat(loop.getActivationConditionsEvaluationResults())
                    .isEqualTo(ActivationConditions.evaluatedTree(document, results));
            assertThat(loop.getNodeResults()).isEqualTo(results);
        }
        assertThat(loops.isEmpty()).isTrue();
    }

    /** The results of the document's top-level conditions, found by rebuilding the tree from all results. */
    private static List<Boolean> topLevel(String document, List<Boolean> results) {
        List<Boolean> top = new ArrayList<>();
        JSON.readTree(ActivationConditions.evaluatedTree(document, results)).get("Conditions")
                .forEach(condition -> top.add(condition.get("EvaluationResult").asBoolean()));
        return top;
    }

    /** Whether a top-level condition other than the Sampling at {@code sampling} (a node index) holds. */
    private static boolean topLevelWithout(String document, List<Boolean> results, int sampling) {
        if (sampling < 0) {
            return topLevel(document, results).stream().anyMatch(Boolean::booleanValue);
        }
        List<Boolean> withoutDraw = new ArrayList<>(results);
        withoutDraw.set(sampling, false);
        return topLevel(document, withoutDraw).stream().anyMatch(Boolean::booleanValue);
    }

    /** The {@code index}th JSON block after {@code heading} in docs/conditions.md. */
    private static String published(String heading, int index) {
        String docs;
        try {
            docs = Files.readString(Path.of("..", "docs", "conditions.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = docs.indexOf("\n" + heading + "\n");
        assertThat(at).as(heading + " in docs/conditions.md").isNotNegative();
        for (int i = 0; i <= index; i++) {
            at = docs.indexOf("```json\n", at) + "```json\n".length();
        }
        return docs.substring(at, docs.indexOf("```", at)).trim();
    }

    @Test
    void samplingDecidesTheSameWayAfterARestart() {
        flows.pipeInput("audit", flow("audit", 1, "{\"Conditions\":[{\"ConditionType\":\"Sampling\","
                + "\"ConditionParameters\":{\"RandomSamplingPercentage\":50}}]}", FlowDefinitionStatus.ACTIVE));
        for (int i = 0; i < 40; i++) {
            predict("s-" + i, "{\"predictionId\":\"s-" + i + "\",\"flowDefinitionName\":\"audit\",\"inputContent\":{}}");
        }
        List<DecisionOutcome> first = decisions.readValuesToList().stream().map(Decision::getOutcome).toList();
        assertThat(first).contains(DecisionOutcome.HUMAN_REVIEW, DecisionOutcome.AUTO_ACCEPTED);
        stop();
        start();
        flows.pipeInput("audit", flow("audit", 1, "{\"Conditions\":[{\"ConditionType\":\"Sampling\","
                + "\"ConditionParameters\":{\"RandomSamplingPercentage\":50}}]}", FlowDefinitionStatus.ACTIVE));
        for (int i = 0; i < 40; i++) {
            predict("s-" + i, "{\"predictionId\":\"s-" + i + "\",\"flowDefinitionName\":\"audit\",\"inputContent\":{}}");
        }
        assertThat(decisions.readValuesToList().stream().map(Decision::getOutcome).toList()).isEqualTo(first);
        assertThat(meters.get("reviewstream.decisions").tag("outcome", "sampled").counter().count()).isPositive();
    }

    private void start(String correlationId, String name, String flow, String input) {
        requests.pipeInput(name, LoopStartRequest.newBuilder()
                .setEnvelope(envelopes.next(correlationId))
                .setHumanLoopName(name)
                .setFlowDefinitionName(flow)
                .setFlowDefinitionArn(arns.flowDefinition(flow))
                .setInputContent(input)
                .setContentClassifiers(List.of())
                .build());
    }

    private HumanTaskUi taskUi(String name) {
        return TaskUis.active(envelopes.next("test"), arns, name, "<crowd-form></crowd-form>", clock.instant(),
                List.of());
    }

    private void predict(String key, String json) {
        predictions.pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
    }

    private FlowDefinition flow(String name, int version, String conditions, FlowDefinitionStatus status) {
        return flow(name, version, conditions, status, null);
    }

    private FlowDefinition flow(String name, int version, String conditions, FlowDefinitionStatus status,
                                String source) {
        return FlowDefinition.newBuilder()
                .setHumanLoopRequestSource(source)
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
