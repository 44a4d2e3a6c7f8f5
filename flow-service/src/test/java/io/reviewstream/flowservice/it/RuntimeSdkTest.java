package io.reviewstream.flowservice.it;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.flowservice.TestFlowService;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.flowservice.FlowServiceApplication;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.LoopCommand;
import io.reviewstream.schemas.avro.LoopCommandType;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.TaskUis;
import io.reviewstream.schemas.status.LoopStatusStore;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClientBuilder;
import software.amazon.awssdk.services.sagemakera2iruntime.model.DescribeHumanLoopResponse;
import software.amazon.awssdk.services.sagemakera2iruntime.model.HumanLoopSummary;
import software.amazon.awssdk.services.sagemakera2iruntime.model.InternalServerException;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ListHumanLoopsRequest;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemakera2iruntime.model.SageMakerA2IRuntimeException;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.sagemakera2iruntime.model.SortOrder;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ThrottlingException;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ValidationException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The A2I runtime API with the official SDK, against flow-service alone. Loop statuses are written to rs.loop-status
 * here as result-writer writes them, so that reads, paging, the quota and the stop and delete rules can be checked
 * without the rest of the pipeline (the standalone end-to-end test runs loops through all of it).
 */
@SpringBootTest(classes = FlowServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=flow-service")
class RuntimeSdkTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ACCESS_KEY = "AKIATESTRUNTIME";
    static final String SECRET_KEY = "runtime-test-secret";
    static final String LIMITED_KEY = "AKIATESTLIMITED";
    static final String FLOW = "runtime-flow";
    static final String FLOW_ARN = "arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + FLOW;
    /** A flow whose human task UI was deleted. */
    static final String ORPHAN_FLOW = "orphan-flow";
    /** A flow of its own for following the quota, which the other tests' loops do not count towards. */
    static final String QUOTA_FLOW = "quota-flow";
    /** A flow of its own for paging through many loops, which no other test adds to. */
    static final String PAGING_FLOW = "paging-flow";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestFlowService.register(registry, "rt" + RUN + ".", ACCESS_KEY, SECRET_KEY);
        registry.add("reviewstream.flow.max-in-progress-loops-per-flow", () -> 2);
        registry.add("reviewstream.auth.credentials[1].access-key-id", () -> LIMITED_KEY);
        registry.add("reviewstream.auth.credentials[1].secret-access-key", () -> SECRET_KEY);
        registry.add("reviewstream.auth.credentials[1].max-calls-per-second", () -> 1);
        registry.add("reviewstream.flow.timeout", () -> "3s");
    }

    @LocalServerPort
    int port;
    @Autowired
    Topics topics;
    @Autowired
    Envelopes envelopes;
    @Autowired
    Arns arns;
    @Autowired
    CompactedTopicView<FlowDefinition> flowDefinitionsView;
    @Autowired
    LoopStatusStore loopStatusStore;
    @Autowired
    CompactedTopicView<HumanTaskUi> taskUisView;

    SageMakerA2IRuntimeClient a2i;

    @BeforeEach
    void setUp() throws Exception {
        a2i = client(SECRET_KEY);
        if (taskUisView.get("u").isEmpty()) {
            TestFlowService.write(topics.taskUis, "u", TaskUis.active(envelopes.next(""), arns, "u", "<p>u</p>", Instant.now(),
                    List.of()));
            awaitView(() -> taskUisView.get("u").isPresent());
        }
        for (String[] flow : new String[][]{{FLOW, "u"}, {ORPHAN_FLOW, "gone"}, {QUOTA_FLOW, "u"}, {PAGING_FLOW, "u"}}) {
            if (flowDefinitionsView.get(flow[0]).isEmpty()) {
                TestFlowService.write(topics.flowDefinitions, flow[0], FlowDefinition.newBuilder()
                        .setEnvelope(envelopes.next("")).setName(flow[0])
                        .setArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + flow[0]).setVersion(1)
                        .setStatus(FlowDefinitionStatus.ACTIVE).setCreationTime(Instant.now())
                        .setHumanLoopConfig(HumanLoopConfig.newBuilder()
                                .setWorkteamArn("arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t")
                                .setHumanTaskUiArn("arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/" + flow[1])
                                .setTaskTitle("t").setTaskDescription("d").setTaskCount(1).build())
                        .setOutputConfig(new OutputConfig("s3://b/p", null))
                        .setRoleArn("arn:aws:iam::111122223333:role/r").build());
                awaitView(() -> flowDefinitionsView.get(flow[0]).isPresent());
            }
        }
    }

    @AfterEach
    void close() {
        a2i.close();
    }

    SageMakerA2IRuntimeClient client(String secretKey) {
        return client(ACCESS_KEY, secretKey).build();
    }

    SageMakerA2IRuntimeClientBuilder client(String accessKey, String secretKey) {
        // another region than the other tests' clients: the API answers any
        return TestFlowService.client(SageMakerA2IRuntimeClient.builder(), port, accessKey, secretKey)
                .region(Region.EU_WEST_1);
    }

    @Test
    void aKeyOverItsCallRateIsThrottledWithTheCodeEverySdkRetries() {
        try (SageMakerA2IRuntimeClient limited = client(LIMITED_KEY, SECRET_KEY)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                try {
                    limited.describeHumanLoop(r -> r.humanLoopName("throttled-" + RUN));
                } catch (ThrottlingException e) {
                    statuses.add(e.statusCode());
                } catch (ResourceNotFoundException e) {
                    statuses.add(e.statusCode());
                }
            }
            assertThat(statuses).contains(404, 429);
        }
    }

    @Test
    void aStartThatLoopRouterNeverAnswersIsAnInternalErrorSafeToRetry() {
        // nothing runs loop-router here, so the request is never decided
        assertThatThrownBy(() -> a2i.startHumanLoop(r -> r.humanLoopName("undecided-" + RUN)
                .flowDefinitionArn(FLOW_ARN).humanLoopInput(i -> i.inputContent("{}"))))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("safe");
                });
    }

    @Test
    void loopsAreDescribedAndListedWithFiltersOrderAndPages() throws Exception {
        Instant base = Instant.parse("2024-05-01T09:00:00.123Z");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "list-" + i + "-" + RUN;
            names.add(name);
            status(name, HumanLoopStatus.COMPLETED, base.plusSeconds(i * 60L), "s3://b/p/" + name + "/output.json");
        }
        awaitView(() -> names.stream().allMatch(name -> loopStatusStore.get(name).isPresent()));

        DescribeHumanLoopResponse described = a2i.describeHumanLoop(r -> r.humanLoopName(names.get(0)));
        assertThat(described.humanLoopStatusAsString()).isEqualTo("Completed");
        assertThat(described.creationTime()).isEqualTo(base);
        assertThat(described.humanLoopArn()).endsWith(":human-loop/" + names.get(0));
        assertThat(described.flowDefinitionArn()).isEqualTo(FLOW_ARN);
        assertThat(described.humanLoopOutput().outputS3Uri()).isEqualTo("s3://b/p/" + names.get(0) + "/output.json");

        List<String> ascending = a2i.listHumanLoopsPaginator(r -> r.flowDefinitionArn(FLOW_ARN).maxResults(2)
                        .sortOrder(SortOrder.ASCENDING)).humanLoopSummaries().stream()
                .map(HumanLoopSummary::humanLoopName).filter(names::contains).toList();
        assertThat(ascending).containsExactlyElementsOf(names);
        List<String> window = a2i.listHumanLoops(r -> r.flowDefinitionArn(FLOW_ARN)
                        .creationTimeAfter(base.plusSeconds(60)).creationTimeBefore(base.plusSeconds(180)))
                .humanLoopSummaries().stream().map(HumanLoopSummary::humanLoopName).toList();
        // after is inclusive, before is exclusive; newest first by default
        assertThat(window).containsExactly(names.get(2), names.get(1));

        assertThatThrownBy(() -> a2i.listHumanLoops(r -> r.flowDefinitionArn(
                "arn:aws:sagemaker:us-east-1:111122223333:flow-definition/unknown")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> a2i.listHumanLoops(r -> r.flowDefinitionArn(FLOW_ARN).maxResults(1000)))
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("'maxResults'"));
        assertThatThrownBy(() -> a2i.listHumanLoops(r -> r.flowDefinitionArn(FLOW_ARN).sortOrder("Sideways")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void manyLoopsArePagedInBothOrdersWithinTheWindowAndOnlyHandedOutTokensAreTaken() throws Exception {
        String flowArn = "arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + PAGING_FLOW;
        Instant base = Instant.parse("2024-06-01T00:00:00Z");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // three loops a second: those of one second are ordered by name
            String name = String.format("page-%03d-%s", i, RUN);
            names.add(name);
            status(name, PAGING_FLOW, HumanLoopStatus.values()[i % HumanLoopStatus.values().length],
                    base.plusSeconds(i / 3), null);
        }
        awaitView(() -> names.stream().allMatch(name -> loopStatusStore.get(name).isPresent()));

        assertThat(pages(r -> r.flowDefinitionArn(flowArn).maxResults(7).sortOrder(SortOrder.ASCENDING)))
                .containsExactlyElementsOf(names);
        assertThat(pages(r -> r.flowDefinitionArn(flowArn).maxResults(7).sortOrder(SortOrder.DESCENDING)))
                .containsExactlyElementsOf(reversed(names));
        // after is inclusive and before exclusive: seconds 10 to 19, loops 30 to 59
        List<String> window = names.subList(30, 60);
        assertThat(pages(r -> r.flowDefinitionArn(flowArn).maxResults(4).sortOrder(SortOrder.ASCENDING)
                .creationTimeAfter(base.plusSeconds(10)).creationTimeBefore(base.plusSeconds(20))))
                .containsExactlyElementsOf(window);
        assertThat(pages(r -> r.flowDefinitionArn(flowArn).maxResults(4)
                .creationTimeAfter(base.plusSeconds(10)).creationTimeBefore(base.plusSeconds(20))))
                .as("newest first by default").containsExactlyElementsOf(reversed(window));

        String token = a2i.listHumanLoops(r -> r.flowDefinitionArn(flowArn).maxResults(5)
                .sortOrder(SortOrder.ASCENDING)).nextToken();
        assertThat(a2i.listHumanLoops(r -> r.flowDefinitionArn(flowArn).maxResults(5).sortOrder(SortOrder.ASCENDING)
                .nextToken(token)).humanLoopSummaries()).extracting(HumanLoopSummary::humanLoopName)
                .containsExactlyElementsOf(names.subList(5, 10));
        for (String bad : List.of("garbage", token + "x", token.substring(1))) {
            assertThatThrownBy(() -> a2i.listHumanLoops(r -> r.flowDefinitionArn(flowArn).maxResults(5)
                    .sortOrder(SortOrder.ASCENDING).nextToken(bad)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        }
        assertThatThrownBy(() -> a2i.listHumanLoops(r -> r.flowDefinitionArn(flowArn).maxResults(5)
                .sortOrder(SortOrder.DESCENDING).nextToken(token)))
                .as("a token of another order").isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("NextToken"));
    }

    private static List<String> reversed(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        Collections.reverse(copy);
        return copy;
    }

    private List<String> pages(Consumer<ListHumanLoopsRequest.Builder> request) {
        return a2i.listHumanLoopsPaginator(request).humanLoopSummaries().stream()
                .map(HumanLoopSummary::humanLoopName).toList();
    }

    @Test
    void stopAndDeleteAreCommandsOnlyForLoopsInTheRightState() throws Exception {
        String running = "running-" + RUN;
        String finished = "finished-" + RUN;
        status(running, HumanLoopStatus.IN_PROGRESS, Instant.now(), null);
        status(finished, HumanLoopStatus.FAILED, Instant.now(), null);
        awaitView(() -> loopStatusStore.get(running).isPresent() && loopStatusStore.get(finished).isPresent());

        assertThatThrownBy(() -> a2i.deleteHumanLoop(r -> r.humanLoopName(running)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("stop it");
        assertThatThrownBy(() -> a2i.stopHumanLoop(r -> r.humanLoopName(finished)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Failed");

        a2i.stopHumanLoop(r -> r.humanLoopName(running));
        assertThat(a2i.describeHumanLoop(r -> r.humanLoopName(running)).humanLoopStatusAsString())
                .isEqualTo("Stopping");
        a2i.deleteHumanLoop(r -> r.humanLoopName(finished));
        assertThatThrownBy(() -> a2i.describeHumanLoop(r -> r.humanLoopName(finished)))
                .isInstanceOf(ResourceNotFoundException.class);
        // listings read this instance's own writes too, before result-writer has reported them
        assertThat(a2i.listHumanLoopsPaginator(r -> r.flowDefinitionArn(FLOW_ARN)).humanLoopSummaries().stream()
                .filter(loop -> loop.humanLoopName().equals(running) || loop.humanLoopName().equals(finished))
                .map(loop -> loop.humanLoopName() + ":" + loop.humanLoopStatusAsString()))
                .containsExactly(running + ":Stopping");
        assertThat(commands()).contains(running + ":STOP", finished + ":DELETE");

        assertThatThrownBy(() -> a2i.stopHumanLoop(r -> r.humanLoopName("never-" + RUN)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> a2i.deleteHumanLoop(r -> r.humanLoopName("never-" + RUN)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void startIsRefusedForInvalidInputAndOverTheQuota() throws Exception {
        assertThatThrownBy(() -> a2i.startHumanLoop(r -> r.humanLoopName("Not-Valid_").flowDefinitionArn(FLOW_ARN)
                .humanLoopInput(i -> i.inputContent("not json"))
                .dataAttributes(d -> d.contentClassifiersWithStrings("FreeOfEverything"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("3 validation errors detected")
                            .contains("'humanLoopName'", "'humanLoopInput.inputContent'",
                                    "'dataAttributes.contentClassifiers'");
                });
        assertThatThrownBy(() -> a2i.startHumanLoop(r -> r.humanLoopName("x-" + RUN)
                .flowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/unknown")
                .humanLoopInput(i -> i.inputContent("{}"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> a2i.startHumanLoop(r -> r.humanLoopName("x-" + RUN)
                .flowDefinitionArn("arn:aws:sagemaker:eu-west-1:111122223333:flow-definition/" + FLOW)
                .humanLoopInput(i -> i.inputContent("{}"))))
                .as("another region's flow of the same name").isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> a2i.startHumanLoop(r -> r.humanLoopName("x-" + RUN)
                .flowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + ORPHAN_FLOW)
                .humanLoopInput(i -> i.inputContent("{}"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("has been deleted");

        status("busy-1-" + RUN, HumanLoopStatus.IN_PROGRESS, Instant.now(), null);
        status("busy-2-" + RUN, HumanLoopStatus.IN_PROGRESS, Instant.now(), null);
        // the two may be on different partitions, and each is recounted a moment after the view shows it
        awaitView(() -> loopStatusStore.get("busy-1-" + RUN).isPresent()
                && loopStatusStore.get("busy-2-" + RUN).isPresent());
        awaitView(() -> refusedOverQuota(FLOW));
    }

    @Test
    void theQuotaCountsLoopsOnlyWhileTheyAreInProgress() throws Exception {
        String first = "quota-1-" + RUN;
        String second = "quota-2-" + RUN;
        String third = "quota-3-" + RUN;
        status(first, QUOTA_FLOW, HumanLoopStatus.IN_PROGRESS, Instant.now(), null);
        status(second, QUOTA_FLOW, HumanLoopStatus.IN_PROGRESS, Instant.now(), null);
        awaitView(() -> loopStatusStore.get(first).isPresent() && loopStatusStore.get(second).isPresent());
        // the view shows a record a moment before the loop is recounted, hence the retries
        awaitView(() -> refusedOverQuota(QUOTA_FLOW));

        // this instance's own Stop makes room before result-writer reports it
        a2i.stopHumanLoop(r -> r.humanLoopName(first));
        assertThat(refusedOverQuota(QUOTA_FLOW)).isFalse();

        status(first, QUOTA_FLOW, HumanLoopStatus.STOPPED, Instant.now(), null);
        status(third, QUOTA_FLOW, HumanLoopStatus.IN_PROGRESS, Instant.now(), null);
        awaitView(() -> loopStatusStore.get(third).isPresent());
        awaitView(() -> refusedOverQuota(QUOTA_FLOW));

        status(second, QUOTA_FLOW, HumanLoopStatus.COMPLETED, Instant.now(), null);
        awaitView(() -> !refusedOverQuota(QUOTA_FLOW));
    }

    @Test
    void describeNamesAreValidatedAndUnknownLoopsAreNotFound() {
        assertThatThrownBy(() -> a2i.describeHumanLoop(r -> r.humanLoopName("UPPER")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'humanLoopName'");
        assertThatThrownBy(() -> a2i.describeHumanLoop(r -> r.humanLoopName("nobody-" + RUN)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e ->
                        assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void aWrongSignatureIsRefusedWith403() {
        try (SageMakerA2IRuntimeClient wrong = client("wrong-secret")) {
            assertThatThrownBy(() -> wrong.describeHumanLoop(r -> r.humanLoopName("any")))
                    .isInstanceOfSatisfying(SageMakerA2IRuntimeException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    /** A Start that gets past the quota is let through to loop-router, which is not running here, and times out. */
    private boolean refusedOverQuota(String flow) {
        try (SageMakerA2IRuntimeClient once = client(ACCESS_KEY, SECRET_KEY)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            once.startHumanLoop(r -> r.humanLoopName("one-more-" + flow + "-" + RUN)
                    .flowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + flow)
                    .humanLoopInput(i -> i.inputContent("{}")));
            throw new AssertionError("nothing runs loop-router here, so no Start can succeed");
        } catch (ServiceQuotaExceededException e) {
            assertThat(e.statusCode()).isEqualTo(402);
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Flow definition " + flow + " already has 2 human loops in progress");
            return true;
        } catch (InternalServerException e) {
            return false;
        }
    }

    private void status(String name, HumanLoopStatus status, Instant created, String output) throws Exception {
        status(name, FLOW, status, created, output);
    }

    private void status(String name, String flow, HumanLoopStatus status, Instant created, String output)
            throws Exception {
        TestFlowService.write(topics.loopStatus, name, LoopStatusEvent.newBuilder()
                .setEnvelope(envelopes.next("")).setHumanLoopName(name)
                .setHumanLoopArn("arn:aws:sagemaker:us-east-1:111122223333:human-loop/" + name)
                .setFlowDefinitionName(flow)
                .setFlowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + flow)
                .setStatus(status)
                .setCreationTime(created).setUpdatedAt(Instant.now()).setOutputS3Uri(output)
                .setFailureCode(status == HumanLoopStatus.FAILED ? "Expired" : null)
                .setFailureReason(status == HumanLoopStatus.FAILED ? "Nobody answered in time" : null).build());
    }

    private List<String> commands() {
        try (KafkaConsumer<String, LoopCommand> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "commands-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topics.loopCommands.keySerde().deserializer(), topics.loopCommands.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.loopCommands.name()));
            List<String> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline && seen.size() < 2) {
                for (ConsumerRecord<String, LoopCommand> record : consumer.poll(Duration.ofMillis(200))) {
                    LoopCommandType type = record.value().getType();
                    seen.add(record.key() + ":" + type);
                }
            }
            return seen;
        }
    }

    private static void awaitView(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("view caught up").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
