package io.reviewstream.flowservice.console;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.flowservice.FlowServiceApplication;
import io.reviewstream.flowservice.TestFlowService;
import io.reviewstream.schemas.avro.ConsoleAuditEvent;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's API on flow-service with the real broker and registry: who may call what, the CSRF protection of
 * browser sessions, validation messages by member, versions and their differences, and the audit record of every
 * change, refused ones included.
 */
@SpringBootTest(classes = FlowServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=flow-service")
class ConsoleApiTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ACCESS_KEY = "AKIATESTCONSOLEAPI";
    static final String SECRET_KEY = "console-api-test-secret";
    static final String PASSWORD = "console-test-password";
    static final String ROLE = "arn:aws:iam::111122223333:role/a2i-exec";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestFlowService.register(registry, "console" + RUN + ".", ACCESS_KEY, SECRET_KEY);
        registry.add("reviewstream.console.users-file", ConsoleApiTest::usersFile);
    }

    @LocalServerPort
    int port;
    @Autowired
    Topics topics;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void viewersReadAndOnlyOperatorsChangeWorkersAndStrangersGetNothing() throws Exception {
        assertThat(call("GET", "/api/flows", "viewer", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/flows.html", "viewer", null).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = call("POST", "/api/task-uis", "viewer", taskUi("viewer-ui-" + RUN));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("Forbidden");
        assertThat(call("GET", "/api/flows", "worker", null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/flows.html", "worker", null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/flows", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/flows.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login.html"));
        HttpResponse<String> me = call("GET", "/api/me", "viewer", null);
        assertThat(JSON.readTree(me.body()).get("canChange").asBoolean()).isFalse();
        assertThat(JSON.readTree(call("GET", "/api/me", "operator", null).body()).get("role").asString())
                .isEqualTo("operator");
    }

    @Test
    void aBrowserSessionChangesNothingWithoutTheCsrfToken() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        JsonNode csrf = JSON.readTree(browser.send(HttpRequest.newBuilder(URI.create(base() + "/api/csrf")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String form = "username=operator&password=" + PASSWORD + "&" + csrf.get("parameterName").asString() + "="
                + URLEncoder.encode(csrf.get("token").asString(), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        JsonNode me = JSON.readTree(browser.send(HttpRequest.newBuilder(URI.create(base() + "/api/me")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String name = "csrf-ui-" + RUN;
        HttpRequest.Builder create = HttpRequest.newBuilder(URI.create(base() + "/api/task-uis"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(taskUi(name)));
        assertThat(browser.send(create.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HttpResponse<String> created = browser.send(create.header(me.at("/csrf/headerName").asString(),
                me.at("/csrf/token").asString()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(audit(e -> e.getTarget().equals(name)).getUser()).isEqualTo("operator");
    }

    @Test
    void refusedChangesNameTheirMembersAndAreAuditedWithTheirCode() throws Exception {
        HttpResponse<String> refused = call("POST", "/api/flows", "operator",
                "{\"FlowDefinitionName\":\"bad name!\",\"OutputConfig\":{\"S3OutputPath\":\"s3://b/p\"}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.get("code").asString()).isEqualTo("ValidationException");
        assertThat(error.get("fields").propertyNames()).contains("FlowDefinitionName", "RoleArn");
        ConsoleAuditEvent audited = audit(e -> e.getTarget().equals("bad name!"));
        assertThat(audited.getAction()).isEqualTo("CreateFlowDefinition");
        assertThat(audited.getOutcome()).isEqualTo("ValidationException");
        assertThat(audited.getDetail()).contains("flowDefinitionName");

        HttpResponse<String> badConditions = call("POST", "/api/flows", "operator", """
                {"FlowDefinitionName":"conditions-%s","RoleArn":"%s","OutputConfig":{"S3OutputPath":"s3://b/p"},
                 "HumanLoopActivationConfig":{"HumanLoopActivationConditionsConfig":
                   {"HumanLoopActivationConditions":"{\\"Conditions\\":[{\\"ConditionType\\":\\"Nope\\"}]}"}}}"""
                .formatted(RUN, ROLE));
        assertThat(badConditions.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badConditions.body()).at("/fields").propertyNames()).containsExactly(
                "HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions");
    }

    @Test
    void publishedVersionsAreListedWithWhatChanged() throws Exception {
        String team = "console-team-" + RUN;
        String ui = "console-ui-" + RUN;
        String flow = "console-flow-" + RUN;
        String teamArn;
        try (SageMakerClient sageMaker = TestFlowService.client(SageMakerClient.builder(), port, ACCESS_KEY,
                SECRET_KEY).build()) {
            teamArn = sageMaker.createWorkteam(r -> r.workteamName(team).description("Console reviewers")
                    .memberDefinitions(m -> m.oidcMemberDefinition(o -> o.groups("reviewers")))).workteamArn();
        }
        HttpResponse<String> createdUi = call("POST", "/api/task-uis", "operator", taskUi(ui));
        assertThat(createdUi.statusCode()).as(createdUi.body()).isEqualTo(200);
        String uiArn = JSON.readTree(createdUi.body()).get("HumanTaskUiArn").asString();
        HttpResponse<String> created = call("POST", "/api/flows", "operator", flow(flow, teamArn, uiArn, 0.8));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        HttpResponse<String> published = call("POST", "/api/flows/" + flow + "/versions", "operator",
                flow("ignored", teamArn, uiArn, 0.6));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);

        JsonNode versions = JSON.readTree(call("GET", "/api/flows/" + flow + "/versions", "viewer", null).body())
                .get("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(2);
        List<String> changed = new ArrayList<>();
        versions.get(0).get("changes").forEach(change -> changed.add(change.get("member").asString()));
        assertThat(changed).contains("HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions"
                        + ".Conditions[0].ConditionParameters.ConfidenceLessThan", "ReviewstreamVersion");

        JsonNode tried = JSON.readTree(call("POST", "/api/flows/" + flow + "/try", "viewer",
                "{\"prediction\":{\"confidence\":0.7},\"version\":1}").body());
        assertThat(tried.get("humanReviewNeeded").asBoolean()).isTrue();
        assertThat(tried.get("nodeResults").get(0).asBoolean()).isTrue();
        assertThat(tried.at("/evaluatedTree/Conditions/0/EvaluationResult").asBoolean()).isTrue();
        assertThat(JSON.readTree(call("POST", "/api/flows/" + flow + "/try", "viewer",
                "{\"prediction\":{\"confidence\":0.7}}").body()).get("humanReviewNeeded").asBoolean()).isFalse();
        assertThat(audit(e -> e.getAction().equals("PublishFlowVersion") && e.getTarget().equals(flow))
                .getOutcome()).isEqualTo("Succeeded");

        JsonNode loops = JSON.readTree(call("GET", "/api/loops?flow=" + flow + "&status=InProgress", "viewer", null)
                .body());
        assertThat(loops.get("loops")).isEmpty();
        assertThat(loops.get("next").isNull()).isTrue();
        assertThat(call("GET", "/api/loops?flow=" + flow + "&status=Sleeping", "viewer", null).statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/api/loops?flow=no-such-flow-" + RUN, "viewer", null).statusCode()).isEqualTo(404);
    }

    private String base() {
        return "http://localhost:" + port + "/console";
    }

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String taskUi(String name) {
        return "{\"HumanTaskUiName\":\"" + name + "\",\"UiTemplate\":{\"Content\":\"<p>{{ task.input.text }}</p>\"}}";
    }

    private static String flow(String name, String teamArn, String uiArn, double threshold) {
        String conditions = "{\\\"Conditions\\\":[{\\\"ConditionType\\\":\\\"ConfidenceCheck\\\","
                + "\\\"ConditionParameters\\\":{\\\"Path\\\":\\\"$.confidence\\\",\\\"ConfidenceLessThan\\\":"
                + threshold + "}}]}";
        return """
                {"FlowDefinitionName":"%s","RoleArn":"%s","OutputConfig":{"S3OutputPath":"s3://bucket/out"},
                 "HumanLoopConfig":{"WorkteamArn":"%s","HumanTaskUiArn":"%s","TaskTitle":"Check",
                   "TaskDescription":"Check it","TaskCount":1},
                 "HumanLoopActivationConfig":{"HumanLoopActivationConditionsConfig":
                   {"HumanLoopActivationConditions":"%s"}}}""".formatted(name, ROLE, teamArn, uiArn, conditions);
    }

    private ConsoleAuditEvent audit(Predicate<ConsoleAuditEvent> match) {
        try (KafkaConsumer<String, ConsoleAuditEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "console-audit-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topics.consoleAudit.keySerde().deserializer(), topics.consoleAudit.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.consoleAudit.name()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ConsoleAuditEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    if (match.test(record.value())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("No matching record on " + topics.consoleAudit.name());
    }

    /** An operator, a viewer and a worker; bcrypt at its lowest cost, as the test signs in often. */
    private static String usersFile() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        try {
            Path file = TestFlowService.stateDir("console" + RUN).resolve("users.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "operator:" + bcrypt.encode(PASSWORD) + ":reviewstream-operators\n"
                    + "viewer:" + bcrypt.encode(PASSWORD) + ":reviewstream-viewers\n"
                    + "worker:" + bcrypt.encode(PASSWORD) + ":reviewers\n");
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
