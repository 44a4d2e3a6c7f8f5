package io.reviewstream.taskservice.web;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.CognitoMemberDefinition;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.HumanTaskUiStatus;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.MemberDefinition;
import io.reviewstream.schemas.avro.OidcMemberDefinition;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.taskservice.TaskServiceApplication;
import io.reviewstream.taskservice.domain.WorkteamDirectory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * One running task-service on the real broker and registry, shared by the tests that extend this class (same
 * configuration, so Spring reuses one context). Topics get a prefix of their own, so earlier runs do not leak in.
 */
@SpringBootTest(classes = TaskServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + TaskServiceApplication.CONFIG_NAME)
abstract class RunningTaskService {

    static final String PASSWORD = "secret-password";
    static final String UI_CONTENT = "<crowd-form><p id=\"label\">{{ task.input.label }}</p>"
            + "<crowd-classifier name=\"category\" categories=\"['cat','dog']\" header=\"Which?\"></crowd-classifier>"
            + "</crowd-form>";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Path STATE;
    private static final Path USERS;

    static {
        try {
            STATE = Files.createTempDirectory("task-service-test");
            USERS = STATE.resolve("users.txt");
            String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
            Files.writeString(USERS, "# test workers\nalice:" + hash + ":group-a\nbob:" + hash + ":group-a,other\n"
                    + "carol:" + hash + ":group-b\ndave:" + hash + ":group-lease\nerin:" + hash + ":group-lease\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfra.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("reviewstream.kafka.topic-prefix", () -> "t" + RUN + ".");
        registry.add("reviewstream.tasks.application-id", () -> "task-service-test-" + RUN);
        registry.add("reviewstream.tasks.state-dir", () -> STATE.resolve("state").toString());
        registry.add("reviewstream.portal.users-file", USERS::toString);
    }

    private static boolean seeded;

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
     * (group-crowd) and lease (group-lease, for lease expiry, which must not leave tasks behind in other
     * tests' teams), and the task UI "ui".
     */
    final synchronized void seed() {
        if (seeded) {
            return;
        }
        for (String[] team : List.of(new String[]{"team-a", "group-a"}, new String[]{"team-b", "group-b"},
                new String[]{"crowd", "group-crowd"}, new String[]{"lease", "group-lease"})) {
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
        send(topics.taskUis, "ui", HumanTaskUi.newBuilder().setEnvelope(envelopes.next("seed")).setName("ui")
                .setArn(arns.humanTaskUi("ui")).setStatus(HumanTaskUiStatus.ACTIVE).setCreationTime(Instant.now())
                .setContent(UI_CONTENT).setContentSha256("unused").build());
        Instant deadline = Instant.now().plusSeconds(30);
        while (workteams.teamsOf(List.of("group-a", "group-b", "group-crowd", "group-lease")).size() < 5) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The work teams did not arrive");
            }
            LockSupport.parkNanos(50_000_000);
        }
        seeded = true;
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

    final String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
