package io.reviewstream.flowservice.it;

import io.reviewstream.flowservice.FlowServiceApplication;
import io.reviewstream.flowservice.TestFlowService;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EnabledOrDisabled;
import software.amazon.awssdk.services.sagemaker.model.CreateFlowDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeFlowDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeHumanTaskUiResponse;
import software.amazon.awssdk.services.sagemaker.model.HumanTaskUiSummary;
import software.amazon.awssdk.services.sagemaker.model.ListWorkteamsSortByOptions;
import software.amazon.awssdk.services.sagemaker.model.RenderUiTemplateResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.Workteam;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;

import java.util.ArrayList;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SageMaker control plane as its users meet it: the official AWS SDK for Java v2, configured with nothing but
 * an endpoint, a region and static credentials, against flow-service on the real broker and registry.
 */
@SpringBootTest(classes = FlowServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=flow-service")
class ControlPlaneSdkTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ACCESS_KEY = "AKIATESTCONTROLPLANE";
    static final String SECRET_KEY = "control-plane-test-secret";
    static final String ROLE = "arn:aws:iam::111122223333:role/a2i-exec";
    static final int MAX_WORKTEAMS = 6;
    static final String CONDITIONS = "{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\","
            + "\"ConditionParameters\":{\"Path\":\"$.confidence\",\"ConfidenceLessThan\":0.8}}]}";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestFlowService.register(registry, "cp" + RUN + ".", ACCESS_KEY, SECRET_KEY);
        registry.add("reviewstream.flow.max-workteams", () -> MAX_WORKTEAMS);
    }

    @LocalServerPort
    int port;
    @Autowired
    CompactedTopicView<FlowDefinition> flowDefinitionsView;
    @Autowired
    CompactedTopicView<io.reviewstream.schemas.avro.Workteam> workteamsView;

    SageMakerClient sageMaker;

    @BeforeEach
    void client() {
        sageMaker = client(ACCESS_KEY, SECRET_KEY);
        assertThat(flowDefinitionsView.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }

    @AfterEach
    void close() {
        sageMaker.close();
    }

    SageMakerClient client(String accessKey, String secretKey) {
        return TestFlowService.client(SageMakerClient.builder(), port, accessKey, secretKey).build();
    }

    @Test
    void workteamTaskUiAndFlowDefinitionGoThroughTheirWholeLifeCycle() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String teamArn = sageMaker.createWorkteam(r -> r.workteamName("Reviewers-" + RUN)
                .description("People who review").memberDefinitions(m -> m.oidcMemberDefinition(o ->
                        o.groups("reviewers")))).workteamArn();
        assertThat(teamArn).isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/Reviewers-"
                + RUN);
        Workteam team = sageMaker.describeWorkteam(r -> r.workteamName("Reviewers-" + RUN)).workteam();
        assertThat(team.memberDefinitions().get(0).oidcMemberDefinition().groups()).containsExactly("reviewers");
        assertThat(team.createDate()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(team.subDomain()).isEqualTo("http://localhost:8090");

        Workteam updated = sageMaker.updateWorkteam(r -> r.workteamName("Reviewers-" + RUN)
                .description("Claims reviewers").memberDefinitions(m -> m.cognitoMemberDefinition(c ->
                        c.userPool("us-east-1_abc123").userGroup("claims").clientId("client")))).workteam();
        assertThat(updated.description()).isEqualTo("Claims reviewers");
        assertThat(updated.memberDefinitions()).singleElement()
                .satisfies(m -> assertThat(m.cognitoMemberDefinition().userGroup()).isEqualTo("claims"));
        // task-service reads the same topic: the Cognito group is a group its workers can be in
        assertThat(workteamsView.get("Reviewers-" + RUN).orElseThrow().getMemberDefinitions().get(0)
                .getCognito().getUserGroup()).isEqualTo("claims");

        String template = "<crowd-form><p>{{ task.input.text }}</p>"
                + "<crowd-classifier name=\"label\" categories=\"['a','b']\" header=\"Pick\"></crowd-classifier>"
                + "</crowd-form>";
        String uiArn = sageMaker.createHumanTaskUi(r -> r.humanTaskUiName("claims-ui-" + RUN)
                .uiTemplate(u -> u.content(template))).humanTaskUiArn();
        DescribeHumanTaskUiResponse ui = sageMaker.describeHumanTaskUi(r -> r.humanTaskUiName("claims-ui-" + RUN));
        assertThat(ui.humanTaskUiArn()).isEqualTo(uiArn);
        assertThat(ui.uiTemplate().contentSha256()).isEqualTo(sha256(template));
        HttpResponse<String> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(ui.uiTemplate().url())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(template);

        RenderUiTemplateResponse byArn = sageMaker.renderUiTemplate(r -> r.humanTaskUiArn(uiArn).roleArn(ROLE)
                .task(t -> t.input("{\"text\":\"<b>claim 42</b>\"}")));
        assertThat(byArn.errors()).isEmpty();
        assertThat(byArn.renderedContent()).contains("&lt;b&gt;claim 42&lt;/b&gt;").contains("crowd-classifier");
        RenderUiTemplateResponse broken = sageMaker.renderUiTemplate(r -> r.roleArn(ROLE)
                .uiTemplate(u -> u.content("{{ task.input | to_json }}")).task(t -> t.input("not json")));
        assertThat(broken.errors()).isNotEmpty();

        Consumer<CreateFlowDefinitionRequest.Builder> flow = r -> r.flowDefinitionName("claims-" + RUN)
                .humanLoopConfig(h -> h.workteamArn(teamArn).humanTaskUiArn(uiArn).taskTitle("Review claim")
                        .taskDescription("Approve or reject").taskCount(2).taskAvailabilityLifetimeInSeconds(43200)
                        .taskTimeLimitInSeconds(3600).taskKeywords("claims", "fraud check"))
                .humanLoopActivationConfig(a -> a.humanLoopActivationConditionsConfig(c ->
                        c.humanLoopActivationConditions(CONDITIONS)))
                .outputConfig(o -> o.s3OutputPath("s3://reviews/out"))
                .roleArn(ROLE);
        String flowArn = sageMaker.createFlowDefinition(flow).flowDefinitionArn();
        assertThat(flowArn).isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/claims-" + RUN);
        DescribeFlowDefinitionResponse described = sageMaker.describeFlowDefinition(r ->
                r.flowDefinitionName("claims-" + RUN));
        assertThat(described.flowDefinitionStatusAsString()).isEqualTo("Active");
        assertThat(described.humanLoopConfig().taskCount()).isEqualTo(2);
        assertThat(described.humanLoopConfig().taskKeywords()).containsExactly("claims", "fraud check");
        assertThat(described.humanLoopActivationConfig().humanLoopActivationConditionsConfig()
                .humanLoopActivationConditions()).isEqualTo(CONDITIONS);
        assertThat(described.outputConfig().s3OutputPath()).isEqualTo("s3://reviews/out");
        assertThat(described.creationTime()).isBetween(before, Instant.now().plusSeconds(1));

        assertThatThrownBy(() -> sageMaker.createFlowDefinition(flow)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("already exists");
        sageMaker.createFlowDefinition(flow.andThen(r -> r.tags(Tag.builder().key("reviewstream:publish")
                .value("new-version").build())));
        assertThat(flowDefinitionsView.get("claims-" + RUN).orElseThrow().getVersion()).isEqualTo(2);

        assertThatThrownBy(() -> sageMaker.deleteWorkteam(r -> r.workteamName("Reviewers-" + RUN)))
                .isInstanceOf(SageMakerException.class).hasMessageContaining("claims-" + RUN);
        sageMaker.deleteFlowDefinition(r -> r.flowDefinitionName("claims-" + RUN));
        assertThat(flowDefinitionsView.get("claims-" + RUN).orElseThrow().getStatus())
                .isEqualTo(FlowDefinitionStatus.DELETING);
        assertThatThrownBy(() -> sageMaker.describeFlowDefinition(r -> r.flowDefinitionName("claims-" + RUN)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(sageMaker.listFlowDefinitions(r -> r.maxResults(100)).flowDefinitionSummaries())
                .noneMatch(s -> s.flowDefinitionName().equals("claims-" + RUN));
        // the name is free again, and its versions go on counting
        sageMaker.createFlowDefinition(flow);
        assertThat(flowDefinitionsView.get("claims-" + RUN).orElseThrow().getVersion()).isEqualTo(3);
        sageMaker.deleteFlowDefinition(r -> r.flowDefinitionName("claims-" + RUN));

        assertThat(sageMaker.deleteWorkteam(r -> r.workteamName("Reviewers-" + RUN)).success()).isTrue();
        sageMaker.deleteHumanTaskUi(r -> r.humanTaskUiName("claims-ui-" + RUN));
        assertThatThrownBy(() -> sageMaker.describeHumanTaskUi(r -> r.humanTaskUiName("claims-ui-" + RUN)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ui.uiTemplate().url())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void listsPageAcrossSeveralPagesInTheRequestedOrder() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "page-ui-" + i + "-" + RUN;
            names.add(name);
            sageMaker.createHumanTaskUi(r -> r.humanTaskUiName(name).uiTemplate(u -> u.content("<p>page</p>")));
        }
        List<String> descending = sageMaker.listHumanTaskUisPaginator(r -> r.maxResults(3)).humanTaskUiSummaries()
                .stream().map(HumanTaskUiSummary::humanTaskUiName).filter(names::contains).toList();
        assertThat(descending).containsExactlyElementsOf(names.stream().sorted(Comparator.reverseOrder()).toList());
        List<String> ascending = sageMaker.listHumanTaskUisPaginator(r -> r.maxResults(2)
                .sortOrder(SortOrder.ASCENDING)).humanTaskUiSummaries().stream()
                .map(HumanTaskUiSummary::humanTaskUiName).filter(names::contains).toList();
        assertThat(ascending).containsExactlyElementsOf(names);
        String token = sageMaker.listHumanTaskUis(r -> r.maxResults(3)).nextToken();
        assertThat(token).isNotBlank();
        assertThat(sageMaker.listHumanTaskUis(r -> r.maxResults(3).nextToken(token)).humanTaskUiSummaries())
                .hasSize(3);
        assertThatThrownBy(() -> sageMaker.listHumanTaskUis(r -> r.maxResults(3).nextToken(token)
                .sortOrder(SortOrder.ASCENDING)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("NextToken");
                });
        assertThat(sageMaker.listHumanTaskUis(r -> r.creationTimeAfter(Instant.now().plusSeconds(60)))
                .humanTaskUiSummaries()).isEmpty();
        names.forEach(name -> sageMaker.deleteHumanTaskUi(r -> r.humanTaskUiName(name)));
    }

    @Test
    void workteamsAreLimitedListedByNameAndPaged() {
        int existing = sageMaker.listWorkteams(r -> r.maxResults(100)).workteams().size();
        List<String> created = new ArrayList<>();
        for (int i = existing; i < MAX_WORKTEAMS; i++) {
            String name = "limit-" + (char) ('a' + i) + "-" + RUN;
            sageMaker.createWorkteam(r -> r.workteamName(name).description("d")
                    .memberDefinitions(m -> m.oidcMemberDefinition(o -> o.groups("g"))));
            created.add(name);
        }
        assertThatThrownBy(() -> sageMaker.createWorkteam(r -> r.workteamName("one-too-many-" + RUN)
                .description("d").memberDefinitions(m -> m.oidcMemberDefinition(o -> o.groups("g")))))
                .isInstanceOf(ResourceLimitExceededException.class);
        List<String> byName = sageMaker.listWorkteamsPaginator(r -> r.sortBy(ListWorkteamsSortByOptions.NAME)
                .nameContains("limit").maxResults(2)).workteams().stream().map(Workteam::workteamName).toList();
        assertThat(byName).containsExactlyElementsOf(created);
        created.forEach(name -> sageMaker.deleteWorkteam(r -> r.workteamName(name)));
    }

    @Test
    void invalidInputIsRefusedWithValidationExceptionSayingWhatAndWhere() {
        assertThatThrownBy(() -> sageMaker.createFlowDefinition(r -> r.flowDefinitionName("Bad_Name")
                .humanLoopConfig(h -> h.workteamArn("arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/x")
                        .humanTaskUiArn("arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/x")
                        .taskTitle("t").taskDescription("d").taskCount(5).taskTimeLimitInSeconds(10))
                .outputConfig(o -> o.s3OutputPath("ftp://nowhere")).roleArn(ROLE)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("4 validation errors detected")
                            .contains("'flowDefinitionName'", "'humanLoopConfig.taskCount'",
                                    "'humanLoopConfig.taskTimeLimitInSeconds'", "'outputConfig.s3OutputPath'",
                                    "Member must have value less than or equal to 3");
                });
        assertThatThrownBy(() -> sageMaker.createFlowDefinition(r -> r.flowDefinitionName("bad-source-" + RUN)
                .humanLoopRequestSource(s -> s.awsManagedHumanLoopRequestSource("Rekognition please"))
                .outputConfig(o -> o.s3OutputPath("s3://reviews/p")).roleArn(ROLE)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("'humanLoopRequestSource.awsManagedHumanLoopRequestSource'"));
        assertThatThrownBy(() -> sageMaker.createFlowDefinition(r -> r.flowDefinitionName("unknown-refs-" + RUN)
                .humanLoopConfig(h -> h.workteamArn("arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/nobody")
                        .humanTaskUiArn("arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/x")
                        .taskTitle("t").taskDescription("d").taskCount(1))
                .outputConfig(o -> o.s3OutputPath("s3://reviews/p")).roleArn(ROLE)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("nobody", "does not exist");
                });
        assertThatThrownBy(() -> sageMaker.listFlowDefinitions(r -> r.maxResults(1000)))
                .isInstanceOfSatisfying(SageMakerException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("'maxResults'"));
        assertThatThrownBy(() -> sageMaker.listWorkteams(r -> r.nextToken("not-a-token")))
                .isInstanceOfSatisfying(SageMakerException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> sageMaker.createHumanTaskUi(r -> r.humanTaskUiName("bad-liquid-" + RUN)
                .uiTemplate(u -> u.content("{% if %}"))))
                .isInstanceOfSatisfying(SageMakerException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("Liquid"));
    }

    /**
     * The probe's critical finding: a template that includes a server file. Neither RenderUiTemplate nor
     * CreateHumanTaskUi may read it; both name the refused tag the way A2I names a template error.
     */
    @Test
    void templatesThatIncludeServerFilesAreRefusedAndReadNothing() {
        String passwd = "<pre>{% include '/etc/passwd' %}</pre>";
        RenderUiTemplateResponse rendered = sageMaker.renderUiTemplate(r -> r.roleArn(ROLE)
                .uiTemplate(u -> u.content(passwd)).task(t -> t.input("{}")));
        assertThat(rendered.renderedContent()).doesNotContain("root:");
        assertThat(rendered.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("TemplateSyntaxError");
            assertThat(error.message()).contains("include");
        });
        assertThatThrownBy(() -> sageMaker.createHumanTaskUi(r -> r.humanTaskUiName("include-" + RUN)
                .uiTemplate(u -> u.content("{% if task.input.never %}{% include task.input.path %}{% endif %}"))))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("include");
                });
    }

    @Test
    void invalidConditionsAreRefusedWhenTheFlowDefinitionIsCreated() {
        String team = sageMaker.createWorkteam(r -> r.workteamName("cond-" + RUN).description("d")
                .memberDefinitions(m -> m.oidcMemberDefinition(o -> o.groups("g")))).workteamArn();
        String ui = sageMaker.createHumanTaskUi(r -> r.humanTaskUiName("cond-ui-" + RUN)
                .uiTemplate(u -> u.content("<p>x</p>"))).humanTaskUiArn();
        assertThatThrownBy(() -> sageMaker.createFlowDefinition(r -> r.flowDefinitionName("cond-" + RUN)
                .humanLoopRequestSource(s -> s.awsManagedHumanLoopRequestSource(
                        "AWS/Rekognition/DetectModerationLabels/Image/V3"))
                .humanLoopActivationConfig(a -> a.humanLoopActivationConditionsConfig(c ->
                        c.humanLoopActivationConditions("{\"Conditions\":[{\"ConditionType\":\"Sampling\","
                                + "\"ConditionParameters\":{\"RandomSamplingPercentage\":150}}]}")))
                .humanLoopConfig(h -> h.workteamArn(team).humanTaskUiArn(ui).taskTitle("t").taskDescription("d")
                        .taskCount(1))
                .outputConfig(o -> o.s3OutputPath("s3://reviews/p")).roleArn(ROLE)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("RandomSamplingPercentage");
                });
        sageMaker.deleteWorkteam(r -> r.workteamName("cond-" + RUN));
        sageMaker.deleteHumanTaskUi(r -> r.humanTaskUiName("cond-ui-" + RUN));
    }

    /**
     * What newer and intermediate SDK models let a client send (a2i-compat.md §2.3) is accepted: no HumanLoopConfig,
     * a request source of another service, WorkerAccessConfiguration; such a flow is kept but starts no loops.
     */
    @Test
    void definitionsFromOtherModelVersionsAreAccepted() {
        String flowArn = sageMaker.createFlowDefinition(r -> r.flowDefinitionName("newer-model-" + RUN)
                .humanLoopRequestSource(s -> s.awsManagedHumanLoopRequestSource("AWS/Bedrock/ModelEvaluation"))
                .outputConfig(o -> o.s3OutputPath("s3://reviews/p")).roleArn(ROLE)).flowDefinitionArn();
        DescribeFlowDefinitionResponse described = sageMaker.describeFlowDefinition(r ->
                r.flowDefinitionName("newer-model-" + RUN));
        assertThat(described.humanLoopConfig()).isNull();
        assertThat(described.humanLoopRequestSource().awsManagedHumanLoopRequestSourceAsString())
                .isEqualTo("AWS/Bedrock/ModelEvaluation");
        try (SageMakerA2IRuntimeClient a2i = TestFlowService.client(SageMakerA2IRuntimeClient.builder(), port,
                ACCESS_KEY, SECRET_KEY).build()) {
            assertThatThrownBy(() -> a2i.startHumanLoop(r -> r.humanLoopName("no-team").flowDefinitionArn(flowArn)
                    .humanLoopInput(i -> i.inputContent("{}"))))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.sagemakera2iruntime.model
                            .ValidationException.class, e -> assertThat(e.getMessage()).contains("HumanLoopConfig"));
        }
        sageMaker.deleteFlowDefinition(r -> r.flowDefinitionName("newer-model-" + RUN));

        String teamArn = sageMaker.createWorkteam(r -> r.workteamName("access-" + RUN).description("d")
                .memberDefinitions(m -> m.oidcMemberDefinition(o -> o.groups("g")))
                .workerAccessConfiguration(w -> w.s3Presign(p -> p.iamPolicyConstraints(c ->
                        c.sourceIp(EnabledOrDisabled.ENABLED))))).workteamArn();
        assertThat(teamArn).endsWith("/access-" + RUN);
        sageMaker.deleteWorkteam(r -> r.workteamName("access-" + RUN));
    }

    @Test
    void unknownResourcesAreNotFound() {
        assertThatThrownBy(() -> sageMaker.describeFlowDefinition(r -> r.flowDefinitionName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sageMaker.deleteHumanTaskUi(r -> r.humanTaskUiName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sageMaker.describeWorkteam(r -> r.workteamName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sageMaker.renderUiTemplate(r -> r.roleArn(ROLE).task(t -> t.input("{}"))
                .humanTaskUiArn("arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void callsWithoutAValidSignatureAreRefused() throws Exception {
        try (SageMakerClient wrongSecret = client(ACCESS_KEY, "not-the-secret")) {
            assertThatThrownBy(() -> wrongSecret.listWorkteams(r -> r.maxResults(1)))
                    .isInstanceOfSatisfying(SageMakerException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("signature we calculated");
                    });
        }
        try (SageMakerClient unknownKey = client("AKIAUNKNOWN", SECRET_KEY)) {
            assertThatThrownBy(() -> unknownKey.listWorkteams(r -> r.maxResults(1)))
                    .isInstanceOfSatisfying(SageMakerException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "SageMaker.ListWorkteams")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        assertThat(unsigned.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"");
        assertThat(unsigned.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void anUnknownOperationIsNamedInTheError() {
        assertThatThrownBy(() -> sageMaker.listEndpoints(r -> r.maxResults(1)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("SageMaker.ListEndpoints");
                })
                .isNotInstanceOf(SdkClientException.class);
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
