package io.reviewstream.taskservice.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopOutcome;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.MemberDefinition;
import io.reviewstream.schemas.avro.OidcMemberDefinition;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.TaskUis;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.taskservice.TaskServiceApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's whole path through the real task-service on the real broker, registry and S3 store: sign in,
 * see the team's queue, claim each task with "Start working", do a classification, a bounding box (on an image
 * presigned from S3) and a key-value review, submit, and find each answerContent on the answers topic.
 */
@SpringBootTest(classes = TaskServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + TaskServiceApplication.CONFIG_NAME)
class PortalBrowserTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEAM = "portal-team";
    private static final String GROUP = "portal-reviewers";
    private static final String WORKER = "dana";
    private static final String PASSWORD = "dana-password";
    private static final String BUCKET = "portal-inputs";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CLASSIFIER_UI = """
            <script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
            <crowd-form>
              <crowd-classifier name="category" categories="['cat', 'dog']" header="What does the model's label say?">
                <classification-target><p>{{ task.input.label }} ({{ task.input.confidence }})</p></classification-target>
                <full-instructions header="Labels"><p>Choose the right animal.</p></full-instructions>
                <short-instructions><p>Correct the label if needed.</p></short-instructions>
              </crowd-classifier>
            </crowd-form>""";
    private static final String BOX_UI = """
            <crowd-form>
              <crowd-bounding-box name="annotatedResult" src="{{ task.input.taskObject | grant_read_access }}"
                  header="Box the animal" labels="['animal']"></crowd-bounding-box>
            </crowd-form>""";
    private static final String TEXTRACT_UI = """
            {% capture s3_uri %}http://s3.amazonaws.com/{{ task.input.aiServiceRequest.document.s3Object.bucket }}/{{ task.input.aiServiceRequest.document.s3Object.name }}{% endcapture %}
            <crowd-form>
              <crowd-textract-analyze-document src="{{ s3_uri | grant_read_access }}" header="Review the form"
                  initial-value="{{ task.input.selectedAiServiceResponse.blocks | to_json }}" block-types="['KEY_VALUE_SET']"
                  keys="{{ task.input.humanLoopContext.importantFormKeys | to_json }}" no-key-edit></crowd-textract-analyze-document>
            </crowd-form>""";

    private static Path state;
    private static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    Topics topics;
    @Autowired
    Envelopes envelopes;
    @Autowired
    Arns arns;

    @BeforeAll
    static void startBrowser() throws IOException {
        Browser.assumeAvailable();
        state = Files.createTempDirectory("portal-test");
        Files.writeString(state.resolve("users.txt"),
                WORKER + ":" + new BCryptPasswordEncoder(4).encode(PASSWORD) + ":" + GROUP + "\n");
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfra.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("reviewstream.kafka.topic-prefix", () -> "p" + RUN + ".");
        registry.add("reviewstream.tasks.application-id", () -> "task-service-portal-" + RUN);
        registry.add("reviewstream.tasks.state-dir", () -> state.resolve("state").toString());
        registry.add("reviewstream.portal.users-file", () -> state.resolve("users.txt").toString());
        registry.add("reviewstream.s3.readable-locations", () -> "s3://" + BUCKET + "/images/");
    }

    @Test
    void workerSignsInClaimsAndAnswersThreeKindsOfTask() throws Exception {
        uploadImage();
        seedTeamAndLoops();

        browser.driver.get(url("/"));
        waitUntil(d -> d.getCurrentUrl().contains("/login.html"));
        find("#username").sendKeys(WORKER);
        find("#password").sendKeys(PASSWORD);
        find("#login-form button[type=submit]").click();
        waitUntil(d -> d.getCurrentUrl().equals(url("/")));
        waitUntil(d -> {
            d.findElement(By.id("refresh")).click();
            return d.findElements(By.cssSelector("#tasks tbody tr")).size() == 3;
        });
        assertThat(find("#user").getText()).isEqualTo("Signed in as " + WORKER);
        assertThat(find(".rs-team-name").getText()).isEqualTo(TEAM);
        assertThat(find(".rs-team-count").getText()).isEqualTo("3");

        for (int i = 0; i < 3; i++) {
            find("#start").click();
            waitUntil(d -> d.getCurrentUrl().contains("/render"));
            waitUntil(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                    "var f = document.querySelector('crowd-form'); return !!(f && f.lastSubmission === undefined && f._crowdReady);")));
            assertThat(find("#rs-countdown").getText()).matches("\\d+:\\d\\d");
            if (!browser.driver.findElements(By.cssSelector("crowd-classifier")).isEmpty()) {
                browser.driver.findElements(By.cssSelector("crowd-classifier .crowd-choice")).get(1).click();
            } else if (!browser.driver.findElements(By.cssSelector("crowd-bounding-box")).isEmpty()) {
                waitUntil(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                        "return document.querySelector('crowd-bounding-box canvas').width === " + TaskPageServer.IMAGE_WIDTH)));
                find("crowd-bounding-box canvas").sendKeys(" ");
                new Actions(browser.driver).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_DOWN, " ").perform();
            } else {
                WebElement value = find(".crowd-kv-value");
                value.clear();
                value.sendKeys("Dana Example");
            }
            find("crowd-button[form-action=submit] button").click();
            waitUntil(d -> d.getCurrentUrl().contains("?submitted="));
        }
        assertThat(find("#notice").getText()).contains("submitted");

        Map<String, JsonNode> answers = answersByLoop(3);
        assertThat(answers.get("loop-classify-" + RUN)).isEqualTo(JSON.readTree("{\"category\": {\"label\": \"dog\"}}"));
        assertThat(answers.get("loop-box-" + RUN)).isEqualTo(JSON.readTree("""
                {"annotatedResult": {"boundingBoxes": [{"height": 4, "label": "animal", "left": 200, "top": 150, "width": 8}],
                                     "inputImageProperties": {"height": 300, "width": 400}}}
                """));
        JsonNode blocks = answers.get("loop-form-" + RUN).get("AWS/Textract/AnalyzeDocument/Forms/V1").get("blocks");
        assertThat(blocks.get(0).get("text").asString()).isEqualTo("Name:");
        assertThat(blocks.get(1).get("text").asString()).isEqualTo("Dana Example");
        assertThat(blocks.get(1).get("id").asString()).isEqualTo("v1");
    }

    private void uploadImage() throws Exception {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        infra.createBucket(BUCKET);
        byte[] png = TaskPageServer.testImage();
        MinioClient.builder().endpoint(infra.s3Endpoint()).region(infra.s3Region())
                .credentials(infra.s3AccessKey(), infra.s3SecretKey()).build()
                .putObject(PutObjectArgs.builder().bucket(BUCKET).object("images/animal.png").contentType("image/png")
                        .stream(new ByteArrayInputStream(png), (long) png.length, -1L).build());
    }

    private void seedTeamAndLoops() {
        publish(topics.workteams, TEAM, Workteam.newBuilder().setEnvelope(envelopes.next("portal-test"))
                .setName(TEAM).setArn(arns.workteam(TEAM)).setDescription("Portal test reviewers")
                .setMemberDefinitions(List.of(MemberDefinition.newBuilder()
                        .setOidc(OidcMemberDefinition.newBuilder().setGroups(List.of(GROUP)).build()).build()))
                .setCreateDate(Instant.now()).setLastUpdatedDate(Instant.now()).build());
        Map<String, String> uis = Map.of("ui-classify", CLASSIFIER_UI, "ui-box", BOX_UI, "ui-form", TEXTRACT_UI);
        uis.forEach((name, content) -> publish(topics.taskUis, name, TaskUis.active(envelopes.next("portal-test"),
                arns, name, content, Instant.now(), List.of())));
        startLoop("classify", "{\"label\": \"cat\", \"confidence\": 0.42}");
        startLoop("box", "{\"taskObject\": \"s3://" + BUCKET + "/images/animal.png\"}");
        startLoop("form", """
                {"aiServiceRequest": {"document": {"s3Object": {"bucket": "%s", "name": "images/animal.png"}}},
                 "humanLoopContext": {"importantFormKeys": [{"importantFormKey": "Name", "importantFormKeyAliases": []}]},
                 "selectedAiServiceResponse": {"blocks": [
                   {"blockType": "KEY_VALUE_SET", "id": "k1", "entityTypes": ["KEY"],
                    "relationships": [{"type": "VALUE", "ids": ["v1"]}, {"type": "CHILD", "ids": ["w1"]}]},
                   {"blockType": "KEY_VALUE_SET", "id": "v1", "entityTypes": ["VALUE"], "relationships": [{"type": "CHILD", "ids": ["w2"]}]},
                   {"blockType": "WORD", "id": "w1", "text": "Name:"}, {"blockType": "WORD", "id": "w2", "text": "Dana Exmple"}]}}
                """.formatted(BUCKET));
    }

    private void startLoop(String kind, String input) {
        String flowName = "flow-" + kind;
        FlowDefinition flow = FlowDefinition.newBuilder().setEnvelope(envelopes.next("portal-test"))
                .setName(flowName).setArn(arns.flowDefinition(flowName)).setVersion(1)
                .setStatus(FlowDefinitionStatus.ACTIVE).setCreationTime(Instant.now())
                .setHumanLoopConfig(HumanLoopConfig.newBuilder().setWorkteamArn(arns.workteam(TEAM))
                        .setHumanTaskUiArn(arns.humanTaskUi("ui-" + kind)).setTaskTitle("Review: " + kind)
                        .setTaskDescription("Portal test task").setTaskCount(1).build())
                .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath("s3://" + BUCKET + "/out").build())
                .setRoleArn("arn:aws:iam::111122223333:role/reviewstream").build();
        String loop = "loop-" + kind + "-" + RUN;
        publish(topics.loops, loop, LoopStarted.newBuilder().setEnvelope(envelopes.next("portal-" + loop))
                .setHumanLoopName(loop).setHumanLoopArn(arns.humanLoop(loop)).setCreationTime(Instant.now())
                .setFlowDefinition(flow).setSource(LoopSource.START_HUMAN_LOOP).setInputContent(input).build());
    }

    private <V> void publish(Topic<String, V> topic, String key, V value) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + key + " to " + topic.name(), e);
        }
    }

    private Map<String, JsonNode> answersByLoop(int expected) {
        Map<String, JsonNode> byLoop = new HashMap<>();
        Topic<String, LoopAnswers> answers = topics.answers;
        try (KafkaConsumer<String, LoopAnswers> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "portal-test-" + RUN,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                answers.keySerde().deserializer(), answers.valueSerde().deserializer())) {
            consumer.subscribe(List.of(answers.name()));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (byLoop.size() < expected && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    LoopAnswers value = record.value();
                    assertThat(value.getOutcome()).isEqualTo(LoopOutcome.ANSWERED);
                    assertThat(value.getAnswers()).hasSize(1);
                    byLoop.put(value.getHumanLoopName(), JSON.readTree(value.getAnswers().get(0).getAnswerContent()));
                });
            }
        }
        assertThat(byLoop).hasSize(expected);
        return byLoop;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    /** Page loads and the round trips behind them (sign-in, claim, submit) get the generous page-ready wait. */
    private static void waitUntil(Function<WebDriver, Boolean> condition) {
        browser.waitUntil("the portal page to reach the expected state", Browser.PAGE_READY, condition);
    }
}
