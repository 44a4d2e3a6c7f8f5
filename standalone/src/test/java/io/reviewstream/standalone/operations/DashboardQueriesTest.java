package io.reviewstream.standalone.operations;

import io.reviewstream.standalone.Demo;
import io.reviewstream.standalone.Standalone;
import io.reviewstream.standalone.StandaloneConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.reviewstream.standalone.operations.PrometheusAssumptions.assumePrometheusInstalled;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Grafana panel and alert rule answers with data from a real Prometheus scraping the four services of the
 * standalone mode after a short load: predictions auto-accepted and reviewed, tasks answered and released, a record
 * dead-lettered and an output write failing while S3 is down. A renamed metric, a wrong label or a PromQL error
 * fails here with the panel's title instead of showing an empty graph to an operator.
 */
class DashboardQueriesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(90);
    /**
     * Panels whose series only exist after an event this load cannot cause, with the reason; their queries must
     * still be valid PromQL. Keep this list short: every entry is a panel no test proves.
     */
    private static final Map<String, String> NOT_PROVOKED = Map.of(
            "Human Review Operations / Agreement between workers [A]",
            "agreement exists only for flows with two or more workers per object; the demo flow has one");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path prometheusDir;
    private static Standalone standalone;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void startAndLoad() throws Exception {
        assumePrometheusInstalled();
        standalone = Standalone.start(StandaloneConfig.ephemeral(dataDir));
        prometheus = PrometheusServer.start(prometheusDir,
                standalone.ports().values().stream().map(port -> "127.0.0.1:" + port).toList());
        drive();
        // two scrapes after the load, so that rate() and increase() see every counter change
        prometheus.awaitScrapes(standalone.ports().size(), 2);
        Thread.sleep(3_000);
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    void everyPanelAndAlertQueryReturnsSeries() {
        List<MonitoringQueries.Query> queries = Stream.concat(
                MonitoringQueries.dashboards(DeployFiles.deploy("grafana/dashboards")).stream(),
                MonitoringQueries.alerts(DeployFiles.deploy("prometheus/alerts.yml")).stream()).toList();
        assertThat(queries).hasSizeGreaterThan(20);
        List<String> failures = new ArrayList<>();
        for (MonitoringQueries.Query query : queries) {
            PrometheusServer.Result result = prometheus.query(query.expr());
            if (result.error() != null) {
                failures.add(query.origin() + ": " + result.error() + "\n    " + query.expr());
            } else if (result.series().isEmpty() && !NOT_PROVOKED.containsKey(query.origin())) {
                failures.add(query.origin() + ": no series\n    " + query.expr());
            }
        }
        assertThat(failures).as("queries failing against the running services").isEmpty();
    }

    /**
     * A load that makes every metric of the dashboards exist: predictions of both kinds, one garbage record,
     * answered and released tasks, an answer written while S3 is down (one failed write, then success), and a loop
     * started through the A2I API.
     */
    private static void drive() throws Exception {
        for (int i = 0; i < 4; i++) {
            predict("ops-low-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), 0.3);
            predict("ops-high-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), 0.95);
        }
        produce("garbage-" + UUID.randomUUID(), "this is not a prediction");

        answer(claimNextTask());
        JsonNode released = claimNextTask();
        assertThat(post("/api/worker/tasks/" + released.get("id").asString() + "/release", "").statusCode())
                .isBetween(200, 204);
        answer(claimNextTask());

        standalone.infra().stopS3();
        try {
            answer(claimNextTask());
            awaitMetric("result-writer", "reviewstream_output_writes_total{", "result=\"failure\"");
        } finally {
            standalone.infra().startS3();
        }
        try (SageMakerA2IRuntimeClient a2i = SageMakerA2IRuntimeClient.builder()
                .endpointOverride(URI.create(standalone.url("flow-service"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Demo.ACCESS_KEY_ID,
                        Demo.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            a2i.startHumanLoop(r -> r.humanLoopName("ops-api-" + UUID.randomUUID().toString().substring(0, 6))
                    .flowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + Demo.FLOW)
                    .humanLoopInput(i -> i.inputContent("{\"label\":\"cat\",\"confidence\":0.5}")));
        }
    }

    private static void predict(String id, double confidence) throws Exception {
        produce(id, """
                {"predictionId":"%s","flowDefinitionName":"demo-flow",
                 "inputContent":{"label":"cat","confidence":%s}}""".formatted(id, confidence));
    }

    private static void answer(JsonNode task) throws Exception {
        HttpResponse<String> answered = post("/api/worker/tasks/" + task.get("id").asString() + "/answer",
                "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    }

    private static JsonNode claimNextTask() throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = post("/api/worker/tasks/next", "");
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            Thread.sleep(250);
        }
        throw new AssertionError("No task reached the demo team within " + WAIT);
    }

    private static void awaitMetric(String service, String metric, String label) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(standalone.url(service)
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.lines().anyMatch(line -> line.startsWith(metric) && line.contains(label))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(service + " never exposed " + metric + " with " + label);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(standalone.url("task-service") + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Demo.WORKER + ":" + Demo.WORKER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void produce(String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.infra().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Standalone.TOPIC_PREFIX + "predictions", key, value)).get();
        }
    }
}
