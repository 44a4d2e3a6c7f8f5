package io.reviewstream.taskservice.domain;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.MemberDefinition;
import io.reviewstream.schemas.avro.OidcMemberDefinition;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkteamDirectoryTest {

    private static final EmbeddedInfra infra = EmbeddedInfra.shared();
    private final Envelopes envelopes = new Envelopes(Clock.systemUTC());
    private final Topics topics = new Topics("wd" + UUID.randomUUID().toString().substring(0, 6) + ".",
            new SerdeFactory(new SchemaRegistryClient(infra.schemaRegistryUrl()), envelopes));

    /**
     * A freshly started instance must not tell a worker that their own task belongs to another team only because
     * it has not read the teams yet: until its view caught up it refuses to answer, and then it knows the team.
     */
    @Test
    void refusesToTellTeamsUntilItHasReadThoseThereWereAtStart() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()));
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     infra.bootstrapServers()), topics.workteams.keySerde().serializer(),
                     topics.workteams.valueSerde().serializer())) {
            admin.createTopics(List.of(new NewTopic(topics.workteams.name(), 2, (short) 1))).all().get();
            for (String team : List.of("reviewers", "auditors")) {
                producer.send(new ProducerRecord<>(topics.workteams.name(), team, Workteam.newBuilder()
                        .setEnvelope(envelopes.next("seed")).setName(team)
                        .setArn(new Arns("us-east-1", "123456789012").workteam(team)).setDescription(team)
                        .setMemberDefinitions(List.of(MemberDefinition.newBuilder().setOidc(OidcMemberDefinition
                                .newBuilder().setGroups(List.of("group-" + team)).build()).build()))
                        .setCreateDate(Instant.now()).setLastUpdatedDate(Instant.now()).build())).get();
            }
        }
        CompactedTopicView<Workteam> view = new CompactedTopicView<>(topics.workteams,
                KafkaClients.forBootstrapServers(infra.bootstrapServers()));
        WorkteamDirectory directory = new WorkteamDirectory(view);

        assertThatThrownBy(() -> directory.teamsOf(List.of("group-reviewers")))
                .isInstanceOf(NotReadyException.class);

        view.start();
        try {
            assertThat(view.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(directory.teamsOf(List.of("group-reviewers"))).containsExactly("reviewers");
            assertThat(directory.teamsOf(List.of("group-auditors", "group-reviewers")))
                    .containsExactly("auditors", "reviewers");
            assertThat(directory.teamsOf(List.of("group-nobody"))).isEmpty();
        } finally {
            view.stop();
        }
    }
}
