package io.reviewstream.taskservice.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claim-next and answer latency through the worker API (HTTP Basic) with many workers on one team, against the real
 * broker. It prints figures and asserts none: run it on demand with {@code -Dtest=WorkerLatencyProbe} (its name keeps
 * it out of the normal test run). System properties: {@code probe.workers} (200), {@code probe.seconds} (20),
 * {@code probe.open} (1000, open tasks queued before the workers start, on top of those they will take),
 * {@code probe.commit-interval} (the service's default), {@code probe.bcrypt-cost} (4; a password check costs
 * what its hash's cost says on every Basic request), {@code probe.team-shards} (1).
 */
class WorkerLatencyProbe extends TaskServiceFixture {

    private static final String TEAM = "crowd";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final int WORKERS = Integer.getInteger("probe.workers", 200);
    private static final int SECONDS = Integer.getInteger("probe.seconds", 20);
    private static final int OPEN = Integer.getInteger("probe.open", 1000);
    private static final Pattern STREAM_THREAD_FIGURES = Pattern.compile(
            "kafka\\.stream\\.thread\\.(commit|process|poll|punctuate)\\.(latency\\.(avg|max)|rate|ratio)");
    private static final boolean TRACE = Boolean.getBoolean("probe.trace");
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final String PASSWORD = "probe-password";
    private static final Path STATE;

    static {
        try {
            STATE = Files.createTempDirectory("task-service-probe");
            String hash = new BCryptPasswordEncoder(Integer.getInteger("probe.bcrypt-cost", 4)).encode(PASSWORD);
            StringBuilder users = new StringBuilder();
            for (int w = 0; w < WORKERS; w++) {
                users.append("w").append(w).append(':').append(hash).append(":group-crowd\n");
            }
            Files.writeString(STATE.resolve("users.txt"), users);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void probe(DynamicPropertyRegistry registry) {
        infrastructure(registry, RUN, STATE.resolve("state"));
        registry.add("reviewstream.portal.users-file", () -> STATE.resolve("users.txt").toString());
        String commitInterval = System.getProperty("probe.commit-interval");
        if (commitInterval != null) {
            registry.add("reviewstream.tasks.commit-interval", () -> commitInterval);
        }
        String shards = System.getProperty("probe.team-shards");
        if (shards != null) {
            registry.add("reviewstream.tasks.team-shards", () -> shards);
        }
    }

    @Autowired
    CompactedTopicView<TeamQueue> teamQueuesView;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void claimAndAnswerLatencyWithManyWorkersOnOneTeam() throws Exception {
        seed();
        // what the workers can take in the run at the rate aimed for (300 claims + answers a second), on top
        int loops = OPEN + 150 * SECONDS;
        Instant queuing = Instant.now();
        queueLoops(loops);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (teamQueuesView.get(TEAM).map(TeamQueue::getOpen).orElse(0) < loops) {
            assertThat(Instant.now()).as("all loops queued").isBefore(deadline);
            Thread.sleep(200);
        }
        System.out.printf("probe: %d loops queued in %d ms%n", loops,
                Duration.between(queuing, Instant.now()).toMillis());

        List<Long> claims = Collections.synchronizedList(new ArrayList<>());
        List<Long> answers = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Instant start = Instant.now();
        Instant measureFrom = start.plus(WARM_UP);
        Instant end = start.plus(Duration.ofSeconds(SECONDS));
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                String user = "w" + w;
                workers.add(pool.submit(() -> {
                    while (Instant.now().isBefore(end)) {
                        boolean measured = Instant.now().isAfter(measureFrom);
                        long t0 = System.nanoTime();
                        HttpResponse<String> claim = post(user, "/api/worker/tasks/next", "");
                        long t1 = System.nanoTime();
                        statuses.computeIfAbsent("claim " + claim.statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                        if (claim.statusCode() != 200) {
                            continue;
                        }
                        String id = JSON.readTree(claim.body()).get("id").asString();
                        HttpResponse<String> answer = post(user, "/api/worker/tasks/" + id + "/answer",
                                "{\"answerContent\":{\"label\":\"cat\"}}");
                        long t2 = System.nanoTime();
                        statuses.computeIfAbsent("answer " + answer.statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                        if (TRACE) {
                            System.out.printf("probe: %s claim %.1f ms answer %.1f ms%n", user, (t1 - t0) / 1e6,
                                    (t2 - t1) / 1e6);
                        }
                        if (measured) {
                            claims.add(t1 - t0);
                            answers.add(t2 - t1);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = Duration.between(measureFrom, end).toMillis() / 1000.0;
        System.out.printf("probe: %d workers, %d open tasks before, commit interval %s, shards %s%n", WORKERS, loops,
                System.getProperty("probe.commit-interval", "default"), System.getProperty("probe.team-shards", "1"));
        System.out.printf("probe: claim  %s%n", summary(claims));
        System.out.printf("probe: answer %s%n", summary(answers));
        System.out.printf("probe: %.0f claims + answers /s over %.0f s; statuses %s%n",
                (claims.size() + answers.size()) / seconds, seconds, statuses);
        // where the queue owner's time goes: Kafka Streams' own figures for its stream thread
        meters.getMeters().stream()
                .filter(meter -> STREAM_THREAD_FIGURES.matcher(meter.getId().getName()).matches())
                .forEach(meter -> meter.measure().forEach(m -> System.out.printf("probe: %s = %.2f%n",
                        meter.getId().getName(), m.getValue())));
    }

    private HttpResponse<String> post(String user, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", RunningTaskService.basic(user, PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void queueLoops(int count) throws Exception {
        FlowDefinition flow = FlowDefinition.newBuilder()
                .setEnvelope(envelopes.next("probe")).setName("flow-" + TEAM).setArn(arns.flowDefinition("flow-" + TEAM))
                .setVersion(1).setStatus(FlowDefinitionStatus.ACTIVE).setCreationTime(Instant.now())
                .setHumanLoopConfig(HumanLoopConfig.newBuilder().setWorkteamArn(arns.workteam(TEAM))
                        .setHumanTaskUiArn(arns.humanTaskUi("ui")).setTaskTitle("Classify")
                        .setTaskDescription("Pick a label").setTaskCount(1).build())
                .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath("s3://bucket/out").build())
                .setRoleArn("arn:aws:iam::111122223333:role/reviewstream").build();
        try (KafkaProducer<String, LoopStarted> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20), topics.loops.keySerde().serializer(),
                topics.loops.valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                String name = "p" + RUN + "-" + i;
                producer.send(new ProducerRecord<>(topics.loops.name(), name, LoopStarted.newBuilder()
                        .setEnvelope(envelopes.next("corr-" + name)).setHumanLoopName(name)
                        .setHumanLoopArn(arns.humanLoop(name)).setCreationTime(Instant.now())
                        .setFlowDefinition(flow).setSource(LoopSource.START_HUMAN_LOOP)
                        .setInputContent("{\"label\":\"cat\"}").build()));
            }
        }
    }

    private static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "no samples";
        }
        return String.format("n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms", sorted.size(),
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
