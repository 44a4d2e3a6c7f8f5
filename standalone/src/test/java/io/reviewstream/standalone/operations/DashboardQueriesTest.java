package io.reviewstream.standalone.operations;

import io.reviewstream.standalone.Demo;
import io.reviewstream.standalone.DemoClients;
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
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * standalone mode after a short load: predictions auto-accepted and reviewed, tasks answered and released, a lease
 * that runs out and the late answer to it, a loop stopped, a loop answered by two workers, a record dead-lettered
 * and an output write failing while S3 is down. A renamed metric, a wrong label or a PromQL error fails here with
 * the panel's title instead of showing an empty graph to an operator.
 */
class DashboardQueriesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** A second member of the demo team, so that a loop with TaskCount 2 gets two answers. */
    private static final String SECOND_WORKER = "ops-second-worker";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String PAIR_FLOW = "ops-pair-" + RUN;
    private static final String LEASE_FLOW = "ops-lease-" + RUN;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path prometheusDir;
    private static Standalone standalone;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void startAndLoad() throws Exception {
        assumePrometheusInstalled();
        // the standalone mode keeps a users file it finds (docs/standalone.md), so the second worker can log in
        String hash = new BCryptPasswordEncoder(4).encode(Demo.WORKER_PASSWORD);
        Files.writeString(dataDir.resolve("users.txt"), Demo.WORKER + ":" + hash + ":" + Demo.GROUP + "\n"
                + SECOND_WORKER + ":" + hash + ":" + Demo.GROUP + "\n");
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

    /**
     * Each query, and each operand of each {@code or} in it on its own: a panel that falls back to zeros for
     * rare events must still name metrics that exist.
     */
    @Test
    void everyPanelAndAlertQueryReturnsSeries() {
        List<MonitoringQueries.Query> queries = Stream.concat(
                MonitoringQueries.dashboards(DeployFiles.deploy("grafana/dashboards")).stream(),
                MonitoringQueries.alerts(DeployFiles.deploy("prometheus/alerts.yml")).stream()).toList();
        assertThat(queries).hasSizeGreaterThan(20);
        List<String> failures = new ArrayList<>();
        for (MonitoringQueries.Query query : queries) {
            String problem = problem(query.expr());
            if (problem != null) {
                failures.add(query.origin() + ": " + problem + "\n    " + query.expr());
                continue;
            }
            for (String operand : MonitoringQueries.orOperands(query.expr())) {
                String operandProblem = problem(operand);
                if (operandProblem != null) {
                    failures.add(query.origin() + ", operand of or: " + operandProblem + "\n    " + operand);
                }
            }
        }
        assertThat(failures).as("queries failing against the running services").isEmpty();
    }

    private static String problem(String expr) {
        PrometheusServer.Result result = prometheus.query(expr);
        return result.error() != null ? result.error() : result.series().isEmpty() ? "no series" : null;
    }

    /**
     * A load that makes every metric of the dashboards exist: a loop answered by two workers (agreement), a claim
     * whose lease runs out while the rest goes on, predictions of both kinds, one garbage record, answered and
     * released tasks, an answer written while S3 is down (one failed write, then success), a loop started through
     * the A2I API, then the late answer to the lost lease (a claim conflict) and that loop stopped.
     */
    private static void drive() throws Exception {
        try (SageMakerClient sageMaker = DemoClients.sageMaker(standalone);
             SageMakerA2IRuntimeClient a2i = DemoClients.a2i(standalone)) {
            // queued ahead of the demo flow's tasks (shorter availability), so these are claimed first
            String pairFlow = createFlow(sageMaker, PAIR_FLOW, 2, 3_600, 600);
            // 30 s is the shortest TaskTimeLimitInSeconds A2I accepts; the long availability queues the task, once
            // its lease ends, behind every demo task, so that no claim below takes it back
            String leaseFlow = createFlow(sageMaker, LEASE_FLOW, 1, 172_800, 30);

            startLoop(a2i, pairFlow, PAIR_FLOW);
            answer(Demo.WORKER, claimNextTask(Demo.WORKER, PAIR_FLOW));
            answer(SECOND_WORKER, claimNextTask(SECOND_WORKER, PAIR_FLOW));

            startLoop(a2i, leaseFlow, LEASE_FLOW);
            JsonNode leased = claimNextTask(Demo.WORKER, LEASE_FLOW);

            for (int i = 0; i < 4; i++) {
                predict("ops-low-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), 0.3);
                predict("ops-high-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), 0.95);
            }
            produce("garbage-" + UUID.randomUUID(), "this is not a prediction");

            answer(Demo.WORKER, claimNextTask(Demo.WORKER, Demo.FLOW));
            JsonNode released = claimNextTask(Demo.WORKER, Demo.FLOW);
            assertThat(post(Demo.WORKER, "/api/worker/tasks/" + released.get("id").asString() + "/release", "")
                    .statusCode()).isBetween(200, 204);
            answer(Demo.WORKER, claimNextTask(Demo.WORKER, Demo.FLOW));

            standalone.infra().stopS3();
            try {
                answer(Demo.WORKER, claimNextTask(Demo.WORKER, Demo.FLOW));
                awaitMetric("result-writer", "reviewstream_output_writes_total{", "result=\"failure\"");
            } finally {
                standalone.infra().startS3();
            }
            a2i.startHumanLoop(r -> r.humanLoopName("ops-api-" + RUN)
                    .flowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + Demo.FLOW)
                    .humanLoopInput(i -> i.inputContent("{\"label\":\"cat\",\"confidence\":0.5}")));

            awaitMetric("task-service", "reviewstream_tasks_lease_expired_total{", "team=\"" + Demo.WORKTEAM + "\"");
            HttpResponse<String> late = post(Demo.WORKER, "/api/worker/tasks/" + leased.get("id").asString()
                    + "/answer", "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}");
            assertThat(late.statusCode()).as("an answer after the lease ended: " + late.body()).isEqualTo(409);
            a2i.stopHumanLoop(r -> r.humanLoopName(leased.get("loopName").asString()));
            awaitMetric("result-writer", "reviewstream_loops_finished_total{", "status=\"stopped\"");
            awaitMetric("result-writer", "reviewstream_answers_agreement_count{", "flow=\"" + PAIR_FLOW + "\"");
        }
    }

    private static String createFlow(SageMakerClient sageMaker, String name, int taskCount, int availability,
                                     int timeLimit) {
        return sageMaker.createFlowDefinition(r -> r.flowDefinitionName(name)
                .humanLoopConfig(h -> h.workteamArn("arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/"
                                + Demo.WORKTEAM)
                        .humanTaskUiArn("arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/" + Demo.TASK_UI)
                        .taskTitle("Check").taskDescription("Check the label").taskCount(taskCount)
                        .taskAvailabilityLifetimeInSeconds(availability).taskTimeLimitInSeconds(timeLimit))
                .outputConfig(o -> o.s3OutputPath("s3://" + Demo.OUTPUT_BUCKET + "/ops"))
                .roleArn(Demo.ROLE_ARN)).flowDefinitionArn();
    }

    private static void startLoop(SageMakerA2IRuntimeClient a2i, String flowArn, String flow) {
        a2i.startHumanLoop(r -> r.humanLoopName(flow + "-loop").flowDefinitionArn(flowArn)
                .humanLoopInput(i -> i.inputContent("{\"label\":\"cat\",\"confidence\":0.4}")));
    }

    private static void predict(String id, double confidence) throws Exception {
        produce(id, """
                {"predictionId":"%s","flowDefinitionName":"demo-flow",
                 "inputContent":{"label":"cat","confidence":%s}}""".formatted(id, confidence));
    }

    private static void answer(String worker, JsonNode task) throws Exception {
        HttpResponse<String> answered = post(worker, "/api/worker/tasks/" + task.get("id").asString() + "/answer",
                "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    }

    /** The next task for the worker, which must be of the given flow: the load relies on the queue's order. */
    private static JsonNode claimNextTask(String worker, String flow) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = post(worker, "/api/worker/tasks/next", "");
            if (response.statusCode() == 200) {
                JsonNode task = JSON.readTree(response.body());
                assertThat(task.get("flow").asString()).as("flow of the task claimed: " + task).isEqualTo(flow);
                return task;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            Thread.sleep(250);
        }
        throw new AssertionError("No task reached " + worker + " within " + WAIT);
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

    private static HttpResponse<String> post(String worker, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(standalone.url("task-service") + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (worker + ":" + Demo.WORKER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
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
