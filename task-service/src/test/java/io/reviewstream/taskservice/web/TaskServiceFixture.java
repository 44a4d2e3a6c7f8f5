package io.reviewstream.taskservice.web;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.embedded.TopicContents;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.CognitoMemberDefinition;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopAnswers;
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
import io.reviewstream.taskservice.domain.NotReadyException;
import io.reviewstream.taskservice.domain.WorkteamDirectory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running task-service on the real broker and registry, with the work teams and task UI its web tests use. The
 * subclass configures it with a {@code @DynamicPropertySource} that starts with {@link #infrastructure}; tests with
 * the same configuration share one context. Topics get a prefix per configuration, so earlier runs and other
 * contexts do not leak in.
 */
@SpringBootTest(classes = TaskServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + TaskServiceApplication.CONFIG_NAME)
abstract class TaskServiceFixture {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String UI_CONTENT = "<crowd-form><p id=\"label\">{{ task.input.label }}</p>"
            + "<crowd-classifier name=\"category\" categories=\"['cat','dog']\" header=\"Which?\"></crowd-classifier>"
            + "</crowd-form>";

    /** The topic prefixes whose work teams and task UI are on the broker already (guarded by itself). */
    private static final Set<String> SEEDED = new HashSet<>();

    /** The broker, registry and store, and topics, Streams application and state of the run's own. */
    static void infrastructure(DynamicPropertyRegistry registry, String run, Path stateDir) {
        EmbeddedInfra.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("reviewstream.kafka.topic-prefix", () -> "t" + run + ".");
        registry.add("reviewstream.tasks.application-id", () -> "task-service-test-" + run);
        registry.add("reviewstream.tasks.state-dir", stateDir::toString);
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
    WorkteamDirectory workteams;

    /**
     * Work teams team-a (OIDC group-a), team-b (OIDC group-b), team-c (Cognito user group group-b), crowd
     * (group-crowd), lease (group-lease, for lease expiry, which must not leave tasks behind in other
     * tests' teams) and sharded (group-sharded, whose queue {@link RunningTaskService} spreads over shards), and the
     * task UI "ui".
     */
    final void seed() {
        synchronized (SEEDED) {
            if (!SEEDED.contains(topics.workteams.name())) {
                seedNow();
                SEEDED.add(topics.workteams.name());
            }
        }
    }

    private void seedNow() {
        for (String[] team : List.of(new String[]{"team-a", "group-a"}, new String[]{"team-b", "group-b"},
                new String[]{"crowd", "group-crowd"}, new String[]{"lease", "group-lease"},
                new String[]{"sharded", "group-sharded"}, new String[]{"waiting", "group-wait"})) {
            send(topics.workteams, team[0], Workteam.newBuilder().setEnvelope(envelopes.next("seed"))
                    .setName(team[0]).setArn(arns.workteam(team[0])).setDescription(team[0])
                    .setMemberDefinitions(List.of(MemberDefinition.newBuilder()
                            .setOidc(OidcMemberDefinition.newBuilder().setGroups(List.of(team[1])).build()).build()))
                    .setCreateDate(Instant.now()).setLastUpdatedDate(Instant.now()).build());
        }
        send(topics.workteams, "team-c", Workteam.newBuilder().setEnvelope(envelopes.next("seed"))
                .setName("team-c").setArn(arns.workteam("team-c")).setDescription("Cognito-defined")
                .setMemberDefinitions(List.of(MemberDefinition.newBuilder().setCognito(CognitoMemberDefinition
                        .newBuilder().setUserPool("us-east-1_pool").setUserGroup("group-b").setClientId("client")
                        .build()).build()))
                .setCreateDate(Instant.now()).setLastUpdatedDate(Instant.now()).build());
        send(topics.taskUis, "ui", TaskUis.active(envelopes.next("seed"), arns, "ui", UI_CONTENT, Instant.now(),
                List.of()));
        Instant deadline = Instant.now().plusSeconds(30);
        while (teamsKnown() < 7) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The work teams did not arrive");
            }
            LockSupport.parkNanos(50_000_000);
        }
    }

    private int teamsKnown() {
        try {
            return workteams.teamsOf(List.of("group-a", "group-b", "group-crowd", "group-lease", "group-sharded",
                    "group-wait")).size();
        } catch (NotReadyException stillReading) {
            return 0;
        }
    }

    final void startLoop(String name, String team, int taskCount) {
        startLoop(name, team, taskCount, null, null);
    }

    /** A loop whose flow sets TaskTimeLimitInSeconds and TaskAvailabilityLifetimeInSeconds (null: the defaults). */
    final void startLoop(String name, String team, int taskCount, Integer timeLimit, Integer lifetime) {
        FlowDefinition flow = FlowDefinition.newBuilder()
                .setEnvelope(envelopes.next("seed")).setName("flow-" + team).setArn(arns.flowDefinition("flow-" + team))
                .setVersion(1).setStatus(FlowDefinitionStatus.ACTIVE).setCreationTime(Instant.now())
                .setHumanLoopConfig(HumanLoopConfig.newBuilder().setWorkteamArn(arns.workteam(team))
                        .setHumanTaskUiArn(arns.humanTaskUi("ui")).setTaskTitle("Classify")
                        .setTaskDescription("Pick a label").setTaskCount(taskCount)
                        .setTaskTimeLimitInSeconds(timeLimit).setTaskAvailabilityLifetimeInSeconds(lifetime).build())
                .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath("s3://bucket/out").build())
                .setRoleArn("arn:aws:iam::111122223333:role/reviewstream").build();
        send(topics.loops, name, LoopStarted.newBuilder().setEnvelope(envelopes.next("corr-" + name))
                .setHumanLoopName(name).setHumanLoopArn(arns.humanLoop(name)).setCreationTime(Instant.now())
                .setFlowDefinition(flow).setSource(LoopSource.START_HUMAN_LOOP)
                .setInputContent("{\"label\":\"cat\"}").build());
    }

    final <V> void send(Topic<String, V> topic, String key, V value) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a read_committed reader finds on rs.answers for the loop right now, without waiting. */
    final LoopAnswers committedAnswers(String loop) {
        LoopAnswers found = null;
        for (ConsumerRecord<String, LoopAnswers> record : TopicContents.readAll(
                EmbeddedInfra.shared().bootstrapServers(), topics.answers.name(),
                topics.answers.keySerde().deserializer(), topics.answers.valueSerde().deserializer(),
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            if (record.key().equals(loop)) {
                found = record.value();
            }
        }
        assertThat(found).as("LoopAnswers of " + loop).isNotNull();
        return found;
    }

    /** Waits until {@code GET /api/worker/tasks}, as {@code worker} fetches it, counts an open task for the team. */
    final void awaitOpen(Fetch worker, String team) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            for (JsonNode t : JSON.readTree(worker.body("/api/worker/tasks")).get("teams")) {
                if (t.get("name").asString().equals(team) && t.get("open").asInt() > 0) {
                    return;
                }
            }
            assertThat(Instant.now()).as("a task is queued for " + team).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** A signed-in worker's GET, whichever way they signed in. */
    @FunctionalInterface
    interface Fetch {
        String body(String path) throws Exception;
    }

    final String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
