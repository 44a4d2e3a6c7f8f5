package io.reviewstream.standalone.console;

import io.reviewstream.schemas.avro.ConsoleAuditEvent;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.standalone.Demo;
import io.reviewstream.standalone.Standalone;
import io.reviewstream.standalone.StandaloneConfig;
import io.reviewstream.taskservice.browser.Browser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's console against the standalone mode, in headless Chromium: the demo operator signs in, searches
 * a loop and stops it, tries the demo flow's conditions, previews the demo task UI and publishes a new version of
 * the demo flow, each change audited; a viewer sees but changes nothing, and a worker is refused.
 */
class ConsoleBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    private static Standalone standalone;
    private static Topics topics;
    private static Browser browser;
    private static String console;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        standalone = Standalone.start(StandaloneConfig.ephemeral(dataDir));
        topics = new Topics(Standalone.TOPIC_PREFIX, new SerdeFactory(
                new SchemaRegistryClient(standalone.infra().schemaRegistryUrl()), new Envelopes(Clock.systemUTC())));
        console = standalone.url("flow-service") + "/console";
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    void theOperatorFindsALoopByItsNameAndStopsIt() throws Exception {
        String loop = startLoop("console-stop-");
        signIn(Demo.OPERATOR, Demo.OPERATOR_PASSWORD);
        browser.driver.get(console + "/loops.html?flow=" + Demo.FLOW + "&prefix=" + loop);
        WebElement row = awaitElement("the loop in the search results", "tr[data-loop='" + loop + "']");
        assertThat(row.findElement(By.cssSelector(".rs-status")).getText()).isEqualTo("InProgress");
        assertThat(browser.driver.findElements(By.cssSelector("#loops tbody tr"))).hasSize(1);

        row.findElement(By.cssSelector("button[data-action='stop']")).click();
        browser.waitFor("the loop to be stopping or stopped", Browser.PAGE_READY,
                "var s = document.querySelector(\"tr[data-loop='" + loop + "'] .rs-status\");"
                        + "return s !== null && (s.textContent === 'Stopping' || s.textContent === 'Stopped');");
        ConsoleAuditEvent audited = awaitAudit(e -> e.getTarget().equals(loop));
        assertThat(audited.getAction()).isEqualTo("StopHumanLoop");
        assertThat(audited.getUser()).isEqualTo(Demo.OPERATOR);
        assertThat(audited.getOutcome()).isEqualTo("Succeeded");
        assertThat(audited.getEnvelope().getOccurredAt()).isNotNull();
    }

    @Test
    void theOperatorTriesTheConditionsAndSeesEveryNodesResult() throws Exception {
        String picked = startLoop("console-pick-");
        signIn(Demo.OPERATOR, Demo.OPERATOR_PASSWORD);
        browser.driver.get(console + "/flow.html?name=" + Demo.FLOW);
        awaitElement("the flow's versions", "#version option");
        awaitElement("the prediction to pick", "#try-pick option[value='" + picked + "']");
        new Select(browser.driver.findElement(By.id("try-pick"))).selectByValue(picked);
        assertThat(browser.driver.findElement(By.id("try-prediction")).getAttribute("value")).contains("0.3");
        browser.driver.findElement(By.id("try-submit")).click();
        browser.waitFor("the verdict", Browser.PAGE_READY, "var v = document.getElementById('try-verdict');"
                + "return v !== null && v.textContent.indexOf('Sent to human review') === 0;");
        WebElement node = browser.driver.findElement(By.cssSelector(".rs-tree li"));
        assertThat(node.getAttribute("data-result")).isEqualTo("true");
        assertThat(node.getText()).contains("ConfidenceCheck", "0.8");

        evaluate("{\"label\": \"cat\", \"confidence\": 0.97}");
        browser.waitFor("the verdict", Browser.PAGE_READY, "var v = document.getElementById('try-verdict');"
                + "return v !== null && v.textContent.indexOf('Accepted without review') === 0;");
        assertThat(browser.driver.findElement(By.cssSelector(".rs-tree li")).getAttribute("data-result"))
                .isEqualTo("false");
    }

    @Test
    void theTeamsPageShowsWhoMakesUpATeamAndItsQueue() throws Exception {
        startLoop("console-team-");
        signIn(Demo.VIEWER, Demo.VIEWER_PASSWORD);
        browser.driver.get(console + "/teams.html");

        WebElement team = awaitElement("the demo team", "#teams tr[data-team=\"" + Demo.WORKTEAM + "\"]");
        assertThat(team.getText()).contains(Demo.GROUP).contains(Demo.FLOW);
        browser.waitFor("the demo team's open tasks in its queue health", Browser.PAGE_READY,
                "var open = document.querySelector('#queue-health-table tr[data-team=\"" + Demo.WORKTEAM
                        + "\"] .open'); return open !== null && parseInt(open.textContent, 10) >= 1;");
    }

    @Test
    void theOperatorPreviewsTheDemoTaskUiWithASampleInput() {
        signIn(Demo.OPERATOR, Demo.OPERATOR_PASSWORD);
        browser.driver.get(console + "/task-uis.html");
        awaitElement("the demo task UI", "tr[data-ui='" + Demo.TASK_UI + "']");
        new Select(browser.driver.findElement(By.id("preview-ui"))).selectByValue(Demo.TASK_UI);
        WebElement input = browser.driver.findElement(By.id("preview-input"));
        input.clear();
        input.sendKeys("{\"label\": \"tabby cat\", \"confidence\": 0.42}");
        browser.driver.findElement(By.id("preview-submit")).click();
        browser.waitUntil("the preview frame", Browser.PAGE_READY,
                d -> d.findElement(By.id("preview")).getAttribute("src").contains("/console/preview/task-uis/"));
        browser.driver.switchTo().frame("preview");
        try {
            browser.waitFor("the rendered template with its crowd elements running", Browser.PAGE_READY,
                    "return document.body !== null && document.body.textContent.indexOf('tabby cat') >= 0"
                            + " && customElements.get('crowd-classifier') !== undefined;");
        } finally {
            browser.driver.switchTo().defaultContent();
        }
        assertThat(browser.driver.getCurrentUrl()).contains("ui=" + Demo.TASK_UI);
    }

    @Test
    void theOperatorPublishesANewVersionAndSeesWhatChanged() throws Exception {
        signIn(Demo.OPERATOR, Demo.OPERATOR_PASSWORD);
        browser.driver.get(console + "/flow.html?name=" + Demo.FLOW);
        awaitElement("the publish form", "#publish-form #flow-title");
        int before = flowVersion();

        WebElement conditions = browser.driver.findElement(By.id("flow-conditions"));
        String valid = conditions.getAttribute("value");
        conditions.clear();
        conditions.sendKeys("{\"Conditions\": []}");
        browser.driver.findElement(By.id("publish-form-submit")).click();
        WebElement error = awaitElement("the conditions' error next to them",
                "#publish-form .rs-field-error[data-for='HumanLoopActivationConfig.HumanLoopActivationConditionsConfig"
                        + ".HumanLoopActivationConditions']");
        assertThat(error.getText()).contains("Conditions");
        assertThat(flowVersion()).isEqualTo(before);

        conditions = browser.driver.findElement(By.id("flow-conditions"));
        conditions.clear();
        conditions.sendKeys(valid);
        WebElement title = browser.driver.findElement(By.id("flow-title"));
        title.clear();
        title.sendKeys("Classify the picture again");
        browser.driver.findElement(By.id("publish-form-submit")).click();
        browser.waitFor("the new version", Browser.PAGE_READY,
                "return document.getElementById('version').value === '" + (before + 1) + "';");
        browser.waitFor("the change of the title", Browser.PAGE_READY,
                "return Array.prototype.some.call(document.querySelectorAll('#changes td'), function (td) {"
                        + " return td.textContent === 'HumanLoopConfig.TaskTitle'; });");
        assertThat(flowVersion()).isEqualTo(before + 1);
        assertThat(awaitAudit(e -> e.getAction().equals("PublishFlowVersion") && e.getOutcome().equals("Succeeded"))
                .getTarget()).isEqualTo(Demo.FLOW);
    }

    @Test
    void aViewerSeesEverythingAndChangesNothing() throws Exception {
        String loop = startLoop("console-viewer-");
        signIn(Demo.VIEWER, Demo.VIEWER_PASSWORD);
        browser.driver.get(console + "/loops.html?flow=" + Demo.FLOW + "&prefix=" + loop);
        WebElement row = awaitElement("the loop in the search results", "tr[data-loop='" + loop + "']");
        assertThat(row.findElement(By.cssSelector("button[data-action='stop']")).isDisplayed()).isFalse();
        browser.driver.get(console + "/flow.html?name=" + Demo.FLOW);
        awaitElement("the flow's versions", "#version option");
        assertThat(browser.driver.findElement(By.id("publish-title")).isDisplayed()).isFalse();
        assertThat(browser.driver.findElements(By.id("publish-form"))).isEmpty();

        assertThat(call("POST", "/api/loops/" + loop + "/stop", Demo.VIEWER, Demo.VIEWER_PASSWORD, null).statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/flows", Demo.VIEWER, Demo.VIEWER_PASSWORD, "{}").statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/api/task-uis/" + Demo.TASK_UI, Demo.VIEWER, Demo.VIEWER_PASSWORD, null)
                .statusCode()).isEqualTo(403);
        HttpResponse<String> tryout = call("POST", "/api/flows/" + Demo.FLOW + "/try", Demo.VIEWER,
                Demo.VIEWER_PASSWORD, "{\"prediction\":{\"confidence\":0.1}}");
        assertThat(tryout.statusCode()).as(tryout.body()).isEqualTo(200);
        assertThat(JSON.readTree(tryout.body()).get("humanReviewNeeded").asBoolean()).isTrue();
        assertThat(JSON.readTree(call("GET", "/api/loops/" + loop, Demo.VIEWER, Demo.VIEWER_PASSWORD, null).body())
                .get("status").asString()).isEqualTo("InProgress");
    }

    @Test
    void aWorkerIsRefusedEveryPageAndCall() throws Exception {
        signIn(Demo.WORKER, Demo.WORKER_PASSWORD);
        browser.driver.get(console + "/flows.html");
        browser.waitFor("the refusal", Browser.PAGE_READY, "return document.body !== null && document.body"
                + ".textContent.indexOf('The console is for members of " + Demo.OPERATOR_GROUP + "') >= 0;");
        assertThat(browser.driver.findElements(By.id("flows"))).isEmpty();
        for (String path : new String[]{"/api/me", "/api/flows", "/api/loops?flow=" + Demo.FLOW, "/loops.html",
                "/preview/task-uis/" + Demo.TASK_UI}) {
            assertThat(call("GET", path, Demo.WORKER, Demo.WORKER_PASSWORD, null).statusCode()).as(path)
                    .isEqualTo(403);
        }
        assertThat(call("POST", "/api/flows/" + Demo.FLOW + "/try", Demo.WORKER, Demo.WORKER_PASSWORD, "{}")
                .statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/flows", null, null, null).statusCode()).isEqualTo(401);
    }

    /** The AWS API keeps its own authentication: no session, no redirect, its own error shape. */
    @Test
    void theAwsApiIsNotBehindTheConsolesSignIn() throws Exception {
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(URI.create(standalone.url("flow-service") + "/"))
                .header("X-Amz-Target", "SageMaker.ListFlowDefinitions")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.body()).contains("MissingAuthenticationTokenException");
        assertThat(unsigned.headers().firstValue("Set-Cookie")).isEmpty();
    }

    private static void evaluate(String prediction) {
        WebElement input = browser.driver.findElement(By.id("try-prediction"));
        input.clear();
        input.sendKeys(prediction);
        browser.driver.executeScript("var r = document.getElementById('try-result'); while (r.firstChild) {"
                + " r.removeChild(r.firstChild); }");
        browser.driver.findElement(By.id("try-submit")).click();
    }

    private static int flowVersion() throws Exception {
        HttpResponse<String> flow = call("GET", "/api/flows/" + Demo.FLOW, Demo.OPERATOR, Demo.OPERATOR_PASSWORD,
                null);
        return JSON.readTree(flow.body()).get("ReviewstreamVersion").asInt();
    }

    private static void signIn(String user, String password) {
        ConsoleSignIn.signIn(browser, console, user, password);
    }

    private static WebElement awaitElement(String what, String css) {
        browser.waitUntil(what, Browser.PAGE_READY, d -> !d.findElements(By.cssSelector(css)).isEmpty());
        return browser.driver.findElement(By.cssSelector(css));
    }

    /** A demo prediction under review: the loop is InProgress in flow-service's status store. */
    private static String startLoop(String prefix) throws Exception {
        String loop = prefix + UUID.randomUUID().toString().substring(0, 8);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.infra().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topics.predictions.name(), loop, """
                    {"predictionId":"%s","flowDefinitionName":"%s","inputContent":{"label":"cat","confidence":0.3}}"""
                    .formatted(loop, Demo.FLOW))).get();
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> found = call("GET", "/api/loops/" + loop, Demo.OPERATOR, Demo.OPERATOR_PASSWORD, null);
            if (found.statusCode() == 200) {
                JsonNode status = JSON.readTree(found.body());
                assertThat(status.get("status").asString()).isEqualTo("InProgress");
                return loop;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Loop " + loop + " did not start within a minute");
    }

    /** A console call with HTTP Basic, as a script would make it (no session, so no CSRF token). */
    private static HttpResponse<String> call(String method, String path, String user, String password, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json").header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConsoleAuditEvent awaitAudit(Predicate<ConsoleAuditEvent> match) {
        Topic<String, ConsoleAuditEvent> topic = topics.consoleAudit;
        try (KafkaConsumer<String, ConsoleAuditEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.infra().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "console-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ConsoleAuditEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && match.test(record.value())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("No matching audit record on " + topic.name());
    }
}
