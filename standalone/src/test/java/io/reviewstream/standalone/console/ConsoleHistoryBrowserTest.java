package io.reviewstream.standalone.console;

import io.reviewstream.schemas.avro.ConsoleAuditEvent;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.standalone.Demo;
import io.reviewstream.standalone.DemoClients;
import io.reviewstream.standalone.Standalone;
import io.reviewstream.standalone.StandaloneConfig;
import io.reviewstream.standalone.WorkerApi;
import io.reviewstream.taskservice.browser.Browser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's loop, dead-letter, decision, workforce and queue pages in headless Chromium against the standalone
 * mode: a completed loop's timeline with its answer and output.json, a dead letter replayed once its cause is fixed
 * and refused past its bound, and the live numbers.
 */
class ConsoleHistoryBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;
    private static Standalone standalone;
    private static Topics topics;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        standalone = Standalone.start(StandaloneConfig.ephemeral(dataDir));
        topics = standalone.topics();
        browser = Browser.start();
        signInAsOperator();
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
    void aCompletedLoopsPageShowsItsDecisionTasksAnswerAndOutput() throws Exception {
        String loop = "console-" + UUID.randomUUID().toString().substring(0, 8);
        produce(topics.predictions.name(), loop, """
                {"predictionId":"%s","flowDefinitionName":"demo-flow",
                 "inputContent":{"label":"cat","confidence":0.42}}""".formatted(loop));
        WorkerApi worker = WorkerApi.demoWorker(standalone.url("task-service"));
        JsonNode task = claim(worker, loop);
        HttpResponse<String> answered = worker.call("POST", "/api/worker/tasks/" + task.get("id").asString()
                + "/answer", "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}", Map.of());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        LoopCompleted completed = await(topics.loopCompleted, c -> c.getHumanLoopName().equals(loop));

        open("loop.html?name=" + loop);
        browser.waitUntil("the loop's completion on its page", WAIT, d -> {
            if (d.findElements(By.cssSelector("#timeline li[data-kind=LoopCompleted]")).isEmpty()) {
                d.navigate().refresh();
                return false;
            }
            return true;
        });
        List<String> timeline = browser.driver.findElements(By.cssSelector("#timeline li")).stream()
                .map(li -> li.getAttribute("data-kind") + (li.getAttribute("data-type") == null ? ""
                        : ":" + li.getAttribute("data-type"))).toList();
        assertThat(timeline).containsSubsequence("Decision", "LoopStarted", "Task:OPENED", "Task:CLAIMED", "Task:ANSWERED",
                "LoopEnded", "LoopCompleted");
        assertThat(text("#timeline li[data-kind=Decision]")).contains(loop).contains("HUMAN_REVIEW")
                .contains("Condition results");
        assertThat(text("#timeline li[data-type=ANSWERED]")).contains(task.get("id").asString());
        assertThat(text("#input")).contains("\"confidence\": 0.42");
        assertThat(text("#answers")).contains(Demo.WORKER).contains("\"label\": \"dog\"");
        assertThat(text("#consolidated")).contains("One answer");
        assertThat(text("main")).contains(completed.getOutputS3Uri());
        assertThat(text("#output")).contains("\"humanLoopName\": \"" + loop + "\"").contains("humanAnswers");

        open("workforce.html");
        browser.waitFor("the demo worker's answers", WAIT,
                "const r = document.querySelector('#workers tr[data-worker] .answered');"
                        + "return r !== null && Number(r.textContent) >= 1;");
        open("queues.html");
        browser.waitFor("the demo team's claims and answers of the last hour", WAIT,
                "const r = document.querySelector('#queue-health tr[data-team=\"" + Demo.WORKTEAM + "\"]');"
                        + "return r !== null && Number(r.querySelector('.claims').textContent) >= 1"
                        + " && Number(r.querySelector('.answers').textContent) >= 1;");
    }

    @Test
    void aDeadLetterReplayedOnceItsCauseIsFixedIsProcessedAuditedAndRefusedPastItsBound() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String flow = "late-" + run;
        String prediction = "late-prediction-" + run;
        produce(topics.predictions.name(), prediction, """
                {"predictionId":"%s","flowDefinitionName":"%s","inputContent":{"confidence":0.99}}"""
                .formatted(prediction, flow));
        ConsumerRecord<byte[], byte[]> dead = awaitRecord(topics.deadLetters, r -> r.key() != null
                && new String(r.key(), StandardCharsets.UTF_8).equals(prediction));
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).isEqualTo("UNKNOWN_FLOW_DEFINITION");
        String id = dead.partition() + "-" + dead.offset();

        createFlow(flow);
        String canary = "canary-" + run;
        produce(topics.predictions.name(), canary, """
                {"predictionId":"%s","flowDefinitionName":"%s","inputContent":{"confidence":0.99}}"""
                .formatted(canary, flow));
        await(topics.decisions, d -> d.getPredictionId().equals(canary));

        open("dead-letters.html?reason=UNKNOWN_FLOW_DEFINITION");
        browser.waitFor("the dead letter in the list", WAIT,
                "return document.querySelector('#dead-letters tr[data-id=\"" + id + "\"]') !== null;");
        browser.driver.findElement(By.cssSelector("#dead-letters tr[data-id=\"" + id + "\"] input[type=checkbox]"))
                .click();
        browser.driver.findElement(By.id("replay-selected")).click();
        browser.waitFor("the replay's result", WAIT,
                "return document.querySelector('#replay-result .replayed') !== null;");
        assertThat(text("#replay-result")).contains(id).contains(topics.predictions.name()).contains("replay 1");

        Decision decision = await(topics.decisions, d -> d.getPredictionId().equals(prediction));
        assertThat(decision.getFlowDefinitionName()).isEqualTo(flow);
        ConsoleAuditEvent audit = awaitRecord(topics.consoleAudit,
                r -> r.value() != null && r.value().getAction().equals("dead-letter.replay")
                        && r.value().getTarget().contains(id)).value();
        assertThat(audit.getUser()).isEqualTo(Demo.OPERATOR);
        assertThat(audit.getOutcome()).contains("replayed as " + topics.predictions.name());

        RecordMetadata worn = deadLetterReplayed(dead, 3);
        String wornId = worn.partition() + "-" + worn.offset();
        open("dead-letters.html#" + wornId);
        browser.waitFor("the worn-out dead letter's detail", WAIT,
                "return document.getElementById('replay-one') !== null;");
        assertThat(text("#record-value")).contains(prediction);
        browser.driver.findElement(By.id("replay-one")).click();
        browser.waitFor("the refusal", WAIT, "return document.querySelector('#replay-result .error') !== null;");
        assertThat(text("#replay-result")).contains("replayed 3 times");
        // a script with the operator's credentials is refused the same way
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        standalone.url("flow-service") + "/console/api/dead-letters/replay"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (Demo.OPERATOR + ":" + Demo.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"" + wornId + "\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("replayed 3 times");
    }

    @Test
    void theDecisionsPageCountsPredictionsPerFlowAndWhatBecameOfThem() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        produce(topics.predictions.name(), "sure-" + run, """
                {"predictionId":"sure-%s","flowDefinitionName":"demo-flow","inputContent":{"label":"dog","confidence":0.97}}"""
                .formatted(run));
        produce(topics.predictions.name(), "unsure-" + run, """
                {"predictionId":"unsure-%s","flowDefinitionName":"demo-flow","inputContent":{"label":"dog","confidence":0.2}}"""
                .formatted(run));
        open("decisions.html");
        browser.waitFor("demo-flow's auto-accepted and reviewed predictions", WAIT,
                "const r = document.querySelector('#decisions tr[data-flow=\"demo-flow\"]');"
                        + "return r !== null && parseInt(r.querySelector('.auto-accepted').textContent) >= 1"
                        + " && parseInt(r.querySelector('.reviewed').textContent) >= 1;");
        WebElement row = browser.driver.findElement(By.cssSelector("#decisions tr[data-flow=\"demo-flow\"]"));
        assertThat(Integer.parseInt(row.findElement(By.className("predictions")).getText())).isGreaterThanOrEqualTo(2);
        assertThat(row.findElement(By.cssSelector("[data-reason=ActivationConditions]")).getText())
                .matches("[1-9]\\d* \\(\\d+ %\\)");
        assertThat(browser.driver.findElements(By.cssSelector("#decisions-chart canvas"))).isNotEmpty();
    }

    /** Every page is opened as the demo operator. */
    private static void signInAsOperator() {
        ConsoleSignIn.signIn(browser, standalone.url("flow-service") + "/console", Demo.OPERATOR,
                Demo.OPERATOR_PASSWORD);
    }

    private static void open(String page) {
        browser.driver.get(standalone.url("flow-service") + "/console/" + page);
    }

    private static String text(String selector) {
        return browser.driver.findElement(By.cssSelector(selector)).getText();
    }

    private static JsonNode claim(WorkerApi worker, String loop) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = worker.call("POST", "/api/worker/tasks/next", "", Map.of());
            if (response.statusCode() == 200) {
                JsonNode task = JSON.readTree(response.body());
                if (task.get("loopName").asString().equals(loop)) {
                    return task;
                }
                // another test's loop: answered, since a released task would be offered again first
                worker.call("POST", "/api/worker/tasks/" + task.get("id").asString() + "/answer",
                        "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}", Map.of());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The loop's task never reached the demo worker");
    }

    private static void createFlow(String name) {
        try (SageMakerClient sageMaker = DemoClients.sageMaker(standalone)) {
            sageMaker.createFlowDefinition(r -> r.flowDefinitionName(name)
                    .humanLoopConfig(h -> h.workteamArn("arn:aws:sagemaker:us-east-1:111122223333:workteam/"
                                    + "private-crowd/" + Demo.WORKTEAM)
                            .humanTaskUiArn("arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/" + Demo.TASK_UI)
                            .taskTitle("Check").taskDescription("Check the label").taskCount(1))
                    .humanLoopActivationConfig(a -> a.humanLoopActivationConditionsConfig(c ->
                            c.humanLoopActivationConditions(Demo.CONDITIONS)))
                    .outputConfig(o -> o.s3OutputPath(Demo.OUTPUT_PATH))
                    .roleArn(Demo.ROLE_ARN));
        }
    }

    /** The dead letter again, as if it had been replayed {@code replays} times and failed each time. */
    private static RecordMetadata deadLetterReplayed(ConsumerRecord<byte[], byte[]> dead, int replays)
            throws Exception {
        RecordHeaders headers = new RecordHeaders(dead.headers().toArray());
        headers.add(DeadLetters.REPLAYS, Integer.toString(replays).getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.infra().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topics.deadLetters.name(), null, dead.key(), dead.value(),
                    headers)).get();
        }
    }

    private static void produce(String topic, String key, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.infra().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static <V> V await(Topic<String, V> topic, Predicate<V> match) {
        return awaitRecord(topic, r -> r.value() != null && match.test(r.value())).value();
    }

    private static <K, V> ConsumerRecord<K, V> awaitRecord(Topic<K, V> topic, Predicate<ConsumerRecord<K, V>> match) {
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.infra().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "console-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(500))) {
                    if (match.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("Nothing matching arrived on " + topic.name());
    }
}
