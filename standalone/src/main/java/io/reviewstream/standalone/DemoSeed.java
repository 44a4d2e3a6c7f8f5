package io.reviewstream.standalone;

import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.HumanTaskUiStatus;
import io.reviewstream.schemas.avro.MemberDefinition;
import io.reviewstream.schemas.avro.OidcMemberDefinition;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.avro.specific.SpecificRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Seeds the demo work team, task UI and flow definition on the control-plane topics, once: a restart finds them
 * and leaves them (and any change a user made to them) alone.
 */
final class DemoSeed {

    private final Topics topics;
    private final Arns arns;
    private final Envelopes envelopes;
    private final Clock clock;
    private final String bootstrapServers;

    DemoSeed(Topics topics, Arns arns, Clock clock, String bootstrapServers) {
        this.topics = topics;
        this.arns = arns;
        this.envelopes = new Envelopes(clock);
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
    }

    void seed() {
        seedIfAbsent(topics.workteams, Demo.WORKTEAM, this::workteam);
        seedIfAbsent(topics.taskUis, Demo.TASK_UI, this::taskUi);
        seedIfAbsent(topics.flowDefinitions, Demo.FLOW, this::flow);
    }

    private <V extends SpecificRecord> void seedIfAbsent(Topic<String, V> topic, String name,
                                                         java.util.function.Supplier<V> value) {
        CompactedTopicView<V> view = new CompactedTopicView<>(topic, bootstrapServers);
        view.start();
        try {
            if (!view.awaitCaughtUp(Duration.ofSeconds(60))) {
                throw new IllegalStateException("Could not read " + topic.name() + " to seed the demo");
            }
            if (view.get(name).isPresent()) {
                return;
            }
        } finally {
            view.stop();
        }
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), name, value.get())).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not seed " + name + " on " + topic.name(), e);
        }
    }

    private Workteam workteam() {
        return Workteam.newBuilder()
                .setEnvelope(envelopes.next("standalone-demo"))
                .setName(Demo.WORKTEAM)
                .setArn(arns.workteam(Demo.WORKTEAM))
                .setDescription("Demo reviewers of the standalone mode")
                .setMemberDefinitions(List.of(MemberDefinition.newBuilder()
                        .setOidc(OidcMemberDefinition.newBuilder().setGroups(List.of(Demo.GROUP)).build()).build()))
                .setCreateDate(clock.instant())
                .setLastUpdatedDate(clock.instant())
                .build();
    }

    private HumanTaskUi taskUi() {
        return HumanTaskUi.newBuilder()
                .setEnvelope(envelopes.next("standalone-demo"))
                .setName(Demo.TASK_UI)
                .setArn(arns.humanTaskUi(Demo.TASK_UI))
                .setStatus(HumanTaskUiStatus.ACTIVE)
                .setCreationTime(clock.instant())
                .setContent(Demo.TEMPLATE)
                .setContentSha256(sha256(Demo.TEMPLATE))
                .build();
    }

    private FlowDefinition flow() {
        return FlowDefinition.newBuilder()
                .setEnvelope(envelopes.next("standalone-demo"))
                .setName(Demo.FLOW)
                .setArn(arns.flowDefinition(Demo.FLOW))
                .setVersion(1)
                .setStatus(FlowDefinitionStatus.ACTIVE)
                .setCreationTime(clock.instant())
                .setActivationConditions(Demo.CONDITIONS)
                .setHumanLoopConfig(HumanLoopConfig.newBuilder()
                        .setWorkteamArn(arns.workteam(Demo.WORKTEAM))
                        .setHumanTaskUiArn(arns.humanTaskUi(Demo.TASK_UI))
                        .setTaskTitle("Classify the picture")
                        .setTaskDescription("Check the model's label and correct it if needed")
                        .setTaskCount(1)
                        .setTaskAvailabilityLifetimeInSeconds(86_400)
                        .setTaskTimeLimitInSeconds(600)
                        .build())
                .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath(Demo.OUTPUT_PATH).build())
                .setRoleArn(Demo.ROLE_ARN)
                .build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
